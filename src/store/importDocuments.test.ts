import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { diffResults, type ParError, parsePoints, planOf, planProblems, readResults, resultsDocument, type Dataset, type ResultsFile } from '../core/index.ts';
import { demoDocuments } from '../io/dataFolder.ts';
import { importFile } from '../io/index.ts';
import { nextYearFramework } from '../io/testFiles.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, writeScore, type Store } from './index.ts';
import { copyText } from './save.ts';
import { closeAll, testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';

test('COPY text escapes what would break a row: tabs, line breaks, backslashes; null is \\N', () => {
  assert.equal(
    copyText([
      ['a\tb', null, 5n, 'x\\y\nz\r'],
      ['1.2', undefined, 0, ''],
    ]),
    'a\\tb\t\\N\t5\tx\\\\y\\nz\\r\n1.2\t\\N\t0\t\n',
  );
});

for (const engine of testEngines()) {
  describe(`file imports into the store on ${engine.name}`, () => {
    // `store` runs the 2024 cycle through the workflow (its units are drafts); `fresh` has no 2024 cycle yet.
    let store: Store;
    let fresh: Store;
    before(async () => {
      store = createStore(await engine.open());
      await openDemoCycle(store, DRAFT);
      fresh = createStore(await engine.open());
      await fresh.importDocuments(demoDocuments(), SYSTEM);
    });
    // Whatever the set-up started, also when it failed half-way or one close fails.
    after(() => closeAll([() => store?.close(), () => fresh?.close()]));

    /** What the io importer hands the store: the stored results with the file's units merged in, validated and compared. */
    const preview = (dataset: Dataset, units: ResultsFile['units']) => {
      const framework = dataset.frameworks.get(DRAFT)!;
      const storedSet = dataset.results.find((s) => s.frameworkId === DRAFT);
      const stored = storedSet ? resultsDocument(storedSet, framework) : { kind: 'results' as const, year: 2024, framework: DRAFT, units: [] };
      const listed = new Set(units.map((u) => u.unit));
      const document: ResultsFile = { ...stored, units: [...stored.units.filter((u) => !listed.has(u.unit)), ...units] };
      const results = readResults(document, (id) => dataset.frameworks.get(id));
      return { document, validated: { basis: dataset, results, changes: diffResults(storedSet, results) } };
    };
    const rows = async (db = store.db) =>
      db.query<{ unit_id: string; code: string; final_total: bigint | null; version: number }>(
        'SELECT unit_id, code, final_total, version FROM scores WHERE cycle_id = $1 ORDER BY unit_id, code',
        [DRAFT],
      );
    const deductions = async (unitId: string) =>
      (
        await store.db.query<{ criterion: string }>('SELECT criterion FROM deductions WHERE cycle_id = $1 AND unit_id = $2 ORDER BY position', [DRAFT, unitId])
      ).map((r) => r.criterion);

    test('units new to the cycle are inserted whole (COPY on the embedded engine) and read back as the preview validated them', async () => {
      const file = preview(await fresh.dataset(), [
        {
          unit: 'tam-duong',
          scores: { '1': 9, '2': 4, '1.2.1': 0.5 },
          deductions: [{ criterion: '1.4', points: 0.5, reason: 'Hình thức tuyên truyền còn hạn chế' }],
        },
        { unit: 'than-uyen', scores: { '1': 10 } },
      ]);
      const written = await fresh.importDocuments([{ file: 'ket-qua.xlsx', data: file.document }], SYSTEM, { validated: file.validated });
      assert.deepEqual(written.written, [{ kind: 'results', id: DRAFT }]);
      assert.equal(written.changes.filter((c) => c.item === 'unit' && c.change === 'added').length, 2);
      assert.deepEqual(
        (await rows(fresh.db)).map((r) => [r.unit_id, r.code, r.final_total]),
        [
          ['tam-duong', '1', 9_000_000n],
          ['tam-duong', '1.2.1', 500_000n],
          ['tam-duong', '2', 4_000_000n],
          ['than-uyen', '1', 10_000_000n],
        ],
      );
      const dataset = await fresh.dataset();
      const framework = dataset.frameworks.get(DRAFT)!;
      assert.deepEqual(resultsDocument(dataset.results.find((s) => s.frameworkId === DRAFT)!, framework), resultsDocument(file.validated.results, framework));
      const [audit] = await fresh.db.query<{ after: { counts: unknown } }>(
        "SELECT after FROM audit_log WHERE action = 'import.results' ORDER BY sequence DESC LIMIT 1",
      );
      assert.deepEqual(audit!.after.counts, written.counts);
    });

    test('a re-import writes only what changed: a changed score gets a new version, a score left out is cleared, untouched rows keep theirs', async () => {
      const first = preview(await store.dataset(), [
        { unit: 'tam-duong', scores: { '1': 9, '2': 4 }, deductions: [{ criterion: '1.4', points: 0.5, reason: 'Hình thức tuyên truyền còn hạn chế' }] },
        { unit: 'than-uyen', scores: { '1': 10, '2': 3.5 } },
      ]);
      const written = await store.importDocuments([{ file: 'ket-qua.xlsx', data: first.document }], SYSTEM, { validated: first.validated });
      // Each change once: a score's total and its appraisal part are one change (4 scores, 1 deduction).
      assert.deepEqual(written.counts, { added: 5, changed: 0, removed: 0 });
      const before = await rows();
      assert.deepEqual(
        before.map((r) => [r.unit_id, r.code, r.final_total]),
        [
          ['tam-duong', '1', 9_000_000n],
          ['tam-duong', '2', 4_000_000n],
          ['than-uyen', '1', 10_000_000n],
          ['than-uyen', '2', 3_500_000n],
        ],
      );
      // The file now gives 9,5 for Tam Đường's 1, the same 4 for its 2, no deduction, and leaves Than Uyên's 2 empty (replace).
      const second = preview(await store.dataset(), [
        { unit: 'tam-duong', scores: { '1': 9.5, '2': 4 } },
        { unit: 'than-uyen', scores: { '1': 10 } },
      ]);
      const again = await store.importDocuments([{ file: 'ket-qua.xlsx', data: second.document }], SYSTEM, { validated: second.validated });
      assert.deepEqual(again.counts, { added: 0, changed: 1, removed: 2 });
      const now = new Map((await rows()).map((r) => [`${r.unit_id}/${r.code}`, r]));
      const was = new Map(before.map((r) => [`${r.unit_id}/${r.code}`, r]));
      assert.equal(now.get('tam-duong/1')!.final_total, 9_500_000n);
      assert.equal(now.get('tam-duong/1')!.version, was.get('tam-duong/1')!.version + 1);
      assert.equal(now.get('tam-duong/2')!.version, was.get('tam-duong/2')!.version, 'an unchanged score keeps its version');
      assert.equal(now.get('than-uyen/1')!.version, was.get('than-uyen/1')!.version);
      assert.equal(now.get('than-uyen/2')!.final_total, null, 'a score the file no longer gives is cleared');
      assert.deepEqual(await deductions('tam-duong'), []);
      // Read back, the stored results are the ones the preview validated.
      const stored = (await store.dataset()).results.find((s) => s.frameworkId === DRAFT)!;
      const framework = (await store.dataset()).frameworks.get(DRAFT)!;
      const byUnit = (units: ResultsFile['units']) => [...units].sort((a, b) => a.unit.localeCompare(b.unit));
      assert.deepEqual(byUnit(resultsDocument(stored, framework).units), byUnit(resultsDocument(second.validated.results, framework).units));
    });

    test('results previewed on data written to since are refused (the preview would undo that write), and nothing is written; a self score is no such write', async () => {
      const stale = preview(await store.dataset(), [{ unit: 'sin-ho', scores: { '1': 8 } }]);
      // Phong Thổ's officer enters a self-assessed score meanwhile: the preview holds no self scores
      // (the import writes final scores only), so it is still current.
      const self = await writeScore(
        store.db,
        { cycleId: DRAFT, unitId: 'phong-tho', code: '1', version: 0, patch: { self: parsePoints('7') } },
        { userId: '7', role: 'unitEditor', unitId: 'phong-tho' },
      );
      const dry = await store.importDocuments([{ file: 'ket-qua.xlsx', data: stale.document }], SYSTEM, { validated: stale.validated, dryRun: true });
      assert.ok(dry.changes.some((c) => c.unitId === 'sin-ho'));
      // Then the province enters Phong Thổ's final score: importing the preview would undo that write.
      await writeScore(
        store.db,
        { cycleId: DRAFT, unitId: 'phong-tho', code: '1', version: self.version, patch: { final: { total: parsePoints('7') } } },
        SYSTEM,
      );
      const before = await rows();
      await assert.rejects(store.importDocuments([{ file: 'ket-qua.xlsx', data: stale.document }], SYSTEM, { validated: stale.validated }), {
        code: 'store.stale',
      });
      assert.deepEqual(await rows(), before);
    });

    test('a file imported from its preview is read again when a write lands meanwhile: a final score set in a unit it lists is kept', async () => {
      const csv = Buffer.from('STT;Đơn vị;Chỉ số 1\r\n1;Sìn Hồ;8,5\r\n');
      let reads = 0;
      const { stored } = await store.importPreviewed(
        'ket-qua.csv',
        async (dataset) => {
          const read = await importFile(csv, dataset, { kind: 'results', year: 2024, framework: DRAFT, file: 'ket-qua.csv' });
          // While the file is read the first time, the province sets Sìn Hồ's component 2, which the file does not give.
          if (++reads === 1)
            await writeScore(store.db, { cycleId: DRAFT, unitId: 'sin-ho', code: '2', version: 0, patch: { final: { total: parsePoints('3') } } }, SYSTEM);
          return read;
        },
        SYSTEM,
      );
      assert.equal(reads, 2);
      assert.ok(stored.changes.some((c) => c.unitId === 'sin-ho' && c.code === '1' && c.after === '8.5'));
      const sinHo = new Map((await rows()).filter((r) => r.unit_id === 'sin-ho').map((r) => [r.code, r.final_total]));
      assert.equal(sinHo.get('1'), 8_500_000n);
      assert.equal(sinHo.get('2'), 3_000_000n, 'the write made while the file was read is kept');
    });

    test('a refused or failing import leaves every stored row as it was', async () => {
      const untouched = async () => ({
        scores: await rows(),
        units: await store.db.query('SELECT unit_id, state, version FROM unit_results WHERE cycle_id = $1 ORDER BY unit_id', [DRAFT]),
        deductions: await deductions('tam-duong'),
      });
      const before = await untouched();
      // A published unit in the file: refused whole, the other unit's changes are not written either.
      await store.db.query("UPDATE unit_results SET state = 'published' WHERE cycle_id = $1 AND unit_id = 'muong-te'", [DRAFT]);
      const published = preview(await store.dataset(), [
        { unit: 'tam-duong', scores: { '1': 1 } },
        { unit: 'muong-te', scores: { '1': 2 } },
      ]);
      await assert.rejects(store.importDocuments([{ file: 'ket-qua.xlsx', data: published.document }], SYSTEM, { validated: published.validated }), {
        code: 'store.immutable',
      });
      await store.db.query("UPDATE unit_results SET state = 'draft' WHERE cycle_id = $1 AND unit_id = 'muong-te'", [DRAFT]);
      const beforeNow = await untouched();
      assert.deepEqual(beforeNow.scores, before.scores);
      // A write failing halfway (a caller claiming Tam Đường is new to the cycle: its score rows exist, so inserting
      // them fails after the unit rows were written) rolls back whole.
      const failing = preview(await store.dataset(), [
        { unit: 'nam-nhun', scores: { '1': 6, '2': 2 } },
        { unit: 'tam-duong', scores: { '1': 5 } },
      ]);
      const changes = [
        ...failing.validated.changes.filter((c) => c.unitId !== 'tam-duong'),
        { change: 'added' as const, unitId: 'tam-duong', item: 'unit' },
        ...failing.validated.changes.filter((c) => c.unitId === 'tam-duong'),
      ];
      await assert.rejects(
        store.importDocuments([{ file: 'ket-qua.xlsx', data: failing.document }], SYSTEM, { validated: { ...failing.validated, changes } }),
        /duplicate key|scores_pkey/,
      );
      assert.deepEqual(await untouched(), beforeNow);
    });

    test('next year’s framework is imported over a plan written on this year’s criteria, which then names the one it lost; a plan naming an unknown criterion is refused', async () => {
      const plan = {
        kind: 'plan',
        unit: 'tam-duong',
        year: 2025,
        basedOn: 2024,
        tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7'] }],
      };
      await fresh.importDocuments([{ file: 'ke-hoach.yaml', data: plan }], SYSTEM);
      const written = await fresh.importDocuments([nextYearFramework({ without: '1.7' })], SYSTEM);
      assert.deepEqual(written.written, [{ kind: 'framework', id: 'lai-chau-district-2025' }]);
      const dataset = await fresh.dataset();
      assert.deepEqual(
        planProblems(dataset, planOf(dataset, 'tam-duong', 2025)!).map((p) => [p.field, p.node]),
        [['tasks.0.criteria.0', '1.7']],
      );
      const wrong = { ...plan, tasks: [{ ...plan.tasks[0], criteria: ['9.9.9'] }] };
      await assert.rejects(fresh.importDocuments([{ file: 'ke-hoach.yaml', data: wrong }], SYSTEM), (e: ParError) =>
        e.issues.some((i) => i.code === 'plan.unknownCriterion' && i.node === '9.9.9'),
      );
    });
  });
}
