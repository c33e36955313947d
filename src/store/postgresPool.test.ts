/**
 * The server's PostgreSQL pool (issue 16.1): opened warm, its connections exist before the first
 * writer needs one and stay open while idle, so that twenty writers at once never pay for opening
 * them. Runs when PARINDEX_TEST_DATABASE_URL names a server.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { anchoring } from './auditSeal.ts';
import type { Queryable } from './database.ts';
import { openDatabase } from './open.ts';
import { createStore } from './store.ts';
import { closeAll } from './testing.ts';
import { writeTransaction } from './writeGroups.ts';

const url = process.env.PARINDEX_TEST_DATABASE_URL;

test('a warm pool opens its connections at once and keeps them', { skip: !url && 'no PARINDEX_TEST_DATABASE_URL' }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const application = `parindex-pool-${schema}`;
  const db = await openDatabase({ url: `${url}${url!.includes('?') ? '&' : '?'}application_name=${application}`, schema, poolSize: 3, warm: true });
  const admin = new pg.Client({ connectionString: url });
  const count = async () => Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [application])).rows[0].n);
  try {
    await admin.connect();
    assert.equal(await count(), 3);
    // Three transactions at once each get a connection of their own, and none is closed after.
    const pids = await Promise.all(
      [0, 1, 2].map(() =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)');
          return row!.pid;
        }),
      ),
    );
    assert.equal(new Set(pids).size, 3);
    assert.equal(await count(), 3);
  } finally {
    // Each, also when one fails: a warm pool or a connected client left open keeps the file's process alive.
    await closeAll([() => db.close(), () => admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`), () => admin.end()]);
  }
});

test('statements with parameters are prepared once per connection, unless told not to (a pooler in transaction mode)', {
  skip: !url && 'no PARINDEX_TEST_DATABASE_URL',
}, async () => {
  for (const prepare of [true, false]) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    // One connection: the statement and the look at what it prepared share a session.
    const db = await openDatabase({ url: url!, schema, poolSize: 1, prepare });
    try {
      const [row] = await db.query<{ x: number }>('SELECT $1::int + 1 AS x', [41]);
      assert.equal(row!.x, 42);
      const prepared = await db.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%$1::int + 1%'");
      assert.equal(prepared.length, prepare ? 1 : 0, `prepare: ${prepare}`);
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  }
});

test('a score write plans its statements generically; the setting ends with its transaction', { skip: !url && 'no PARINDEX_TEST_DATABASE_URL' }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  // One connection: every transaction below runs on the same session.
  const db = await openDatabase({ url: url!, schema, poolSize: 1 });
  // As the server holds its database: the store over the anchoring one, each passing the option on.
  const store = createStore(anchoring(db));
  const mode = (q: Queryable) => q.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode').then((rows) => rows[0]!.plan_cache_mode);
  try {
    assert.equal(await writeTransaction(store.db, mode), 'force_generic_plan', 'a score write');
    assert.equal(await store.db.transaction(mode), 'auto', 'any other transaction: plans chosen per value (LIKE, ranges)');
    assert.equal(await mode(db), 'auto', 'outside a transaction');
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  }
});
