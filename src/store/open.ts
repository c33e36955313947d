/** Chooses the engine: PostgreSQL when a connection string is given, the embedded one otherwise. */
import type { Database } from './database.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { lockFolder, type FolderLock } from './folderLock.ts';
import { migrate } from './migrate.ts';
import { openPglite, syncFolder, type PgliteThread } from './pglite.ts';
import { copyMigratedCluster } from './pgliteTemplate.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseConfig {
  /** postgres://… — a PostgreSQL server. */
  url?: string;
  /** Folder of the embedded database; undefined = in memory. */
  folder?: string;
  schema?: string;
  /** Apply pending migrations on opening (default); `parindex migrate` applies them itself to report them. */
  migrate?: boolean;
  /** The embedded database in memory: a dump's bytes (PGlite's dumpDataDir) to start from (tests' migrated template). */
  from?: Uint8Array;
  /** PostgreSQL connections kept (default 10): writers at once beyond it wait for one. */
  poolSize?: number;
  /** PostgreSQL: open the pool's connections now and keep them open (the server; see postgres.ts). */
  warm?: boolean;
  /** PostgreSQL: named prepared statements (default on; off behind a pooler in transaction mode, see postgres.ts). */
  prepare?: boolean;
  /** The embedded engine: in this thread or a worker thread of its own (default: PARINDEX_PGLITE_THREAD, else this thread; see pglite.ts). */
  pgliteThread?: PgliteThread;
  /** The embedded engine's PostgreSQL settings (`name=value`; the server's: SERVER_PGLITE_SETTINGS). */
  pgliteSettings?: readonly string[];
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  // A new embedded folder to be migrated starts as a copy of the migrated cluster (pgliteTemplate.ts),
  // made under the folder's lock: a second process opening the same new folder (a `parindex migrate`,
  // whose migrate: false fills it from the empty cluster file by file) is refused before either
  // copy starts, instead of one copy landing over the other.
  const lock = !config.url && config.folder !== undefined ? lockNewFolder(config.folder) : undefined;
  let copied = false;
  try {
    copied = lock !== undefined && config.migrate !== false && (await copyMigratedCluster(config.folder!, syncFolder));
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = config.url
    ? await openPostgres({
        connectionString: config.url,
        ...(config.schema && { schema: config.schema }),
        ...(config.poolSize && { max: config.poolSize }),
        ...(config.warm && { warm: true }),
        ...(config.prepare === false && { prepare: false }),
      })
    : await openPglite(config.folder, {
        ...(config.from && { from: config.from }),
        ...(config.pgliteThread && { thread: config.pgliteThread }),
        ...(config.pgliteSettings && { settings: config.pgliteSettings }),
        ...(lock && { lock }),
      });
  if (config.migrate === false) return db;
  try {
    // The copy's migrations were applied when it was made: dated as this database's making.
    if (copied) await db.query('UPDATE schema_migrations SET applied_at = now()');
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** The lock of an embedded folder (beside it, in its parent, made when missing), taken before anything is written in it. */
function lockNewFolder(folder: string): FolderLock {
  mkdirSync(dirname(folder), { recursive: true });
  return lockFolder(folder);
}
