/**
 * The worker side of the embedded engine in its own thread (pgliteThread.ts): owns the PGlite
 * instance and answers the main thread's messages in the order they come. A transaction is
 * PGlite's own (`transaction`, under its lock), held open until the main thread says commit or
 * rollback; the queries that carry its number run in it, the others wait for PGlite's lock.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import { anchoring, auditSeal, useAuditSeal, type AuditSeal } from './auditSeal.ts';
import type { Database } from './database.ts';
import { ENGINE_CALLS } from './engineCalls.ts';
import { startPglite } from './pglite.ts';
import { changingTables, preparedQuery } from './pglitePrepared.ts';
import { copySql, pgliteQueryable, pgliteTransaction } from './pgliteQueryable.ts';
import { sendable, type Reply, type Request, type Started, type WorkerData } from './pgliteThread.ts';
import { groupWrites } from './writeGroups.ts';

const port = parentPort!;
const data = workerData as WorkerData;

interface Open {
  tx: Transaction;
  finish(commit: boolean): void;
  /** PGlite's transaction: resolves once committed, rejects once rolled back (or failed). */
  done: Promise<unknown>;
}

const ROLLED_BACK = Symbol('rolled back');
const transactions = new Map<number, Open>();

// Not started: the main thread is told why and stops this worker.
const db = await startPglite(data.folder, data.from, data.settings).catch((error: unknown) => {
  port.postMessage({ started: false, error: sendable(error) } satisfies Started);
  return undefined;
});
if (db) {
  port.on('message', (message: Request & { id: number }) => {
    answer(db, message).then(
      ({ value, transfer }) => port.postMessage({ id: message.id, value } satisfies Reply, transfer ?? []),
      (error) => port.postMessage({ id: message.id, error: sendable(error) } satisfies Reply),
    );
  });
  port.postMessage({ started: true } satisfies Started);
}

function begin(db: PGlite, id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let finish!: (commit: boolean) => void;
    const ended = new Promise<void>((commit, rollback) => {
      finish = (yes) => (yes ? commit() : rollback(ROLLED_BACK));
    });
    const done = db.transaction(async (tx) => {
      transactions.set(id, { tx, finish, done });
      resolve();
      await ended;
    });
    // BEGIN failed: the transaction never started.
    done.catch((error) => {
      if (!transactions.has(id)) reject(error);
    });
  });
}

async function end(id: number, commit: boolean): Promise<void> {
  const open = transactions.get(id);
  if (!open) throw new Error(`no open transaction ${id}`);
  transactions.delete(id);
  open.finish(commit);
  try {
    await open.done;
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
}

const transactionOf = (tx: number | undefined): Transaction | undefined => {
  if (tx === undefined) return undefined;
  const open = transactions.get(tx);
  if (!open) throw new Error(`no open transaction ${tx}`);
  return open.tx;
};
/**
 * The database the store's operations run on here (`call`): PGlite in this thread, its commits
 * anchoring the audit trail's head as the caller's thread would (auditSeal.ts), score writes
 * arriving together grouped into one transaction (writeGroups.ts).
 */
let local: Database | undefined;
function localOf(db: PGlite): Database {
  if (!local) {
    local = anchoring({ engine: 'pglite', ...pgliteQueryable(db), transaction: pgliteTransaction(db), close: async () => {} });
    groupWrites(local);
  }
  return local;
}

/** The caller's audit seal, taken when it changed (a structured clone: its key arrives as bytes). */
function sealWith(sent: AuditSeal | undefined): void {
  const now = auditSeal();
  if (!sent) {
    if (now) useAuditSeal(undefined);
    return;
  }
  if (now && now.keyFile === sent.keyFile && now.anchorFile === sent.anchorFile && now.key.equals(sent.key)) return;
  useAuditSeal({ ...sent, key: Buffer.from(sent.key) });
}

const on = (db: PGlite, tx: number | undefined): Pick<PGlite, 'query' | 'exec'> => transactionOf(tx) ?? db;

async function answer(db: PGlite, request: Request): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
  switch (request.op) {
    case 'query':
      return { value: await preparedQuery(db, request.sql, request.params, transactionOf(request.tx)) };
    case 'script':
      await changingTables(db, () => on(db, request.tx).exec(request.sql));
      return { value: undefined };
    case 'copy':
      await on(db, request.tx).query(copySql(request.table, request.columns), [], { blob: new Blob([request.text]) });
      return { value: undefined };
    case 'begin':
      await begin(db, request.tx);
      return { value: undefined };
    case 'commit':
    case 'rollback':
      await end(request.tx, request.op === 'commit');
      return { value: undefined };
    case 'call':
      sealWith(request.seal);
      return { value: await ENGINE_CALLS[request.call](localOf(db), request.args) };
    case 'dump': {
      const bytes = await (await db.dumpDataDir(request.compression)).arrayBuffer();
      return { value: bytes, transfer: [bytes] };
    }
    case 'close':
      await db.close();
      return { value: undefined };
  }
}
