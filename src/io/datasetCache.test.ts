import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { serialize } from 'node:v8';
import { ParError } from '../core/index.ts';
import { prune } from './datasetCache.ts';
import { demoFolders, loadDataset, reformFolders } from './dataFolder.ts';

/** Runs `work` with the caches in a folder of its own (`''`: turned off). */
function withCache<T>(dir: string, work: () => T): T {
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = dir;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
  }
}

const score = (dataset: ReturnType<typeof loadDataset>) => dataset.results.find((r) => r.year === 2023)!.units.find((u) => u.unitId === 'tam-duong')!.scores;

test('the same documents give back the dataset built before; a changed score is built anew', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-dataset-cache-'));
  try {
    const province = join(dir, 'province');
    cpSync(demoFolders[1]!, province, { recursive: true });
    const folders = [demoFolders[0]!, province];
    const kept = join(dir, 'cache', 'datasets');
    withCache(join(dir, 'cache'), () => {
      const first = loadDataset(folders);
      assert.equal(readdirSync(kept).length, 1);
      assert.deepStrictEqual(loadDataset(folders), first, 'read back as built');
      assert.deepStrictEqual(
        first,
        withCache('', () => loadDataset(folders)),
        'as without a cache',
      );
      // What is kept is what is read: a marker in its place comes back.
      const [file] = readdirSync(kept);
      writeFileSync(join(kept, file!), serialize({ ...first, provinces: [{ id: 'marker', name: 'marker' }] }));
      assert.equal(loadDataset(folders).provinces[0]!.id, 'marker');

      const results = join(province, 'results', 'district-2023.yaml');
      writeFileSync(results, readFileSync(results, 'utf8').replace('"1": 9.52\n', '"1": 8.52\n'));
      const changed = loadDataset(folders);
      assert.notDeepStrictEqual(score(changed), score(first));
      assert.equal(changed.provinces[0]!.id, first.provinces[0]!.id, 'not the marker');
      assert.deepStrictEqual(
        changed,
        withCache('', () => loadDataset(folders)),
      );
      assert.equal(readdirSync(kept).length, 2);
      // A damaged file is built again.
      for (const f of readdirSync(kept)) writeFileSync(join(kept, f), 'not a dataset');
      assert.deepStrictEqual(loadDataset(folders), changed);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a dataset across the reform reads back exactly as built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-dataset-cache-'));
  try {
    withCache(dir, () => {
      const built = loadDataset(reformFolders);
      assert.deepStrictEqual(loadDataset(reformFolders), built);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('documents with problems report them each time and keep nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-dataset-cache-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'kind: results\nyear: [\n');
    withCache(join(dir, 'cache'), () => {
      for (let i = 0; i < 2; i++) assert.throws(() => loadDataset([demoFolders[0]!, bad]), ParError);
    });
    assert.deepEqual(readdirSync(dir).includes('cache') ? readdirSync(join(dir, 'cache')).filter((f) => f === 'datasets') : [], []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache keeps the datasets written last', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-dataset-cache-'));
  try {
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      writeFileSync(join(dir, `${name}.v8`), '');
      utimesSync(join(dir, `${name}.v8`), 1000 + i, 1000 + i);
    }
    prune(dir, 1);
    assert.deepEqual(readdirSync(dir), ['c.v8']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
