import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { importWorkbook, readWorkbook, templateTables, writeTables, type ResultsImport } from '../index.ts';
import { demoDataset } from '../testFiles.ts';

const dataset = demoDataset();

/** The results template of 2023, filled in the way an officer does: a few cells typed, the rest left as it came. */
async function filledTemplate(fill: (sheet: ExcelJS.Worksheet, rowOf: (unit: string) => ExcelJS.Row) => void): Promise<Uint8Array> {
  const template = await writeTables(templateTables(dataset, { kind: 'results', framework: 'lai-chau-district-2023', year: 2023 }), { format: 'xlsx' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Kết quả')!;
  const rowOf = (unit: string) => {
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === unit) found = row;
    });
    return found!;
  };
  fill(sheet, rowOf);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function importOver(bytes: Uint8Array, replace = false): Promise<ResultsImport> {
  return importWorkbook(await readWorkbook(bytes, { file: 'mau.xlsx' }), dataset, { kind: 'results', replace }) as ResultsImport;
}

test('a filled-in template changes only the cells typed: its empty cells, blank indicator rows and empty sheets keep what is stored', async () => {
  const bytes = await filledTemplate((_, rowOf) => {
    const row = rowOf('than-uyen');
    row.getCell(4).value = '10,8'; // component 1, a decimal comma typed as text
    row.getCell(2).value = null; // the unit named only, without diacritics
    row.getCell(3).value = 'Than Uyen';
  });
  const imported = await importOver(bytes);
  assert.deepEqual(
    imported.changes.map((c) => [c.change, c.unitId, c.item, c.code, c.part, c.before, c.after]),
    [
      ['changed', 'than-uyen', 'score', '1', 'total', '10.75', '10.8'],
      ['changed', 'than-uyen', 'score', '1', 'appraisal', '10.75', '10.8'],
    ],
  );
  const tamDuong = imported.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.equal(tamDuong.deductions.length, 16, 'the empty «Điểm trừ» sheet removes nothing');
  assert.equal(tamDuong.indicators.get('7.3.6')!.numerator, 10, 'the blank «Chỉ tiêu» rows remove nothing');
  assert.equal(tamDuong.published?.total?.text, '78,12', 'the empty «Công bố» cells remove nothing');
});

test('with replace the filled-in template is the whole truth: what it leaves empty is removed, units it leaves blank are dropped', async () => {
  const bytes = await filledTemplate((_, rowOf) => {
    [9.52, 5, 13.4753, 7.409775, 5.5, 2.5371, 10.8734, 1.5043, 22.3].forEach((v, i) => (rowOf('tam-duong').getCell(4 + i).value = v));
  });
  const imported = await importOver(bytes, true);
  assert.deepEqual(
    imported.results.units.map((u) => u.unitId),
    ['tam-duong'],
    'units without a figure in the file are dropped',
  );
  const unit = imported.results.units[0]!;
  assert.equal(unit.deductions.length, 0);
  assert.equal(unit.indicators.size, 0);
  assert.equal(unit.published?.total, undefined, 'the empty «Tổng điểm» cell removes the printed total');
  assert.equal(unit.published?.appraisal?.text, '55,81', 'a figure the file has no column for stays');
});

test('a number cell equal to the printed figure keeps the printed text; a whole score equal to the stored split keeps the split', async () => {
  const bytes = await filledTemplate((sheet, rowOf) => {
    const row = rowOf('tam-duong');
    let total = 0;
    let rank = 0;
    sheet.getRow(4).eachCell((cell, c) => {
      if (cell.value === 'Tổng điểm') total = c;
      if (cell.value === 'Xếp hạng') rank = c;
    });
    row.getCell(total).value = 78.12;
    row.getCell(rank).value = 4;
  });
  assert.deepEqual((await importOver(bytes)).changes, []);
  const whole = await importWorkbook(
    await readWorkbook(
      await writeTables(
        [
          {
            name: 'Kết quả',
            columns: [
              { header: ['Đơn vị'], format: 'text' },
              { header: ['Chỉ số 8'], format: 'pointsExact' },
            ],
            rows: [['Tam Đường', 23.8043]],
          },
        ],
        { format: 'xlsx' },
      ),
    ),
    dataset,
    { kind: 'results', year: 2023 },
  );
  assert.deepEqual(whole.changes, [], '8 = 1,5043 + 22,30 as stored');
});
