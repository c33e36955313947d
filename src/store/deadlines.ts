/** A cycle's dates, written by the province (checked by the core, audited) and read by everyone. */
import { readDeadlines, type CycleDeadlines } from '../core/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import { cycleOrFail } from './cycles.ts';
import type { Database, Queryable } from './database.ts';
import { bumpRevision } from './save.ts';

export async function cycleDeadlines(q: Queryable, cycleId: string): Promise<CycleDeadlines> {
  await cycleOrFail(q, cycleId);
  const [row] = await q.query<{ deadlines: CycleDeadlines }>('SELECT deadlines FROM cycles WHERE id = $1', [cycleId]);
  return row!.deadlines;
}

/** Sets the dates given (a date, or null to remove one); the others are kept. */
export async function setCycleDeadlines(db: Database, actor: Actor, cycleId: string, patch: unknown): Promise<CycleDeadlines> {
  authorize(actor, 'manageCycles');
  return db.transaction(async (tx) => {
    const cycle = await cycleOrFail(tx, cycleId);
    const [row] = await tx.query<{ deadlines: CycleDeadlines }>('SELECT deadlines FROM cycles WHERE id = $1 FOR UPDATE', [cycleId]);
    const before = row!.deadlines;
    const merged = { ...before, ...(patch && typeof patch === 'object' ? patch : {}) };
    const after = readDeadlines(merged, cycle.year);
    await tx.query('UPDATE cycles SET deadlines = $2, version = version + 1 WHERE id = $1', [cycleId, JSON.stringify(after)]);
    await appendAudit(tx, { actorId: actor.userId, action: 'cycle.deadlines', subject: `cycle/${cycleId}`, before, after });
    await bumpRevision(tx);
    return after;
  });
}
