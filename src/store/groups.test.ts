import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeProvince, buildDataset } from '../core/index.ts';
import { groupedDocuments, GROUPED_YEAR, LONG_GROUP_NAME } from '../io/testGroups.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, type Store } from './index.ts';
import { testEngines } from './testing.ts';

for (const engine of testEngines()) {
  describe(`levels and groups stored on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(groupedDocuments(), SYSTEM);
    });
    after(() => store.close());

    test('a province’s named groups and a unit of the province’s own level are read back as imported', async () => {
      const stored = await store.dataset();
      const files = buildDataset(groupedDocuments());
      assert.deepEqual(stored.provinces, files.provinces);
      assert.deepEqual(
        stored.provinces.find((p) => p.id === 'tinh-a')!.groups!.map((g) => g.name),
        ['Khối sở, ban, ngành 1', LONG_GROUP_NAME],
      );
      assert.equal(stored.units.get('kkt-cua-khau')!.level, 'khu-kinh-te');
      assert.deepEqual(
        [...stored.units.values()].map((u) => u.peerGroup),
        [...files.units.values()].map((u) => u.peerGroup),
      );
      assert.equal(analyzeProvince(stored, GROUPED_YEAR, 'department', 'so-khoi-2').groupName, LONG_GROUP_NAME);
      const [row] = await store.db.query<{ level: string }>("SELECT level FROM units WHERE id = 'kkt-cua-khau'");
      assert.equal(row!.level, 'khu-kinh-te');
    });

    test('importing the same units again changes nothing; renaming a group is kept', async () => {
      assert.deepEqual((await store.importDocuments(groupedDocuments(), SYSTEM, { dryRun: true })).counts, { added: 0, changed: 0, removed: 0 });
      const [, unitsA] = groupedDocuments();
      const data = unitsA!.data as { groups: { id: string; name: string }[] };
      data.groups[0]!.name = 'Khối các sở';
      await store.importDocuments([unitsA!], SYSTEM);
      assert.equal((await store.dataset()).provinces.find((p) => p.id === 'tinh-a')!.groups![0]!.name, 'Khối các sở');
    });

    test('the database refuses a level that is not a slug', async () => {
      await assert.rejects(store.db.query("UPDATE units SET level = 'Cấp Sở' WHERE id = 'so-y-te'"));
    });
  });
}
