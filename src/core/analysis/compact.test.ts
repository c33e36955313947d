/** The compact analysis (peers=near): sized for a screen at 150 criteria, every figure the full answer's. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { generatedProvince } from '../../io/generatedProvince.ts';
import { buildDataset } from '../dataset.ts';
import { readResults } from '../results/index.ts';
import { analysisToJson, analyzeUnit, compactAnalysis } from './index.ts';
import { sparseCriterion } from './compact.ts';

/** A criterion of the sparse answer read back with its defaults. */
const filled = (k: ReturnType<typeof sparseCriterion>, full: Record<string, unknown>) =>
  Object.fromEntries(
    Object.keys(full).map((key) => [
      key,
      key in k ? k[key as keyof typeof k] : key === 'applicableMax' ? (k.max ?? null) : key === 'notApplicable' ? false : null,
    ]),
  );

test('a sparse criterion leaves out only what is null, false or the maximum again', () => {
  const full = analysisToJson(analyzeUnit(loadDataset(), 'tam-duong', 2023));
  const criteria = full.components.flatMap((c) => c.criteria);
  const notApplicable = { ...criteria[0]!, applicableMax: '0', notApplicable: true, score: null, percent: null };
  const sparse = sparseCriterion(notApplicable);
  assert.deepEqual([sparse.applicableMax, sparse.notApplicable, 'score' in sparse, 'percent' in sparse], ['0', true, false, false]);
  for (const k of [...criteria, notApplicable]) assert.deepEqual(filled(sparseCriterion(k), k), k, k.code);
  assert.deepEqual(
    compactAnalysis(full).components.map((c) => c.criteria),
    full.components.map((c) => c.criteria.map(sparseCriterion)),
  );
});

test('4,000 units × 150 criteria over two years: a unit’s compact analysis is at most 50 KB', () => {
  const year = 2030;
  const province = generatedProvince({ units: 4000, criteria: 150, year });
  const earlier = { ...province.framework, id: `${province.frameworkId}-${year - 1}`, year: year - 1 };
  const base = buildDataset([
    { file: 'framework', data: province.framework },
    { file: 'framework-earlier', data: earlier },
    { file: 'units', data: province.units },
  ]);
  const lower = (scores: Record<string, number>, i: number) =>
    Object.fromEntries(Object.entries(scores).map(([code, v]) => [code, Math.round(v * (0.7 + (i % 7) / 25) * 100) / 100]));
  const before = {
    ...province.results,
    year: year - 1,
    framework: earlier.id,
    units: province.results.units.map((u, i) => ({ ...u, scores: lower(u.scores, i) })),
  };
  const dataset = { ...base, results: [before, province.results].map((r) => readResults(r, (id) => base.frameworks.get(id))) };
  const full = analysisToJson(analyzeUnit(dataset, 'xa-2167', year));
  assert.ok(full.components[0]!.criteria[0]!.previousScore !== null, 'the previous year is compared');
  const size = Buffer.byteLength(JSON.stringify(compactAnalysis(full)));
  assert.ok(size <= 50 * 1024, `the compact analysis is ${size} bytes`);
});
