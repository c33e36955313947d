import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../core/index.ts';
import { importWorkbook, readWorkbook, type ResultsImport } from './index.ts';
import { demoDataset, withoutResults, zipOf } from './testFiles.ts';

const dataset = withoutResults(demoDataset());
const CSV = 'STT;Đơn vị;Chỉ số 1;Chỉ số 2\r\n1;Tam Đường;9,52;5\r\n2;Than Uyên;10,75;4,75\r\n';

async function refusal(bytes: Uint8Array, file: string): Promise<ParError> {
  try {
    await readWorkbook(bytes, { file });
  } catch (error) {
    if (error instanceof ParError) return error;
    throw error;
  }
  assert.fail(`${file} should be refused`);
}

async function scoresOf(bytes: Uint8Array, file: string) {
  const workbook = await readWorkbook(bytes, { file });
  const imported = importWorkbook(workbook, dataset, { kind: 'results', year: 2023 }) as ResultsImport;
  return { notices: workbook.notices.map((n) => n.vi), units: imported.results.units.map((u) => [u.unitId, u.scores.get('1')!.total]) };
}

/** Vietnamese text in Windows-1258: base letters precomposed (ơ, ư, ê, đ), tone marks combining — as Excel on Vietnamese Windows saves «CSV». */
function windows1258(text: string): Uint8Array {
  const table = new Map<string, number>();
  const decoder = new TextDecoder('windows-1258');
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  const bytes: number[] = [];
  for (const ch of text.normalize('NFD')) {
    if (table.has(ch)) bytes.push(table.get(ch)!);
    else {
      // A horn, breve or circumflex joins its base letter; the tone mark stays combining.
      const base = bytes.pop()!;
      bytes.push(table.get(`${decoder.decode(Uint8Array.of(base))}${ch}`.normalize('NFC'))!);
    }
  }
  return Uint8Array.from(bytes);
}

test('CSV in UTF-16 (Excel «Unicode Text») and in Windows-1258 (Excel «CSV» on Vietnamese Windows) is read, the code page with a notice', async () => {
  const expected = [
    ['tam-duong', 9_520_000],
    ['than-uyen', 10_750_000],
  ];
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV.replaceAll(';', '\t'), 'utf16le')]);
  assert.deepEqual(await scoresOf(utf16, 'ket-qua.txt'), { notices: [], units: expected });
  const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CSV, 'utf16le').swap16()]);
  assert.deepEqual((await scoresOf(utf16be, 'ket-qua.csv')).units, expected);
  const legacy = await scoresOf(windows1258(CSV), 'ket-qua.csv');
  assert.deepEqual(legacy.units, expected, 'Tam Đường and Than Uyên matched once decoded');
  assert.match(legacy.notices[0]!, /Windows-1258/);
});

test('a file is read by its content, not its name: CSV named .xlsx is read as CSV (said), .ods and .xls named .xlsx are refused by what they are', async () => {
  const named = await scoresOf(new TextEncoder().encode(CSV), 'ket-qua.xlsx');
  assert.equal(named.units.length, 2);
  assert.match(named.notices[0]!, /tên \.xlsx nhưng là văn bản CSV/);
  const ods = zipOf([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), stored: true },
    { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
  ]);
  const odsRefusal = await refusal(ods, 'ket-qua.xlsx');
  assert.equal(odsRefusal.issues[0]!.code, 'xlsx.openDocument');
  assert.match(odsRefusal.issues[0]!.message.vi, /OpenDocument \(\.ods/);
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  assert.equal((await refusal(xls, 'ket-qua.xlsx')).issues[0]!.code, 'xlsx.legacyFormat');
  assert.equal((await refusal(xls, 'ket-qua.csv')).issues[0]!.code, 'xlsx.legacyFormat', 'an .xls saved as .csv too');
});

test('an empty file is refused as empty, whatever its name', async () => {
  for (const file of ['ket-qua.xlsx', 'ket-qua.csv']) {
    const error = await refusal(new Uint8Array(), file);
    assert.equal(error.issues[0]!.code, 'import.emptyFile');
    assert.match(error.issues[0]!.message.vi, /tệp rỗng/);
    assert.match(error.issues[0]!.message.en, /empty/);
  }
});
