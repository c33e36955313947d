/**
 * The embedded engine's data statements kept prepared (pglitePrepared.ts) answer as PGlite's own
 * `query` does: the same rows and value types, the same errors, inside and outside transactions;
 * each text is prepared once, the kept ones stay bounded, and a table changed by a script is read
 * with its new shape.
 */
import { PGlite } from '@electric-sql/pglite';
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { parsers } from './pglite.ts';
import { pgliteQueryable, pgliteTransaction } from './pgliteQueryable.ts';

/** Two databases with the same table (their initdb is the slow part: made once for the file). */
let both: Promise<[PGlite, PGlite]> | undefined;
async function twoDatabases(table: string): Promise<[PGlite, PGlite]> {
  both ??= Promise.all([PGlite.create('memory://', { parsers }), PGlite.create('memory://', { parsers })]);
  const databases = await both;
  for (const db of databases)
    await db.exec(`CREATE TABLE ${table} (id int PRIMARY KEY, n int8, d date, b bytea, j jsonb, at timestamptz, p numeric, tags text[], ok boolean);
      INSERT INTO ${table} VALUES (1, 9007199254740993, '2025-07-01', '\\x00ff', '{"a": [1, "x"]}', '2025-07-01 08:00+07', 12.5, '{x,y}', true),
                           (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  return databases;
}
after(async () => {
  for (const db of (await both) ?? []) await db.close();
});

const keptCount = async (db: PGlite) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'parindex_%'")).rows[0]!.n;

test('rows, types and counts as PGlite’s own query gives them, a text prepared once', async () => {
  const [own, kept] = await twoDatabases('t1');
  const q = pgliteQueryable(kept);
  const statements: [string, unknown[]][] = [
    ['SELECT * FROM t1 ORDER BY id', []],
    ['SELECT id, n, d, j FROM t1 WHERE id = $1', [1]],
    ['SELECT count(*) AS c, sum(p) AS s FROM t1 WHERE n > $1 OR $2::boolean', [BigInt(1), false]],
    [
      'INSERT INTO t1 (id, n, d, b, j, at, p, tags, ok) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *',
      [3, 5n, '2026-01-02', new Uint8Array([1, 2]), { k: 'v' }, new Date('2026-01-02T03:04:05Z'), '0.25', ['a', 'b"c'], false],
    ],
    ['UPDATE t1 SET j = $2, p = $3 WHERE id = $1 RETURNING id, j, p', [3, JSON.stringify(['raw']), null]],
    ['WITH gone AS (DELETE FROM t1 WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM gone', [3]],
    ['UPDATE t1 SET p = p WHERE id = -1', []],
  ];
  const before = await keptCount(kept);
  for (const [sql, params] of statements) {
    const expected = (await own.query(sql, params)).rows;
    assert.deepEqual(await q.query(sql, params), expected, sql);
  }
  // Twice more: from the kept statements, the same answers.
  for (let i = 0; i < 2; i++) assert.deepEqual(await q.query(statements[1]![0], [1]), (await own.query(statements[1]![0], [1])).rows);
  assert.equal((await keptCount(kept)) - before, statements.length, 'one prepared statement per text');
});

test('errors keep PostgreSQL’s fields and the statement; a transaction goes on after a savepoint', async () => {
  const [own, kept] = await twoDatabases('t2');
  const sql = 'INSERT INTO t2 (id) VALUES ($1)';
  const failure = (asked: Promise<unknown>) =>
    asked.then(
      () => assert.fail('refused'),
      (e: unknown) => e as Record<string, unknown>,
    );
  const ownError = await failure(own.query(sql, [1]));
  const keptError = await failure(pgliteQueryable(kept).query(sql, [1]));
  for (const field of ['message', 'code', 'constraint', 'detail', 'table', 'query']) assert.equal(keptError[field], ownError[field], field);
  assert.deepEqual(keptError.params, [1]);
  // A value PostgreSQL cannot read: refused at bind, the next statement runs.
  await assert.rejects(pgliteQueryable(kept).query('SELECT id FROM t2 WHERE id = $1', ['one']), { code: '22P02' });
  assert.deepEqual(await pgliteQueryable(kept).query('SELECT id FROM t2 WHERE id = $1', [2]), [{ id: 2 }]);
  const rows = await pgliteTransaction(kept)(async (tx) => {
    await tx.query('SAVEPOINT s');
    await assert.rejects(tx.query(sql, [2]), { code: '23505' });
    await tx.query('ROLLBACK TO SAVEPOINT s');
    await tx.query(sql, [4]);
    return tx.query<{ id: number }>('SELECT id FROM t2 ORDER BY id');
  });
  assert.deepEqual(
    rows.map((r) => r.id),
    [1, 2, 4],
  );
  // A transaction rolled back leaves its statements kept and usable.
  await assert.rejects(
    pgliteTransaction(kept)(async (tx) => {
      await tx.query(sql, [5]);
      throw new Error('no');
    }),
    /no/,
  );
  assert.deepEqual(await pgliteQueryable(kept).query('SELECT id FROM t2 WHERE id = $1', [5]), []);
});

test('beyond the kept number the oldest are closed; a script that changes a table is read in its new shape', async () => {
  const [, kept] = await twoDatabases('t3');
  const q = pgliteQueryable(kept);
  for (let i = 0; i < 450; i++) assert.deepEqual(await q.query(`SELECT $1::int + ${i} AS v`, [1]), [{ v: 1 + i }]);
  assert.deepEqual(await q.query('SELECT $1::int + 0 AS v', [1]), [{ v: 1 }], 'a text pushed out is prepared again');
  const n = await keptCount(kept);
  assert.ok(n <= 201, `${n} statements kept`);
  const read = 'SELECT * FROM t3 WHERE id = $1';
  const columns = ['id', 'n', 'd', 'b', 'j', 'at', 'p', 'tags', 'ok'];
  assert.deepEqual(Object.keys((await q.query<object>(read, [1]))[0]!), columns);
  await q.script('ALTER TABLE t3 ADD COLUMN extra text');
  assert.deepEqual(Object.keys((await q.query<object>(read, [1]))[0]!), [...columns, 'extra']);
  await q.query('ALTER TABLE t3 DROP COLUMN extra');
  assert.deepEqual(Object.keys((await q.query<object>(read, [1]))[0]!), columns);
  // A read asked while the script runs waits for it and reads the new shape, whichever runs first after it.
  const [, during] = await Promise.all([q.script('ALTER TABLE t3 ADD COLUMN later int'), q.query<object>(read, [1])]);
  assert.deepEqual(Object.keys(during[0]!), [...columns, 'later']);
  // A table changed behind the kept statements' back (PGlite itself, here): the statement refused
  // for it is prepared afresh outside a transaction.
  await kept.exec('ALTER TABLE t3 DROP COLUMN later');
  assert.deepEqual(Object.keys((await q.query<object>(read, [1]))[0]!), columns);
});
