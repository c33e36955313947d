import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadDataset } from '../../io/dataFolder.ts';
import { readFramework } from '../framework/index.ts';
import { formatPoints } from '../format.ts';
import { fraction } from '../fraction.ts';
import { parsePoints, type Points } from '../points.ts';
import { evaluateRule } from '../rules.ts';
import { buildDataset, planOf } from '../dataset.ts';
import { calendarOf, projectPlan, rankRobustness, readPlan, recoverablePoints, smallestCover, suggestTasks, targetSearch, taskGroups, tasksOf, trackIndicators, whatIf } from './index.ts';

const dataset = loadDataset();
const p = (text: string) => parsePoints(text);
const two = (x: Points) => formatPoints(x, { decimals: 2 });

test('the seed’s own numbers: 7.3.6 recovers 0,78 at 46/46, 7.3.7 recovers 0,26, 8.9 recovers 0,5 at 38/38', () => {
  const items = new Map(recoverablePoints(dataset, 'tam-duong', 2023).map((i) => [i.code, i]));
  assert.equal(two(items.get('7.3.6')!.lost), '0,78');
  assert.deepEqual(items.get('7.3.6')!.requirement, { numerator: 46, denominator: 46 });
  assert.equal(two(items.get('7.3.6')!.score!), '0,22');
  assert.equal(two(items.get('7.3.7')!.lost), '0,26');
  assert.equal(items.get('8.9')!.lost, p('0.5'));
  assert.deepEqual(items.get('8.9')!.requirement, { numerator: 38, denominator: 38 });
  assert.equal(items.get('7.3.6')!.department, 'Văn phòng HĐND-UBND huyện');
  // Sorted by points, highest first.
  const lost = [...items.values()].map((i) => i.lost);
  assert.deepEqual(lost, [...lost].sort((a, b) => b - a));
  // Recovering a criterion by its requirement gives back exactly what it lost.
  const after = whatIf(dataset, 'tam-duong', 2023, [{ code: '7.3.6', indicator: { numerator: 46, denominator: 46 } }]);
  assert.equal(after.after.total! - after.before.total!, items.get('7.3.6')!.lost);
});

const node = (rule: object) => readFramework(frameworkDoc(rule)).nodes.get('1.1')!;

test('every rule type: the recovery requirement, put through the rule, gives full points', () => {
  const cases: [object, object][] = [
    [{ type: 'ratio' }, { numerator: 10, denominator: 46 }],
    [{ type: 'ratio', targetPercent: 80 }, { numerator: 10, denominator: 46 }],
    [{ type: 'bands', measure: 'percent', bands: [{ atLeast: 100, points: 1 }, { atLeast: 90, points: 0.5 }] }, { numerator: 35, denominator: 38 }],
    [{ type: 'bands', measure: 'percent', bands: [{ atLeast: 100, points: 1 }, { atLeast: 50, points: 0.5 }] }, { value: 62 }],
    [{ type: 'perOccurrence', pointsEach: 0.5 }, { count: 1 }],
    [{ type: 'deadline', pointsPerLate: 0.5 }, { items: [{ name: 'q1', due: '2023-05-25', sent: '2023-05-26' }] }],
    [{ type: 'boolean' }, { achieved: false }],
    [{ type: 'grades', grades: { tot: 1, kha: 0.5 } }, { grade: 'kha' }],
    [{ type: 'surveyAnswers', options: { 'hai long': 100, 'binh thuong': 50 } }, { answers: { 'hai long': 3, 'binh thuong': 7 } }],
  ];
  for (const [rule, indicator] of cases) {
    const set = {
      kind: 'results',
      year: 2024,
      framework: 'f',
      units: [{ unit: 'tam-duong', indicators: { '1.1': indicator } }],
    };
    const units = { kind: 'units', province: { id: 'p', name: 'P' }, units: [{ id: 'tam-duong', name: 'Tam Đường', level: 'district' }] };
    const ds = buildDataset([{ file: 'f', data: frameworkDoc(rule) }, { file: 'u', data: units }, { file: 'r', data: set }]);
    const [item] = recoverablePoints(ds, 'tam-duong', 2024).filter((i) => i.code === '1.1');
    assert.ok(item, JSON.stringify(rule));
    assert.ok(item.requirement, JSON.stringify(rule));
    const recovered = whatIf(ds, 'tam-duong', 2024, [{ code: '1.1', indicator: item.requirement! }]);
    assert.equal(recovered.gains[0]!.after, p('1'), `${JSON.stringify(rule)} → ${JSON.stringify(item.requirement)}`);
    assert.equal(recovered.gains[0]!.after - recovered.gains[0]!.before, item.lost);
  }
});

function frameworkDoc(rule: object) {
  return { kind: 'framework', id: 'f', name: 'f', level: 'district', year: 2024, totalPoints: 1, components: [{ code: '1', name: 'c', maxPoints: 1, source: 'appraisal', children: [{ code: '1.1', name: 'x', maxPoints: 1, rule }] }] };
}

test('band steps: each threshold above the current score is a step, the last recovers all', () => {
  const bands = node({ type: 'bands', measure: 'percent', bands: [{ atLeast: 100, points: 1 }, { atLeast: 95, points: 0.75 }, { atLeast: 90, points: 0.5 }] });
  assert.equal(evaluateRule(bands, { numerator: 35, denominator: 38 }, { rounding: 'halfUp' }).score, p('0.5'));
});

test('the smallest cover is optimal: fewest criteria, then fewest points (checked by brute force)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 0, maxLength: 10 }), fc.integer({ min: 0, max: 200 }), (values, need) => {
      const got = smallestCover(values, need);
      let best: number[] | undefined;
      let bestSum = Infinity;
      for (let mask = 0; mask < 1 << values.length; mask++) {
        const picked = values.map((_, i) => i).filter((i) => mask & (1 << i));
        const sum = picked.reduce((s, i) => s + values[i]!, 0);
        if (sum < need) continue;
        if (!best || picked.length < best.length || (picked.length === best.length && sum < bestSum)) {
          best = picked;
          bestSum = sum;
        }
      }
      if (!best) return got === undefined;
      const gotSum = got!.reduce((s, i) => s + values[i]!, 0);
      return got!.length === best.length && gotSum === bestSum && gotSum >= need;
    }),
    { numRuns: 400 },
  );
});

test('the target search for rank 3 picks the fewest criteria and the core confirms the rank', () => {
  const plan = targetSearch(dataset, 'tam-duong', 2023, { rank: 3 });
  assert.equal(plan.reachable, true);
  assert.equal(plan.rank, 3);
  const confirmed = whatIf(dataset, 'tam-duong', 2023, plan.items.map((i) => ({ code: i.code, indicator: i.requirement! })));
  assert.equal(confirmed.after.total, plan.total);
  assert.equal(confirmed.after.rank, plan.rank);
  assert.ok(plan.items.reduce((s, i) => s + i.lost, 0) >= plan.needed);
  assert.equal(targetSearch(dataset, 'tam-duong', 2023, { points: p('200') }).reachable, false);
});

test('the demo plan: part II groups, overdue tasks, suggestions for criteria no task covers, projection when tasks are done', () => {
  const plan = planOf(dataset, 'tam-duong', 2024)!;
  assert.equal(taskGroups(plan)[1]!.department, 'Phòng Nội vụ');
  assert.ok(tasksOf(plan, 'Phòng Nội vụ', '2025-01-05').every((t) => t.overdue));
  assert.ok(tasksOf(plan, undefined, '2024-06-01').every((t) => !t.overdue));
  const suggestions = suggestTasks(recoverablePoints(dataset, 'tam-duong', 2023), plan, '2024-12-31');
  const linked = new Set(plan.tasks.flatMap((t) => t.criteria ?? []));
  assert.ok(suggestions.length > 0 && suggestions.every((t) => !linked.has(t.criteria![0]!)));
  assert.ok(suggestions.some((t) => t.criteria?.[0] === '1.7' && t.department === 'Phòng Nội vụ'));
  assert.ok(!suggestions.some((t) => t.criteria?.[0] === '7.3.6'), 'a task already covers 7.3.6');
  const before = projectPlan(dataset, plan);
  assert.equal(before.projected, before.current);
  const done = readPlan({ kind: 'plan', unit: 'tam-duong', year: 2024, tasks: plan.tasks.map((t) => (t.criteria?.includes('7.3.6') ? { ...t, status: 'done' } : t)) });
  const after = projectPlan(dataset, done);
  assert.ok(after.recovered.some((r) => r.code === '7.3.6'));
  // The task covers 7.3.6 and 7.3.7: 0,782609 + 0,262420.
  assert.equal(after.projected! - after.current!, p('1.045029'));
});

test('the reporting calendar: sent, sent late, due soon, late — and the criterion and points at stake', () => {
  const plan = planOf(dataset, 'tam-duong', 2024)!;
  const framework = dataset.frameworks.get('lai-chau-district-2024');
  const byName = (entries: ReturnType<typeof calendarOf>) => new Map(entries.map((e) => [e.name, e]));
  const early = byName(calendarOf(plan, framework, '2024-12-10'));
  assert.equal(early.get('Báo cáo CCHC quý I năm 2024')!.status, 'sent');
  assert.equal(early.get('Báo cáo CCHC 6 tháng đầu năm 2024')!.status, 'sentLate');
  assert.equal(early.get('Báo cáo CCHC 6 tháng đầu năm 2024')!.atStake, p('0.5'));
  assert.equal(early.get('Báo cáo CCHC năm 2024')!.status, 'dueSoon');
  assert.equal(early.get('Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (gửi Sở Tài chính)')!.status, 'upcoming');
  const later = byName(calendarOf(plan, framework, '2024-12-16'));
  assert.equal(later.get('Báo cáo CCHC năm 2024')!.status, 'late');
  assert.equal(later.get('Báo cáo CCHC năm 2024')!.criterion, '1.2.1');
});

test('indicator tracking projects the year from the values so far', () => {
  const [track] = trackIndicators(planOf(dataset, 'tam-duong', 2024)!, dataset.frameworks.get('lai-chau-district-2024')!);
  assert.equal(track!.criterion, '7.3.6');
  assert.equal(track!.series.length, 3);
  assert.equal(two(track!.latest!), '0,59');
  assert.ok(track!.projected! > track!.latest!);
});

test('Monte Carlo ranks are reproducible, and a unit far ahead is first almost surely', () => {
  const n = 30;
  const appraisal = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 90e6 : 50e6 + i * 1e5));
  const survey = Float64Array.from({ length: n }, () => 5e6);
  const spread = Float64Array.from({ length: n }, () => 1e6);
  const input = { appraisal, survey, spread, surveyMax: 10e6, runs: 2000, seed: 7 };
  const a = rankRobustness(input);
  const b = rankRobustness(input);
  assert.deepEqual(a.map((d) => [d.mean, d.low, d.high]), b.map((d) => [d.mean, d.low, d.high]));
  assert.equal(a[0]!.probabilities![0], 1);
  assert.equal(a[0]!.rank, 1);
  const c = rankRobustness({ ...input, seed: 8 });
  assert.notDeepEqual(a.map((d) => d.mean), c.map((d) => d.mean));
  for (const d of a) assert.ok(d.low <= d.rank + 5 && d.high >= d.low && Math.abs(d.probabilities!.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  assert.deepEqual(fraction(1), fraction(1));
});
