/**
 * A unit's action plan for a year (kind: plan): tasks per department linked to criteria, with
 * deadlines, status, progress and evidence; indicator values tracked through the year; the
 * mandatory reports and their deadlines. Part II of the analysis report is made from it.
 */
import { z } from 'zod';
import { parseDocument } from '../document.ts';
import { ParError, issue, type Issue } from '../errors.ts';
import { indicatorFile } from '../results/schema.ts';
import type { TaskGroup } from '../unitReport.ts';
import { isoDate, parseWith } from '../validation.ts';

export const TASK_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const code = z.string().regex(/^\d+(\.\d+)*$/, { error: 'mã tiêu chí dạng 7.3.6 / criterion code like 7.3.6' });
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'chữ thường, số, gạch ngang / lower case, digits, dashes' }).max(80);
/** A period of tracking: a month (2024-03) or a quarter (2024-Q1). */
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: 'kỳ dạng 2024-03 hoặc 2024-Q1 / period like 2024-03 or 2024-Q1' });

export const taskFile = z
  .object({
    id,
    title: z.string().trim().min(1).max(2000),
    department: z.string().trim().min(1).max(300),
    collaborators: z.array(z.string().min(1).max(300)).optional(),
    criteria: z.array(code).optional(),
    deadline: isoDate.optional(),
    status: z.enum(TASK_STATUSES).default('todo'),
    progress: z.array(z.object({ date: isoDate, note: z.string().trim().min(1).max(4000) }).strict()).optional(),
    evidence: z.array(z.string().min(1).max(500)).optional(),
  })
  .strict();

export const planFile = z
  .object({
    kind: z.literal('plan'),
    unit: z.string().min(1),
    /** The year the plan is carried out in (the seed's 2024 plan answers the 2023 results). */
    year: z.number().int().min(2000).max(2100),
    /** The results year it answers; defaults to year − 1. */
    basedOn: z.number().int().min(2000).max(2100).optional(),
    tasks: z.array(taskFile).default([]),
    tracking: z.array(z.object({ criterion: code, values: z.array(indicatorFile.extend({ period })).min(1) }).strict()).optional(),
    reports: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(500),
            kind: z.enum(['quarterly', 'halfYear', 'yearly', 'adHoc']),
            criterion: code.optional(),
            due: isoDate,
            sent: isoDate.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type PlanFile = z.input<typeof planFile>;
export type Task = z.output<typeof taskFile>;
export type ReportDeadline = NonNullable<z.output<typeof planFile>['reports']>[number];
export type TrackedIndicator = NonNullable<z.output<typeof planFile>['tracking']>[number];

export interface Plan {
  unitId: string;
  year: number;
  basedOn: number;
  tasks: Task[];
  tracking: TrackedIndicator[];
  reports: ReportDeadline[];
}

export function readPlan(data: unknown, file?: string): Plan {
  const raw = parseWith(planFile, data, { file });
  const issues: Issue[] = [];
  const seen = new Set<string>();
  raw.tasks.forEach((t, i) => {
    if (seen.has(t.id)) issues.push(issue('plan.duplicateTask', { vi: `trùng mã nhiệm vụ ${t.id}`, en: `duplicate task id ${t.id}` }, { file, field: `tasks.${i}.id` }));
    seen.add(t.id);
  });
  if (issues.length) throw new ParError(issues);
  return { unitId: raw.unit, year: raw.year, basedOn: raw.basedOn ?? raw.year - 1, tasks: raw.tasks, tracking: raw.tracking ?? [], reports: raw.reports ?? [] };
}

export function parsePlan(text: string, file?: string): Plan {
  return readPlan(parseDocument(text, file), file);
}

/** The plan as its document again (for storage and export). */
export function planDocument(plan: Plan): PlanFile {
  return {
    kind: 'plan',
    unit: plan.unitId,
    year: plan.year,
    ...(plan.basedOn !== plan.year - 1 && { basedOn: plan.basedOn }),
    tasks: plan.tasks,
    ...(plan.tracking.length > 0 && { tracking: plan.tracking }),
    ...(plan.reports.length > 0 && { reports: plan.reports }),
  };
}

/** Part II of the analysis report: task texts grouped by department, in the plan's order. */
export function taskGroups(plan: Plan): TaskGroup[] {
  const groups: TaskGroup[] = [];
  for (const task of plan.tasks) {
    if (task.status === 'cancelled') continue;
    let group = groups.find((g) => g.department === task.department);
    if (!group) groups.push((group = { department: task.department, tasks: [] }));
    group.tasks.push(task.title);
  }
  return groups;
}

/** One department's tasks, and which of them are overdue on `today` (YYYY-MM-DD; no clock in the core). */
export function tasksOf(plan: Plan, department: string | undefined, today: string): (Task & { overdue: boolean })[] {
  return plan.tasks
    .filter((t) => !department || t.department === department || t.collaborators?.includes(department))
    .map((t) => ({ ...t, overdue: isOverdue(t, today) }));
}

export function isOverdue(task: Task, today: string): boolean {
  return task.deadline !== undefined && task.deadline < today && task.status !== 'done' && task.status !== 'cancelled';
}

export function addTask(plan: Plan, task: Task): Plan {
  if (plan.tasks.some((t) => t.id === task.id)) throw new ParError(issue('plan.duplicateTask', { vi: `đã có nhiệm vụ ${task.id}`, en: `task ${task.id} exists` }, { field: 'task.id' }));
  return { ...plan, tasks: [...plan.tasks, task] };
}

export interface TaskPatch {
  status?: TaskStatus;
  deadline?: string;
  title?: string;
  evidence?: string[];
  /** A progress note, dated `today`. */
  note?: string;
}

export function updateTask(plan: Plan, id: string, patch: TaskPatch, today: string): Plan {
  const task = plan.tasks.find((t) => t.id === id);
  if (!task) throw new ParError(issue('plan.taskNotFound', { vi: `không có nhiệm vụ ${id}`, en: `no task ${id}` }, { field: 'task' }));
  const updated: Task = {
    ...task,
    ...(patch.status && { status: patch.status }),
    ...(patch.deadline && { deadline: patch.deadline }),
    ...(patch.title && { title: patch.title }),
    ...(patch.evidence && { evidence: patch.evidence }),
    ...(patch.note && { progress: [...(task.progress ?? []), { date: today, note: patch.note }] }),
  };
  return { ...plan, tasks: plan.tasks.map((t) => (t.id === id ? updated : t)) };
}
