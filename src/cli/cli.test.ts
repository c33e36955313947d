import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from './main.ts';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('analyze --format json prints the documented keys with full-precision numbers', async () => {
  const { code, out } = await run('analyze', '--unit', 'tam duong', '--year', '2023', '--format', 'json');
  assert.equal(code, 0);
  const json = JSON.parse(out);
  for (const key of ['unit', 'year', 'total', 'appraisal', 'survey', 'rank', 'of', 'previous', 'components', 'deductions', 'findings']) assert.ok(key in json, key);
  assert.equal(json.total, 78.119875);
  assert.deepEqual(json.previous, { year: 2022, total: 72.07, appraisal: 48.04, survey: 24.03, rank: 3, of: 8 });
  const c4 = json.components.find((c: { code: string }) => c.code === '4');
  assert.deepEqual(
    { code: c4.code, max: c4.max, score: c4.score, percent: c4.percent, previousScore: c4.previousScore, rank: c4.rank },
    { code: '4', max: 7.5, score: 7.409775, percent: 98.797, previousScore: 6.5, rank: 4 },
  );
  for (const key of ['name', 'previousPercent', 'deltaPercentagePoints']) assert.ok(key in c4, key);
  assert.deepEqual(Object.keys(json.deductions[0]).slice(0, 1), ['criterion']);
  assert.ok(json.deductions.every((d: { points: number; reason: string }) => typeof d.points === 'number' && d.reason.length > 0));
});

test('analyze as a table shows Vietnamese figures; --lang en switches language', async () => {
  const vi = await run('analyze', '--unit', 'Tam Đường', '--year', '2023');
  assert.match(vi.out, /Tổng điểm: 78,12\/100/);
  assert.match(vi.out, /Hạng 4\/8/);
  assert.match(vi.out, /giảm 1 hạng/);
  const en = await run('--lang', 'en', 'analyze', '--unit', 'tam-duong', '--year', '2023');
  assert.match(en.out, /Total: 78\.12\/100/);
});

test('rank lists ties with a shared rank and marks illustrative figures', async () => {
  const { code, out } = await run('rank', '--year', '2023', '--component', '2');
  assert.equal(code, 0);
  const lines = out.split('\n').filter((l) => /^\s+1\s/.test(l));
  assert.equal(lines.length, 3, out);
  assert.match(out, /minh họa/);
  const json = JSON.parse((await run('rank', '--year', '2023', '--format', 'json')).out);
  assert.deepEqual(json[0].rows.slice(0, 4).map((r: { unit: string; rank: number }) => [r.unit, r.rank]), [['lai-chau-city', 1], ['than-uyen', 2], ['tan-uyen', 3], ['tam-duong', 4]]);
});

test('check exits 1 when a printed figure contradicts the data (the seed\'s 2.6)', async () => {
  const { code, out } = await run('check', '--unit', 'tam-duong', '--year', '2023');
  assert.equal(code, 1);
  assert.match(out, /giảm 1,49%/);
  assert.equal((await run('check', '--unit', 'tam-duong', '--year', '2022')).code, 0);
});

test('exit codes: 2 for usage, 3 for invalid data, 4 for unknown unit or year', async () => {
  assert.equal((await run('analyze', '--year', '2023')).code, 2);
  assert.equal((await run('bogus')).code, 2);
  assert.equal((await run('analyze', '--unit', 'tam-duong', '--year', 'abc')).code, 3);
  const unknown = await run('analyze', '--unit', 'Hà Nội', '--year', '2023');
  assert.equal(unknown.code, 4);
  assert.match(unknown.err, /không tìm thấy đơn vị "Hà Nội"/);
  assert.equal((await run('analyze', '--unit', 'tam-duong', '--year', '2019')).code, 4);
});

test('validate accepts the shipped data and explains a broken framework file by node', async () => {
  const ok = await run('validate', 'frameworks', 'data/demo');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /lai-chau-district-2023/);
  const dir = mkdtempSync(join(tmpdir(), 'parindex-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'kind: framework\nid: bad\nname: X\nlevel: district\nyear: 2024\ncomponents:\n  - { code: "1", name: A, maxPoints: 100, children: [{ code: "1.1", name: B, maxPoints: 90 }] }\n');
  const bad = await run('validate', file);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /bad\.yaml › tiêu chí 1 ›.*90.*khác 100/);
});

test('the parindex bin runs on the Node of node_modules, as npx starts it', () => {
  const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
  const result = spawnSync(process.execPath, [bin, 'check', '--unit', 'tam-duong', '--year', '2023'], { encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /giảm 1,49%/);
});

test('the parindex bin runs from a shell with the system Node', () => {
  const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
  const result = spawnSync('/usr/bin/env', ['node', bin, 'rank', '--year', '2022'], { encoding: 'utf8', env: { ...process.env, PATH: `/usr/local/bin:/usr/bin:/bin` } });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Tam Đường/);
});
