/** Planning, what-if and the analysis table show points with the framework's precision (the second demo: 3 decimals). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { shownPoints } from './commands/plan.ts';
import { run } from './testing.ts';
import type { Points } from '../core/index.ts';

const SECOND_DEMO = join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh');

test('plan recoverable shows the 3-decimal framework’s points with 3 decimals', async () => {
  const { code, out, err } = await run('plan', 'recoverable', '--unit', 'so-tu-phap', '--year', '2024', '--data', SECOND_DEMO);
  assert.equal(code, 0, err);
  assert.match(out, /— mất 1,247 điểm/);
  assert.match(out, /^\s+2\s+0,600\s+Tiến độ giải quyết/m);
});

test('whatif and its target show totals and component scores with 3 decimals', async () => {
  const { code, out, err } = await run('whatif', '--unit', 'so-tu-phap', '--year', '2024', '--set', '2.3=2', '--target-points', '17,5', '--data', SECOND_DEMO);
  assert.equal(code, 0, err);
  assert.match(out, /2\.3\s+1,640 → 2,000 \(\+0,360\)/);
  assert.match(out, /Tổng điểm: 16,753 → 17,113; hạng 1\/6 → 1\/6/);
  assert.match(out, /2: 5,400 → 5,760 \(90,00% → 96,00%\)/);
  assert.match(out, /17,500 điểm: cần thêm 0,747 điểm/);
});

test('analyze’s component table shows scores with the framework’s decimals; the seed keeps its exact figures', async () => {
  const second = await run('analyze', '--unit', 'so-tu-phap', '--year', '2024', '--data', SECOND_DEMO);
  assert.equal(second.code, 0, second.err);
  assert.match(second.out, /Tổng điểm: 16,753\/18/);
  assert.match(second.out, /^2\s+Tiến độ giải quyết\s+5,400\s+6\s+90,00%/m);
  const seed = await run('analyze', '--unit', 'tam-duong', '--year', '2023');
  assert.match(seed.out, /^1\s+Công tác chỉ đạo, điều hành cải cách hành chính\s+9,52\s+13,5\s+70,52%/m);
  assert.match(seed.out, /^4\s+Cải cách tổ chức bộ máy hành chính\s+7,409775\s+7,5\s+98,80%/m);
});

test('a loss too small for the precision is "< 0,001", not nothing', () => {
  assert.equal(shownPoints(400 as Points, 'vi', 3), '< 0,001');
  assert.equal(shownPoints(4_000 as Points, 'vi', 2), '< 0,01');
  assert.equal(shownPoints(1_785_000 as Points, 'en', 3), '1.785');
  assert.equal(shownPoints(1_785_000 as Points, 'vi', 2), '1,79');
});

test('robustness takes a group (or the unit’s own) and adds no survey noise to a framework without a survey', async () => {
  const group = await run('robustness', '--year', '2024', '--group', 'khoi-tong-hop', '--runs', '200', '--data', SECOND_DEMO);
  assert.equal(group.code, 0, group.err);
  assert.match(group.out, /^Năm 2024: 200 lần mô phỏng, bộ tiêu chí không có phần điều tra XHH, hạt giống 1/);
  assert.match(group.out, /^\s+1\s+1–1\s+100,0%\s+Sở Tài chính \*/m);
  assert.doesNotMatch(group.out, /Sở Y tế/);
  const unit = await run('robustness', '--year', '2024', '--unit', 'so-y-te', '--runs', '200', '--data', SECOND_DEMO);
  assert.equal(unit.code, 0, unit.err);
  assert.match(unit.out, /Sở Y tế: hạng 1 theo kết quả công bố; khoảng 90%: 1–1/);
});

test('plan recoverable --format json says the precision, as the API does', async () => {
  const json = JSON.parse((await run('plan', 'recoverable', '--unit', 'so-tu-phap', '--year', '2024', '--format', 'json', '--data', SECOND_DEMO)).out);
  assert.equal(json.precision, 3);
  assert.equal(JSON.parse((await run('plan', 'recoverable', '--unit', 'tam-duong', '--year', '2023', '--format', 'json')).out).precision, 2);
});
