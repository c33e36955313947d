/**
 * Not-applicable criteria and bands through the sheets: «Không áp dụng: lý do» in a score cell
 * (or «KAD» with a «Lý do không áp dụng» column) read and written, export → import identical;
 * bands in points, strict or with a component floor, and rankBy in the framework sheet.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset, type Dataset } from '../core/index.ts';
import { demoDocuments } from './dataFolder.ts';
import { exportTables, importWorkbook, readWorkbook, writeTables, type FrameworkImport, type ResultsImport } from './index.ts';
import { withoutResults, xlsxOf } from './testFiles.ts';
import { readBand } from './table/bands.ts';

type Doc = { kind?: string; id?: string; year?: number; settings?: Record<string, unknown>; units?: { unit: string; scores?: Record<string, number> }[] };

/** The demo with Lai Châu city's component 6 of 2022 not applicable, and the 2023 framework banded in points, ranking on percent. */
function markedDataset(): Dataset {
  return buildDataset(
    demoDocuments().map((doc) => {
      const data = doc.data as Doc;
      if (data.kind === 'results' && data.year === 2022) {
        const units = data.units!.map((u) => {
          if (u.unit !== 'lai-chau-city') return u;
          const { '6': _, ...scores } = u.scores!;
          return { ...u, scores, notApplicable: [{ code: '6', reason: 'Minh họa: đơn vị không có nhiệm vụ này' }] };
        });
        return { ...doc, data: { ...data, units } };
      }
      if (data.kind === 'framework' && data.id === 'lai-chau-district-2023') {
        const classification = [
          { label: 'Xuất sắc', atLeastPoints: 90, componentFloorPercent: 80 },
          { label: 'Tốt', atLeastPercent: 80.5, inclusive: false },
          { label: 'Khá', atLeastPoints: 65.25 },
        ];
        return { ...doc, data: { ...data, settings: { ...data.settings, rankBy: 'percent', classification } } };
      }
      return doc;
    }),
  );
}

test('a not-applicable criterion goes out as «Không áp dụng: lý do» in its score cell and comes back the same (xlsx and CSV)', async () => {
  const dataset = markedDataset();
  const set = dataset.results.find((s) => s.year === 2022)!;
  assert.equal(set.units.find((u) => u.unitId === 'lai-chau-city')!.notApplicable?.get('6'), 'Minh họa: đơn vị không có nhiệm vụ này');
  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await writeTables(exportTables(dataset, { what: 'results', year: 2022 }), { format });
    if (format === 'csv') assert.match(new TextDecoder().decode(bytes), /Không áp dụng: Minh họa: đơn vị không có nhiệm vụ này/);
    const imported = importWorkbook(await readWorkbook(bytes, { file: `ket-qua.${format}` }), withoutResults(dataset), {
      kind: 'results',
      year: 2022,
    }) as ResultsImport;
    assert.deepEqual(imported.results, set);
    // Over the stored results: nothing changes.
    const again = importWorkbook(await readWorkbook(bytes, { file: `ket-qua.${format}` }), dataset, { kind: 'results', year: 2022 }) as ResultsImport;
    assert.deepEqual(again.changes, []);
  }
});

test('«KAD» in a score cell takes its reason from the «Lý do không áp dụng» column; without any reason the cell is refused', async () => {
  const dataset = withoutResults(markedDataset());
  const sheet = (reason: string | null) =>
    xlsxOf([
      {
        name: 'Kết quả',
        rows: [
          ['Mã đơn vị', 'Đơn vị', '1', '2', '3', '4', '5', '6', '7', '8', 'Lý do không áp dụng'],
          ['tam-duong', 'Tam Đường', 8.17, 4.5, 10.5, 6.5, 6.5, 'KAD', 9.44, 24.03, reason],
        ],
      },
    ]);
  const imported = importWorkbook(await readWorkbook(await sheet('6: Không có nhiệm vụ'), { file: 'kq.xlsx' }), dataset, {
    kind: 'results',
    year: 2022,
  }) as ResultsImport;
  const unit = imported.results.units.find((u) => u.unitId === 'tam-duong')!;
  assert.deepEqual([...unit.notApplicable!], [['6', 'Không có nhiệm vụ']]);
  assert.equal(unit.scores.has('6'), false);
  await assert.rejects(
    async () => importWorkbook(await readWorkbook(await sheet(null), { file: 'kq.xlsx' }), dataset, { kind: 'results', year: 2022 }),
    (error: { issues?: { code: string; message: { vi: string }; cell?: { column: number } }[] }) => {
      const found = error.issues?.find((i) => i.code === 'import.notApplicableReason');
      assert.ok(found, JSON.stringify(error.issues));
      assert.match(found.message.vi, /tam-duong: tiêu chí 6 ghi «Không áp dụng» nhưng không có lý do/);
      return true;
    },
  );
});

test('the framework sheet carries bands in points, strict bands, component floors and rankBy, and reads them back the same', async () => {
  const dataset = markedDataset();
  const framework = dataset.frameworks.get('lai-chau-district-2023')!;
  const tables = exportTables(dataset, { what: 'framework', framework: framework.id });
  const imported = importWorkbook(await readWorkbook(await writeTables(tables, { format: 'xlsx' })), dataset, { kind: 'framework' }) as FrameworkImport;
  assert.deepEqual(imported.framework.settings, framework.settings);
  assert.equal(imported.framework.settings.rankBy, 'percent');
  assert.deepEqual(imported.changes, []);
});

test('a band cell reads as the decision writes it; a bare number is the old percent form', () => {
  assert.deepEqual(readBand('Tốt', '≥ 12 điểm'), { label: 'Tốt', atLeastPoints: 12 });
  assert.deepEqual(readBand('Tốt', '> 12,5 điểm'), { label: 'Tốt', atLeastPoints: 12.5, inclusive: false });
  assert.deepEqual(readBand('Xuất sắc', '≥ 90% (mỗi thành phần ≥ 80%)'), { label: 'Xuất sắc', atLeastPercent: 90, componentFloorPercent: 80 });
  assert.deepEqual(readBand('Khá', '66,666667'), { label: 'Khá', atLeastPercent: 66.666667 });
  assert.throws(() => readBand('Khá', 'nhiều điểm'), /phải có dạng/);
});

test('the results template lets a score cell read «Không áp dụng: lý do»: Excel warns instead of refusing, and says so', async () => {
  const { templateTables } = await import('./index.ts');
  const ExcelJS = (await import('exceljs')).default;
  const bytes = await writeTables(templateTables(markedDataset(), { kind: 'results', framework: 'lai-chau-district-2023', year: 2023 }), { format: 'xlsx' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const validations = workbook.worksheets.flatMap((sheet) =>
    Object.values(
      (sheet as unknown as { dataValidations: { model: Record<string, { type: string; errorStyle?: string; error?: string }> } }).dataValidations.model,
    ),
  );
  const scores = validations.filter((v) => v.type === 'decimal');
  assert.ok(scores.length > 0);
  for (const v of scores) {
    assert.equal(v.errorStyle, 'warning');
    assert.match(v.error ?? '', /«Không áp dụng: lý do»/);
  }
});
