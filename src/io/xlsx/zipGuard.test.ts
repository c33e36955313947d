import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inflateSync } from 'fflate';
import { ParError } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { readWorkbook } from '../index.ts';
import { xlsxOf, zipOf } from '../testFiles.ts';
import { openZip } from './zip.ts';

async function refusal(bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<ParError> {
  try {
    await readWorkbook(bytes, { file: 'x.xlsx', format: 'xlsx', limits });
  } catch (error) {
    if (error instanceof ParError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

test('a 50 MB file is refused by its size before it is parsed; the limit is configurable', async () => {
  const big = new Uint8Array(50 * 1024 * 1024);
  big[0] = 0x50;
  big[1] = 0x4b;
  // Only its first two bytes are a zip's: read as one, it would be refused as broken, not by its size.
  const error = await refusal(big);
  assert.equal(error.code, 'import.tooLarge');
  assert.match(error.issues[0]!.message.vi, /tệp 50 MB, vượt giới hạn 20 MB/);
  const small = await xlsxOf([{ name: 'Kết quả', rows: [['Đơn vị']] }]);
  assert.equal((await refusal(small, { ...DEFAULT_LIMITS, maxBytes: 1000 })).code, 'import.tooLarge');
});

test('a zip bomb (an entry inflating a thousandfold) is refused from its declared sizes', async () => {
  const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(20 * 1024 * 1024) }]);
  assert.ok(bomb.length < 100_000);
  const error = await refusal(bomb);
  assert.equal(error.code, 'xlsx.zipBomb');
  assert.match(error.issues[0]!.message.en, /inflates too much/);
  const many = zipOf([
    { name: 'a.xml', data: Buffer.alloc(600_000, 'a') },
    { name: 'b.xml', data: Buffer.alloc(600_000, 'b') },
  ]);
  assert.equal((await refusal(many, { ...DEFAULT_LIMITS, maxUncompressedBytes: 1_000_000 })).code, 'xlsx.zipBomb');
});

test('an entry that inflates to more than it declares is refused while it is read', async () => {
  const liar = zipOf([{ name: 'xl/workbook.xml', data: Buffer.alloc(5000, 'x'), declaredSize: 1000 }]);
  const error = await refusal(liar);
  assert.equal(error.code, 'xlsx.zipBomb');
  assert.match(error.issues[0]!.message.en, /actual size differs/);
});

test('an old .xls, a file that is not a zip, and bytes hidden between entries are refused with the way out', async () => {
  const xls = Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex');
  assert.equal((await refusal(xls)).code, 'xlsx.legacyFormat');
  assert.equal((await refusal(Buffer.from('PK not really a zip'))).code, 'xlsx.notZip');
  const zip = zipOf([{ name: 'a.xml', data: Buffer.from('<a/>') }]);
  const hidden = Buffer.concat([Buffer.from('JUNK'), zip]);
  const error = await refusal(hidden);
  assert.ok(['xlsx.inconsistent', 'xlsx.notZip'].includes(error.code), error.code);
});

test('a valid workbook passes the guard and is read', async () => {
  const bytes = await xlsxOf([
    {
      name: 'Kết quả',
      rows: [
        ['Đơn vị', 'Chỉ số 1'],
        ['Tam Đường', 9.52],
      ],
    },
  ]);
  const workbook = await readWorkbook(bytes, { format: 'xlsx' });
  assert.deepEqual(workbook.sheets[0]!.rows, [
    ['Đơn vị', 'Chỉ số 1'],
    ['Tam Đường', 9.52],
  ]);
});

test('the inflate stops at its deadline and lets timers run while it reads', async () => {
  // 9 MB of varied XML text in one entry: long enough to inflate that the clock is read many times.
  const text = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `<c r="A${i}"><v>${(i * 7919) % 100_003}</v></c>`).join(''));
  const bytes = zipOf([{ name: 'big.xml', data: text }]);
  const zip = openZip(bytes, { ...DEFAULT_LIMITS, maxUncompressedBytes: 100 * 1024 * 1024 });
  const tooSlow = () => new Error('too slow');
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const whole = await zip.read(() => true, Date.now() + 60_000, tooSlow);
    assert.equal(whole.get('big.xml')!.length, text.length);
    assert.ok(ticks > 0, 'timers fired during the read');
    await assert.rejects(
      zip.read(() => true, Date.now() + 2, tooSlow),
      /too slow/,
    );
  } finally {
    clearInterval(timer);
  }
});

test('a bomb that lies about its size is stopped at the size it declared, before it is inflated whole', async () => {
  const liar = zipOf([{ name: 'xl/workbook.xml', data: Buffer.alloc(64 * 1024 * 1024), declaredSize: 1000 }]);
  const zip = openZip(liar, DEFAULT_LIMITS);
  // This thread's CPU (not V8's helper threads'), compared with the same inflater's whole run: the
  // stop comes after the first chunk (≈ 8 MB of the bomb's 64 MB), whatever the machine's load.
  const cpu = (since: NodeJS.CpuUsage) => {
    const used = process.threadCpuUsage(since);
    return used.user + used.system;
  };
  let started = process.threadCpuUsage();
  await assert.rejects(
    zip.read(
      () => true,
      Date.now() + 60_000,
      () => new Error('too slow'),
    ),
    (error: ParError) => error.code === 'xlsx.zipBomb' && /actual size differs/.test(error.issues[0]!.message.en),
  );
  const stopped = cpu(started);
  started = process.threadCpuUsage();
  inflateSync(liar.subarray(30 + 'xl/workbook.xml'.length, liar.length - 22 - 46 - 'xl/workbook.xml'.length));
  const whole = cpu(started);
  assert.ok(stopped * 3 < whole, `stopped after ${stopped / 1000} ms of CPU, the whole inflate takes ${whole / 1000} ms`);
});
