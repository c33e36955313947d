/** The embedded engine: PostgreSQL compiled to WebAssembly (PGlite), in a local folder or in memory. */
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATE, INT8, type Database } from './database.ts';
import { lockFolder, type FolderLock } from './folderLock.ts';
import { pgliteQueryable, pgliteTransaction } from './pgliteQueryable.ts';
import { copyEmptyCluster, syncCopy } from './pgliteTemplate.ts';
import { openPgliteWorker } from './pgliteThread.ts';
import { ParError, issue } from '../core/index.ts';

export const parsers = { [INT8]: (value: string) => BigInt(value), [DATE]: (value: string) => value };

/** EIO in Emscripten's numbering: PostgreSQL then refuses the commit (it PANICs on a failed WAL sync). */
const EIO = 29;

/**
 * PGlite's folder as a durable one. Out of the box PGlite starts PostgreSQL with fsync off
 * (`-F`), and its WebAssembly file layer could not sync anyway: Emscripten's NODEFS has no
 * `fsync` (fsync() returned without doing anything) and its fdatasync() is a stub. So an
 * acknowledged commit sat in the OS's page cache, lost on a power cut (issue 15). Here the
 * file layer's fsync calls the real fsync(2) on the file it opened, and PostgreSQL runs with
 * fsync on and `wal_sync_method=fsync` (the one method that reaches that call), so a COMMIT
 * returns only after its WAL record is on disk, and checkpoints sync the data files; the WAL
 * replays whatever a crash cut off, as on a PostgreSQL server.
 */
class DurableNodeFS extends NodeFS {
  override async init(pg: PGlite, options: Parameters<NodeFS['init']>[1]) {
    const result = await super.init(pg, options);
    const preRun = (result.emscriptenOpts as { preRun: ((mod: EmscriptenModule) => void)[] }).preRun;
    preRun.push((mod) => {
      mod.NODEFS.stream_ops.fsync = (stream) => {
        try {
          if (typeof stream.nfd === 'number') fsyncSync(stream.nfd);
          else syncDirectory(mod.NODEFS.realPath(stream.node));
        } catch {
          throw new mod.FS.ErrnoError(EIO);
        }
        return 0;
      };
    });
    return result;
  }
}

interface EmscriptenStream {
  nfd?: number;
  node: unknown;
}
interface EmscriptenModule {
  NODEFS: { stream_ops: { fsync?: (stream: EmscriptenStream) => number }; realPath(node: unknown): string };
  FS: { ErrnoError: new (errno: number) => Error };
}

const durableStartParams = [
  ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
  // Crash recovery needs no more WAL than this (no replica, no archive reads it), and a table
  // filled in the transaction that created or emptied it is then synced at commit instead of
  // written twice: `parindex load` of a national set wrote 97 MB of WAL, 17 MB with it (save.ts).
  '-c',
  'wal_level=minimal',
  '-c',
  'max_wal_senders=0',
  '-c',
  'fsync=on',
  '-c',
  'wal_sync_method=fsync',
  '-c',
  'synchronous_commit=on',
  '-c',
  'full_page_writes=on',
];

/** fsync(2) a file, by its path. */
export function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * fsync(2) a folder, so that the names created or renamed in it last. Windows cannot open a
 * folder to sync it (NTFS journals its names itself): nothing to do there.
 */
export function syncDirectory(path: string): void {
  if (process.platform !== 'win32') syncPath(path);
}

/**
 * fsync(2) every file and folder under `folder`, then the folder itself: what
 * was written without a sync (PGlite's initdb copies its template files in unsynced; a folder
 * written by an earlier version ran with fsync off) is on disk before the first commit.
 */
export function syncFolder(folder: string): void {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) syncFolder(path);
    else if (entry.isFile()) syncPath(path);
  }
  syncDirectory(folder);
}

/** PGlite options for a durable folder (`loadDataDir` to start it from a backup; `settings`: PostgreSQL's, `name=value`). */
export function durableOptions(folder: string, extra: PGliteOptions = {}, settings: readonly string[] = []): PGliteOptions {
  return { ...extra, fs: new DurableNodeFS(folder), startParams: [...durableStartParams, ...settings.flatMap((s) => ['-c', s])], parsers };
}

/**
 * PostgreSQL's settings for the server's embedded engine (issue 16.7: its resident memory). PGlite
 * starts with the 128 MB buffer pool of PostgreSQL's sample configuration, in its WebAssembly
 * memory and resident (a WebAssembly memory never gives pages back): ≈ 155 MB of the server's
 * memory whatever the data's size, 34 MB with a 16 MB pool. The pages it no longer holds come
 * from the operating system's file cache; a score write touches a few (docs/performance.md).
 */
export const SERVER_PGLITE_SETTINGS: readonly string[] = ['shared_buffers=16MB'];

/** Where the embedded engine runs: in the caller's thread, or in a worker thread of its own (pgliteThread.ts). */
export type PgliteThread = 'main' | 'worker';

export interface PgliteOpenOptions {
  /** A dumped folder's bytes (dumpDataDir) to start the in-memory database from (tests' migrated template). */
  from?: Uint8Array;
  /** Default: pgliteThreadFrom(process.env), the caller's thread unless PARINDEX_PGLITE_THREAD says otherwise. */
  thread?: PgliteThread;
  /** PostgreSQL settings (`name=value`) for a folder's engine, beside the durable ones (SERVER_PGLITE_SETTINGS). */
  settings?: readonly string[];
  /** The folder's lock when the caller took it already (open.ts, before filling a new folder); released on close. */
  lock?: FolderLock;
}

/**
 * Opens (creating if needed) the embedded database in `folder`, or in memory when it is
 * undefined (tests: nothing to sync; `from` a dump to start from). A folder is opened by one process at a time (see
 * folderLock.ts) and made durable at commit (see DurableNodeFS). `thread: 'worker'`: PGlite runs in
 * a worker thread, so its queries do not block this thread's event loop (pgliteThread.ts).
 */
export async function openPglite(folder?: string, options: PgliteOpenOptions = {}): Promise<PgliteDatabase> {
  if (folder) mkdirSync(folder, { recursive: true });
  const lock = options.lock ?? (folder ? lockFolder(folder) : undefined);
  const release = () => lock?.release();
  if ((options.thread ?? pgliteThreadFrom(process.env)) === 'worker') {
    try {
      return await openPgliteWorker(folder, options.from, release, options.settings);
    } catch (error) {
      release();
      throw error;
    }
  }
  let db: PGlite;
  try {
    db = await startPglite(folder, options.from, options.settings);
  } catch (error) {
    release();
    throw error;
  }
  return wrapPglite(db, release);
}

/**
 * PGlite itself, started on `folder` (durable; a new folder copied from the empty cluster) or in
 * memory (from a dump when given), in the calling thread. The folder's lock is the caller's.
 */
export async function startPglite(folder: string | undefined, from?: Uint8Array, settings?: readonly string[]): Promise<PGlite> {
  let db: PGlite | undefined;
  try {
    // A new folder starts as a copy of PGlite's empty cluster, made once (see pgliteTemplate.ts).
    if (folder) await copyEmptyCluster(folder, syncFolder);
    db = folder
      ? await PGlite.create(durableOptions(folder, {}, settings))
      : await PGlite.create('memory://', {
          parsers,
          // The server's buffer pool unless told otherwise, not PostgreSQL's sample 128 MB: zeroing
          // that took 0.4 s of CPU at each start of a test database.
          startParams: [
            ...PGlite.defaultStartParams,
            ...(settings ?? SERVER_PGLITE_SETTINGS).flatMap((s) => ['-c', s]),
            // A dump starts with crash recovery, whose progress timer single-user PostgreSQL never
            // stops: it would keep the process alive after its work is done.
            ...(from ? ['-c', 'log_startup_progress_interval=0'] : []),
          ],
          ...(from && { loadDataDir: new HeldBytes(from) }),
        });
    // Whatever start-up wrote (and a folder an earlier version ran with fsync off) on disk before
    // the first commit: one syncfs(2) where it can (a folder synced file by file held the
    // main thread 1–3 s at `parindex load`'s start, a fsync(2) for each of its 1,200 files).
    if (folder) {
      syncCopy(folder, syncFolder);
      syncDirectory(dirname(folder));
    }
    return db;
  } catch (error) {
    await db?.close().catch(() => {});
    throw error;
  }
}

/**
 * Bytes already in memory as the Blob PGlite's `loadDataDir` takes: Node's own Blob reads a 40 MB
 * dump back in chunks and joins them (0.3 s of CPU at each start of a test database); this one
 * hands PGlite a copy at once (PGlite only reads it, but the caller's bytes are shared).
 */
class HeldBytes extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#bytes.slice().buffer;
  }
}

/** PARINDEX_PGLITE_THREAD: `worker` or `main`; `fallback` when unset or empty. */
export function pgliteThreadFrom(env: NodeJS.ProcessEnv, fallback: PgliteThread = 'main'): PgliteThread {
  const value = env.PARINDEX_PGLITE_THREAD?.trim();
  if (!value) return fallback;
  if (value === 'worker' || value === 'main') return value;
  throw new ParError(
    issue(
      'config.pgliteThread',
      {
        vi: `PARINDEX_PGLITE_THREAD phải là "worker" (cơ sở dữ liệu nhúng chạy trong luồng riêng) hoặc "main", không phải "${value}"`,
        en: `PARINDEX_PGLITE_THREAD must be "worker" (the embedded database in a thread of its own) or "main", not "${value}"`,
      },
      { field: 'PARINDEX_PGLITE_THREAD' },
    ),
  );
}

/** The embedded database, with what only it does: dumping its folder (a tar, gzipped or not). */
export type PgliteDatabase = Database & { dumpDataDir(compression: 'gzip' | 'none'): Promise<Blob> };

function wrapPglite(db: PGlite, release: () => void): PgliteDatabase {
  return {
    engine: 'pglite',
    ...pgliteQueryable(db),
    transaction: pgliteTransaction(db),
    async dumpDataDir(compression) {
      return (await db.dumpDataDir(compression)) as Blob;
    },
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
