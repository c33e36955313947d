/**
 * A commit acknowledged by the embedded engine is on disk: a child process opens a folder,
 * commits an audited write and says so; strace records the sync calls the whole process tree
 * made, and a sync of the WAL must sit between the write's start and its acknowledgement.
 * A control run on PGlite as it comes (fsync off) shows the trace would catch its absence.
 * Needs strace (.ci/run installs it); skipped without it unless PARINDEX_REQUIRE_TOOLS=1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { verifyAudit } from './audit.ts';
import { openDatabase } from './open.ts';
import { BULK_SCORES } from './save.ts';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
if (!hasStrace && process.env.PARINDEX_REQUIRE_TOOLS === '1') throw new Error('strace is required (PARINDEX_REQUIRE_TOOLS=1)');

let root: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'parindex-durable-'));
  if (!hasStrace) return;
  // Created and migrated once, outside the trace; the child opens it as the server would.
  const db = await openDatabase({ folder: join(root, 'pglite') });
  await db.close();
});
after(() => {
  if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
});

const SYNCS = /^(?:\[pid\s+\d+\]\s+)?(fsync|fdatasync|sync_file_range|msync|sync|syncfs)\((\d+)(?:<([^>]*)>)?/;

/** Runs the child under strace; returns the sync calls made between the two markers. */
function tracedCommit(mode: 'durable' | 'asShipped'): { between: string[]; all: number } {
  const store = new URL('.', import.meta.url).pathname;
  const child = `
    import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
    // A marker in the trace itself: an fsync of a file named after the moment.
    const mark = (name) => { const fd = openSync(${JSON.stringify(root)} + '/' + name, 'w'); fsyncSync(fd); closeSync(fd); writeSync(1, name + '\\n'); };
    const folder = ${JSON.stringify(join(root, 'pglite'))};
    let db;
    if (${JSON.stringify(mode)} === 'durable') {
      const { openDatabase } = await import(${JSON.stringify(join(store, 'open.ts'))});
      db = await openDatabase({ folder });
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const pg = await PGlite.create(folder);
      db = { transaction: (work) => pg.transaction((tx) => work({ query: async (s, p) => (await tx.query(s, p)).rows })), close: () => pg.close() };
    }
    const { appendAudit } = await import(${JSON.stringify(join(store, 'audit.ts'))});
    mark('MARK-WRITE');
    await db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'test.durable', subject: 'durability' }));
    mark('MARK-ACKNOWLEDGED');
    await db.close();
  `;
  const log = join(root, `trace-${mode}.txt`);
  const result = spawnSync(
    'strace',
    [
      '-f',
      '--seccomp-bpf',
      '-y',
      '-o',
      log,
      '-e',
      'trace=fsync,fdatasync,sync_file_range,msync,sync,syncfs',
      '-e',
      'signal=none',
      process.execPath,
      '--input-type=module',
      '-e',
      child,
    ],
    { cwd: join(store, '../..'), encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /MARK-WRITE\nMARK-ACKNOWLEDGED/);
  const lines = readFileSync(log, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes('MARK-WRITE'));
  const end = lines.findIndex((l) => l.includes('MARK-ACKNOWLEDGED'));
  assert.ok(start >= 0 && end > start, 'both markers are in the trace');
  const syncs = (from: number, to: number) => lines.slice(from + 1, to).filter((l) => SYNCS.test(l.replace(/^\d+\s+/, '')));
  return { between: syncs(start, end), all: syncs(0, lines.length).length };
}

test('a commit on the embedded engine returns after its WAL is synced to disk (strace)', { skip: !hasStrace && 'strace is not installed' }, () => {
  const { between } = tracedCommit('durable');
  assert.ok(between.length > 0, 'a sync call between the write and its acknowledgement');
  assert.ok(
    between.some((l) => /pg_wal\//.test(l)),
    `the WAL itself is synced before the commit is acknowledged; saw:\n${between.join('\n')}`,
  );
});

test('the trace catches a commit acknowledged without a sync (PGlite as shipped: fsync off)', { skip: !hasStrace && 'strace is not installed' }, () => {
  const { between } = tracedCommit('asShipped');
  assert.deepEqual(between, [], 'PGlite as shipped acknowledges before anything reaches the disk');
});

test('a folder written by PGlite as shipped (earlier versions of the app) opens durable, with its rows and chain intact', {
  skip: !hasStrace && 'strace is not installed',
}, async () => {
  const db = await openDatabase({ folder: join(root, 'pglite') });
  try {
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.durable'");
    assert.equal(row!.n, 2, 'the durable commit and the one PGlite as shipped wrote');
    assert.equal((await verifyAudit(db)).valid, true);
    const [sync] = await db.query<{ fsync: string; wal_sync_method: string }>('SELECT current_setting($1) AS fsync, current_setting($2) AS wal_sync_method', [
      'fsync',
      'wal_sync_method',
    ]);
    assert.deepEqual(sync, { fsync: 'on', wal_sync_method: 'fsync' });
  } finally {
    await db.close();
  }
});

// A kill keeps the OS's page cache, so this shows the recovery (the WAL replayed at the next
// open); that the WAL was on disk, not only in that cache, is what the strace test shows.
test('a process killed right after a commit is acknowledged leaves it in the folder (the WAL replays)', {
  skip: !hasStrace && 'strace is not installed',
}, async () => {
  const store = new URL('.', import.meta.url).pathname;
  const child = `
    const { openDatabase } = await import(${JSON.stringify(join(store, 'open.ts'))});
    const { appendAudit } = await import(${JSON.stringify(join(store, 'audit.ts'))});
    const db = await openDatabase({ folder: ${JSON.stringify(join(root, 'pglite'))} });
    await db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'test.killed', subject: 'durability' }));
    process.kill(process.pid, 'SIGKILL'); // no close, no checkpoint: only the WAL has it
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], { cwd: join(store, '../..'), encoding: 'utf8', timeout: 180_000 });
  assert.equal(result.signal, 'SIGKILL', result.stderr);
  const db = await openDatabase({ folder: join(root, 'pglite') });
  try {
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.killed'");
    assert.equal(row!.n, 1);
    assert.equal((await verifyAudit(db)).valid, true);
  } finally {
    await db.close();
  }
});

// A bulk load into an empty scores table writes the rows and the key to new files, synced at
// commit, not to the WAL (wal_level=minimal, pglite.ts; save.ts): killed right after that commit
// is acknowledged, with no checkpoint, the next open's recovery (which replays the WAL around
// those files) must find every row, readable by its key. Like the kill test above, this shows
// the recovery; the sync at commit is PostgreSQL's own for such files.
test('a bulk load killed right after its commit keeps every row and its key (files synced at commit, not in the WAL)', async () => {
  const folder = join(root, 'bulk');
  const src = new URL('..', import.meta.url).pathname;
  const child = `
    const { openDatabase } = await import(${JSON.stringify(join(src, 'store/open.ts'))});
    const { createStore } = await import(${JSON.stringify(join(src, 'store/store.ts'))});
    const { generatedProvince } = await import(${JSON.stringify(join(src, 'io/generatedProvince.ts'))});
    const { SYSTEM } = await import(${JSON.stringify(join(src, 'workflow/policy.ts'))});
    const province = generatedProvince({ units: 220, criteria: 100, year: 2030 });
    const store = createStore(await openDatabase({ folder: ${JSON.stringify(folder)} }));
    await store.importDocuments([
      { file: 'framework.json', data: province.framework },
      { file: 'units.json', data: province.units },
      { file: 'results.json', data: province.results },
    ], SYSTEM);
    const [{ n }] = await store.db.query('SELECT count(*)::int AS n FROM scores');
    process.stdout.write('LOADED ' + n + '\\n');
    process.kill(process.pid, 'SIGKILL'); // no close, no checkpoint
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', child], { cwd: join(src, '..'), encoding: 'utf8', timeout: 300_000 });
  assert.equal(result.signal, 'SIGKILL', result.stderr);
  const loaded = Number(/LOADED (\d+)/.exec(result.stdout)?.[1]);
  assert.ok(loaded >= BULK_SCORES, `a bulk load (${loaded} scores)`);
  const db = await openDatabase({ folder });
  try {
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores');
    assert.equal(row!.n, loaded);
    // Read through the key's index, rebuilt in that transaction: every row found by it.
    const byKey = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      await tx.query('SET LOCAL enable_bitmapscan = off');
      const plan = await tx.query<{ 'QUERY PLAN': string }>("EXPLAIN SELECT count(*) FROM scores WHERE cycle_id > ''");
      assert.match(plan.map((line) => line['QUERY PLAN']).join('\n'), /Index Only Scan using scores_pkey|Index Scan using scores_pkey/);
      return (await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM scores WHERE cycle_id > ''"))[0]!.n;
    });
    assert.equal(byKey, loaded);
    assert.equal((await verifyAudit(db)).valid, true);
  } finally {
    await db.close();
  }
});

// The anchor file binds the audit trail outside the database (auditSeal.ts): a line acknowledged
// but lost to a power cut would let a cut-off trail pass `audit verify`. The line is synced
// before the transaction that wrote the entry returns.
test('the audit anchor line is synced to disk before the audited commit returns (strace)', { skip: !hasStrace && 'strace is not installed' }, () => {
  const store = new URL('.', import.meta.url).pathname;
  const seal = join(root, 'seal');
  const child = `
    import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
    const mark = (name) => { const fd = openSync(${JSON.stringify(root)} + '/' + name, 'w'); fsyncSync(fd); closeSync(fd); writeSync(1, name + '\\n'); };
    const { openDatabase } = await import(${JSON.stringify(join(store, 'open.ts'))});
    const { appendAudit } = await import(${JSON.stringify(join(store, 'audit.ts'))});
    const { anchoring, openAuditSeal, useAuditSeal } = await import(${JSON.stringify(join(store, 'auditSeal.ts'))});
    const raw = await openDatabase({ folder: ${JSON.stringify(join(root, 'pglite'))} });
    useAuditSeal(await openAuditSeal(raw, { keyFile: ${JSON.stringify(join(seal, 'audit.key'))} }));
    const db = anchoring(raw);
    mark('MARK-ANCHOR-WRITE');
    await db.transaction((tx) => appendAudit(tx, { actorId: 'system', action: 'test.anchored', subject: 'durability' }));
    mark('MARK-ANCHOR-ACKNOWLEDGED');
    await raw.close();
  `;
  const log = join(root, 'trace-anchor.txt');
  const result = spawnSync(
    'strace',
    ['-f', '--seccomp-bpf', '-y', '-o', log, '-e', 'trace=fsync,fdatasync', '-e', 'signal=none', process.execPath, '--input-type=module', '-e', child],
    {
      cwd: join(store, '../..'),
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  assert.equal(result.status, 0, result.stderr);
  const lines = readFileSync(log, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.includes('MARK-ANCHOR-WRITE'));
  const end = lines.findIndex((l) => l.includes('MARK-ANCHOR-ACKNOWLEDGED'));
  assert.ok(start >= 0 && end > start, 'both markers are in the trace');
  const between = lines.slice(start + 1, end);
  assert.ok(
    between.some((l) => /fsync\(\d+<[^>]*audit-anchors\.log>\)/.test(l)),
    `the anchor file is synced before the commit returns; saw:\n${between.join('\n')}`,
  );
  assert.ok(
    lines.slice(0, start).some((l) => /fsync\(\d+<[^>]*audit\.key>\)/.test(l)),
    'the key file made on first start is synced too',
  );
});
