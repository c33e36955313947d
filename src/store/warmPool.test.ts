/**
 * The pool warmed for writers at once (issue 16.1, store/warmPool.ts): on PostgreSQL every
 * connection asked for has run a score write (on a unit in draft) and keeps its statements prepared;
 * nothing is written, audited or left locked, on an empty database too; the embedded engine is
 * left alone. At the server's start a warm-up that fails is said, not thrown.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { parsePoints } from '../core/index.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { auditCount, createStore, listScores, verifyAudit, writeScore, type Store } from './index.ts';
import { testEngines, openDemoCycle } from './testing.ts';
import { openDatabase } from './open.ts';
import { warmWrites, warmWritesAtStart } from './warmPool.ts';

const DRAFT = 'lai-chau-district-2024';

for (const engine of testEngines()) {
  describe(`a pool warmed for writers on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
    });
    after(() => store.close());

    test('an empty database warms without error', async () => {
      assert.equal(await warmWrites(store.db, 3), engine.name === 'postgres' ? 3 : 0);
    });

    test('warming writes nothing, audits nothing, locks nothing; each warmed connection keeps the statements prepared', async () => {
      await openDemoCycle(store, DRAFT);
      const revision = async () => (await store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value;
      const scores = async () => JSON.stringify(await listScores(store.db, DRAFT, 'tam-duong'));
      const before = { audit: await auditCount(store.db, 1_000_000), revision: await revision(), scores: await scores() };
      assert.equal(await warmWrites(store.db, 3), engine.name === 'postgres' ? 3 : 0);
      assert.deepEqual({ audit: await auditCount(store.db, 1_000_000), revision: await revision(), scores: await scores() }, before);
      assert.equal((await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_queue'))[0]!.n, 0, 'nothing queued');
      assert.equal((await verifyAudit(store.db)).unsealed, 0);
      if (engine.name === 'postgres') {
        // Three transactions at once take the three connections just warmed (the pool reuses its latest).
        const prepared = await Promise.all(
          [0, 1, 2].map(() =>
            store.db.transaction(async (tx) => {
              // The whole write ran: its locking read, its UPDATE (an INSERT here: no score stored yet) and its queued audit entry are prepared.
              const [row] = await tx.query<{ pid: number; n: number }>(
                `SELECT pg_backend_pid() AS pid, pg_sleep(0.05)::text,
                   count(*) FILTER (WHERE statement LIKE '%FOR UPDATE OF r') + count(*) FILTER (WHERE statement LIKE 'UPDATE scores SET self_points%' OR statement LIKE '%INSERT INTO scores (cycle_id, unit_id, code, self_points%')
                     + count(*) FILTER (WHERE statement LIKE '%INSERT INTO audit_queue%') AS n
                 FROM pg_prepared_statements`,
              );
              return row!;
            }),
          ),
        );
        assert.equal(new Set(prepared.map((p) => p.pid)).size, 3);
        assert.deepEqual(
          prepared.map((p) => Number(p.n)),
          [3, 3, 3],
        );
      }
      // No row was left locked: a write goes through at once.
      const version = (await listScores(store.db, DRAFT, 'tam-duong')).find((s) => s.code === '1')?.version ?? 0;
      const written = await writeScore(
        store.db,
        { cycleId: DRAFT, unitId: 'tam-duong', code: '1', version, patch: { final: { total: parsePoints('1') } } },
        SYSTEM,
      );
      assert.equal(written.final?.total, '1');
    });
  });
}

const url = process.env.PARINDEX_TEST_DATABASE_URL;

test('a warm-up that fails at start is said, and the server goes on', { skip: !url && 'no PARINDEX_TEST_DATABASE_URL' }, async () => {
  // A schema with no tables yet: the warm-up's first statement fails as a real database's would.
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ url: url!, schema, poolSize: 2, migrate: false });
  const said: string[] = [];
  try {
    assert.equal(await warmWritesAtStart(db, 2, (line) => said.push(line)), 0);
    assert.equal(said.length, 1);
    assert.match(said[0]!, /Không làm nóng được các kết nối .* \/ Warming the pool's connections failed .*unit_results/);
    // The connections are usable after it.
    assert.deepEqual(await db.query<{ x: number }>('SELECT 1 AS x'), [{ x: 1 }]);
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});
