/**
 * The embedded engine in a worker thread of its own (issue 15 item 4): PGlite parses, plans and
 * runs every query synchronously in WebAssembly — 10–17 ms of a score write at 4,000 × 150, an
 * import's checks far more — so in the server's thread each query stalled every other request.
 * Here the worker (pgliteWorker.ts) owns the PGlite instance (the durable folder, the template
 * copy, as in the caller's thread); this side is the same `Database` (pglite.ts) and sends
 * messages. Rows cross by structured clone, which keeps their types (INT8 as bigint, DATE as text,
 * bytea as Uint8Array, timestamps as Date, JSON as objects).
 *
 * Transactions: PGlite has one connection. `transaction(work)` asks the worker to open one (its
 * PGlite transaction, taken under PGlite's own lock), the work's queries carry its number, then
 * the worker commits or rolls back. Queries outside it wait in the worker for PGlite's lock, as
 * they would in this thread. The folder's lock (folderLock.ts) stays with this thread.
 *
 * Store operations (`inEngine`, engineCalls.ts): a score write runs in the worker, whole — its
 * statements, its checks, its audit entry keyed and anchored with the seal sent along — grouped
 * there with the writes arriving meanwhile (writeGroups.ts); only its arguments and its value (or
 * its error, a ParError or ConflictError as it was) cross.
 *
 * A worker that dies (an out-of-memory abort, a WebAssembly trap) fails every query in flight and
 * every later one with `store.engineStopped`, rather than leaving requests waiting for ever.
 * The worker does not keep the process alive while no query is in flight (as PGlite in this
 * thread would not).
 */
import { Worker } from 'node:worker_threads';
import { ParError, issue, type Issue } from '../core/index.ts';
import { auditSeal, type AuditSeal } from './auditSeal.ts';
import type { EngineCall, Queryable } from './database.ts';
import { ConflictError } from './errors.ts';
import type { PgliteDatabase } from './pglite.ts';

export type Request =
  | { op: 'query'; tx?: number; sql: string; params: unknown[] }
  | { op: 'script'; tx?: number; sql: string }
  | { op: 'copy'; tx?: number; table: string; columns: readonly string[]; text: string }
  | { op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { op: 'dump'; compression: 'gzip' | 'none' }
  /** A store operation run in the worker (engineCalls.ts), with this thread's audit seal: the worker keys and anchors what it appends with it. */
  | { op: 'call'; call: EngineCall; args: unknown[]; seal: AuditSeal | undefined }
  | { op: 'close' };

/**
 * An error as it crosses: its message, stack and own fields (PostgreSQL's code, detail, …); the
 * store's own errors (`kind`) come back as what they were, so that callers still tell a refusal
 * (ParError: its issues) and a stale write (ConflictError: the current row) apart.
 */
export interface SentError {
  message: string;
  stack?: string;
  kind?: 'ParError' | 'ConflictError';
  fields: Record<string, unknown>;
}

export type Reply = { id: number; value: unknown } | { id: number; error: SentError };

/** The first message of the worker: started, or why not. */
export type Started = { started: true } | { started: false; error: SentError };

export interface WorkerData {
  folder?: string;
  from?: Uint8Array;
  settings?: readonly string[];
}

const WORKER_URL = new URL('./pgliteWorker.ts', import.meta.url);

/**
 * The process's Node options, less those about its entry (`--input-type` with `-e`: a script
 * started as `node --input-type=module -e …`, which a worker inheriting them refuses to start).
 */
function workerExecArgv(): string[] | undefined {
  const args = process.execArgv;
  // Otherwise inherited as they are (some, given explicitly, a worker refuses).
  if (!args.some((arg) => arg.startsWith('--input-type'))) return undefined;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--input-type')) continue;
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      i++;
      continue;
    }
    if (/^--(eval|print)=/.test(arg)) continue;
    out.push(arg);
  }
  return out;
}

const workers = new WeakMap<PgliteDatabase, Worker>();

/** The worker thread of a database opened by openPgliteWorker (tests: to stop it as a crash would). */
export const workerOf = (db: PgliteDatabase): Worker | undefined => workers.get(db);

export function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function') continue;
    try {
      structuredClone(value);
      fields[key] = value;
    } catch {
      // A field that cannot cross (a result object holding functions) stays behind.
    }
  }
  const kind = error instanceof ConflictError ? 'ConflictError' : error instanceof ParError ? 'ParError' : undefined;
  return { message: error.message, ...(error.stack && { stack: error.stack }), ...(kind && { kind }), fields };
}

function received(sent: SentError): Error {
  const issues = sent.fields.issues as Issue[];
  const error =
    sent.kind === 'ConflictError'
      ? new ConflictError(issues[0]!.message, sent.fields.current, issues[0]!.field)
      : sent.kind === 'ParError'
        ? new ParError(issues)
        : Object.assign(new Error(sent.message), sent.fields);
  // The worker's stack (where PGlite failed) under this thread's (who asked).
  error.stack = `${error.stack}\n    --- in the embedded database's thread ---\n${sent.stack ?? ''}`;
  return error;
}

function stopped(cause: string): ParError {
  return new ParError(
    issue(
      'store.engineStopped',
      {
        vi: `cơ sở dữ liệu nhúng đã dừng (${cause}); hãy khởi động lại máy chủ — các thay đổi đã lưu trước đó vẫn còn`,
        en: `the embedded database stopped (${cause}); restart the server — the changes saved before are kept`,
      },
      { field: 'database' },
    ),
  );
}

/** Starts the worker on `folder` (or in memory, from a dump when given); `release` frees the folder's lock once it has stopped. */
export async function openPgliteWorker(
  folder: string | undefined,
  from: Uint8Array | undefined,
  release: () => void,
  settings?: readonly string[],
): Promise<PgliteDatabase> {
  const data: WorkerData = { ...(folder && { folder }), ...(from && { from: from.slice() }), ...(settings && { settings }) };
  const worker = new Worker(WORKER_URL, {
    name: 'pglite',
    workerData: data,
    ...(workerExecArgv() && { execArgv: workerExecArgv() }),
    ...(data.from && { transferList: [data.from.buffer as ArrayBuffer] }),
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  let next = 0;
  let dead: ParError | undefined;
  let closing = false;

  let onStart!: (message: Started) => void;
  let onError!: (error: Error) => void;
  let onExit!: (code: number) => void;
  const started = new Promise<void>((resolve, reject) => {
    onStart = (message) => (message.started ? resolve() : reject(received(message.error)));
    onError = reject;
    onExit = (code) => reject(stopped(`exit code ${code}`));
  });
  worker.once('message', onStart);
  worker.once('error', onError);
  worker.once('exit', onExit);
  try {
    await started;
  } catch (error) {
    await worker.terminate().catch(() => {});
    throw error;
  } finally {
    worker.off('message', onStart).off('error', onError).off('exit', onExit);
  }
  worker.unref();

  const fail = (error: ParError) => {
    dead ??= error;
    for (const { reject } of pending.values()) reject(dead);
    pending.clear();
    worker.unref();
  };
  worker.on('message', (reply: Reply) => {
    const call = pending.get(reply.id);
    if (!call) return;
    pending.delete(reply.id);
    if (!pending.size) worker.unref();
    if ('error' in reply) call.reject(received(reply.error));
    else call.resolve(reply.value);
  });
  worker.on('error', (error) => fail(stopped(error.message)));
  worker.on('exit', (code) => {
    fail(stopped(closing ? 'closed' : `exit code ${code}`));
    release();
  });

  const call = <T>(request: Request): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = ++next;
    return new Promise<T>((resolve, reject) => {
      if (!pending.size) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, ...request });
    });
  };

  const queryable = (tx?: number): Queryable => ({
    query: <Row>(sql: string, params: unknown[] = []) => call<Row[]>({ op: 'query', ...(tx && { tx }), sql, params }),
    script: (sql: string) => call<void>({ op: 'script', ...(tx && { tx }), sql }),
    copyFrom: (table: string, columns: readonly string[], text: string) => call<void>({ op: 'copy', ...(tx && { tx }), table, columns, text }),
  });
  let transactions = 0;

  const db: PgliteDatabase = {
    engine: 'pglite',
    ...queryable(),
    async transaction(work) {
      const tx = ++transactions;
      await call({ op: 'begin', tx });
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work(queryable(tx));
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => {});
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    inEngine: <T>(name: EngineCall, args: unknown[]) => call<T>({ op: 'call', call: name, args, seal: auditSeal() }),
    async dumpDataDir(compression) {
      return new Blob([await call<ArrayBuffer>({ op: 'dump', compression })]);
    },
    async close() {
      if (dead) return;
      closing = true;
      try {
        await call({ op: 'close' });
      } finally {
        // Its 'exit' releases the folder's lock.
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        await worker.terminate();
        await exited;
      }
    },
  };
  workers.set(db, worker);
  return db;
}
