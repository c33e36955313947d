/**
 * A province-wide file's new scores are loaded without the per-row foreign-key trigger (see
 * BULK_SCORES in save.ts). Pinned here on both engines: every row stored and the key back and
 * enforced; a failure after the load leaves nothing and the key in place; and, on PostgreSQL, a
 * score write in progress when the import starts is waited for, not deadlocked with.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { diffResults, readResults, type Dataset } from '../core/index.ts';
import { generatedProvince } from '../io/generatedProvince.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { createStore, type Store } from './index.ts';
import { BULK_SCORES, cycleIdOf } from './save.ts';
import { testEngines } from './testing.ts';

// 400 communes × 100 criteria: each half is just the bulk threshold.
const province = generatedProvince({ units: 400, criteria: 100, year: 2030 });
const [firstHalf, secondHalf] = [province.results.units.slice(0, 200), province.results.units.slice(200)];
const CYCLE = cycleIdOf(2030, province.frameworkId);

for (const engine of testEngines()) {
  describe(`bulk score loads on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(
        [
          { file: 'framework', data: province.framework },
          { file: 'units', data: province.units },
        ],
        SYSTEM,
      );
    });
    after(async () => store?.close());

    /** The file's `units` previewed against `dataset`, as the io importer hands them over. */
    const preview = (dataset: Dataset, units: typeof firstHalf) => {
      const document = { ...province.results, units };
      const results = readResults(document, (id) => dataset.frameworks.get(id));
      return {
        document,
        validated: {
          basis: dataset,
          results,
          changes: diffResults(
            dataset.results.find((s) => s.frameworkId === province.frameworkId),
            results,
          ),
        },
      };
    };
    const count = async () => (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE cycle_id = $1', [CYCLE]))[0]!.n;
    const unitKey = async () =>
      (
        await store.db.query<{ oid: number }>(
          "SELECT oid::int AS oid FROM pg_constraint WHERE conrelid = 'scores'::regclass AND conname = 'scores_cycle_id_unit_id_fkey'",
        )
      )[0]?.oid;
    const superuser = async () => (await store.db.query<{ on: boolean }>("SELECT current_setting('is_superuser') = 'on' AS on"))[0]!.on;

    test('a load that fails after the rows went in leaves no score and the key in place', async () => {
      const key = await unitKey();
      await store.db.query(`CREATE FUNCTION refuse_import() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
      await store.db.query(
        "CREATE TRIGGER refuse_import BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW.action = 'import.results') EXECUTE FUNCTION refuse_import()",
      );
      try {
        const file = preview(await store.dataset(), firstHalf);
        await assert.rejects(store.importDocuments([{ file: 'ket-qua.xlsx', data: file.document }], SYSTEM, { validated: file.validated }), /audit refused/);
      } finally {
        await store.db.query('DROP TRIGGER refuse_import ON audit_log');
        await store.db.query('DROP FUNCTION refuse_import()');
      }
      assert.equal(await count(), 0);
      assert.equal(await unitKey(), key, 'the key is the one that was there');
    });

    test(`${BULK_SCORES.toLocaleString('en')} new scores are all stored, and the foreign key is back and enforced`, async () => {
      const key = await unitKey();
      assert.ok(key !== undefined);
      const file = preview(await store.dataset(), firstHalf);
      const written = await store.importDocuments([{ file: 'ket-qua.xlsx', data: file.document }], SYSTEM, { validated: file.validated });
      assert.deepEqual(written.written, [{ kind: 'results', id: CYCLE }]);
      assert.equal(await count(), BULK_SCORES);
      // The superuser (the embedded engine's) switches the triggers off; the tables' owner (the test role) drops the key and adds it again.
      if (await superuser()) assert.equal(await unitKey(), key);
      else assert.notEqual(await unitKey(), key, 'the key was added again');
      await assert.rejects(
        store.db.query("INSERT INTO scores (cycle_id, unit_id, code, final_total) VALUES ($1, 'no-such-unit', '1.1', 1)", [CYCLE]),
        (e: { code?: string }) => e.code === '23503',
      );
      const stored = (await store.dataset()).results.find((s) => s.frameworkId === province.frameworkId)!;
      assert.equal(stored.units.length, 200);
      assert.deepEqual(diffResults(stored, file.validated.results), []);
    });

    if (engine.name === 'postgres') {
      test('a score write in progress when a bulk import starts is waited for: both commit, no deadlock', async () => {
        let imported = false;
        let touched!: () => void;
        const scoreTouched = new Promise<void>((resolve) => (touched = resolve));
        // The write touches a score, then (as every write does last) the revision; the import starts in between.
        const writing = store.db.transaction(async (tx) => {
          await tx.query(
            "UPDATE scores SET final_total = 0, final_appraisal = 0, version = version + 1 WHERE cycle_id = $1 AND unit_id = 'xa-1' AND code = '1.1'",
            [CYCLE],
          );
          touched();
          // Time for the import to reach the lock (on a loaded machine it may not have: the test then holds all the same).
          await sleep(300);
          assert.equal(imported, false, 'the import waits for the write');
          await tx.query('UPDATE revision SET value = value + 1');
        });
        // The import starts once the score is touched (a state, not a delay: under load 100 ms was not always enough).
        await scoreTouched;
        // The write lands after the file was read: the import is refused as stale and the file read again on the new data.
        const importing = store
          .importPreviewed(
            'ket-qua.xlsx',
            (dataset) => {
              const read = preview(dataset, secondHalf);
              return { document: read.document, results: read.validated.results, changes: read.validated.changes };
            },
            SYSTEM,
          )
          .then(({ stored }) => {
            imported = true;
            return stored;
          });
        const [, written] = await Promise.all([writing, importing]);
        assert.equal(written.changes.filter((c) => c.item === 'unit' && c.change === 'added').length, 200);
        assert.equal(await count(), 2 * BULK_SCORES);
        const [row] = await store.db.query<{ final_total: bigint }>(
          "SELECT final_total FROM scores WHERE cycle_id = $1 AND unit_id = 'xa-1' AND code = '1.1'",
          [CYCLE],
        );
        assert.equal(row!.final_total, 0n);
      });
    }
  });
}
