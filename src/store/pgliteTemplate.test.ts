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
import { openDatabase } from './open.ts';
import { syncFolder } from './pglite.ts';
import { copyEmptyCluster, isNewFolder, templateFolder } from './pgliteTemplate.ts';

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
