import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoDocuments } from '../io/dataFolder.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, type Store } from './index.ts';
import { testEngines } from './testing.ts';

const results = (extra: object) => ({
  file: 'ket-qua-2024.yaml',
  data: { kind: 'results', year: 2024, framework: 'lai-chau-district-2024', ...extra, units: [{ unit: 'tam-duong', scores: { '1': 9 } }] },
});

for (const engine of testEngines()) {
  describe(`the assessment date through the store on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments(), SYSTEM);
    });
    after(() => store.close());
    const assessedOn = async () => (await store.dataset()).results.find((s) => s.year === 2024)?.assessedOn;

    test('results’ assessedOn is saved and read back, and a later file without it keeps it', async () => {
      await store.importDocuments([results({ assessedOn: '2025-01-20' })], SYSTEM);
      assert.equal(await assessedOn(), '2025-01-20');
      const again = await store.importDocuments([results({ assessedOn: '2025-01-20' })], SYSTEM, { dryRun: true });
      assert.deepEqual(again.counts, { added: 0, changed: 0, removed: 0 }, 'the stored date is the file’s: nothing to change');
      await store.importDocuments([results({ assessedOn: '2025-01-22' })], SYSTEM);
      assert.equal(await assessedOn(), '2025-01-22');
      await store.importDocuments([results({})], SYSTEM);
      assert.equal(await assessedOn(), '2025-01-22');
    });
  });
}
