/**
 * A unit's action plan in the store: read with its version, changed task by task (the core
 * validates the whole plan after each change), a stale version refused with the current plan.
 */
import { ParError, futurePlanDates, readPlan, planDocument, type Plan, type PlanFile } from '../core/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import { todayInVietnam } from './clock.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError } from './errors.ts';
import { bumpRevision, savePlan } from './save.ts';

export interface StoredPlan {
  plan: Plan;
  version: number;
}

export async function planRow(q: Queryable, unitId: string, year: number): Promise<StoredPlan | undefined> {
  const [row] = await q.query<{ document: unknown; version: number }>('SELECT document, version FROM plans WHERE unit_id = $1 AND year = $2', [unitId, year]);
  return row && { plan: readPlan(row.document, `db:plans/${unitId}/${year}`), version: row.version };
}

/** Applies `change` to the plan (an empty plan when there is none yet, version 0). */
export async function changePlan(
  db: Database,
  unitId: string,
  year: number,
  version: number,
  change: (plan: Plan) => Plan,
  actor: Actor,
  action: string,
): Promise<StoredPlan> {
  authorize(actor, 'editPlan', { unitId });
  return db.transaction(async (tx) => {
    const [lock] = await tx.query<{ version: number }>('SELECT version FROM plans WHERE unit_id = $1 AND year = $2 FOR UPDATE', [unitId, year]);
    const current = (await planRow(tx, unitId, year)) ?? { plan: { unitId, year, basedOn: year - 1, tasks: [], tracking: [], reports: [] }, version: 0 };
    if ((lock?.version ?? 0) !== version) {
      throw new ConflictError(
        { vi: 'kế hoạch vừa được người khác sửa: hãy tải lại rồi sửa tiếp', en: 'the plan was just changed by someone else: reload and edit again' },
        { version: current.version, plan: planDocument(current.plan) },
      );
    }
    const next = change(current.plan);
    const document: PlanFile = planDocument(next);
    const checked = readPlan(document, 'body');
    const future = futurePlanDates(checked, todayInVietnam());
    if (future.length) throw new ParError(future);
    await savePlan(tx, unitId, year, document);
    // The audit keeps the parts of the plan that changed (tasks, tracking, reports), before and after.
    const previous = planDocument(current.plan);
    const changed = (['tasks', 'tracking', 'reports'] as const).filter((key) => JSON.stringify(previous[key] ?? []) !== JSON.stringify(document[key] ?? []));
    const part = (d: PlanFile) => Object.fromEntries(changed.map((key) => [key, d[key] ?? []]));
    await appendAudit(tx, { actorId: actor.userId, action, subject: `plan/${unitId}/${year}`, before: part(previous), after: part(document) });
    await bumpRevision(tx);
    return { plan: checked, version: version + 1 };
  });
}
