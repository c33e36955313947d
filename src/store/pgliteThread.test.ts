/**
 * The embedded engine in its worker thread (pgliteThread.ts) answers as it does in the caller's
 * thread: the same value types, transactions committed or rolled back, queries outside a
 * transaction waiting for it, PostgreSQL's errors with their fields, COPY, a dump to start
 * another from; on a folder: durable, locked, backed up and restored; and a worker that dies
 * fails the queries clearly. The whole storage suite runs on it with PARINDEX_PGLITE_THREAD=worker
 * (the durability trace, src/store/durability.test.ts, included).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appendAudit, verifyAudit } from './audit.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import type { Database } from './database.ts';
import { openDatabase } from './open.ts';
import { openPglite, type PgliteDatabase } from './pglite.ts';
import { workerOf } from './pgliteThread.ts';

const root = mkdtempSync(join(tmpdir(), 'parindex-pglite-thread-'));
after(() => rmSync(root, { recursive: true, force: true }));

let empty: Promise<Uint8Array> | undefined;

/** A database in memory with one table: initdb once, then started from its dump. */
async function inMemory(): Promise<PgliteDatabase> {
  empty ??= (async () => {
    const db = await openPglite(undefined, { thread: 'worker' });
    await db.script('CREATE TABLE t (id int PRIMARY KEY, n int8, d date, b bytea, j jsonb, at timestamptz)');
    const dump = await db.dumpDataDir('none');
    await db.close();
    return new Uint8Array(await dump.arrayBuffer());
  })();
  return openPglite(undefined, { thread: 'worker', from: await empty });
}

test('values keep their types; errors keep PostgreSQL’s fields; COPY loads rows', async () => {
  const db = await inMemory();
  try {
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)', [
      1,
      9007199254740993n,
      '2025-06-30',
      new Uint8Array([0, 255]),
      { a: [1, 'b'] },
      new Date('2030-01-01T00:00:00Z'),
    ]);
    const [row] = await db.query('SELECT * FROM t');
    assert.deepEqual(row, {
      id: 1,
      n: 9007199254740993n,
      d: '2025-06-30',
      b: new Uint8Array([0, 255]),
      j: { a: [1, 'b'] },
      at: new Date('2030-01-01T00:00:00Z'),
    });
    await assert.rejects(db.query('INSERT INTO t (id) VALUES (1)'), (e: { code: string; constraint: string; message: string }) => {
      assert.equal(e.code, '23505');
      assert.equal(e.constraint, 't_pkey');
      assert.match(e.message, /duplicate key/);
      return true;
    });
    await db.copyFrom!('t', ['id', 'n'], '2\t20\n3\t\\N\n');
    assert.deepEqual(await db.query('SELECT id, n FROM t WHERE id > 1 ORDER BY id'), [
      { id: 2, n: 20n },
      { id: 3, n: null },
    ]);
  } finally {
    await db.close();
  }
});

test('a transaction commits or rolls back as a whole; queries outside it wait for it', async () => {
  const db = await inMemory();
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (1)');
      await tx.copyFrom!('t', ['id'], '2\n');
    });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t (id) VALUES (3)');
        throw new Error('refused');
      }),
      /refused/,
    );
    await assert.rejects(
      db.transaction((tx) => tx.query('INSERT INTO t (id) VALUES (1)')),
      { code: '23505' },
    );
    assert.deepEqual(await db.query('SELECT id FROM t ORDER BY id'), [{ id: 1 }, { id: 2 }]);

    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const writing = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (10)');
      inside();
      await held;
      await tx.query('INSERT INTO t (id) VALUES (11)');
    });
    await entered;
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    const first = await Promise.race([outside.then(() => 'outside'), new Promise((resolve) => setTimeout(resolve, 100, 'waiting'))]);
    assert.equal(first, 'waiting', 'a query outside the transaction waits for it');
    release();
    await writing;
    assert.deepEqual(await outside, [{ n: 4 }]);
  } finally {
    await db.close();
  }
});

test('a dump starts another database; a worker that dies fails its queries clearly', async () => {
  const db = await inMemory();
  await db.query('INSERT INTO t (id) VALUES (7)');
  const dump = await db.dumpDataDir('none');
  await db.close();
  const copy = await openPglite(undefined, { thread: 'worker', from: new Uint8Array(await dump.arrayBuffer()) });
  assert.deepEqual(await copy.query('SELECT id FROM t'), [{ id: 7 }]);
  let release!: () => void;
  let inside!: () => void;
  const entered = new Promise<void>((resolve) => {
    inside = resolve;
  });
  const inTransaction = copy.transaction(async (tx) => {
    await tx.query('SELECT 1');
    await new Promise<void>((resolve) => {
      release = resolve;
      inside();
    });
    await tx.query('SELECT 1');
  });
  await entered;
  const waiting = copy.query('SELECT 2');
  await workerOf(copy)!.terminate();
  release();
  await assert.rejects(inTransaction, { code: 'store.engineStopped' });
  await assert.rejects(waiting, { code: 'store.engineStopped' });
  await assert.rejects(copy.query('SELECT 3'), (e: { code: string; message: string }) => e.code === 'store.engineStopped' && /đã dừng/.test(e.message));
  await copy.close();
});

test('a folder: migrated, locked while open, audited, backed up and restored', async () => {
  const folder = join(root, 'pglite');
  let db: Database = await openDatabase({ folder, pgliteThread: 'worker' });
  try {
    await assert.rejects(openPglite(folder, { thread: 'worker' }), { code: 'store.locked' });
    await db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'test.thread', subject: 'worker' }));
    assert.equal((await verifyAudit(db)).valid, true);
  } finally {
    await db.close();
  }
  assert.equal(existsSync(`${folder}.lock`), false, 'closing releases the folder');
  const archive = join(root, 'backup.tar');
  await backupDatabase({ folder }, archive);
  db = await openDatabase({ folder, pgliteThread: 'worker' });
  await db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'test.later', subject: 'worker' }));
  await db.close();
  await restoreDatabase({ folder }, archive, { force: true });
  db = await openDatabase({ folder, pgliteThread: 'worker' });
  try {
    const actions = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'test.%' ORDER BY sequence");
    assert.deepEqual(
      actions.map((a) => a.action),
      ['test.thread'],
    );
  } finally {
    await db.close();
  }
});
