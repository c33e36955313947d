/**
 * A score write costs what it changes (issue 16.1): it validates the unit it writes, not the
 * store, and readers replace that unit in their cached dataset instead of reading everything
 * again. The guarantees stay: an invalid write rolls back whole, and the dataset a reader gets
 * after any mix of writes is the one a full read gives (figures and ranks of the other units
 * included).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeProvince, parsePoints, provinceToJson, ParError } from '../core/index.ts';
import { demoDocuments } from '../io/dataFolder.ts';
import { type Actor, SYSTEM } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { createStore, listScores, writeScore, type Store } from './index.ts';
import { testEngines, openDemoCycle } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const UNITS = ['tam-duong', 'than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te'];

for (const engine of testEngines()) {
  describe(`incremental score writes on ${engine.name}`, () => {
    let store: Store;
    /** The SQL texts the store ran since the last reset. */
    let seen: string[] = [];
    before(async () => {
      const db = await engine.open();
      const spied: Database = {
        ...db,
        engine: db.engine,
        query: (sql, params) => {
          seen.push(sql);
          return db.query(sql, params);
        },
        transaction: (work) =>
          db.transaction((tx) =>
            work({
              ...tx,
              query: (sql, params) => {
                seen.push(sql);
                return tx.query(sql, params);
              },
              script: tx.script.bind(tx),
            }),
          ),
        close: () => db.close(),
      };
      store = createStore(spied);
      await openDemoCycle(store, DRAFT);
    });
    after(() => store.close());

    const versionOf = async (unitId: string, code: string) => (await listScores(store.db, DRAFT, unitId)).find((s) => s.code === code)?.version ?? 0;
    const write = async (unitId: string, code: string, final: string) =>
      writeScore(store.db, { cycleId: DRAFT, unitId, code, version: await versionOf(unitId, code), patch: { final: { total: parsePoints(final) } } }, SYSTEM);
    /** What a store that reads everything computes: a second store on the same database, with no cache. */
    const fresh = async () => createStore(store.db).dataset();
    const ranking = (dataset: Awaited<ReturnType<Store['dataset']>>) => JSON.stringify(provinceToJson(analyzeProvince(dataset, 2024)));
    const wholeRead = (sqls: string[]) => sqls.some((sql) => sql.includes('FROM frameworks ORDER BY id'));

    test('after score writes of several units the cached dataset is patched, and equals a full read — other units ranks included', async () => {
      await store.dataset();
      for (const [i, unitId] of UNITS.entries()) {
        for (const code of ['1', '2', '3']) await write(unitId, code, String((i + Number(code)) % 3));
      }
      seen = [];
      const patched = await store.dataset();
      assert.equal(wholeRead(seen), false, 'the reader re-read the written units only');
      const full = await fresh();
      assert.deepEqual(patched.results, full.results);
      assert.equal(ranking(patched), ranking(full));
      // One more write moves one unit ahead of the others: their ranks change too.
      await write('muong-te', '1', '3');
      const after = await store.dataset();
      assert.notEqual(ranking(after), ranking(patched));
      assert.equal(ranking(after), ranking(await fresh()));
    });

    test('a write checks only its unit: the framework and the unit rows, never the whole store', async () => {
      seen = [];
      await write('tam-duong', '4', '1');
      assert.equal(wholeRead(seen), false);
      assert.ok(!seen.some((sql) => sql.includes('FROM unit_reports') || sql.includes('FROM plans')), 'reports and plans are not read by a score write');
    });

    test('a self score is checked on the scores of its component: bounds hold, the unit’s document is not read again', async () => {
      const unitId = 'lai-chau-city';
      const officer: Actor = { userId: 'u-lai-chau-city', role: 'unitEditor', unitId };
      const self = async (code: string, points: string, version?: number) =>
        writeScore(
          store.db,
          { cycleId: DRAFT, unitId, code, version: version ?? (await versionOf(unitId, code)), patch: { self: parsePoints(points) } },
          officer,
        );
      const selfOf = async (code: string) => (await listScores(store.db, DRAFT, unitId)).find((s) => s.code === code)?.self ?? null;
      // Component 2's points are not counted under component 1 (13,5).
      await self('2.1', '5');
      const version = await versionOf(unitId, '1.1');
      seen = [];
      await self('1.1', '13', version);
      assert.ok(!seen.some((sql) => sql.includes('final_total::text')), 'a self score leaves the final scores as they were: not read');
      assert.ok(!seen.some((sql) => sql.includes('FROM indicators') || sql.includes('FROM deductions')));
      await self('1.2.1', '0,5');
      await assert.rejects(
        self('1.2.6', '0,5'),
        (error: unknown) => error instanceof ParError && error.issues[0]?.code === 'score.aboveParent' && error.issues[0].node === '1.2.6',
      );
      assert.equal(await selfOf('1.2.6'), null, 'nothing stored');
      // 1.2 scored itself: what lies below it is counted in it, once (13 + 0,4 under 1).
      await self('1.2', '0,4');
      await self('1.2.6', '0,5');
      await assert.rejects(self('1.2', '0,6'), (error: unknown) => error instanceof ParError && error.issues[0]?.code === 'score.aboveParent');
      assert.equal(await selfOf('1.2'), '0.4');
      // Self scores are not what readers compute from: the cached dataset (and its figures) stays, no revision.
      const revision = async () => (await store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value;
      const dataset = await store.dataset();
      const at = await revision();
      await self('1.3', '0,1');
      await writeScore(store.db, { cycleId: DRAFT, unitId, code: '1.3', version: await versionOf(unitId, '1.3'), patch: { comment: 'Đã rà soát' } }, officer);
      assert.equal(await revision(), at);
      assert.equal(await store.dataset(), dataset);
      // A final score is: the unit is read again.
      await write(unitId, '1.3', '0,1');
      assert.ok((await revision()) > at);
      assert.notEqual(await store.dataset(), dataset);
    });

    test('an invalid write rolls back whole: no row, no audit entry, no revision, no change record', async () => {
      const count = async (table: string) => Number((await store.db.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
      const before = {
        audit: await count('audit_log'),
        changes: await count('revision_changes'),
        revision: (await store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value,
      };
      const scores = await listScores(store.db, DRAFT, 'than-uyen');
      const dataset = await store.dataset();
      await assert.rejects(write('than-uyen', '1', '999'), (error: unknown) => error instanceof ParError && error.issues.some((i) => i.field === 'final'));
      assert.deepEqual(await listScores(store.db, DRAFT, 'than-uyen'), scores);
      assert.equal(await count('audit_log'), before.audit);
      assert.equal(await count('revision_changes'), before.changes);
      assert.equal((await store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value, before.revision);
      assert.equal(await store.dataset(), dataset, 'the cached dataset is still current');
    });

    test('a write of another kind in between makes the reader read everything again, and the result is still a full read', async () => {
      await write('tan-uyen', '2', '2');
      await store.importDocuments(demoDocuments(), SYSTEM); // unscoped revision bump (nothing to change, or units re-saved)
      await store.db.transaction((tx) => tx.query('UPDATE revision SET value = value + 1'));
      await write('tan-uyen', '3', '1');
      seen = [];
      const dataset = await store.dataset();
      assert.equal(wholeRead(seen), true);
      assert.deepEqual(dataset.results, (await fresh()).results);
    });

    test('with a publication snapshot, the published view is patched for other cycles and keeps the snapshot of its own', async () => {
      // A correction of results imported as published gives the cycle its snapshot (and reads everything again).
      const code = '1';
      const corrected = (await listScores(store.db, 'lai-chau-district-2023', 'tam-duong')).find((s) => s.code === code)!;
      await writeScore(
        store.db,
        {
          cycleId: 'lai-chau-district-2023',
          unitId: 'tam-duong',
          code,
          version: corrected.version,
          patch: { final: { total: parsePoints('1') }, reason: 'Đính chính theo kết luận thanh tra' },
        },
        SYSTEM,
      );
      assert.ok((await store.db.query("SELECT 1 FROM publications WHERE cycle_id = 'lai-chau-district-2023'")).length > 0, 'the cycle has its snapshot');
      const editor = { userId: '7', role: 'unitEditor' as const, unitId: 'tam-duong' };
      await store.dataset(editor);
      await write('tam-duong', '5', '1');
      seen = [];
      const patched = await store.dataset(editor);
      assert.equal(wholeRead(seen), false);
      const other = createStore(store.db);
      assert.deepEqual(patched.results, (await other.dataset(editor)).results, 'the unit sees its draft write, and 2023 as published');
      assert.deepEqual((await store.dataset()).results, (await other.dataset()).results, 'the province sees the stored rows');
    });

    test('a not-applicable mark is a unit write too: patched, and the same as a full read', async () => {
      await store.dataset();
      await writeScore(
        store.db,
        {
          cycleId: DRAFT,
          unitId: 'sin-ho',
          code: '1',
          version: await versionOf('sin-ho', '1'),
          patch: { notApplicable: true, reason: 'Không có đơn vị trực thuộc' },
        },
        { userId: '7', role: 'unitEditor', unitId: 'sin-ho' },
      );
      seen = [];
      const dataset = await store.dataset();
      assert.equal(wholeRead(seen), false);
      assert.deepEqual(dataset.results, (await fresh()).results);
      const unit = dataset.results.find((s) => s.frameworkId === DRAFT)!.units.find((u) => u.unitId === 'sin-ho')!;
      assert.equal(unit.notApplicable?.get('1'), 'Không có đơn vị trực thuộc');
    });
  });
}
