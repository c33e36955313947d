import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unzipSync } from 'fflate';
import { run } from '../testing.ts';
import { progressLine } from './report.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'parindex-report-cli-'));

test('report --unit by its Vietnamese name writes the file in the asked format', async () => {
  const dir = folder();
  for (const format of ['md', 'html', 'docx']) {
    const file = join(dir, `r.${format}`);
    const result = await run('report', '--unit', 'Tam Đường', '--year', '2023', '--format', format, '--out', file);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /Đã tạo/);
    const bytes = readFileSync(file);
    if (format === 'docx') assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    else assert.match(bytes.toString('utf8'), /Đạt 9,52\/13,5 điểm \(bằng 70,52%\), tăng 10% so với năm 2022/);
  }
});

test('report --level district --all writes every unit into a zip or a folder, with a progress bar on stderr', async () => {
  const dir = folder();
  const zip = await run('report', '--level', 'district', '--all', '--year', '2023', '--format', 'docx', '--out', join(dir, 'r.zip'));
  assert.equal(zip.code, 0, zip.err);
  const entries = Object.keys(unzipSync(readFileSync(join(dir, 'r.zip'))));
  assert.equal(entries.length, 8);
  assert.ok(entries.includes('bao-cao-par-index-2023-tam-duong.docx') && entries.includes('bao-cao-par-index-2023-tp-lai-chau.docx'), entries.join(' '));
  const progress = zip.err.split('\n');
  assert.equal(progress.length, 8);
  assert.match(progress[0]!, /^\[1\/8\] █+░+ bao-cao-par-index-2023-/);
  assert.match(progress[7]!, /^\[8\/8\] █{20} /);
  const into = join(dir, 'folder');
  const md = await run('report', '--level', 'district', '--all', '--year', '2023', '--format', 'md', '--out', into);
  assert.equal(md.code, 0, md.err);
  assert.equal(readdirSync(into).filter((f) => f.endsWith('.md')).length, 8);
  assert.match(md.out, /Đã tạo 8 báo cáo/);
});

test('report refuses unclear requests with a usage error and writes nothing', async () => {
  const dir = folder();
  const out = join(dir, 'x.docx');
  for (const args of [
    ['--unit', 'tam-duong', '--year', '2023', '--format', 'odt', '--out', out],
    ['--unit', 'tam-duong', '--year', '2023'],
    ['--year', '2023', '--out', out],
    ['--all', '--year', '2023', '--out', out],
    ['--unit', 'tam-duong', '--level', 'district', '--all', '--year', '2023', '--out', out],
  ]) {
    const result = await run('report', ...args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`);
  }
  assert.equal((await run('report', '--unit', 'Hà Nội', '--year', '2023', '--out', out)).code, 4);
  // Any slug is a level: one without results that year is not found, and the levels with results are named.
  const level = await run('report', '--level', 'huyen', '--all', '--year', '2023', '--out', out);
  assert.equal(level.code, 4, level.err);
  assert.match(level.err, /năm 2023 không có kết quả ở cấp huyen; các cấp có kết quả: district \(cấp huyện\)/);
  assert.equal((await run('report', '--unit', 'tam-duong', '--year', '2019', '--out', out)).code, 4);
  assert.ok(!existsSync(out));
});

test('report --all names the level without results as people say it', async () => {
  const out = join(folder(), 'x');
  const vi = await run('report', '--level', 'commune', '--all', '--year', '2023', '--format', 'md', '--out', out);
  assert.equal(vi.code, 4);
  assert.equal(vi.err, '--level: năm 2023 không có kết quả ở cấp xã; các cấp có kết quả: district (cấp huyện)');
  assert.equal(
    (await run('--lang', 'en', 'report', '--level', 'commune', '--all', '--year', '2023', '--format', 'md', '--out', out)).err,
    '--level: no results at commune level for 2023; levels with results: district (district level)',
  );
  assert.match(
    (await run('report', '--all', '--year', '2023', '--out', out)).err,
    /^--all cần --level: province \(cấp tỉnh\), ministry \(cấp bộ, ngành Trung ương\), department \(cấp sở, ban, ngành\), district \(cấp huyện\), commune \(cấp xã\)/,
  );
  assert.ok(!existsSync(out));
});

test('the progress bar fills in proportion', () => {
  assert.equal(progressLine(1, 4, 'a'), '[1/4] █████░░░░░░░░░░░░░░░ a');
  assert.equal(progressLine(12, 120, 'b'), '[ 12/120] ██░░░░░░░░░░░░░░░░░░ b');
});
