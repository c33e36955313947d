/**
 * `parindex backup` and `parindex restore` on each engine: a round trip gives back the same rows,
 * the same audit chain (same entries, same head) and the evidence files, a restore over data is
 * refused without --force, a backup with a damaged evidence file restores nothing, and a backup
 * of one engine is not restored into the other.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { projectRoot } from '../io/dataFolder.ts';
import { openDatabase } from '../store/index.ts';
import { readArchive } from '../store/backupArchive.ts';
import { folderEvidenceFiles } from '../store/evidenceFiles.ts';
import { run } from './testing.ts';

let root: string;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'parindex-backup-'));
});
after(() => {
  delete process.env.PARINDEX_DATA_DIR;
  delete process.env.DATABASE_URL;
  rmSync(root, { recursive: true, force: true });
});

/** Every row of every table, in a stable order: what a restore must give back. */
async function rowsOf(location: { url: string } | { folder: string }): Promise<string> {
  const db = await openDatabase({ ...location, migrate: false });
  try {
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const all: Record<string, string[]> = {};
    for (const { table_name } of tables) {
      const rows = await db.query(`SELECT * FROM ${table_name}`);
      all[table_name] = rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
    }
    return JSON.stringify(all);
  } finally {
    await db.close();
  }
}

async function installation(): Promise<void> {
  assert.equal((await run('migrate')).code, 0);
  const load = await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'));
  assert.equal(load.code, 0, load.err);
  assert.equal((await run('user', 'create', '--role', 'admin', '--username', 'sonoivu', '--name', 'Sở Nội vụ')).code, 0);
  assert.equal((await run('cycle', 'open', '--year', '2024', '--framework', 'lai-chau-district-2024')).code, 0);
}

/** The verification without its count of anchors (a restore adds one): the same entries and the same head. */
const chain = (out: string) => out.replace(/, khớp \d+ mốc ghi bên ngoài/, '');

const evidenceFolder = () => join(process.env.PARINDEX_DATA_DIR!, 'evidence');
const EVIDENCE = [Buffer.from('%PDF-1.4 Quyết định 12/QĐ-UBND (kiểm thử)'), Buffer.from('Báo cáo kết quả CCHC năm 2024 (kiểm thử)')];

async function roundTrip(
  use: (which: 'a' | 'b') => void,
  locationOf: (which: 'a' | 'b') => { url: string } | { folder: string },
  engine: string,
  carryKey?: () => void,
) {
  use('a');
  await installation();
  const verified = await run('audit', 'verify');
  assert.equal(verified.code, 0, verified.err);
  assert.match(verified.out, /nguyên vẹn: \d+ mục/);
  const rows = await rowsOf(locationOf('a'));
  const hashes = await Promise.all(EVIDENCE.map((bytes) => folderEvidenceFiles(evidenceFolder()).put(bytes)));
  const file = join(root, `${engine}.backup`);
  const saved = await run('backup', '--out', file);
  assert.equal(saved.code, 0, saved.err);
  assert.match(saved.out, new RegExp(`Đã sao lưu ${engine} vào .*, 2 tệp minh chứng`));

  // A damaged evidence file: refused before anything is restored.
  const damaged = join(root, `${engine}-damaged.backup`);
  const bytes = readFileSync(file);
  const entry = readArchive(file)!.find((e) => e.name.startsWith('evidence/'))!;
  bytes[entry.offset] = bytes[entry.offset]! ^ 0xff;
  writeFileSync(damaged, bytes);

  // Into an empty database: no --force needed, the same rows and the same chain. The audit key
  // (and its anchor file) go with the database, as the README says: a keyed trail verifies only with it.
  use('b');
  carryKey?.();
  rmSync(evidenceFolder(), { recursive: true, force: true });
  const refusedDamaged = await run('restore', damaged);
  assert.equal(refusedDamaged.code, 3, refusedDamaged.out + refusedDamaged.err);
  assert.match(refusedDamaged.err, /bị hỏng: không khôi phục gì/);
  assert.equal(existsSync(evidenceFolder()), false, 'no evidence file was put back');
  const restored = await run('restore', file);
  assert.equal(restored.code, 0, restored.err);
  assert.match(restored.out, /2 tệp minh chứng/);
  assert.equal(await rowsOf(locationOf('b')), rows);
  for (const [i, hash] of hashes.entries())
    assert.deepEqual(await folderEvidenceFiles(evidenceFolder()).get(hash), EVIDENCE[i], 'the evidence files come back with the database');
  const afterRestore = await run('audit', 'verify');
  assert.equal(afterRestore.code, 0, afterRestore.out + afterRestore.err);
  assert.equal(chain(afterRestore.out), chain(verified.out), 'the same entries and the same head');

  // Over data written since: refused without --force, replaced with it.
  use('a');
  assert.equal((await run('user', 'create', '--role', 'appraiser', '--username', 'thamdinh', '--name', 'Hội đồng')).code, 0);
  assert.notEqual(await rowsOf(locationOf('a')), rows);
  const refused = await run('restore', file);
  assert.equal(refused.code, 3);
  assert.match(refused.err, /đã có dữ liệu: khôi phục sẽ thay thế toàn bộ; thêm --force/);
  const forced = await run('restore', file, '--force');
  assert.equal(forced.code, 0, forced.err);
  assert.equal(await rowsOf(locationOf('a')), rows, 'the user created after the backup is gone');
  // The anchors of the rolled-back entry no longer bind: the restore is written in the anchor file.
  const afterForce = await run('audit', 'verify');
  assert.equal(afterForce.code, 0, afterForce.out + afterForce.err);
  assert.equal(chain(afterForce.out), chain(verified.out), 'the restored database opens as the server opens it');
  return file;
}

describe('backup and restore on the embedded engine', () => {
  const folderOf = (which: 'a' | 'b') => join(root, `data-${which}`);
  const use = (which: 'a' | 'b') => {
    delete process.env.DATABASE_URL;
    process.env.PARINDEX_DATA_DIR = folderOf(which);
  };
  test('a round trip gives back the same rows and audit chain; --force replaces data, keeping the old folder', async () => {
    const carryKey = () => {
      mkdirSync(folderOf('b'), { recursive: true });
      for (const name of ['audit.key', 'audit-anchors.log']) copyFileSync(join(folderOf('a'), name), join(folderOf('b'), name));
    };
    const file = await roundTrip(use, (which) => ({ folder: join(folderOf(which), 'pglite') }), 'pglite', carryKey);
    assert.ok(
      readdirSync(folderOf('a')).some((f) => f.startsWith('pglite.before-restore-')),
      'the replaced folder is kept beside it',
    );
    use('b');
    rmSync(folderOf('b'), { recursive: true, force: true });
    const nothing = await run('backup', '--out', join(root, 'none.backup'));
    assert.equal(nothing.code, 3);
    assert.match(nothing.err, /không có cơ sở dữ liệu nhúng nào/);
    const missing = await run('restore', join(root, 'missing.backup'));
    assert.equal(missing.code, 3);
    assert.match(missing.err, /missing\.backup: không đọc được tệp sao lưu này/);
    const notABackup = await run('restore', join(projectRoot, 'package.json'));
    assert.equal(notABackup.code, 3);
    assert.match(notABackup.err, /không phải bản sao lưu/);
    if (process.env.PARINDEX_TEST_DATABASE_URL) {
      process.env.DATABASE_URL = process.env.PARINDEX_TEST_DATABASE_URL;
      const other = await run('restore', file);
      assert.equal(other.code, 3);
      assert.match(other.err, /là bản sao lưu của CSDL nhúng, không khôi phục được vào PostgreSQL/);
    }
  });
});

describe('backup and restore on PostgreSQL (pg_dump, pg_restore)', {
  skip: !process.env.PARINDEX_TEST_DATABASE_URL && 'PARINDEX_TEST_DATABASE_URL is not set',
}, () => {
  const base = process.env.PARINDEX_TEST_DATABASE_URL ?? '';
  const names = { a: `parindex_backup_${randomBytes(4).toString('hex')}`, b: `parindex_backup_${randomBytes(4).toString('hex')}` };
  const urlOf = (which: 'a' | 'b') => {
    const url = new URL(base);
    url.pathname = `/${names[which]}`;
    return url.toString();
  };
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  before(async () => {
    await admin(`CREATE DATABASE ${names.a}`);
    await admin(`CREATE DATABASE ${names.b}`);
  });
  after(async () => {
    await admin(`DROP DATABASE IF EXISTS ${names.a}`);
    await admin(`DROP DATABASE IF EXISTS ${names.b}`);
  });
  test('a round trip gives back the same rows and audit chain; a restore over data needs --force', async () => {
    // One server's key and anchor file for both databases (a province's server restoring its own backup).
    const keyFolder = join(root, 'postgres-server');
    const use = (which: 'a' | 'b') => {
      process.env.DATABASE_URL = urlOf(which);
      process.env.PARINDEX_DATA_DIR = keyFolder;
    };
    await roundTrip(use, (which) => ({ url: urlOf(which) }), 'postgres');
  });
});
