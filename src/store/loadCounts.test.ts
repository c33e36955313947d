/**
 * A whole set loaded into an empty store (`parindex load`, issue 16.7) is counted without reading
 * its changes again: the counts returned are the sum of those each document's audit entry holds,
 * the units checked are the set's own. Checked against the changes themselves, counted as before
 * (countChanges of the whole list, of each document's part), on both engines, on a set large
 * enough for the bulk path.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countChanges, type Change } from '../core/index.ts';
import { generatedProvince } from '../io/generatedProvince.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { BULK_SCORES } from './save.ts';
import { createStore, type ImportResult, type Store } from './index.ts';
import { testEngines } from './testing.ts';

const UNITS = 140;
const CRITERIA = 150;

for (const engine of testEngines()) {
  describe(`a set loaded into an empty store on ${engine.name}`, () => {
    let store: Store;
    let result: ImportResult;
    let preview: ImportResult;
    before(async () => {
      const province = generatedProvince({ units: UNITS, criteria: CRITERIA, year: 2030 });
      const documents = [
        { file: 'framework.json', data: province.framework },
        { file: 'units.json', data: province.units },
        { file: 'results.json', data: province.results },
      ];
      store = createStore(await engine.open());
      preview = await store.importDocuments(documents, SYSTEM, { dryRun: true });
      result = await store.importDocuments(documents, SYSTEM);
    });
    after(async () => {
      await store?.close();
    });

    test('the counts are those of the changes, as the preview counts them', async () => {
      assert.ok(UNITS * CRITERIA >= BULK_SCORES, 'the bulk path');
      assert.deepEqual(result.counts, countChanges(result.changes));
      assert.deepEqual(result.counts, preview.counts);
      assert.deepEqual(result.changes, preview.changes);
    });

    test("each document's audit entry holds its changes' counts and first changes, as before", async () => {
      const entries = await store.db.query<{ action: string; after: { file: string; counts: ReturnType<typeof countChanges>; changes: Change[] } }>(
        "SELECT action, after FROM audit_log WHERE action LIKE 'import.%' UNION ALL SELECT action, after FROM audit_queue WHERE action LIKE 'import.%'",
      );
      assert.deepEqual(entries.map((e) => e.action).sort(), ['import.framework', 'import.results', 'import.units']);
      // The changes in document order (framework, units, results); the first two have no score to fold, so as many changes as counted.
      const entry = (action: string) => entries.find((e) => e.action === action)!.after;
      const size = (c: ReturnType<typeof countChanges>) => c.added + c.changed + c.removed;
      const framework = size(entry('import.framework').counts);
      const units = size(entry('import.units').counts);
      const parts = {
        'import.framework': result.changes.slice(0, framework),
        'import.units': result.changes.slice(framework, framework + units),
        'import.results': result.changes.slice(framework + units),
      };
      const sum = { added: 0, changed: 0, removed: 0 };
      for (const [action, own] of Object.entries(parts)) {
        assert.ok(own.length > 0, action);
        assert.deepEqual(entry(action).counts, countChanges(own), `${action}: the counts of its changes`);
        assert.deepEqual(entry(action).changes, own.slice(0, 5000), `${action}: its first changes`);
        for (const k of ['added', 'changed', 'removed'] as const) sum[k] += entry(action).counts[k];
      }
      assert.deepEqual(sum, result.counts);
      const [{ n }] = await store.db.query<{ n: bigint }>('SELECT count(*) AS n FROM scores');
      assert.equal(Number(n), UNITS * CRITERIA);
    });
  });
}
