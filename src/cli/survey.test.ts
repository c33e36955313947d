import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { docxParagraphs } from '../report/docxText.ts';
import { run } from './testing.ts';

const CYCLE = 'lai-chau-district-2024';
let folder: string;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'parindex-cli-survey-'));
  process.env.PARINDEX_DATA_DIR = folder;
  delete process.env.DATABASE_URL;
});
after(() => {
  delete process.env.PARINDEX_DATA_DIR;
  rmSync(folder, { recursive: true, force: true });
});

const csv = (rows: string[][]) => rows.map((r) => r.join(';')).join('\r\n');
const HEADER = ['Đơn vị', 'Nhóm', 'Số phiếu', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];
const people = (n: number, unit: string) =>
  Array.from({ length: n }, (_, i) => [unit, 'nguoi-dan', `ND-${i}`, '4', i < 7 ? '5' : '3', 'A', 'A;C', '', '', '', '1', '']);

test('the survey from the command line: design, open, import a file (a bad cell refused at its cell), quotas, points, report as XLSX and DOCX', async () => {
  assert.equal((await run('migrate')).code, 0);
  assert.equal((await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'))).code, 0);
  assert.equal((await run('cycle', 'open', '--year', '2024', '--framework', CYCLE)).code, 0);

  const usage = await run('survey');
  assert.equal(usage.code, 2);
  assert.match(usage.err, /survey design \| open \| close \| import/);
  const design = await run('survey', 'design', join(projectRoot, 'data/demo/surveys/lai-chau-district-2024.yaml'), '--cycle', CYCLE);
  assert.equal(design.code, 0, design.err);
  assert.match(design.out, /phiên bản 1: \d+ câu hỏi, 6 tiêu chí/);
  assert.equal((await run('survey', 'open', '--cycle', CYCLE)).code, 0);

  const bad = join(folder, 'bad.csv');
  writeFileSync(bad, csv([HEADER, ...people(3, 'Tam Đường'), ['Tam Đường', 'nguoi-dan', 'ND-9', '9', '4', 'A', '', '', '', '', '', '']]));
  const refused = await run('survey', 'import', bad, '--cycle', CYCLE);
  assert.equal(refused.code, 3, refused.out);
  assert.match(refused.err, /D5/);
  const good = join(folder, 'good.csv');
  writeFileSync(good, csv([HEADER, ...people(12, 'Tam Đường'), ...people(4, 'than-uyen')]));
  const dry = await run('survey', 'import', good, '--cycle', CYCLE, '--dry-run');
  assert.match(dry.out, /16 phiếu của 2 đơn vị \(chưa ghi gì\)/);
  const imported = await run('survey', 'import', good, '--cycle', CYCLE);
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /Đã nhập 16 phiếu của 2 đơn vị/);

  const quotas = await run('survey', 'quotas', '--cycle', CYCLE);
  assert.equal(quotas.code, 0, quotas.err);
  assert.match(quotas.out, /Tam Đường \| Người dân, tổ chức \| [\d–]+ \| 12 \| 0 \| 0\/0\/12/);
  assert.match(quotas.out, /^16 phiếu;/m);

  const points = await run('survey', 'points', '--cycle', CYCLE);
  assert.equal(points.code, 0, points.err);
  assert.match(points.out, /tam-duong 8\.\d: [\d,]+\/\d+ — 8\.\d: .*12 phiếu hợp lệ/);
  assert.match(points.out, /Đã tính điểm 8 đơn vị trong \d+ ms \(xem trước\)/);

  const xlsx = join(folder, 'bao-cao.xlsx');
  assert.equal((await run('survey', 'report', '--cycle', CYCLE, '--out', xlsx)).code, 0);
  assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');
  const docx = join(folder, 'bao-cao.docx');
  const report = await run('survey', 'report', '--cycle', CYCLE, '--out', docx);
  assert.equal(report.code, 0, report.err);
  const text = (await docxParagraphs(readFileSync(docx))).join('\n');
  assert.match(text, /Tổng số phiếu hợp lệ là 16 phiếu/);
  assert.match(text, /^16 \(100%\)$/m);
  assert.equal((await run('survey', 'report', '--cycle', CYCLE, '--out', join(folder, 'x.pdf'))).code, 2);
});
