/**
 * From results to plan: draft tasks for every criterion that lost points (editable before they
 * are kept), and the projected score if the plan's finished tasks win their criteria back.
 */
import type { Dataset } from '../dataset.ts';
import { formatPoints } from '../format.ts';
import type { Points } from '../points.ts';
import type { Plan, Task } from './plan.ts';
import { recoverablePoints, type RecoverableItem } from './recoverable.ts';
import { whatIf, type Change } from './whatif.ts';

export function suggestTasks(items: readonly RecoverableItem[], plan?: Plan, deadline?: string): Task[] {
  const linked = new Set(plan?.tasks.flatMap((t) => t.criteria ?? []) ?? []);
  return items
    .filter((item) => !linked.has(item.code) && item.rule !== 'unknown')
    .map((item) => ({
      id: `khac-phuc-${item.code.replace(/\./g, '-')}`,
      title: `Khắc phục tiêu chí ${item.code} ${item.name} (năm trước mất ${formatPoints(item.lost, { decimals: 2, trimZeros: true })} điểm): ${item.action.vi}.`,
      department: item.department ?? 'Chưa xác định cơ quan chủ trì',
      criteria: [item.code],
      ...(deadline && { deadline }),
      status: 'todo' as const,
    }));
}

export interface Projection {
  /** The results year the plan answers. */
  year: number;
  current?: Points;
  currentRank?: number;
  projected?: Points;
  projectedRank?: number;
  of: number;
  /** Criteria counted as won back: every task linked to them is done. */
  recovered: { code: string; points: Points }[];
}

/** The last results recomputed as if every criterion whose linked tasks are all done were recovered. */
export function projectPlan(dataset: Dataset, plan: Plan): Projection {
  const items = recoverablePoints(dataset, plan.unitId, plan.basedOn);
  const done = items.filter((item) => {
    const tasks = plan.tasks.filter((t) => t.status !== 'cancelled' && t.criteria?.includes(item.code));
    return tasks.length > 0 && tasks.every((t) => t.status === 'done');
  });
  const changes: Change[] = done.flatMap((item): Change[] => {
    if (item.requirement) return [{ code: item.code, indicator: item.requirement }];
    if (item.maxPoints !== undefined) return [{ code: item.code, score: item.maxPoints }];
    return [];
  });
  const result = whatIf(dataset, plan.unitId, plan.basedOn, changes);
  return {
    year: plan.basedOn,
    ...(result.before.total !== undefined && { current: result.before.total }),
    ...(result.before.rank !== undefined && { currentRank: result.before.rank }),
    ...(result.after.total !== undefined && { projected: result.after.total }),
    ...(result.after.rank !== undefined && { projectedRank: result.after.rank }),
    of: result.after.of,
    recovered: result.gains.map((g) => ({ code: g.code, points: (g.after - g.before) as Points })),
  };
}
