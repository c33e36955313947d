/**
 * New embedded folders start as copies of PGlite's empty cluster, made once: each copy is a
 * database of its own (what one writes, the template and the other never see), an existing
 * folder is never touched, and the copy can be turned off.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lockFolder } from './folderLock.ts';
import { migrate } from './migrate.ts';
import { openDatabase } from './open.ts';
import { syncFolder } from './pglite.ts';
import { copyEmptyCluster, isNewFolder, migratedFolder, templateFolder } from './pgliteTemplate.ts';

let root: string;
let saved: string | undefined;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'parindex-template-'));
  saved = process.env.PARINDEX_PGLITE_TEMPLATE;
  process.env.PARINDEX_PGLITE_TEMPLATE = join(root, 'empty');
});
after(() => {
  if (saved === undefined) delete process.env.PARINDEX_PGLITE_TEMPLATE;
  else process.env.PARINDEX_PGLITE_TEMPLATE = saved;
  rmSync(root, { recursive: true, force: true });
});

test('new folders are copies of one empty cluster, each a database of its own', async () => {
  const one = await openDatabase({ folder: join(root, 'one') });
  assert.ok(existsSync(join(root, 'empty', 'PG_VERSION')), 'the empty cluster is kept');
  const two = await openDatabase({ folder: join(root, 'two') });
  try {
    await one.query("INSERT INTO provinces (id, name) VALUES ('a', 'A')");
    assert.deepEqual(await two.query('SELECT id FROM provinces'), []);
    assert.ok((await two.query<{ version: number }>('SELECT version FROM schema_migrations')).length > 0, 'migrated on its own');
  } finally {
    await one.close();
    await two.close();
  }
  // The kept cluster is initdb's output alone: no migration ran in it.
  assert.ok(!readdirSync(join(root, 'empty')).includes('postmaster.pid'));
  const three = await openDatabase({ folder: join(root, 'three') });
  try {
    assert.deepEqual(await three.query('SELECT id FROM provinces'), []);
  } finally {
    await three.close();
  }
});

test('an existing folder is never filled; an empty value turns the copy off', async () => {
  const used = join(root, 'used');
  mkdirSync(used);
  writeFileSync(join(used, 'something'), 'x');
  assert.equal(isNewFolder(used), false);
  assert.equal(await copyEmptyCluster(used, syncFolder), false);
  assert.deepEqual(readdirSync(used), ['something']);
  assert.equal(templateFolder({ PARINDEX_PGLITE_TEMPLATE: '' }), undefined);
  assert.match(templateFolder({}) ?? '', /pglite-empty-\d/);
});

/** What the migrations make: tables and columns, indexes, constraints, functions, triggers, rows of the small tables. */
async function schemaOf(db: { query<Row>(sql: string): Promise<Row[]> }) {
  return {
    columns: await db.query(
      "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
    ),
    indexes: await db.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"),
    constraints: await db.query(
      "SELECT conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' ORDER BY 1, 2",
    ),
    functions: await db.query(
      "SELECT p.proname, pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1, 2",
    ),
    triggers: await db.query('SELECT tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1'),
    migrations: await db.query('SELECT version, name FROM schema_migrations ORDER BY version'),
    revision: await db.query('SELECT * FROM revision'),
  };
}

test('a new folder is filled under its lock: a second opener is refused before it copies anything', async () => {
  await (await openDatabase({ folder: join(root, 'warm') })).close(); // the kept clusters made
  const folder = join(root, 'locked');
  // Another opener holds the folder (as `parindex migrate`, filling it from the empty cluster, would).
  const held = lockFolder(folder);
  try {
    await assert.rejects(openDatabase({ folder }), (error: { issues?: { code: string }[] }) => error.issues?.[0]?.code === 'store.locked');
    assert.ok(isNewFolder(folder), 'nothing copied into a folder another process holds');
  } finally {
    held.release();
  }
  const db = await openDatabase({ folder });
  try {
    assert.deepEqual(await db.query('SELECT id FROM provinces'), []);
  } finally {
    await db.close();
  }
});

test('a new folder starts from the migrated cluster, the same database the migrations make', async () => {
  const copied = await openDatabase({ folder: join(root, 'migrated-one') });
  const kept = migratedFolder()!;
  assert.ok(existsSync(join(kept, 'PG_VERSION')), 'the migrated cluster is kept');
  assert.match(kept, /-migrated-[0-9a-f]{16}$/);
  // The same folder made the other way: the empty cluster, then the migrations run in it.
  const made = await openDatabase({ folder: join(root, 'migrated-two'), migrate: false });
  try {
    assert.deepEqual(await made.query('SELECT to_regclass($1) AS t', ['schema_migrations']), [{ t: null }], 'the empty cluster, not the migrated one');
    await migrate(made);
    assert.deepEqual(await schemaOf(copied), await schemaOf(made));
    const [{ fresh }] = await copied.query<{ fresh: boolean }>("SELECT bool_and(applied_at > now() - interval '1 hour') AS fresh FROM schema_migrations");
    assert.equal(fresh, true, 'dated as this database was made');
    // Each copy a database of its own.
    await copied.query("INSERT INTO provinces (id, name) VALUES ('a', 'A')");
  } finally {
    await copied.close();
    await made.close();
  }
  const three = await openDatabase({ folder: join(root, 'migrated-three') });
  try {
    assert.deepEqual(await three.query('SELECT id FROM provinces'), []);
  } finally {
    await three.close();
  }
  // Keyed by the migrations: another set of migrations would name another folder.
  assert.equal(migratedFolder(), kept);
  assert.equal(migratedFolder({ PARINDEX_PGLITE_TEMPLATE: '' }), undefined);
});
