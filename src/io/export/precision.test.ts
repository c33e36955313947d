/** Exports show points to the framework's precision: the second demo's 16,753 is not 16,75 in Excel. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { loadDataset, projectRoot } from '../dataFolder.ts';
import { writeXlsx } from '../xlsx/write.ts';
import { rankingTables } from './ranking.ts';

async function totalFormat(tables: Parameters<typeof writeXlsx>[0]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await writeXlsx(tables)) as never);
  const sheet = workbook.worksheets[0]!;
  const column = tables[0]!.columns.findIndex((c) => c.header[0] === 'Tổng điểm') + 1;
  return sheet.getColumn(column).numFmt;
}

test('the ranking export writes points with the framework’s decimals (3 on the second demo, 2 on the seed)', async () => {
  const second = loadDataset([join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh')]);
  const tables = rankingTables(second, second.results.find((s) => s.year === 2024)!);
  assert.equal(tables.length, 2);
  assert.ok(tables[0]!.columns.filter((c) => c.format === 'points').every((c) => c.decimals === 3));
  assert.equal(await totalFormat(tables), '#,##0.000');
  const seed = loadDataset();
  const seedTables = rankingTables(seed, seed.results.find((s) => s.year === 2023)!);
  assert.equal(await totalFormat(seedTables), '#,##0.00');
});
