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
 * PARINDEX_PGLITE_TEMPLATE chooses the folder kept (default
 * node_modules/.cache/parindex/pglite-empty-<version>); an empty value turns the copy off. A
 * cache that cannot be written is no error: the new folder is made by initdb as before.
 */
import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CACHE_DIR } from '../io/fileCache.ts';

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
  try {
    mkdirSync(dirname(template), { recursive: true });
    const scratch = mkdtempSync(join(dirname(template), `${basename(template)}.making-`));
    try {
      const db = await PGlite.create(scratch);
      await db.close();
      sync(scratch);
      renameSync(scratch, template);
    } catch (error) {
      rmSync(scratch, { recursive: true, force: true });
      // Another process renamed its own first: that one is as good.
      if (existsSync(join(template, 'PG_VERSION'))) return true;
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
function syncCopy(folder: string, sync: (folder: string) => void): void {
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
