import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../../core/index.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { readWorkbook } from '../index.ts';
import { xlsxOf, zipOf } from '../testFiles.ts';

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
  const started = performance.now();
  const error = await refusal(big);
  assert.equal(error.code, 'import.tooLarge');
  assert.match(error.issues[0]!.message.vi, /tệp 50 MB, vượt giới hạn 20 MB/);
  assert.ok(performance.now() - started < 1000);
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
