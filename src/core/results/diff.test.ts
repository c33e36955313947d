/**
 * A unit new to the set is diffed as its values come (issue 16.7, a province's first load): the
 * changes are those the stored-unit path words, added instead of removed, field for field and in
 * the same order, for every kind of value the demo's results hold.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDataset } from '../../io/testFiles.ts';
import type { Change } from '../changes.ts';
import { diffResults } from './diff.ts';

test('the changes of new units are those of the same units removed, turned round', () => {
  const sets = demoDataset().results;
  assert.ok(sets.length > 0);
  const kinds = new Set<string>();
  for (const set of sets) {
    const added = diffResults(undefined, set).filter((c) => c.unitId !== undefined);
    const removed = diffResults(set, { ...set, units: [] }).filter((c) => c.unitId !== undefined);
    const turned = removed.map(({ change, before, ...rest }): Change => {
      assert.equal(change, 'removed');
      return { change: 'added', ...rest, ...(before !== undefined && { after: before }) };
    });
    assert.deepEqual(added, turned);
    // Field order too (the audit keeps them as JSON).
    assert.deepEqual(
      added.map((c) => JSON.stringify(c)),
      turned.map((c) => JSON.stringify(c)),
    );
    for (const c of added) kinds.add(c.item);
  }
  for (const item of ['unit', 'score', 'indicator', 'deduction', 'published', 'notes', 'illustrative'])
    assert.ok(kinds.has(item), `the demo has ${item} values`);
});
