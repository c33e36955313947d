import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { DEFAULT_LIMITS } from '../limits.ts';
import type { ParError } from '../../core/index.ts';
import { xlsxOf } from '../testFiles.ts';
import { readXlsx } from './read.ts';

const read = async (bytes: Uint8Array) => readXlsx(bytes, DEFAULT_LIMITS, 'tep.xlsx');

test('cells as an officer leaves them in Excel: strings, rich text, numbers, dates, booleans, errors, formulas with and without a stored value, merges', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Kết quả');
  sheet.getCell('A1').value = 'Đơn vị <Tam Đường> & "Sìn Hồ"';
  sheet.getCell('B1').value = { richText: [{ text: 'Điểm ' }, { text: 'đạt', font: { bold: true } }] };
  sheet.getCell('A2').value = 9.52;
  sheet.getCell('B2').value = new Date(Date.UTC(2024, 4, 15));
  sheet.getCell('B2').numFmt = 'dd/mm/yyyy';
  sheet.getCell('C2').value = 0.7052;
  sheet.getCell('C2').numFmt = '0.00%';
  sheet.getCell('A3').value = true;
  sheet.getCell('B3').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  sheet.getCell('A4').value = { formula: 'A2*2', result: 19.04 } as ExcelJS.CellFormulaValue;
  sheet.getCell('B4').value = { formula: 'A2*3' } as ExcelJS.CellFormulaValue;
  sheet.getCell('C4').value = { formula: 'A1', result: 'văn bản' } as ExcelJS.CellFormulaValue;
  sheet.mergeCells('D1:E2');
  sheet.getCell('D1').value = 'Tiêu chí gộp';
  sheet.getCell('A6').value = '  9,52 ';
  workbook.addWorksheet('Thông tin').getCell('B2').value = 2023;
  const { sheets, notices } = await read(new Uint8Array(await workbook.xlsx.writeBuffer()));
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['Kết quả', 'Thông tin'],
  );
  const [rows] = sheets.map((s) => s.rows);
  assert.deepEqual(rows![0], ['Đơn vị <Tam Đường> & "Sìn Hồ"', 'Điểm đạt', null, 'Tiêu chí gộp']);
  assert.deepEqual(rows![1], [9.52, new Date(Date.UTC(2024, 4, 15)), 0.7052], 'the cells a merge covers are empty');
  assert.equal(rows![2]![0], true);
  assert.match(JSON.stringify(rows![2]![1]), /#DIV\/0!/);
  assert.equal(rows![3]![0], 19.04);
  assert.deepEqual(rows![3]![1], {
    problem: {
      vi: 'ô có công thức nhưng chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại, hoặc dán giá trị thay cho công thức',
      en: 'the cell has a formula but no stored value: open the file in Excel and save it, or paste the values over the formulas',
    },
    raw: '=A2*3',
  });
  assert.equal(rows![3]![2], 'văn bản');
  assert.deepEqual(rows![4], []);
  assert.deepEqual(rows![5], ['  9,52 ']);
  assert.deepEqual(sheets[1]!.rows, [[], [null, 2023]]);
  assert.match(notices[0]!.vi, /^3 ô có công thức/);
});

/** A minimal .xlsx written by hand: what other programs write and exceljs does not (inline strings, shared formulas, a prefix, 1904 dates). */
function handWritten(sheetXml: string, options: { date1904?: boolean; strings?: string } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Trang &amp; 1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/styles.xml': strToU8(
      '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`,
    ),
  };
  if (options.strings)
    files['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${options.strings}</sst>`,
    );
  return zipSync(files);
}

test('files from other programs: inline and phonetic strings, shared formulas, namespace prefixes, rows and cells without positions, the 1904 date system', async () => {
  const bytes = handWritten(
    '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Mường Tè</x:t></x:is></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c r="D2" s="1"><x:v>0</x:v></x:c></x:row>' +
      '<x:row><x:c r="A3"><x:f t="shared" ref="A3:A4" si="0">B3+1</x:f><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4"><x:f t="shared" si="0"/></x:c><x:c r="B4" t="b"><x:v>0</x:v></x:c></x:row>',
    { date1904: true, strings: '<si><r><t>Phong </t></r><r><t xml:space="preserve">Thổ</t></r><rPh><t>ふりがな</t></rPh></si>' },
  );
  const { sheets } = await read(bytes);
  assert.equal(sheets[0]!.name, 'Trang & 1');
  assert.deepEqual(sheets[0]!.rows[1], ['Mường Tè', 'Phong Thổ', null, new Date(Date.UTC(1904, 0, 1))]);
  assert.equal(sheets[0]!.rows[2]![0], 2);
  assert.deepEqual((sheets[0]!.rows[3]![0] as { raw: string }).raw, '=A3', 'a shared formula without a stored value names the formula it shares');
  assert.equal(sheets[0]!.rows[3]![1], false);
});

test('a cell pointing at a shared string that does not exist, or placed off the sheet, makes the file unreadable, not a crash', async () => {
  await assert.rejects(read(handWritten('<x:row r="1"><x:c r="A1" t="s"><x:v>7</x:v></x:c></x:row>')), { code: 'xlsx.unreadable' });
  await assert.rejects(read(handWritten('<x:row r="1"><x:c r="XFE1"><x:v>1</x:v></x:c></x:row>')), { code: 'xlsx.unreadable' });
});

test('the cell limit counts cells with a value, whichever sheet they are on', async () => {
  const cells = Array.from({ length: 5 }, (_, i) => `<x:c r="A${i + 1}"><x:v>${i}</x:v></x:c><x:c r="B${i + 1}" s="0"/>`).join('');
  await assert.rejects(readXlsx(handWritten(`<x:row r="1">${cells}</x:row>`), { ...DEFAULT_LIMITS, maxCells: 4 }, 'tep.xlsx'), { code: 'import.tooManyCells' });
  assert.equal((await readXlsx(handWritten(`<x:row r="1">${cells}</x:row>`), { ...DEFAULT_LIMITS, maxCells: 5 }, 'tep.xlsx')).sheets[0]!.rows.length, 5);
});

test('the read time limit stops a read in progress: 20,000 rows with 1 ms are refused, with the default they read', async () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => [`Xã ${i + 1}`, i % 10, (i % 7) / 4]);
  const bytes = await xlsxOf([{ name: 'Kết quả', rows }]);
  await assert.rejects(
    readXlsx(bytes, { ...DEFAULT_LIMITS, timeoutMs: 1 }, 'lon.xlsx'),
    (e: ParError) => e.code === 'xlsx.timeout' && e.issues[0]!.file === 'lon.xlsx',
  );
  assert.equal((await read(bytes)).sheets[0]!.rows.length, 20_000);
});
