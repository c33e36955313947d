import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadDataset } from '../../io/dataFolder.ts';
import { buildDataset } from '../dataset.ts';
import { ParError } from '../errors.ts';
import { parsePoints } from '../points.ts';
import { recoverablePoints, smallestCover, targetSearch, whatIf } from './index.ts';

const dataset = loadDataset();
const p = (text: string) => parsePoints(text);

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

/** A small province: one component of `maxima.length` ratio criteria, the subject `u0` and its peers with their own indicator values. */
function province(maxima: number[], units: { numerator: number; denominator: number }[][], tieRule: 'competition' | 'dense') {
  const total = maxima.reduce((s, m) => s + m, 0);
  const framework = {
    kind: 'framework',
    id: 'f',
    name: 'f',
    level: 'commune',
    year: 2024,
    totalPoints: total,
    settings: { tieRule },
    components: [
      {
        code: '1',
        name: 'c',
        maxPoints: total,
        source: 'appraisal',
        children: maxima.map((m, i) => ({ code: `1.${i + 1}`, name: `tiêu chí ${i + 1}`, maxPoints: m, rule: { type: 'ratio' } })),
      },
    ],
  };
  const unitsDoc = { kind: 'units', province: { id: 'p', name: 'P' }, units: units.map((_, u) => ({ id: `u${u}`, name: `Xã ${u}`, level: 'commune' })) };
  const results = {
    kind: 'results',
    year: 2024,
    framework: 'f',
    units: units.map((values, u) => ({ unit: `u${u}`, indicators: Object.fromEntries(values.map((v, i) => [`1.${i + 1}`, v])) })),
  };
  return buildDataset([
    { file: 'f', data: framework },
    { file: 'u', data: unitsDoc },
    { file: 'r', data: results },
  ]);
}

const ratio = fc
  .integer({ min: 1, max: 3 })
  .chain((denominator) => fc.record({ numerator: fc.integer({ min: 0, max: denominator }), denominator: fc.constant(denominator) }));

test('the target search is optimal on small provinces: the fewest criteria, then the least over-achievement, for a rank or for points (brute force over every subset with the full what-if), both tie rules', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 4 }).chain((k) =>
        fc.record({
          maxima: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: k, maxLength: k }),
          subject: fc.array(ratio, { minLength: k, maxLength: k }),
          // Peers drawn from a pool of two rows, so that equal totals (ties) are common.
          pool: fc.array(fc.array(ratio, { minLength: k, maxLength: k }), { minLength: 2, maxLength: 2 }),
          picks: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 5 }),
          tieRule: fc.constantFrom('competition' as const, 'dense' as const),
          rank: fc.integer({ min: 1, max: 6 }),
          points: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
        }),
      ),
      ({ maxima, subject, pool, picks, tieRule, rank, points }) => {
        const units = [subject, ...picks.map((i) => pool[i]!)];
        const ds = province(maxima, units, tieRule);
        const goal = { rank: Math.min(rank, units.length), ...(points !== undefined && { points: p(String(points)) }) };
        const plan = targetSearch(ds, 'u0', 2024, goal);
        const items = recoverablePoints(ds, 'u0', 2024).filter((i) => i.requirement);
        // Brute force: every subset recovered through the core's own what-if.
        let best: { size: number; total: number } | undefined;
        for (let mask = 0; mask < 1 << items.length; mask++) {
          const picked = items.filter((_, i) => mask & (1 << i));
          const after = whatIf(
            ds,
            'u0',
            2024,
            picked.map((i) => ({ code: i.code, indicator: i.requirement! })),
          ).after;
          if (after.rank! > goal.rank || (goal.points !== undefined && after.total! < goal.points)) continue;
          if (!best || picked.length < best.size || (picked.length === best.size && after.total! < best.total))
            best = { size: picked.length, total: after.total! };
        }
        if (!best) return !plan.reachable;
        assert.ok(plan.reachable);
        assert.equal(plan.items.length, best.size);
        assert.equal(plan.total, best.total);
        const confirmed = whatIf(
          ds,
          'u0',
          2024,
          plan.items.map((i) => ({ code: i.code, indicator: i.requirement! })),
        ).after;
        assert.equal(confirmed.total, plan.total);
        assert.equal(confirmed.rank, plan.rank);
        return true;
      },
    ),
    { numRuns: 150 },
  );
});

test('dense ranking: tying the second distinct total is enough for rank 2, where competition ranking needs more', () => {
  // Peers 10,5, 10,5 and 9 (out of 12); the subject has 6. Dense: tying 9 is rank 2; competition: 9 is rank 3, rank 2 means tying 10,5.
  const full = { numerator: 4, denominator: 4 };
  const peers = [
    [full, full, { numerator: 2, denominator: 4 }, full],
    [full, full, full, { numerator: 2, denominator: 4 }],
    [full, full, { numerator: 0, denominator: 4 }, full],
  ];
  const subject = [full, { numerator: 0, denominator: 4 }, full, { numerator: 0, denominator: 4 }];
  const dense = targetSearch(province([3, 3, 3, 3], [subject, ...peers], 'dense'), 'u0', 2024, { rank: 2 });
  assert.equal(dense.needed, p('3'));
  assert.equal(dense.rank, 2);
  const competition = targetSearch(province([3, 3, 3, 3], [subject, ...peers], 'competition'), 'u0', 2024, { rank: 2 });
  assert.equal(competition.needed, p('4.5'));
  assert.equal(competition.rank, 1);
});

test('the target search on the seed: rank 3 with the fewest criteria, confirmed by the core; a goal already met needs nothing', () => {
  const plan = targetSearch(dataset, 'tam-duong', 2023, { rank: 3 });
  assert.equal(plan.reachable, true);
  assert.equal(plan.rank, 3);
  assert.equal(plan.items.length, 2);
  const confirmed = whatIf(
    dataset,
    'tam-duong',
    2023,
    plan.items.map((i) => ({ code: i.code, indicator: i.requirement! })),
  );
  assert.equal(confirmed.after.total, plan.total);
  assert.equal(confirmed.after.rank, plan.rank);
  assert.ok(plan.items.reduce((s, i) => s + i.lost, 0) >= plan.needed);
  assert.equal(targetSearch(dataset, 'tam-duong', 2023, { points: p('200') }).reachable, false);
  const met = targetSearch(dataset, 'tam-duong', 2023, { rank: 4 });
  assert.equal(met.needed, 0);
  assert.deepEqual(met.items, []);
});

test('a rank outside 1…number of units, or no goal at all, is refused with the field named', () => {
  for (const goal of [{ rank: 0 }, { rank: 9 }, { rank: 1.5 }, {}]) {
    assert.throws(
      () => targetSearch(dataset, 'tam-duong', 2023, goal),
      (e: unknown) => e instanceof ParError && ['rank', 'goal'].includes(e.issues[0]!.field!),
      JSON.stringify(goal),
    );
  }
});

test('survey criteria are not offered by the target search: the unit cannot choose the answers', () => {
  const framework = {
    kind: 'framework',
    id: 'f',
    name: 'f',
    level: 'commune',
    year: 2024,
    totalPoints: 2,
    components: [
      { code: '1', name: 'a', maxPoints: 1, source: 'appraisal', children: [{ code: '1.1', name: 'x', maxPoints: 1, rule: { type: 'ratio' } }] },
      {
        code: '2',
        name: 'b',
        maxPoints: 1,
        source: 'survey',
        children: [{ code: '2.1', name: 'y', maxPoints: 1, rule: { type: 'surveyAnswers', options: { tốt: 100, kém: 0 } } }],
      },
    ],
  };
  const units = {
    kind: 'units',
    province: { id: 'p', name: 'P' },
    units: [
      { id: 'a', name: 'A', level: 'commune' },
      { id: 'b', name: 'B', level: 'commune' },
    ],
  };
  const results = {
    kind: 'results',
    year: 2024,
    framework: 'f',
    units: [
      { unit: 'a', indicators: { '1.1': { numerator: 1, denominator: 2 }, '2.1': { answers: { tốt: 1, kém: 9 } } } },
      { unit: 'b', indicators: { '1.1': { numerator: 2, denominator: 2 }, '2.1': { answers: { tốt: 5, kém: 5 } } } },
    ],
  };
  const ds = buildDataset([
    { file: 'f', data: framework },
    { file: 'u', data: units },
    { file: 'r', data: results },
  ]);
  // a: 0,5 + 0,1 = 0,6; b: 1 + 0,5 = 1,5. Only 1.1 (+0,5) is the unit's to win: rank 1 is out of reach.
  const plan = targetSearch(ds, 'a', 2024, { rank: 1 });
  assert.equal(plan.reachable, false);
  assert.equal(targetSearch(ds, 'a', 2024, { points: p('1.1') }).items[0]!.code, '1.1');
});

test('a framework that rescales a survey-less unit: the target search works on the ranking figure exactly (65/70 × 100), confirmed by the what-if', () => {
  const framework = {
    kind: 'framework',
    id: 'r',
    name: 'r',
    level: 'commune',
    year: 2024,
    settings: { split: { appraisal: 70, survey: 30 }, withoutSurvey: { mode: 'rescale', to: 100 } },
    components: [
      {
        code: '1',
        name: 'Thẩm định',
        maxPoints: 70,
        source: 'appraisal',
        children: [
          { code: '1.1', name: 'x', maxPoints: 10, rule: { type: 'ratio' } },
          { code: '1.2', name: 'y', maxPoints: 10, rule: { type: 'ratio' } },
          { code: '1.3', name: 'z', maxPoints: 50, rule: { type: 'ratio' } },
        ],
      },
      { code: '2', name: 'Điều tra', maxPoints: 30, source: 'survey' },
    ],
  };
  const units = { kind: 'units', province: { id: 'p', name: 'P' }, units: ['a', 'b', 'c'].map((id) => ({ id, name: id.toUpperCase(), level: 'commune' })) };
  const full = { numerator: 1, denominator: 1 };
  const results = {
    kind: 'results',
    year: 2024,
    framework: 'r',
    units: [
      // No survey: appraisal 5 + 7,5 + 40 = 52,5, ranked on 52,5 × 100 / 70 = 75.
      { unit: 'a', indicators: { '1.1': { numerator: 1, denominator: 2 }, '1.2': { numerator: 3, denominator: 4 }, '1.3': { numerator: 4, denominator: 5 } } },
      { unit: 'b', scores: { '2': 25 }, indicators: { '1.1': full, '1.2': full, '1.3': { numerator: 3, denominator: 5 } } },
      { unit: 'c', scores: { '2': 10 }, indicators: { '1.1': full, '1.2': full, '1.3': full } },
    ],
  };
  const ds = buildDataset([
    { file: 'f', data: framework },
    { file: 'u', data: units },
    { file: 'r', data: results },
  ]);
  const before = whatIf(ds, 'a', 2024, []).before;
  assert.deepEqual([before.total, before.rankingTotal, before.rank], [p('52.5'), p('75'), 2]);
  // Rank 1 means tying C's 80: a ranking figure of 80 is 56 appraisal points, 3,5 more — not 80 − 52,5 = 27,5 (out of reach with 17,5 to win).
  const plan = targetSearch(ds, 'a', 2024, { rank: 1 });
  assert.equal(plan.reachable, true);
  assert.equal(plan.needed, p('3.5'));
  assert.deepEqual(
    plan.items.map((i) => i.code),
    ['1.1'],
  );
  assert.deepEqual([plan.total, plan.rankingTotal, plan.rank], [p('57.5'), p('82.142857'), 1]);
  const confirmed = whatIf(
    ds,
    'a',
    2024,
    plan.items.map((i) => ({ code: i.code, indicator: i.requirement! })),
  ).after;
  assert.deepEqual([confirmed.total, confirmed.rankingTotal, confirmed.rank], [plan.total, plan.rankingTotal, plan.rank]);
  // A goal in points is on the same figure: 80 on 100 needs 3,5 appraisal points (the rescale rounds, the search does not guess).
  const points = targetSearch(ds, 'a', 2024, { points: p('80') });
  assert.deepEqual([points.needed, points.items.map((i) => i.code)], [p('3.5'), ['1.1']]);
  assert.equal(
    targetSearch(ds, 'a', 2024, { points: p('75.000001') }).needed,
    p('0.000001'),
    'the smallest micro-point whose rescaled figure reaches the goal',
  );
});
