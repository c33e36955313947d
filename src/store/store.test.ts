import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeUnit, fromMicro, frameworkDocument, parsePoints, resultsDocument, type Dataset } from '../core/index.ts';
import { SYSTEM, type Actor } from '../workflow/policy.ts';
import { createStore, listAudit, listPublications, listScores, openCycle, publish, verifyAudit, writeScore, type Store } from './index.ts';
import { rankingTables } from '../io/export/ranking.ts';
import { demoDocuments, loadDataset } from '../io/dataFolder.ts';
import { testEngines } from './testing.ts';

const files: Dataset = loadDataset();

for (const engine of testEngines()) {
  describe(`store on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments(), SYSTEM);
      await openCycle(store.db, { year: 2024, frameworkId: 'lai-chau-district-2024' }, SYSTEM);
    });
    const unitEditor: Actor = { userId: '7', role: 'unitEditor', unitId: 'tam-duong' };
    const DRAFT = 'lai-chau-district-2024';
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
      const result = await store.importDocuments(demoDocuments(), SYSTEM, { dryRun: true });
      assert.deepEqual(result.counts, { added: 0, changed: 0, removed: 0 });
    });

    test('a stale score write is refused with the current row, and exactly one of two racing writes wins', async () => {
      const write = (v: string, version: number) =>
        writeScore(store.db, { cycleId: DRAFT, unitId: 'tam-duong', code: '1', version, patch: { self: parsePoints(v) } }, unitEditor);
      const score = await write('9', 0);
      await assert.rejects(write('9.1', 0), { code: 'store.conflict' });
      const attempts = await Promise.allSettled(['9.6', '9.7', '9.8'].map((v) => write(v, score.version)));
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      for (const a of attempts.filter((x) => x.status === 'rejected')) assert.equal((a as PromiseRejectedResult).reason.code, 'store.conflict');
      const [now] = (await listScores(store.db, DRAFT, 'tam-duong')).filter((s) => s.code === '1');
      assert.equal(now!.version, score.version + 1);
      assert.ok(['9.6', '9.7', '9.8'].includes(now!.self!));
    });

    test('a final score above the maximum is refused by the core and nothing is written', async () => {
      const before = await listScores(store.db, DRAFT, 'tam-duong');
      await assert.rejects(
        writeScore(store.db, { cycleId: DRAFT, unitId: 'tam-duong', code: '2', version: 0, patch: { final: { total: fromMicro(99_000_000) } } }, SYSTEM),
        (e: { code: string }) => e.code.startsWith('results.') || e.code.startsWith('score.'),
      );
      await assert.rejects(writeScore(store.db, { cycleId: DRAFT, unitId: 'tam-duong', code: '2', version: 0, patch: { self: fromMicro(-1) } }, unitEditor), {
        code: 'score.outOfRange',
      });
      assert.deepEqual(await listScores(store.db, DRAFT, 'tam-duong'), before);
    });

    test('a survey part stored before its appraisal part is read back as such (the total waits for it)', async () => {
      const survey = {
        file: 'survey.yaml',
        data: { kind: 'results', year: 2024, framework: 'lai-chau-district-2024', units: [{ unit: 'tam-duong', scores: { '8': { survey: 22.3 } } }] },
      };
      await store.importDocuments([survey], SYSTEM);
      const stored = await store.dataset();
      const set = stored.results.find((s) => s.year === 2024)!;
      assert.deepEqual(set.units.find((u) => u.unitId === 'tam-duong')!.scores.get('8'), { survey: 22_300_000 });
      const replaced = { ...survey, data: { ...survey.data, units: [{ unit: 'tam-duong', scores: { '1': 9 } }] } };
      await store.importDocuments([replaced], SYSTEM);
      const again = (await store.dataset()).results.find((s) => s.year === 2024)!;
      assert.equal(again.units.find((u) => u.unitId === 'tam-duong')!.scores.has('8'), false, 'a results file replacing the unit clears the stored part');
    });

    test('publication freezes a snapshot; a correction needs a reason; the snapshot cannot be edited', async () => {
      const first = await publish(store.db, { cycleId: 'lai-chau-district-2023', decision: '1/QĐ-UBND', decidedOn: '2023-05-01' }, SYSTEM);
      assert.equal(first.sequence, 1);
      await assert.rejects(publish(store.db, { cycleId: 'lai-chau-district-2023', decision: '2/QĐ-UBND' }, SYSTEM), { code: 'publication.reasonRequired' });
      const second = await publish(store.db, { cycleId: 'lai-chau-district-2023', decision: '2/QĐ-UBND', reason: 'Đính chính' }, SYSTEM);
      assert.equal(second.sequence, 2);
      await assert.rejects(store.db.query("UPDATE publications SET decision = 'x'"), /immutable/);
      await assert.rejects(store.db.query('DELETE FROM publications'), /immutable/);
      assert.equal((await listPublications(store.db, 'lai-chau-district-2023')).length, 2);
      // Each publication keeps the audit trail's head at its decision (its own entry), and the published results print it.
      const trail = await listAudit(store.db);
      const own = trail.filter((e) => e.action.startsWith('publication.')).at(-1)!;
      assert.deepEqual(second.auditHead, { sequence: own.sequence, hash: own.hash });
      assert.equal(second.snapshot.publication?.auditHead, `${own.sequence}:${own.hash}`);
      assert.notDeepEqual(first.auditHead, second.auditHead);
      const ranking = rankingTables(await store.dataset(), (await store.dataset()).results.find((s) => s.frameworkId === 'lai-chau-district-2023')!);
      assert.ok(ranking[0]!.title!.includes(`Nhật ký thay đổi đến mục ${own.sequence}, mã băm ${own.hash}`));
      // A publication's head is an anchor: cutting the trail back before it is caught.
      const check = await verifyAudit(store.db);
      assert.equal(check.valid, true);
      await store.db.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
        await tx.query('DELETE FROM audit_log WHERE sequence >= $1', [own.sequence]);
        await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      });
      const cut = await verifyAudit(store.db);
      assert.deepEqual([cut.valid, cut.brokenAt, cut.reason, cut.anchor?.source], [false, own.sequence, 'missing', 'publication 2/QĐ-UBND']);
    });
  });
}
