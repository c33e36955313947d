import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeUnit, fromMicro, frameworkDocument, parsePoints, resultsDocument, type Dataset } from '../core/index.ts';
import { createStore, listPublications, listScores, publish, writeScore, type Store } from './index.ts';
import { demoDocuments, loadDataset } from '../io/dataFolder.ts';
import { testEngines } from './testing.ts';

const files: Dataset = loadDataset();

for (const engine of testEngines()) {
  describe(`store on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments());
    });
    after(() => store.close());

    test('the demo read back from the database is the demo read from its files', async () => {
      const stored = await store.dataset();
      assert.deepEqual([...stored.units.keys()].sort(), [...files.units.keys()].sort());
      for (const [id, framework] of files.frameworks) assert.deepEqual(frameworkDocument(stored.frameworks.get(id)!), frameworkDocument(framework));
      for (const set of files.results) {
        const back = stored.results.find((s) => s.year === set.year && s.frameworkId === set.frameworkId)!;
        const framework = files.frameworks.get(set.frameworkId)!;
        assert.deepEqual(resultsDocument(back, framework), resultsDocument(set, framework));
      }
      assert.equal(stored.reports.length, files.reports.length);
      const a = analyzeUnit(stored, 'tam-duong', 2023);
      assert.equal(a.total, analyzeUnit(files, 'tam-duong', 2023).total);
      assert.equal(a.total, parsePoints('78.119875'));
    });

    test('importing the same documents again changes nothing', async () => {
      const result = await store.importDocuments(demoDocuments(), { dryRun: true });
      assert.deepEqual(result.counts, { added: 0, changed: 0, removed: 0 });
    });

    test('a stale score write is refused with the current row, and exactly one of two racing writes wins', async () => {
      const [score] = (await listScores(store.db, 'lai-chau-district-2023', 'tam-duong')).filter((s) => s.code === '1');
      assert.ok(score);
      const attempts = await Promise.allSettled(
        ['9.6', '9.7', '9.8'].map((v) => writeScore(store.db, { cycleId: 'lai-chau-district-2023', unitId: 'tam-duong', code: '1', version: score.version, patch: { self: parsePoints(v) } })),
      );
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      for (const a of attempts.filter((x) => x.status === 'rejected')) assert.equal((a as PromiseRejectedResult).reason.code, 'store.conflict');
      const [now] = (await listScores(store.db, 'lai-chau-district-2023', 'tam-duong')).filter((s) => s.code === '1');
      assert.equal(now!.version, score.version + 1);
      assert.equal(now!.final?.total, '9.52');
    });

    test('a final score above the maximum is refused by the core and nothing is written', async () => {
      const [score] = (await listScores(store.db, 'lai-chau-district-2023', 'tam-duong')).filter((s) => s.code === '2');
      await assert.rejects(
        writeScore(store.db, { cycleId: 'lai-chau-district-2023', unitId: 'tam-duong', code: '2', version: score!.version, patch: { final: { total: fromMicro(99_000_000) } } }),
        (e: { code: string }) => e.code.startsWith('results.') || e.code.startsWith('score.'),
      );
      const [again] = (await listScores(store.db, 'lai-chau-district-2023', 'tam-duong')).filter((s) => s.code === '2');
      assert.deepEqual(again, score);
    });

    test('publication freezes a snapshot; a correction needs a reason; the snapshot cannot be edited', async () => {
      const first = await publish(store.db, { cycleId: 'lai-chau-district-2022', decision: '1/QĐ-UBND', decidedOn: '2023-05-01' });
      assert.equal(first.sequence, 1);
      await assert.rejects(publish(store.db, { cycleId: 'lai-chau-district-2022', decision: '2/QĐ-UBND' }), { code: 'publication.reasonRequired' });
      const second = await publish(store.db, { cycleId: 'lai-chau-district-2022', decision: '2/QĐ-UBND', reason: 'Đính chính' });
      assert.equal(second.sequence, 2);
      await assert.rejects(store.db.query("UPDATE publications SET decision = 'x'"), /immutable/);
      await assert.rejects(store.db.query('DELETE FROM publications'), /immutable/);
      assert.equal((await listPublications(store.db, 'lai-chau-district-2022')).length, 2);
    });
  });
}
