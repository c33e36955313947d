/**
 * Writes grouped into one transaction where transactions run one at a time (the embedded
 * engine: one connection; issue 16.1). Writes that arrive in one turn of the event loop start a
 * group together, on the next turn; a write that arrives while a group's transaction runs
 * waits for the next group; each group is one transaction, one commit and one WAL sync for all of
 * its writes. Each write runs under its own SAVEPOINT: one that fails (a refused score, a stale
 * version) is rolled back to it alone, its error given to its writer, and the others still
 * commit. Every writer is answered after the commit, so that its next read sees its write; the
 * audit entries are chained in the group's transaction one after another, as they would have
 * been in transactions one after another, and the head is anchored once for the group
 * (auditSeal.ts `anchoring`). A write alone (nothing queued) runs as before, without a savepoint.
 *
 * Only databases registered here are grouped (the store's, store.ts): a database joined to an
 * open transaction (database.ts `joined`) must run its work inside that one. On an engine that
 * runs transactions side by side (PostgreSQL) writes are not grouped: they overlap there.
 */
import { forgetAppended } from './audit.ts';
import type { Database, Queryable } from './database.ts';

/** Writes in one group at most: a group's last writer waits for all before it. */
const GROUP_MAX = 32;

interface Pending {
  work: (tx: Queryable) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const groups = new WeakMap<Database, { pending: Pending[]; running: boolean }>();

/** Groups the writes made through `db` (`writeTransaction`) when its engine runs one transaction at a time. */
export function groupWrites(db: Database): void {
  if (db.engine === 'pglite') groups.set(db, { pending: [], running: false });
}

/** Runs `work` in a transaction, in a group with the writes arriving meanwhile where `db` groups them. */
export function writeTransaction<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const state = groups.get(db);
  // A score write's statements look rows up by their keys (database.ts `plans`).
  if (!state) return db.transaction(work, { plans: 'generic' });
  return new Promise<T>((resolve, reject) => {
    state.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    // A group starts on the next turn of the event loop, with every write that arrived in this
    // one: in the engine's thread (engineCalls.ts) each write comes as a message of its own, and
    // a group started at once would run and commit the first alone, then the next alone, …
    if (!state.running) {
      state.running = true;
      setImmediate(() => void drain(db, state));
    }
  });
}

async function drain(db: Database, state: { pending: Pending[]; running: boolean }): Promise<void> {
  try {
    while (state.pending.length) {
      const group = state.pending.splice(0, GROUP_MAX);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        await db.transaction(async (tx) => {
          if (group.length === 1) {
            // Alone: its failure rolls the transaction back, as without grouping.
            outcomes.push({ ok: true, value: await group[0]!.work(tx) });
            return;
          }
          // Savepoints of one name nest: a rollback goes back to the latest, this write's; the
          // commit ends them all (releasing each would cost a statement a write, issue 16.1).
          for (const write of group) {
            await tx.query('SAVEPOINT parindex_write');
            try {
              outcomes.push({ ok: true, value: await write.work(tx) });
            } catch (error) {
              await tx.query('ROLLBACK TO SAVEPOINT parindex_write');
              // Its audit entry, if it had appended one, is gone with it.
              forgetAppended(tx);
              outcomes.push({ ok: false, error });
            }
          }
        });
      } catch (error) {
        // Nothing of the group committed (its commit failed, or a lone write failed): all hear it.
        for (const write of group) write.reject(error);
        continue;
      }
      group.forEach((write, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) write.resolve(outcome.value);
        else write.reject(outcome.error);
      });
    }
  } finally {
    state.running = false;
  }
}
