import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { buildDataset, readFramework } from '../core/index.ts';
import { exportTables, importWorkbook, readWorkbook, tablesToJson, writeTables, type FrameworkImport } from './index.ts';
import { groupedDocuments, GROUPED_FRAMEWORK, GROUPED_YEAR, LONG_GROUP_NAME } from './testGroups.ts';
import { sheetName } from './xlsx/write.ts';

const dataset = buildDataset(groupedDocuments());

test('sheet names fit Excel: forbidden characters replaced, 31 characters, no apostrophe at the ends, unique ignoring case', () => {
  assert.equal(sheetName(LONG_GROUP_NAME, new Set()), 'Khối cơ quan ngành dọc- Trung ư');
  assert.equal(sheetName('a/b\\c?d*e[f]g:h', new Set()), 'a-b-c-d-e-f-g-h');
  assert.equal(sheetName("'Khối 1'", new Set()), 'Khối 1');
  assert.equal(sheetName('Khối 1', new Set(['khối 1'])), 'Khối 1 (2)');
  assert.equal(sheetName('x'.repeat(40), new Set(['x'.repeat(31)])), `${'x'.repeat(27)} (2)`);
  assert.equal(sheetName('History', new Set()), 'History (2)');
  assert.equal(sheetName('[]', new Set()), '--');
  assert.equal(sheetName('   ', new Set()), 'Sheet');
});

test('two sets of a year with one group each no longer clash on the sheet name «Xếp hạng»', async () => {
  const [framework, , unitsB] = groupedDocuments();
  const communes = { ...(framework!.data as object), id: 'tinh-b-commune-2021', level: 'commune' };
  const unitsData = unitsB!.data as { units: object[] };
  const units = { ...unitsData, units: [...unitsData.units, { id: 'xa-1', name: 'Xã 1', level: 'commune' }] };
  const results = (frameworkId: string, ids: string[]) => ({
    kind: 'results',
    year: GROUPED_YEAR,
    framework: frameworkId,
    units: ids.map((unit) => ({ unit, scores: { '1': 5, '2': 5 } })),
  });
  const d = buildDataset([
    framework!,
    { file: 'x.yaml', data: communes },
    { file: 'u.yaml', data: units },
    { file: 'r1.yaml', data: results(GROUPED_FRAMEWORK, ['b-so-tu-phap', 'b-so-noi-vu']) },
    { file: 'r2.yaml', data: results('tinh-b-commune-2021', ['xa-1']) },
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeTables(exportTables(d, { what: 'ranking', year: GROUPED_YEAR }), { format: 'xlsx' })) as unknown as ArrayBuffer);
  assert.deepEqual(
    workbook.worksheets.map((w) => w.name),
    ['Xếp hạng', 'Xếp hạng (2)'],
  );
});

test('the results export’s summary holds every group, each unit ranked in its group; JSON has plain values', () => {
  const tables = exportTables(dataset, { what: 'results', year: GROUPED_YEAR });
  const summary = tables.at(-1)!;
  assert.equal(summary.rows.length, 7);
  assert.deepEqual(summary.rows.map((r) => [r[1], r[0], r.at(-2)]).slice(0, 4), [
    ['so-tu-phap', 1, 'so-khoi-1'],
    ['so-noi-vu', 2, 'so-khoi-1'],
    ['so-y-te', 3, 'so-khoi-1'],
    ['cong-an-tinh', 1, 'so-khoi-2'],
  ]);
  const json = JSON.parse(JSON.stringify(tablesToJson(tables)));
  assert.equal(json.at(-1).rows[0][4], '91.666666666667');
});

test('a framework of a province’s own level goes out to a sheet and comes back with its level', async () => {
  const own = readFramework({ ...(groupedDocuments()[0]!.data as object), id: 'kkt-2021', level: 'khu-kinh-te' });
  const d = { ...dataset, frameworks: new Map([...dataset.frameworks, [own.id, own]]) };
  for (const id of ['kkt-2021', GROUPED_FRAMEWORK]) {
    const tables = exportTables(d, { what: 'framework', framework: id });
    const back = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), d, { kind: 'framework' }) as FrameworkImport;
    assert.equal(back.framework.level, d.frameworks.get(id)!.level);
  }
});
