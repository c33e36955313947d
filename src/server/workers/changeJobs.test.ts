/**
 * A preview's change list held by the worker that made it: review jobs pinned to its id run
 * there, ahead of queued files; a dropped list answers «gone» (issue 15 item 4, issue 16 item 6).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset, ParError, readResults } from '../../core/index.ts';
import { generatedProvince } from '../../io/generatedProvince.ts';
import { exportTables, writeTables } from '../../io/index.ts';
import { DEFAULT_LIMITS } from '../../io/limits.ts';
import { createWorkerPool, PinGone } from './pool.ts';

const province = generatedProvince({ units: 6, criteria: 5, year: 2030 });
const dataset = buildDataset([
  { file: 'framework', data: province.framework },
  { file: 'units', data: province.units },
]);
const csv = await writeTables(
  exportTables({ ...dataset, results: [readResults(province.results, (id) => dataset.frameworks.get(id))] }, { what: 'results', year: 2030 }),
  { format: 'csv' },
);
const options = { kind: 'results' as const, file: 'tinh.csv', year: 2030, framework: province.frameworkId, limits: DEFAULT_LIMITS };

test('pinned review jobs find the list on its worker, among two; a dropped list is gone', async () => {
  const pool = createWorkerPool({ size: 2 });
  try {
    // Both workers started: the review jobs must still reach the one holding the list.
    const [read] = await Promise.all([
      pool.run('previewFile', dataset, { bytes: csv, options, list: 'L', changes: 0 }, 'L'),
      pool.run('exportFile', dataset, { source: { kind: 'export', options: { what: 'units' } }, format: 'csv' }),
    ]);
    assert.ok('summary' in read && read.folded.held && read.folded.list === undefined, 'held, not sent back');
    const total = 'summary' in read ? read.folded.total : 0;
    for (let i = 0; i < 6; i++) {
      const page = await pool.run('changePage', null, { list: 'L', filter: { unit: 'xa-2' }, offset: 0, limit: 3 }, 'L');
      assert.equal(page.changes.length, 3);
      assert.equal((await pool.run('changePage', null, { list: 'L', filter: {}, offset: 0, limit: 1 }, 'L')).total, total);
    }
    const counts = await pool.run('changeCounts', null, { list: 'L', by: 'unit', filter: {} }, 'L');
    assert.equal(
      counts.reduce((n, r) => n + r.total, 0),
      total,
    );
    await pool.run('dropChangeList', null, { list: 'L' }, 'L');
    await assert.rejects(
      pool.run('changePage', null, { list: 'L', filter: {}, offset: 0, limit: 1 }, 'L'),
      (e: unknown) => e instanceof ParError && e.code === 'import.changesGone',
    );
    pool.unpin('L');
  } finally {
    await pool.close();
  }
});

test('the worker holding a list stops as a crash would: its reviews fail, as gone, and the pool goes on', async () => {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(gate, 0, 1);
  const pool = createWorkerPool({ size: 1, gate });
  try {
    await pool.run('previewFile', dataset, { bytes: csv, options, list: 'L', changes: 0 }, 'L');
    Atomics.store(gate, 0, -1);
    await assert.rejects(pool.run('changePage', null, { list: 'L', filter: {}, offset: 0, limit: 1 }, 'L'), /exited with code 70/);
    Atomics.store(gate, 0, 1);
    // The list was in the stopped worker: a review never starts afresh on another one (changeLists.ts says «gone»).
    await assert.rejects(pool.run('changePage', null, { list: 'L', filter: {}, offset: 0, limit: 1 }, 'L'), (e: unknown) => e instanceof PinGone);
    const again = await pool.run('previewFile', dataset, { bytes: csv, options, list: 'M', changes: 0 }, 'M');
    assert.ok('summary' in again && again.folded.held, 'a new worker took the next preview');
    assert.equal((await pool.run('changePage', null, { list: 'M', filter: {}, offset: 0, limit: 1 }, 'M')).changes.length, 1);
    pool.unpin('L');
    pool.unpin('M');
  } finally {
    await pool.close();
  }
});

test('a review page goes ahead of queued files on the one worker', async () => {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(gate, 0, 1);
  const pool = createWorkerPool({ size: 1, gate });
  try {
    await pool.run('previewFile', dataset, { bytes: csv, options, list: 'L', changes: 0 }, 'L');
    Atomics.store(gate, 0, 0);
    const done: string[] = [];
    const file = (n: number) =>
      pool.run('exportFile', dataset, { source: { kind: 'export', options: { what: 'units' } }, format: 'csv' }).then(() => done.push(`file ${n}`));
    const files = [file(1), file(2), file(3)];
    const page = pool.run('changePage', null, { list: 'L', filter: {}, offset: 0, limit: 5 }, 'L').then(() => done.push('page'));
    assert.deepEqual(pool.stats(), { size: 1, busy: 1, queued: 3 });
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    await Promise.all([...files, page]);
    assert.deepEqual(done, ['file 1', 'page', 'file 2', 'file 3'], 'the page behind the running file only');
  } finally {
    await pool.close();
  }
});
