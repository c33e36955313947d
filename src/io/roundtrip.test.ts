import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportTables, importWorkbook, readWorkbook, writeTables, type ResultsImport, type FrameworkImport } from './index.ts';
import { demoDataset, withoutResults } from './testFiles.ts';

const dataset = demoDataset();

test('results of the demo province: export to .xlsx, import into an empty store, identical data (both years)', async () => {
  for (const set of dataset.results) {
    const bytes = await writeTables(exportTables(dataset, { what: 'results', year: set.year }), { format: 'xlsx' });
    const workbook = await readWorkbook(bytes, { file: `results-${set.year}.xlsx` });
    const imported = importWorkbook(workbook, withoutResults(dataset), { kind: 'results' }) as ResultsImport;
    assert.deepEqual(imported.results, set);
    assert.deepEqual(imported.ignoredColumns, []);
  }
});

test('re-importing an export over the stored results changes nothing', async () => {
  const bytes = await writeTables(exportTables(dataset, { what: 'results', year: 2023 }), { format: 'xlsx' });
  const imported = importWorkbook(await readWorkbook(bytes), dataset, { kind: 'results' }) as ResultsImport;
  assert.deepEqual(imported.changes, []);
});

test('results through CSV (either separator): the main table comes back identical', async () => {
  for (const separator of [';', ','] as const) {
    const set = dataset.results.find((s) => s.year === 2022)!;
    const bytes = await writeTables(exportTables(dataset, { what: 'results', year: 2022 }), { format: 'csv', separator });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM for Excel');
    assert.match(text, separator === ';' ? /;8,17;/ : /,8\.17,/);
    const imported = importWorkbook(await readWorkbook(bytes, { file: 'ket-qua.csv' }), withoutResults(dataset), {
      kind: 'results',
      year: 2022,
    }) as ResultsImport;
    assert.deepEqual(imported.results, set);
  }
});

test('the 2023 CSV (either separator) carries scores, published figures and notes; the rest stays as stored', async () => {
  const set = dataset.results.find((s) => s.year === 2023)!;
  for (const separator of [';', ','] as const) {
    const bytes = await writeTables(exportTables(dataset, { what: 'results', year: 2023 }), { format: 'csv', separator });
    const imported = importWorkbook(await readWorkbook(bytes, { file: 'ket-qua.csv' }), dataset, { kind: 'results', year: 2023 }) as ResultsImport;
    assert.deepEqual(imported.changes, [], separator);
    assert.deepEqual(imported.results, set, separator);
  }
});

test('frameworks: export to .xlsx and CSV, import, the same framework', async () => {
  for (const framework of dataset.frameworks.values()) {
    const tables = exportTables(dataset, { what: 'framework', framework: framework.id });
    const xlsx = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'framework' }) as FrameworkImport;
    assert.deepEqual(xlsx.framework, framework);
    assert.deepEqual(xlsx.changes, []);
    const csv = await writeTables(tables, { format: 'csv' });
    const fromCsv = importWorkbook(await readWorkbook(csv, { file: 'bo-tieu-chi.csv' }), dataset, {
      kind: 'framework',
      id: framework.id,
      name: framework.name,
      level: framework.level,
      year: framework.year,
    }) as FrameworkImport;
    assert.deepEqual([...fromCsv.framework.nodes.values()], [...framework.nodes.values()]);
  }
});

test('a framework’s index names, unit nouns and precision go out in «Thông tin» and come back', async () => {
  const base = dataset.frameworks.get('lai-chau-district-2023')!;
  const framework = {
    ...base,
    id: 'dti-2023',
    index: { name: 'Chỉ số chuyển đổi số', shortName: 'DTI' },
    levelNames: { singular: { vi: 'sở', en: 'department' }, plural: { vi: 'sở, ban, ngành', en: 'departments' } },
    settings: { ...base.settings, precision: 3 },
  };
  const withFramework = { ...dataset, frameworks: new Map([...dataset.frameworks, [framework.id, framework]]) };
  const tables = exportTables(withFramework, { what: 'framework', framework: framework.id });
  const imported = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'framework' }) as FrameworkImport;
  assert.deepEqual(imported.framework, framework);
});

test('the assessment date (reports never sent by then are late) goes out in «Thông tin» and comes back', async () => {
  const set = { ...dataset.results.find((s) => s.year === 2023)!, assessedOn: '2024-03-31' };
  const withDate = { ...dataset, results: dataset.results.map((s) => (s.year === 2023 ? set : s)) };
  const bytes = await writeTables(exportTables(withDate, { what: 'results', year: 2023 }), { format: 'xlsx' });
  const workbook = await readWorkbook(bytes, { file: 'ket-qua.xlsx' });
  assert.ok(workbook.sheets.find((s) => s.name === 'Thông tin')!.rows.some((r) => r[0] === 'Ngày đánh giá'));
  const imported = importWorkbook(workbook, withoutResults(dataset), { kind: 'results' }) as ResultsImport;
  assert.equal(imported.results.assessedOn, '2024-03-31');
  assert.deepEqual(imported.results, set);
  const over = importWorkbook(workbook, dataset, { kind: 'results' }) as ResultsImport;
  assert.deepEqual(
    over.changes.map((c) => [c.change, c.item, c.after]),
    [['added', 'assessedOn', '2024-03-31']],
  );
});

test('a publication’s audit head goes out in «Thông tin», is printed under the decision, and comes back unchanged', async () => {
  const base = dataset.results.find((s) => s.year === 2023)!;
  const auditHead = `57:${'ab'.repeat(32)}`;
  const set = { ...base, publication: { ...base.publication!, auditHead } };
  const published = { ...dataset, results: dataset.results.map((s) => (s.year === 2023 ? set : s)) };
  const tables = exportTables(published, { what: 'results', year: 2023 });
  assert.ok(tables.some((t) => t.title?.includes(`Nhật ký thay đổi đến mục 57, mã băm ${'ab'.repeat(32)}`)));
  const workbook = await readWorkbook(await writeTables(tables, { format: 'xlsx' }), { file: 'ket-qua.xlsx' });
  assert.ok(workbook.sheets.find((s) => s.name === 'Thông tin')!.rows.some((r) => r[0] === 'Nhật ký thay đổi đến mục' && r[1] === auditHead));
  const over = importWorkbook(workbook, published, { kind: 'results' }) as ResultsImport;
  assert.deepEqual(over.changes, []);
});
