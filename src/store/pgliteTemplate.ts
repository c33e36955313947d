/**
 * A new embedded database folder starts as a copy of PGlite's empty cluster instead of running
 * initdb in it. PGlite's initdb (its own WebAssembly program, PostgreSQL's bootstrap and
 * post-bootstrap SQL, then a copy into the folder) costs 8–11 s of CPU, most of a `parindex load`
 * into a new folder; a copy of its output costs a few hundred milliseconds. The output depends on
 * PGlite's build alone (its initdb runs with fixed arguments), so it is made once per PGlite
 * version, in its own temporary folder, synced, and renamed into the cache: a folder named
 * there is whole. Only initdb's output is kept — the migrations still run on every new database,
 * so nothing of one installation (keys, rows) is shared with another.
 *
 * A migrated copy is kept too (issue 16.7: the migrations cost 0.6–2.5 s of CPU on each new
 * folder), keyed by PGlite's version and the migrations' names and contents: a new folder that
 * will be migrated starts from it (`copyMigratedCluster`), and the migrations then find nothing
 * to apply. It holds what the migrations write alone (schema, the revision row, no key and no
 * installation's data: they create none), and each copy is a database of its own as before.
 *
 * PARINDEX_PGLITE_TEMPLATE chooses the folder kept (default
 * node_modules/.cache/parindex/pglite-empty-<version>); an empty value turns the copy off. A
 * cache that cannot be written is no error: the new folder is made by initdb as before.
 */
import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CACHE_DIR } from '../io/fileCache.ts';
import { migrate, migrations } from './migrate.ts';
import { pgliteQueryable, pgliteTransaction } from './pgliteQueryable.ts';

/** PGlite's version, from its package.json beside dist/ (not among the package's exports). */
function pgliteVersion(): string {
  return (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.resolve('@electric-sql/pglite'))), 'utf8')) as { version: string })
    .version;
}

/** Where the empty cluster of this PGlite version is kept; undefined when turned off. */
export function templateFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.PARINDEX_PGLITE_TEMPLATE;
  if (chosen !== undefined) return chosen || undefined;
  return join(DEFAULT_CACHE_DIR, `pglite-empty-${pgliteVersion()}`);
}

/** A folder PGlite would run initdb in: absent or empty (the lock file sits beside it). */
export function isNewFolder(folder: string): boolean {
  return !existsSync(folder) || readdirSync(folder).length === 0;
}

/**
 * Makes the kept empty cluster: PGlite's initdb in a temporary folder beside it, closed (a clean
 * shutdown: the copy starts without recovery), synced, renamed. `sync` is pglite.ts's folder sync.
 */
async function makeTemplate(template: string, sync: (folder: string) => void): Promise<boolean> {
  return makeKept(template, sync, async (scratch) => {
    const db = await PGlite.create(scratch);
    await db.close();
  });
}

/**
 * A kept cluster made by `fill` in a temporary folder beside it, synced, renamed into place: a
 * reader sees it whole or not at all. Another process that renamed its own first is as good.
 */
async function makeKept(kept: string, sync: (folder: string) => void, fill: (scratch: string) => Promise<void>): Promise<boolean> {
  try {
    mkdirSync(dirname(kept), { recursive: true });
    const scratch = mkdtempSync(join(dirname(kept), `${basename(kept)}.making-`));
    try {
      await fill(scratch);
      sync(scratch);
      renameSync(scratch, kept);
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      if (existsSync(join(kept, 'PG_VERSION'))) return true;
      throw error;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The copy on disk before the database starts: on Linux one syncfs(2) of its file system
 * (`sync -f`, one journal commit) rather than a thousand fsync(2) calls (one each); elsewhere,
 * or when `sync -f` is missing or fails, file by file.
 */
export function syncCopy(folder: string, sync: (folder: string) => void): void {
  if (process.platform === 'linux' && spawnSync('sync', ['-f', folder], { stdio: 'ignore' }).status === 0) return;
  sync(folder);
}

/**
 * Fills a new folder with a copy of the empty cluster (made first when not kept yet). False when
 * no copy was made (turned off, or the cache is not writable): PGlite then runs initdb itself.
 * The caller syncs the folder before its first commit, as it does after initdb.
 */
export async function copyEmptyCluster(folder: string, sync: (folder: string) => void): Promise<boolean> {
  const template = templateFolder();
  if (!template || !isNewFolder(folder)) return false;
  if (!existsSync(join(template, 'PG_VERSION')) && !(await makeTemplate(template, sync))) return false;
  try {
    cpSync(template, folder, { recursive: true });
    syncCopy(folder, sync);
    return true;
  } catch {
    // Half copied: emptied again, and made by initdb instead.
    for (const entry of existsSync(folder) ? readdirSync(folder) : []) rmSync(join(folder, entry), { recursive: true, force: true });
    return false;
  }
}

/** How many migrated clusters are kept (one per set of migrations: branches, upgrades). */
const MIGRATED_KEPT = 4;

/** Where the migrated cluster of this PGlite version and these migrations is kept; undefined when turned off. */
export function migratedFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const empty = templateFolder(env);
  if (!empty) return undefined;
  const hash = createHash('sha256');
  for (const m of migrations()) hash.update(`${m.version}\u0000${m.name}\u0000${m.sql}\u0000`);
  return `${empty}-migrated-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Makes the migrated cluster: a copy of the empty one migrated in a temporary folder beside it,
 * closed, synced, renamed; the oldest others beyond MIGRATED_KEPT are removed.
 */
async function makeMigrated(migrated: string, sync: (folder: string) => void): Promise<boolean> {
  const empty = templateFolder()!;
  if (!existsSync(join(empty, 'PG_VERSION')) && !(await makeTemplate(empty, sync))) return false;
  const made = await makeKept(migrated, sync, async (scratch) => {
    cpSync(empty, scratch, { recursive: true });
    const db = await PGlite.create(scratch);
    try {
      await migrate({ ...pgliteQueryable(db), transaction: pgliteTransaction(db) });
    } finally {
      await db.close();
    }
  });
  if (made) pruneMigrated(migrated);
  return made;
}

function pruneMigrated(keep: string): void {
  const prefix = `${basename(keep).replace(/-[0-9a-f]{16}$/, '')}-`;
  const others = readdirSync(dirname(keep))
    .filter((n) => n.startsWith(prefix) && /-[0-9a-f]{16}$/.test(n) && n !== basename(keep))
    .map((n) => ({ path: join(dirname(keep), n), t: statSync(join(dirname(keep), n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { path } of others.slice(MIGRATED_KEPT - 1)) rmSync(path, { recursive: true, force: true });
}

/**
 * Fills a new folder with a copy of the migrated cluster (made first when not kept yet), before
 * the database is opened and migrated there: copied into a temporary folder beside it, synced,
 * and renamed into place, so that a process opening the same new folder at the same moment sees
 * it empty or whole. False when no copy was made (turned off, not writable, or the folder is not
 * new): the folder is then made as before (empty cluster, migrations).
 */
export async function copyMigratedCluster(folder: string, sync: (folder: string) => void): Promise<boolean> {
  const migrated = migratedFolder();
  if (!migrated || !isNewFolder(folder)) return false;
  if (!existsSync(join(migrated, 'PG_VERSION')) && !(await makeMigrated(migrated, sync))) return false;
  let scratch: string | undefined;
  try {
    mkdirSync(dirname(folder), { recursive: true });
    scratch = mkdtempSync(join(dirname(folder), `.${basename(folder)}.copy-`));
    cpSync(migrated, scratch, { recursive: true });
    syncCopy(scratch, sync);
    // rename(2) replaces an empty folder, never a filled one (ENOTEMPTY).
    renameSync(scratch, folder);
    return true;
  } catch {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    return false;
  }
}
