import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parseDocument } from '../core/index.ts';
import { projectRoot } from '../io/dataFolder.ts';
import { run } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'parindex-io-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);

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
  assert.ok(
    checks.some((v) => v.type === 'decimal' && v.formulae?.[1] === 13.5),
    'score between 0 and 13,5',
  );
  assert.equal(sheet.views[0]?.state, 'frozen');
  assert.equal(sheet.getColumn(4).numFmt, '#,##0.00####');
  assert.equal(workbook.worksheets[0]!.name, 'Hướng dẫn', 'how to fill it comes first');
  assert.match(JSON.stringify(workbook.worksheets[0]!.getSheetValues()), /Ô để trống giữ nguyên số liệu đã lưu/);
  assert.deepEqual(
    [sheet.pageSetup.orientation, sheet.pageSetup.fitToWidth, sheet.pageSetup.fitToHeight, sheet.pageSetup.paperSize],
    ['landscape', 1, 0, 9],
    'printed on A4 as wide as the page',
  );
  assert.ok(sheet.getRow(3).height >= 60, 'the header row is tall enough for «1. Công tác chỉ đạo, điều hành cải cách hành chính» wrapped');
});

test('plan template: titled with the unit and year, a status list on the rows to fill; filled and imported as new tasks', async () => {
  assert.equal((await run('template', '--kind', 'plan', '--unit', 'tam-duong', '--year', '2024', '--out', path('ke-hoach.xlsx'))).code, 0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path('ke-hoach.xlsx'));
  const sheet = workbook.getWorksheet('Nhiệm vụ')!;
  assert.equal(sheet.getCell('A1').value, 'Kế hoạch nhiệm vụ, giải pháp nâng cao Chỉ số CCHC năm 2024 — UBND huyện Tam Đường');
  const checks = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
  assert.equal(checks.H3?.type, 'list', 'the first row to fill has the status list');
  sheet.getRow(3).values = [1, null, 'Tăng tỷ lệ hồ sơ thanh toán trực tuyến', 'Văn phòng HĐND và UBND huyện', null, '7.3.7.', '31/12/2024', 'Đang làm'];
  await workbook.xlsx.writeFile(path('ke-hoach-dien.xlsx'));
  const dry = await run('import', path('ke-hoach-dien.xlsx'), '--kind', 'plan', '--unit', 'tam-duong', '--year', '2024', '--dry-run');
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /Thay đổi: 1 thêm, 0 sửa, 0 xóa\n {2}\+ tam-duong · nhiệm vụ · \S+: Tăng tỷ lệ hồ sơ thanh toán trực tuyến/);
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

test("--database: a filled template previewed against the server's database, refused whole when wrong, imported in one transaction, exported back", async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-io-db-'));
  const previous = { dir: process.env.PARINDEX_DATA_DIR, url: process.env.DATABASE_URL };
  process.env.PARINDEX_DATA_DIR = folder;
  delete process.env.DATABASE_URL;
  try {
    // Each command opens the embedded database (seconds): the steps are few and each proves something.
    assert.equal((await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'))).code, 0);
    assert.equal((await run('template', '--kind', 'results', '--framework', 'lai-chau-district-2024', '--out', path('mau-2024.xlsx'))).code, 0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path('mau-2024.xlsx'));
    const sheet = workbook.getWorksheet('Kết quả')!;
    const fill = (unit: string, value: string | null) =>
      sheet.eachRow((row) => {
        if (row.getCell(2).value === unit) row.getCell(4).value = value;
      });
    fill('tam-duong', '9,75');
    fill('sin-ho', 'chín');
    await workbook.xlsx.writeFile(path('dien-sai.xlsx'));
    const wrong = await run('import', path('dien-sai.xlsx'), '--kind', 'results', '--database');
    assert.equal(wrong.code, 3);
    assert.match(wrong.err, /Kết quả!D12: «chín» không phải là số/);
    fill('sin-ho', null);
    await workbook.xlsx.writeFile(path('dien.xlsx'));
    const dry = await run('import', path('dien.xlsx'), '--kind', 'results', '--database', '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /\+ tam-duong · đơn vị\n/, 'the refused import wrote nothing: the unit is still new');
    assert.match(dry.out, /\+ tam-duong · điểm · 1: 9,75\n/);
    assert.match(dry.out, /chưa ghi gì vào cơ sở dữ liệu/);
    const done = await run('import', path('dien.xlsx'), '--kind', 'results', '--database');
    assert.equal(done.code, 0, done.err);
    assert.match(done.out, /Đã nhập vào cơ sở dữ liệu: results lai-chau-district-2024/);
    assert.equal((await run('export', '--database', '--what', 'ranking', '--year', '2024', '--out', path('xh-2024.csv'))).code, 0);
    assert.match(
      readFileSync(path('xh-2024.csv'), 'utf8'),
      /\n;tam-duong;Tam Đường;;;;;9,75;1;/,
      'component 1 stored (no total yet: the other components are missing)',
    );
  } finally {
    if (previous.dir === undefined) delete process.env.PARINDEX_DATA_DIR;
    else process.env.PARINDEX_DATA_DIR = previous.dir;
    if (previous.url !== undefined) process.env.DATABASE_URL = previous.url;
    rmSync(folder, { recursive: true, force: true });
  }
});
