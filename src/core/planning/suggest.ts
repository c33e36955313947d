/**
 * From results to plan: draft tasks for every criterion that lost points (editable before they
 * are kept), and the projected score if the plan's finished tasks win their criteria back.
 */
import type { Dataset } from '../dataset.ts';
import { formatPoints } from '../format.ts';
import type { Points } from '../points.ts';
import type { IndicatorFile } from '../results/schema.ts';
import { planFramework, trackIndicators } from './tracking.ts';
import type { Plan, Task } from './plan.ts';
import { recoverablePoints, type RecoverableItem } from './recoverable.ts';
import { whatIf, type Change } from './whatif.ts';

/**
 * Draft tasks, one per criterion that lost points and that no task of the plan covers yet: from
 * the rule (what earns the points back) or, where the data has only the appraisal's deduction,
 * from its reason. Component-level losses the data does not place on a criterion get no draft.
 */
export function suggestTasks(items: readonly RecoverableItem[], plan?: Plan, deadline?: string): Task[] {
  const linked = new Set(plan?.tasks.flatMap((t) => t.criteria ?? []) ?? []);
  const taken = new Set(plan?.tasks.map((t) => t.id) ?? []);
  return items
    .filter((item) => !linked.has(item.code) && (item.scope === 'criterion' || item.reason !== undefined))
    .map((item) => {
      const lost = formatPoints(item.lost, { decimals: 2, trimZeros: true });
      const what = item.scope === 'criterion' ? `tiêu chí ${item.code} "${item.name}"` : `chỉ số thành phần ${item.code} "${item.name}"`;
      let id = `khac-phuc-${item.code.replace(/\./g, '-')}`;
      for (let k = 2; taken.has(id); k++) id = `khac-phuc-${item.code.replace(/\./g, '-')}-${k}`;
      return {
        id,
        title: `Khắc phục ${what} (năm ${item.year} mất ${lost} điểm). ${item.action.vi.replace(/[.;]+$/, '')}.`,
        department: item.department ?? 'Chưa xác định cơ quan chủ trì',
        criteria: [item.code],
        ...(deadline && { deadline }),
        status: 'todo' as const,
      };
    });
}

export interface Projection {
  /** The results year the plan answers. */
  year: number;
  current?: Points;
  currentRank?: number;
  projected?: Points;
  projectedRank?: number;
  of: number;
  /** Criteria whose points change: tracked this year (`tracking`, may be negative) or every task linked to them done (`task`). */
  recovered: { code: string; points: Points; by: 'tracking' | 'task' }[];
}

/**
 * This year's projection: the last results recomputed with (1) every tracked criterion at the
 * points its trend gives for the year end (or its latest value), and (2) every other criterion
 * whose linked tasks are all done counted as won back. Everything else stays as last year.
 */
export function projectPlan(dataset: Dataset, plan: Plan): Projection {
  const items = recoverablePoints(dataset, plan.unitId, plan.basedOn);
  const framework = planFramework(dataset, plan);
  const tracked = new Map<string, IndicatorFile>();
  if (framework) {
    for (const track of trackIndicators(plan, framework)) {
      const values = track.projectedValues ?? track.latestValues;
      if (values) tracked.set(track.criterion, values);
    }
  }
  const done = items.filter((item) => {
    if (tracked.has(item.code)) return false;
    const tasks = plan.tasks.filter((t) => t.status !== 'cancelled' && t.criteria?.includes(item.code));
    return tasks.length > 0 && tasks.every((t) => t.status === 'done');
  });
  const changes: Change[] = [
    ...[...tracked].map(([code, indicator]): Change => ({ code, indicator })),
    ...done.flatMap((item): Change[] => {
      if (item.requirement) return [{ code: item.code, indicator: item.requirement }];
      if (item.maxPoints !== undefined) return [{ code: item.code, score: item.maxPoints }];
      return [];
    }),
  ];
  const result = whatIf(dataset, plan.unitId, plan.basedOn, changes);
  return {
    year: plan.basedOn,
    ...(result.before.total !== undefined && { current: result.before.total }),
    ...(result.before.rank !== undefined && { currentRank: result.before.rank }),
    ...(result.after.total !== undefined && { projected: result.after.total }),
    ...(result.after.rank !== undefined && { projectedRank: result.after.rank }),
    of: result.after.of,
    recovered: result.gains.map((g) => ({
      code: g.code,
      points: (g.after - g.before) as Points,
      by: tracked.has(g.code) ? ('tracking' as const) : ('task' as const),
    })),
  };
}
