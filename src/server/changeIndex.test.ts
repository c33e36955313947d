/** The index answers as filtering and counting the whole list did, for every filter a reviewer can set (issue 16 item 6). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../core/index.ts';
import { changeFilter, countBy, IndexedChanges, PIECE } from './changeIndex.ts';

const KINDS = ['added', 'changed', 'removed'] as const;
const CODES = ['1.1', '1.2', '1.2.1', '1.10', '2.1', '2.3', undefined];
/** More changes than a piece, units and criteria interleaved, some without a unit or a criterion. */
const list: Change[] = Array.from({ length: PIECE * 2 + 777 }, (_, i) => ({
  change: KINDS[(i * 7) % 3]!,
  ...(i % 97 !== 0 && { unitId: `xa-${(i * 13) % 41}` }),
  item: i % 5 ? 'score' : 'indicator',
  ...(CODES[i % CODES.length] && { code: CODES[i % CODES.length] }),
  after: String(i),
}));

const filters = [
  {},
  { unit: 'xa-3' },
  { unit: 'xa-none' },
  { code: '1' },
  { code: '1.2' },
  { code: '1.1' },
  { code: '3' },
  { change: 'removed' },
  { unit: 'xa-5', code: '1' },
  { unit: 'xa-5', change: 'added' },
  { code: '1.2', change: 'changed' },
  { unit: 'xa-8', code: '2', change: 'removed' },
];

test('pages, totals and counts from the index equal those of the whole list filtered', async () => {
  const indexed = await IndexedChanges.of(list);
  assert.equal(indexed.changes.length, list.length);
  for (const filter of filters) {
    const kept = list.filter(changeFilter(filter));
    const positions = await indexed.select(filter);
    assert.equal(indexed.size(positions), kept.length, JSON.stringify(filter));
    for (const [offset, limit] of [
      [0, 200],
      [150, 50],
      [kept.length - 3, 10],
      [kept.length + 5, 10],
    ] as const) {
      assert.deepEqual(
        indexed.page(positions, Math.max(0, offset), limit),
        kept.slice(Math.max(0, offset), Math.max(0, offset) + limit),
        JSON.stringify(filter),
      );
    }
    assert.deepEqual(await indexed.all(positions), kept);
    for (const by of ['unit', 'criterion'] as const) assert.deepEqual(await indexed.counts(by, filter), countBy(kept, by), `${by} ${JSON.stringify(filter)}`);
  }
});

test('the same answer twice comes from the cache; pieces added one by one index as the whole', async () => {
  const indexed = await IndexedChanges.of(list);
  assert.equal(await indexed.counts('unit', { code: '1' }), await indexed.counts('unit', { code: '1' }));
  const pieced = new IndexedChanges();
  for (let i = 0; i < list.length; i += 1000) pieced.add(list.slice(i, i + 1000));
  assert.deepEqual(await pieced.counts('criterion', {}), await indexed.counts('criterion', {}));
  assert.deepEqual(await pieced.select({ code: '1.2' }), await indexed.select({ code: '1.2' }));
});
