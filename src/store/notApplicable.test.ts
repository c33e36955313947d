/**
 * A criterion marked not applicable to a unit (không áp dụng) through the scores write: stored
 * with its reason, read back by the core, audited, and refusing scores while it stands.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeUnit, parsePoints, readResults, resultsDocument } from '../core/index.ts';
import { demoDocuments } from '../io/dataFolder.ts';
import { SYSTEM, type Actor } from '../workflow/policy.ts';
import { createStore, listAudit, listScores, writeScore, type Store } from './index.ts';
import { testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';

for (const engine of testEngines()) {
  describe(`not-applicable criteria on ${engine.name}`, () => {
    let store: Store;
    const unitEditor: Actor = { userId: '7', role: 'unitEditor', unitId: 'tam-duong' };
    before(async () => {
      store = createStore(await engine.open());
      await openDemoCycle(store, DRAFT);
    });
    after(() => store.close());
    const write = (code: string, version: number, patch: Parameters<typeof writeScore>[1]['patch'], actor: Actor = unitEditor) =>
      writeScore(store.db, { cycleId: DRAFT, unitId: 'tam-duong', code, version, patch }, actor);
    const stored = async () => (await store.dataset()).results.find((s) => s.frameworkId === DRAFT)!.units.find((u) => u.unitId === 'tam-duong')!;

    test("a unit's officer marks a criterion not applicable with a reason: saved, read back by the core, its self score cleared, audited", async () => {
      const scored = await write('1.7', 0, { self: parsePoints('1.5') });
      const marked = await write('1.7', scored.version, { notApplicable: true, reason: 'Không có cán bộ lãnh đạo bị kỷ luật trong năm' });
      assert.equal(marked.notApplicable, 'Không có cán bộ lãnh đạo bị kỷ luật trong năm');
      assert.equal(marked.self, null, 'the self score on a criterion that does not apply is cleared');
      const row = (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '1.7')!;
      assert.equal(row.notApplicable, 'Không có cán bộ lãnh đạo bị kỷ luật trong năm');
      const unit = await stored();
      assert.deepEqual([...unit.notApplicable!], [['1.7', 'Không có cán bộ lãnh đạo bị kỷ luật trong năm']]);
      // The applicable maximum of the stored unit shrinks by 1.7's 2 points.
      const analysis = analyzeUnit(await store.dataset(), 'tam-duong', 2024);
      assert.equal(analysis.applicableTotal, parsePoints('98'));
      // Exported and read again: the same mark.
      const dataset = await store.dataset();
      const set = dataset.results.find((s) => s.frameworkId === DRAFT)!;
      const framework = dataset.frameworks.get(DRAFT)!;
      const again = readResults(resultsDocument(set, framework), () => framework);
      assert.equal(again.units.find((u) => u.unitId === 'tam-duong')!.notApplicable!.get('1.7'), 'Không có cán bộ lãnh đạo bị kỷ luật trong năm');

      const [entry] = (await listAudit(store.db, `cycle/${DRAFT}/unit/tam-duong/criterion/1.7`)).slice(-1);
      assert.equal(entry!.action, 'score.write');
      assert.equal(entry!.actorId, '7');
      assert.equal(entry!.reason, 'Không có cán bộ lãnh đạo bị kỷ luật trong năm');
      assert.equal((entry!.before as { self: string }).self, '1.5');
      assert.equal((entry!.after as { notApplicable: string }).notApplicable, 'Không có cán bộ lãnh đạo bị kỷ luật trong năm');
    });

    test('a score on a criterion marked not applicable is refused naming the unit and the criterion; so is a mark without a reason', async () => {
      const current = (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '1.7')!;
      await assert.rejects(write('1.7', current.version, { self: parsePoints('1') }), (error: { code?: string; issues?: { message: { vi: string } }[] }) => {
        assert.equal(error.issues?.[0]?.message.vi.startsWith('đơn vị tam-duong: tiêu chí 1.7 được ghi không áp dụng'), true);
        return true;
      });
      await assert.rejects(write('1.3', 0, { notApplicable: true, reason: '  ' }), { code: 'score.notApplicableReason' });
      await assert.rejects(write('1.3', 0, { notApplicable: true }), { code: 'score.notApplicableReason' });
      // 1.3 states no maximum: nothing to take out of the total.
      await assert.rejects(write('1.3', 0, { notApplicable: true, reason: 'x' }), { code: 'results.notApplicableNoMax' });
      const viewer: Actor = { userId: '8', role: 'unitEditor', unitId: 'phong-tho' };
      await assert.rejects(write('1.7', current.version, { notApplicable: false }, viewer), { code: 'auth.forbidden' });
    });

    test('a results document with a not-applicable criterion is imported, stored and read back', async () => {
      const withMark = (mark: boolean) =>
        demoDocuments().map((doc) => {
          const data = doc.data as { kind?: string; year?: number; units?: { unit: string; scores?: Record<string, number>; notApplicable?: unknown }[] };
          if (data.kind !== 'results' || data.year !== 2022) return doc;
          const units = data.units!.map((u) => {
            if (u.unit !== 'lai-chau-city' || !mark) return u;
            const { '6': _, ...scores } = u.scores!;
            return { ...u, scores, notApplicable: [{ code: '6', reason: 'Minh họa: không áp dụng' }] };
          });
          return { ...doc, data: { ...data, units } };
        });
      // Published results are not imported over: a fresh database takes the marked documents.
      const fresh = createStore(await engine.open());
      try {
        await fresh.importDocuments(withMark(true), SYSTEM);
        const unit = (await fresh.dataset()).results.find((s) => s.year === 2022)!.units.find((u) => u.unitId === 'lai-chau-city')!;
        assert.equal(unit.notApplicable?.get('6'), 'Minh họa: không áp dụng');
        assert.equal(unit.scores.has('6'), false);
      } finally {
        await fresh.close();
      }
    });

    test('the mark is removed by notApplicable: false, and the criterion takes scores again', async () => {
      const current = (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '1.7')!;
      const cleared = await write('1.7', current.version, { notApplicable: false });
      assert.equal(cleared.notApplicable, null);
      assert.equal((await stored()).notApplicable, undefined);
      const rescored = await write('1.7', cleared.version, { self: parsePoints('2') });
      assert.equal(rescored.self, '2');
    });
  });
}
