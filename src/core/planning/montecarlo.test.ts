import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadDataset } from '../../io/dataFolder.ts';
import { rankValues } from '../compute/rank.ts';
import { ALL_PROBABILITIES_LIMIT, provinceRobustness, rankRobustness } from './index.ts';

const n = 30;
const input = {
  appraisal: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 90e6 : 50e6 + i * 1e5)),
  survey: Float64Array.from({ length: n }, () => 5e6),
  spread: Float64Array.from({ length: n }, () => 1e6),
  surveyMax: 10e6,
  runs: 2000,
  seed: 7,
};

test('Monte Carlo ranks are reproducible for a seed and differ for another; probabilities add up to 1', () => {
  const a = rankRobustness(input);
  const b = rankRobustness(input);
  assert.deepEqual(
    a.map((d) => [d.mean, d.low, d.high, [...d.probabilities!]]),
    b.map((d) => [d.mean, d.low, d.high, [...d.probabilities!]]),
  );
  const c = rankRobustness({ ...input, seed: 8 });
  assert.notDeepEqual(
    a.map((d) => d.mean),
    c.map((d) => d.mean),
  );
  for (const d of a) {
    assert.ok(Math.abs(d.probabilities!.reduce((s, x) => s + x, 0) - 1) < 1e-9);
    assert.ok(d.low <= d.high && d.low >= 1 && d.high <= n);
    // The interval and the mean agree with the rank histogram: the 5th and 95th percentile ranks.
    const counts = [...d.probabilities!].map((x) => Math.round(x * input.runs));
    const at = (position: number) => {
      let seen = 0;
      return counts.findIndex((c) => (seen += c) > position) + 1;
    };
    assert.equal(d.low, at(Math.floor(0.05 * (input.runs - 1))));
    assert.equal(d.high, at(Math.ceil(0.95 * (input.runs - 1))));
    assert.ok(Math.abs(d.mean - counts.reduce((s, c, i) => s + c * (i + 1), 0) / input.runs) < 1e-9);
  }
});

test('a unit far ahead is first almost surely; units 0,1 point apart under 1 point of noise swap often', () => {
  const a = rankRobustness(input);
  assert.equal(a[0]!.probabilities![0], 1);
  assert.equal(a[0]!.rank, 1);
  assert.deepEqual([a[0]!.low, a[0]!.high], [1, 1]);
  // Unit 15 sits among many units 0,1 point apart: its 90% interval spans many ranks.
  assert.ok(a[15]!.high - a[15]!.low >= 5, `${a[15]!.low}–${a[15]!.high}`);
  // Without noise nothing moves.
  const still = rankRobustness({ ...input, spread: new Float64Array(n) });
  assert.ok(still.every((d) => d.low === d.rank && d.high === d.rank && d.probabilities![d.rank - 1] === 1));
});

test('ties share a rank by the tie rule: dense 1, 1, 2 and competition 1, 1, 3', () => {
  const tied = {
    appraisal: Float64Array.from([50e6, 50e6, 40e6]),
    survey: new Float64Array(3),
    spread: new Float64Array(3),
    surveyMax: 10e6,
    runs: 100,
    seed: 1,
  };
  assert.deepEqual(
    rankRobustness(tied).map((d) => d.rank),
    [1, 1, 3],
  );
  assert.deepEqual(
    rankRobustness({ ...tied, tieRule: 'dense' }).map((d) => d.rank),
    [1, 1, 2],
  );
});

test('weight uncertainty moves ranks when units are strong in different components, reproducibly', () => {
  // Two units, the same total, strong in different components; weights ±30%.
  const scores = Float64Array.from([10e6, 0, 0, 10e6]);
  const base = { appraisal: Float64Array.from([10e6, 10e6]), survey: new Float64Array(2), spread: new Float64Array(2), surveyMax: 0, runs: 1000, seed: 3 };
  const fixed = rankRobustness(base);
  assert.deepEqual(
    fixed.map((d) => d.probabilities![0]),
    [1, 1],
  );
  const weighted = rankRobustness({ ...base, weights: { scores, max: Float64Array.from([10e6, 10e6]), spread: 0.3 } });
  assert.ok(weighted[0]!.probabilities![0]! > 0.3 && weighted[0]!.probabilities![0]! < 0.7);
  assert.deepEqual(
    weighted.map((d) => d.mean),
    rankRobustness({ ...base, weights: { scores, max: Float64Array.from([10e6, 10e6]), spread: 0.3 } }).map((d) => d.mean),
  );
});

test('the demo province: eight units, each with its published rank, reproducible per seed', () => {
  const dataset = loadDataset();
  const rows = provinceRobustness(dataset, 2023, 'district', { runs: 500, seed: 2 });
  assert.equal(rows.length, 8);
  assert.equal(rows.find((r) => r.unitId === 'tam-duong')!.rank, 4);
  assert.deepEqual(rows, provinceRobustness(dataset, 2023, 'district', { runs: 500, seed: 2 }));
  const weighted = provinceRobustness(dataset, 2023, 'district', { runs: 500, seed: 2, weightSpread: 0.1 });
  assert.notDeepEqual(
    weighted.map((r) => r.mean),
    rows.map((r) => r.mean),
  );
});

test('the simulation ranks exactly as the core ranks (radix keys, and the float fallback for a huge span), ties included', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }),
      fc.constantFrom(1e5, 1e6, 1e9),
      fc.constantFrom('competition' as const, 'dense' as const),
      (values, scale, tieRule) => {
        // Few distinct values: many ties. A scale of 1e9 spans more than 32 bits of micro-points.
        const appraisal = Float64Array.from(values, (v) => v * scale);
        const n = values.length;
        const got = rankRobustness({ appraisal, survey: new Float64Array(n), spread: new Float64Array(n), surveyMax: 0, runs: 1, seed: 1, tieRule }).map(
          (d) => d.rank,
        );
        assert.deepEqual(got, [...rankValues(appraisal, tieRule)]);
      },
    ),
    { numRuns: 200 },
  );
});

test(`probabilities of every rank come for all units up to ${ALL_PROBABILITIES_LIMIT} (the size of the answer is n²), above that for the units asked for, with the same figures`, () => {
  const many = (count: number) => ({
    appraisal: Float64Array.from({ length: count }, (_, i) => 50e6 + i * 2e4),
    survey: Float64Array.from({ length: count }, () => 5e6),
    spread: Float64Array.from({ length: count }, () => 5e5),
    surveyMax: 10e6,
    runs: 200,
    seed: 5,
  });
  assert.ok(rankRobustness(many(ALL_PROBABILITIES_LIMIT)).every((d) => d.probabilities?.length === ALL_PROBABILITIES_LIMIT));
  const big = many(ALL_PROBABILITIES_LIMIT + 1);
  const plain = rankRobustness(big);
  assert.ok(
    plain.every((d) => d.probabilities === undefined),
    'none unless asked',
  );
  const asked = rankRobustness(big, { probabilitiesOf: [7, 300] });
  assert.deepEqual(
    asked.flatMap((d, i) => (d.probabilities ? [i] : [])),
    [7, 300],
  );
  assert.deepEqual(
    asked.map((d) => [d.mean, d.low, d.high, d.rank]),
    plain.map((d) => [d.mean, d.low, d.high, d.rank]),
    'asking changes nothing else',
  );
  const p = asked[7]!.probabilities!;
  assert.equal(p.length, ALL_PROBABILITIES_LIMIT + 1);
  assert.ok(Math.abs(p.reduce((s, x) => s + x, 0) - 1) < 1e-9);
  assert.ok(Math.abs(asked[7]!.mean - p.reduce((s, x, i) => s + x * (i + 1), 0)) < 1e-9);
});
