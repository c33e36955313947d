/**
 * A full read takes the units' scores a page of units at a time (load.ts): the documents read in
 * pages of one, two or seven units are those read in one statement, on both engines — the demo's
 * cycles (several years, indicators, deductions, units without scores) and a generated province.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoDocuments } from '../io/dataFolder.ts';
import { generatedProvince } from '../io/generatedProvince.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, type Store } from './index.ts';
import { loadDocuments } from './load.ts';
import { testEngines } from './testing.ts';

for (const engine of testEngines()) {
  describe(`the full read in pages on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments(), SYSTEM);
      const province = generatedProvince({ units: 9, criteria: 4, year: 2031 });
      await store.importDocuments(
        [
          { file: 'framework.json', data: province.framework },
          { file: 'units.json', data: province.units },
          { file: 'results.json', data: province.results },
        ],
        SYSTEM,
      );
    });
    after(async () => {
      await store?.close();
    });

    test('pages of any size read the same documents as one statement', async () => {
      const whole = await loadDocuments(store.db, { scorePage: 1_000_000 });
      const scored = whole.flatMap((d) =>
        (d.data as { kind?: string; units?: { scores?: object }[] }).kind === 'results' ? (d.data as { units: { scores?: object }[] }).units : [],
      );
      assert.ok(scored.filter((u) => u.scores).length > 14, 'units with scores in several cycles');
      for (const scorePage of [1, 2, 7]) assert.deepEqual(await loadDocuments(store.db, { scorePage }), whole, `pages of ${scorePage}`);
      assert.deepEqual(await loadDocuments(store.db), whole);
    });
  });
}
