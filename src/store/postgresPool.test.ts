/**
 * The server's PostgreSQL pool (issue 16.1): opened warm, its connections exist before the first
 * writer needs one and stay open while idle, so that twenty writers at once never pay for opening
 * them. Runs when PARINDEX_TEST_DATABASE_URL names a server.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { openDatabase } from './open.ts';

const url = process.env.PARINDEX_TEST_DATABASE_URL;

test('a warm pool opens its connections at once and keeps them', { skip: !url && 'no PARINDEX_TEST_DATABASE_URL' }, async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const application = `parindex-pool-${schema}`;
  const db = await openDatabase({ url: `${url}${url!.includes('?') ? '&' : '?'}application_name=${application}`, schema, poolSize: 3, warm: true });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const count = async () => Number((await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [application])).rows[0].n);
  try {
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
    await db.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
});
