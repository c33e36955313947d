/**
 * A dataset the store patched (a score write's units replaced) reaches a worker holding the one
 * before as the patches only, and the figures the workers compute from it are the main thread's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeProvince, provinceToJson, rankingIndex, rankingSummary, type Dataset } from '../../core/index.ts';
import { loadDataset } from '../../io/dataFolder.ts';
import { recordDerivation, replaceUnits, type UnitPatch } from '../../store/datasetPatches.ts';
import { createWorkerPool } from './pool.ts';

const base = loadDataset();

/** `dataset` with unit `to`'s results of 2023 taken from unit `from` (its ranks and the others' move). */
function patched(dataset: Dataset, to: string, from: string): Dataset {
  const set = dataset.results.find((s) => s.year === 2023)!;
  const source = set.units.find((u) => u.unitId === from)!;
  const patch: UnitPatch[] = [{ year: set.year, frameworkId: set.frameworkId, units: [{ ...source, unitId: to }] }];
  const { dataset: next, replaced } = replaceUnits(dataset, patch);
  assert.equal(replaced, 1);
  recordDerivation(next, dataset, patch);
  return next;
}

const ranking = { year: 2023, level: undefined, group: undefined };
const province = (dataset: Dataset) => provinceToJson(analyzeProvince(dataset, 2023));

test('patched datasets go to a worker as their patches, a chain of them too; its figures are the main thread’s', async () => {
  const sent: string[] = [];
  const pool = createWorkerPool({ size: 1, onSend: (s) => sent.push(s.as) });
  try {
    const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
    assert.deepEqual(decode(await pool.run('province', base, ranking)), province(base));
    const first = patched(base, 'tam-duong', 'muong-te');
    const second = patched(patched(first, 'than-uyen', 'sin-ho'), 'sin-ho', 'tam-duong');
    assert.notDeepEqual(province(second), province(base), 'the patches move ranks');
    assert.deepEqual(decode(await pool.run('province', first, ranking)), province(first));
    // Two patches behind: both applied in order.
    const index = rankingIndex(second, province(second));
    assert.deepEqual(await pool.run('rankingIndex', second, ranking), { index, summary: rankingSummary(index) });
    // A dataset made otherwise goes whole.
    const other = { ...base };
    assert.deepEqual(decode(await pool.run('province', other, ranking)), province(other));
    assert.deepEqual(sent, ['whole', 'patches', 'patches', 'whole']);
  } finally {
    await pool.close();
  }
});

test('figures a reader waits for go ahead of queued files and simulations', async () => {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const pool = createWorkerPool({ size: 1, gate });
  try {
    const done: string[] = [];
    const options = { runs: 50, seed: 1 };
    const held = pool.run('robustness', base, { year: 2023, level: undefined, options }).then(() => done.push('held'));
    const simulation = pool.run('robustness', base, { year: 2023, level: undefined, options }).then(() => done.push('simulation'));
    const figure = pool.run('province', base, ranking).then(() => done.push('figure'));
    assert.deepEqual(pool.stats(), { size: 1, busy: 1, queued: 2 });
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await Promise.all([held, simulation, figure]);
    assert.deepEqual(done, ['held', 'figure', 'simulation']);
  } finally {
    await pool.close();
  }
});
