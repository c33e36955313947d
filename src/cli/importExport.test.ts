import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parseDocument } from '../core/index.ts';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'parindex-io-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('template: one row per unit, a maximum row, input checks from 0 to the maximum, frozen panes', async () => {
  const { code } = await run('template', '--kind', 'results', '--framework', 'lai-chau-district-2023', '--year', '2023', '--out', path('mau.xlsx'));
  assert.equal(code, 0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path('mau.xlsx'));
  const sheet = workbook.getWorksheet('Kết quả')!;
  const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
  assert.ok(rows.some((r) => r.includes('Tam Đường')));
  assert.ok(rows.some((r) => r.includes('Điểm tối đa') && r.includes(13.5)));
  const checks = Object.values((sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model);
  assert.ok(checks.some((v) => v.type === 'decimal' && v.formulae?.[1] === 13.5), 'score between 0 and 13,5');
  assert.equal(sheet.views[0]?.state, 'frozen');
  assert.equal(sheet.getColumn(4).numFmt, '#,##0.00####');
});

test('export → import --dry-run of the demo: no change; --out writes the same document', async () => {
  assert.equal((await run('export', '--what', 'results', '--year', '2023', '--out', path('kq.xlsx'))).code, 0);
  const dry = await run('import', path('kq.xlsx'), '--kind', 'results', '--dry-run');
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /Không có thay đổi/);
  assert.equal((await run('import', path('kq.xlsx'), '--kind', 'results', '--out', path('kq.yaml'))).code, 0);
  const doc = parseDocument(readFileSync(path('kq.yaml'), 'utf8')) as { kind: string; units: unknown[] };
  assert.equal(doc.kind, 'results');
  assert.equal(doc.units.length, 8);
});

test('invalid data: exit 3, the problems listed, nothing written and an existing file left as it was', async () => {
  writeFileSync(path('xau.csv'), '\uFEFFĐơn vị;Chỉ số 1\nTam Đường;14,2\nTam Đường;9\n');
  writeFileSync(path('giu.yaml'), 'kind: results\n');
  const bad = await run('import', path('xau.csv'), '--kind', 'results', '--year', '2023', '--out', path('giu.yaml'));
  assert.equal(bad.code, 3);
  assert.match(bad.err, /xau!A3: đơn vị tam-duong đã có ở dòng 2 \(ô A3, cột «Đơn vị», giá trị «Tam Đường»\)/);
  assert.equal(readFileSync(path('giu.yaml'), 'utf8'), 'kind: results\n');
  writeFileSync(path('vuot.csv'), 'Đơn vị,Chỉ số 1\ntam duong,14.2\n');
  const above = await run('import', path('vuot.csv'), '--kind', 'results', '--year', '2023', '--out', path('moi.yaml'), '--lang', 'en');
  assert.equal(above.code, 3);
  assert.match(above.err, /vuot!B2: score 14\.2 exceeds the maximum 13\.5 of 1 \(cell B2, column "Chỉ số 1", value "14\.2"\)/);
  assert.ok(!existsSync(path('moi.yaml')));
});

test('a 50 MB file is refused by its size before it is read; --max-size raises the limit', async () => {
  writeFileSync(path('lon.xlsx'), '');
  truncateSync(path('lon.xlsx'), 50 * 1024 * 1024);
  const refused = await run('import', path('lon.xlsx'), '--kind', 'results');
  assert.equal(refused.code, 3);
  assert.match(refused.err, /50 MB, vượt giới hạn 20 MB/);
  const raised = await run('import', path('lon.xlsx'), '--kind', 'results', '--max-size', '60');
  assert.equal(raised.code, 3);
  assert.doesNotMatch(raised.err, /giới hạn/);
});

test('rankings and deductions export to CSV with a BOM and the separator asked for', async () => {
  assert.equal((await run('export', '--what', 'ranking', '--year', '2023', '--out', path('xh.csv'))).code, 0);
  const ranking = readFileSync(path('xh.csv'), 'utf8');
  assert.ok(ranking.startsWith('\uFEFFXếp hạng;Mã đơn vị;Đơn vị;Tổng điểm'));
  assert.match(ranking, /\n4;tam-duong;Tam Đường;78,119875;78,1199%;/);
  assert.equal((await run('export', '--what', 'deductions', '--year', '2023', '--out', path('tru.csv'), '--separator', ',')).code, 0);
  assert.match(readFileSync(path('tru.csv'), 'utf8'), /tam-duong,Tam Đường,7,7\.3\.6,.*,0\.78,0\.782609,/);
});

test('usage errors exit 2', async () => {
  assert.equal((await run('import', '--kind', 'results')).code, 2);
  assert.equal((await run('import', 'x.xlsx', '--kind', 'bogus')).code, 2);
  assert.equal((await run('template', '--kind', 'results')).code, 2);
  assert.equal((await run('export', '--what', 'results', '--out', path('x.xlsx'))).code, 2);
});
