/**
 * What an imported or edited plan changes against the stored one, in the same `Change` form as
 * results and frameworks, so that a plan import's preview and its audit entry list its changes:
 * tasks and reports field by field, tracked values per criterion and period.
 */
import { compareValues, type Change } from '../changes.ts';
import type { Plan, Task } from './plan.ts';

const TASK_FIELDS = ['title', 'department', 'collaborators', 'criteria', 'deadline', 'status', 'progress', 'evidence'] as const;

const REPORT_FIELDS = ['name', 'kind', 'criterion', 'due', 'sent'] as const;

function taskValue(task: Task, field: (typeof TASK_FIELDS)[number]): string | undefined {
  switch (field) {
    case 'collaborators':
    case 'criteria':
    case 'evidence':
      return task[field]?.length ? task[field]!.join('; ') : undefined;
    case 'progress':
      return task.progress?.length ? task.progress.map((p) => `${p.date}: ${p.note}`).join('\n') : undefined;
    default:
      return task[field] ?? undefined;
  }
}

function values(plan: Plan | undefined) {
  const tasks = new Map<string, string>();
  const tracked = new Map<string, string>();
  const reports = new Map<string, string>();
  for (const task of plan?.tasks ?? []) {
    for (const field of TASK_FIELDS) {
      const value = taskValue(task, field);
      if (value !== undefined) tasks.set(`${task.id}\u0000${field}`, value);
    }
  }
  for (const t of plan?.tracking ?? []) {
    for (const { period, ...value } of t.values) tracked.set(`${t.criterion}\u0000${period}`, JSON.stringify(value));
  }
  for (const r of plan?.reports ?? []) {
    for (const field of REPORT_FIELDS) if (r[field] !== undefined) reports.set(`${r.id}\u0000${field}`, r[field]!);
  }
  return { tasks, tracked, reports };
}

export function diffPlans(before: Plan | undefined, after: Plan): Change[] {
  const old = values(before);
  const now = values(after);
  const unitId = after.unitId;
  return [
    ...compareValues(old.tasks, now.tasks, (key) => {
      const [task, field] = key.split('\u0000');
      return { unitId, item: 'task', part: `${task}.${field}` };
    }),
    ...compareValues(old.tracked, now.tracked, (key) => {
      const [code, period] = key.split('\u0000');
      return { unitId, item: 'tracking', code, part: period };
    }),
    ...compareValues(old.reports, now.reports, (key) => ({ unitId, item: 'report', part: key.replace('\u0000', '.') })),
  ];
}
