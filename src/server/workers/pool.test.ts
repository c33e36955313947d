import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../../core/index.ts';
import { provinceRobustness } from '../../core/planning/montecarlo.ts';
import { loadDataset } from '../../io/dataFolder.ts';
import { createWorkerPool, poolSizeFrom } from './pool.ts';

const dataset = loadDataset();

/** Polls until `check` holds (no timing assertion: the test waits for the state). */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 5));
}

test('pool size: PARINDEX_WORKERS, or the processors less one, at least 1; a wrong value named', () => {
  assert.equal(poolSizeFrom({ PARINDEX_WORKERS: '3' }), 3);
  assert.ok(poolSizeFrom({}) >= 1);
  assert.throws(
    () => poolSizeFrom({ PARINDEX_WORKERS: 'two' }),
    (e: unknown) => e instanceof ParError && e.issues[0]!.field === 'PARINDEX_WORKERS' && /PARINDEX_WORKERS/.test(e.issues[0]!.message.vi),
  );
});

test('a job in a worker gives what the main thread would; the dataset is sent once per worker', async () => {
  const pool = createWorkerPool({ size: 1 });
  try {
    const options = { runs: 200, seed: 7, spreadPoints: 1 };
    const expected = provinceRobustness(dataset, 2023, undefined, options).map((d) => ({ ...d, probabilities: d.probabilities ? [...d.probabilities] : null }));
    assert.deepEqual(await pool.run('robustness', dataset, { year: 2023, level: undefined, options }), expected);
    // Second run on the same dataset: the worker uses its copy (the answer stays the same).
    assert.deepEqual(await pool.run('robustness', dataset, { year: 2023, level: undefined, options }), expected);
    assert.deepEqual(pool.stats(), { size: 1, busy: 0, queued: 0 });
  } finally {
    await pool.close();
  }
});

test('a ParError thrown in a worker comes back as the same ParError with its issues', async () => {
  const pool = createWorkerPool({ size: 1 });
  try {
    await assert.rejects(pool.run('refuse', dataset, { field: 'runs' }), (error: unknown) => {
      assert.ok(error instanceof ParError);
      assert.equal(error.code, 'job.refused');
      assert.deepEqual(error.issues, [{ code: 'job.refused', field: 'runs', message: { vi: 'trường runs không hợp lệ', en: 'the field runs is invalid' } }]);
      return true;
    });
  } finally {
    await pool.close();
  }
});

test('a held job keeps its worker busy, the next waits in the queue; both finish when released', async () => {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const pool = createWorkerPool({ size: 1, gate });
  try {
    const options = { runs: 100, seed: 1 };
    const first = pool.run('robustness', dataset, { year: 2023, level: undefined, options });
    const second = pool.run('robustness', dataset, { year: 2023, level: undefined, options });
    assert.deepEqual(pool.stats(), { size: 1, busy: 1, queued: 1 });
    // The main thread is free meanwhile: timers and I/O run.
    await new Promise((r) => setImmediate(r));
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    const [a, b] = await Promise.all([first, second]);
    assert.deepEqual(a, b);
    await until(() => pool.stats().busy === 0);
  } finally {
    await pool.close();
  }
});
