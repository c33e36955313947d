/**
 * The two-role PostgreSQL set-up of the README: an owner role runs the migrations and
 * scripts/postgres-roles.sql; the server connects as a least-privilege role that cannot
 * TRUNCATE, alter the audit table or switch its triggers off, and still loads a province-wide
 * import through the bulk fast path (the owner's functions of migration 008). The roles are
 * made by `.ci/run` (as the postgres superuser); without them the suite is skipped, unless
 * PARINDEX_REQUIRE_POSTGRES=1.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { diffResults, readResults } from '../core/index.ts';
import { generatedProvince } from '../io/generatedProvince.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { appendAudit, createStore, openDatabase, verifyAudit, type Store } from './index.ts';
import { BULK_SCORES, cycleIdOf, prepareBulkScores } from './save.ts';
import { closeAll } from './testing.ts';

const url = process.env.PARINDEX_TEST_DATABASE_URL;
const as = (role: string) => {
  const u = new URL(url!);
  u.username = role;
  u.password = role;
  return u.toString();
};

async function rolesExist(): Promise<boolean> {
  if (!url) return false;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_roles WHERE rolname IN ('parindex_owner', 'parindex_server')");
    return rows[0].n === 2;
  } finally {
    await client.end();
  }
}

const ready = await rolesExist();
if (!ready && process.env.PARINDEX_REQUIRE_POSTGRES === '1') throw new Error('the roles parindex_owner and parindex_server are missing (made by .ci/run)');

describe('two roles on PostgreSQL: the owner migrates, the server gets only what it needs', {
  skip: !ready && 'no parindex_owner/parindex_server roles',
}, () => {
  const schema = `r_${randomBytes(6).toString('hex')}`;
  let owner: pg.Client;
  let store: Store;
  before(async () => {
    owner = new pg.Client({ connectionString: as('parindex_owner') });
    await owner.connect();
    await owner.query(`CREATE SCHEMA ${schema}`);
    await owner.query(`SET search_path = ${schema}`);
    await (await openDatabase({ url: as('parindex_owner'), schema })).close();
    await owner.query(readFileSync(new URL('../../scripts/postgres-roles.sql', import.meta.url), 'utf8'));
    // The server role opens it as the server does: the migrations are applied already, nothing to create.
    store = createStore(await openDatabase({ url: as('parindex_server'), schema }));
    await store.db.transaction((tx) => appendAudit(tx, { actorId: 'u1', action: 'score.write', subject: 's1' }));
  });
  // Whatever the set-up started, each also when an earlier step fails (a connected client left open keeps the file's process alive).
  after(() => closeAll([() => store?.close(), () => owner?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`), () => owner?.end()]));

  test('the server role cannot TRUNCATE, delete, rewrite, alter or switch off the triggers of the audit trail', async () => {
    const refused = /permission denied|must be owner/;
    await assert.rejects(store.db.query('TRUNCATE audit_log'), refused);
    await assert.rejects(store.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only'), refused);
    await assert.rejects(store.db.query('ALTER TABLE audit_log DISABLE TRIGGER ALL'), refused);
    await assert.rejects(store.db.query('ALTER TABLE audit_log ADD COLUMN x int'), refused);
    await assert.rejects(store.db.query('DROP TABLE audit_log'), refused);
    await assert.rejects(store.db.query('DELETE FROM audit_log'), refused);
    await assert.rejects(store.db.query("UPDATE audit_log SET subject = 'x'"), refused);
    await assert.rejects(store.db.query('TRUNCATE publications'), refused);
    await assert.rejects(store.db.query('DELETE FROM schema_migrations'), refused);
    await assert.rejects(store.db.query('SET session_replication_role = replica'), /permission denied/);
    assert.equal((await verifyAudit(store.db)).valid, true);
  });

  test('a province-wide import still takes the bulk fast path, through the owner’s functions', async () => {
    const province = generatedProvince({ units: 200, criteria: 100, year: 2030 });
    const cycle = cycleIdOf(2030, province.frameworkId);
    await store.importDocuments(
      [
        { file: 'framework', data: province.framework },
        { file: 'units', data: province.units },
      ],
      SYSTEM,
    );
    assert.equal(await store.db.transaction((tx) => prepareBulkScores(tx)), 'definer');
    const unitKey = async () =>
      (
        await store.db.query<{ oid: number }>(
          "SELECT oid::int AS oid FROM pg_constraint WHERE conname = 'scores_cycle_id_unit_id_fkey' AND connamespace = current_schema()::regnamespace",
        )
      )[0]?.oid;
    const key = await unitKey();
    const dataset = await store.dataset();
    const results = readResults(province.results, (id) => dataset.frameworks.get(id));
    const changes = diffResults(undefined, results);
    await store.importDocuments([{ file: 'ket-qua.xlsx', data: province.results }], SYSTEM, { validated: { basis: dataset, results, changes } });
    const [{ n } = { n: 0 }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE cycle_id = $1', [cycle]);
    assert.equal(n, BULK_SCORES);
    assert.notEqual(await unitKey(), key, 'the key was dropped and added again (the fast path), not kept per row');
    await assert.rejects(
      store.db.query("INSERT INTO scores (cycle_id, unit_id, code, final_total) VALUES ($1, 'no-such-unit', '1.1', 1)", [cycle]),
      (e: { code?: string }) => e.code === '23503',
    );
    assert.equal((await verifyAudit(store.db)).valid, true);
  });

  test('the lent functions cannot leave the key off: a transaction that does not add it back cannot commit', async () => {
    await assert.rejects(
      store.db.transaction((tx) => tx.query('SELECT bulk_scores_unkey()')),
      /without their unit key/,
    );
    assert.ok(
      (await store.db.query("SELECT 1 FROM pg_constraint WHERE conname = 'scores_cycle_id_unit_id_fkey' AND connamespace = current_schema()::regnamespace"))
        .length,
    );
  });
});
