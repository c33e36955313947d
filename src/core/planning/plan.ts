/**
 * A unit's action plan for a year (kind: plan): tasks per department linked to criteria, with
 * deadlines, status, progress and evidence; indicator values tracked through the year; the
 * mandatory reports and their deadlines. Part II of the analysis report is made from it.
 */
import { z } from 'zod';
import { parseDocument } from '../document.ts';
import { ParError, issue, type Issue } from '../errors.ts';
import { indicatorFile } from '../results/schema.ts';
import type { Framework } from '../framework/types.ts';
import type { TaskGroup } from '../unitReport.ts';
import { bilingual, isoDate as isoDateShape, parseWith } from '../validation.ts';
import { REPORT_KINDS, TASK_STATUSES, type TaskStatus } from './labels.ts';

export { REPORT_KINDS, REPORT_KIND_LABELS, TASK_STATUSES, TASK_STATUS_LABELS, type ReportKind, type TaskStatus } from './labels.ts';

/** A calendar date (2024-02-30 is refused, not rolled over): the one check of validation.ts. */
export const isoDate = isoDateShape;

/** The texts of a plan a person must write, named as the refusal names them. */
const PLAN_TEXTS = {
  title: { vi: 'nội dung nhiệm vụ', en: 'the task wording', max: 2000 },
  department: { vi: 'cơ quan chủ trì', en: 'the lead department', max: 300 },
  collaborator: { vi: 'tên cơ quan phối hợp', en: 'a collaborating department', max: 300 },
  note: { vi: 'nội dung ghi chú tiến độ', en: 'the progress note', max: 4000 },
  evidence: { vi: 'tài liệu kiểm chứng', en: 'the evidence', max: 500 },
  reportName: { vi: 'tên báo cáo', en: 'the report name', max: 500 },
} as const;

/** A plan text: empty or blank is refused in words that name it ("phải ghi tên báo cáo (không để trống)"), never zod's. */
export function planText(what: keyof typeof PLAN_TEXTS) {
  const { vi, en, max } = PLAN_TEXTS[what];
  return z
    .string({
      error: (found) =>
        found.input === undefined
          ? bilingual({ vi: `phải ghi ${vi}`, en: `${en} is missing` })
          : bilingual({ vi: `${vi} phải là chữ`, en: `${en} must be text` }),
    })
    .trim()
    .min(1, { error: bilingual({ vi: `phải ghi ${vi} (không để trống)`, en: `${en} cannot be empty` }) })
    .max(max, { error: bilingual({ vi: `${vi} dài quá ${max} ký tự`, en: `${en} is longer than ${max} characters` }) });
}

const code = z.string().regex(/^\d+(\.\d+)*$/, { error: bilingual({ vi: 'mã tiêu chí dạng 7.3.6', en: 'criterion code like 7.3.6' }) });
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: bilingual({ vi: 'chữ thường, số, gạch ngang', en: 'lower case, digits, dashes' }) })
  .max(80);
/** A period of tracking: a month (2024-03) or a quarter (2024-Q1). */
const period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: bilingual({ vi: 'kỳ dạng 2024-03 hoặc 2024-Q1', en: 'period like 2024-03 or 2024-Q1' }) });

export const taskFile = z
  .object({
    id,
    title: planText('title'),
    department: planText('department'),
    collaborators: z.array(planText('collaborator')).optional(),
    criteria: z.array(code).optional(),
    deadline: isoDate.optional(),
    status: z.enum(TASK_STATUSES).default('todo'),
    progress: z.array(z.object({ date: isoDate, note: planText('note') }).strict()).optional(),
    evidence: z.array(planText('evidence')).optional(),
  })
  .strict();

/** One period's indicator values of a tracked criterion. */
export const trackedValueFile = indicatorFile.extend({ period });

/** A mandatory report in the calendar. */
export const reportFile = z
  .object({
    /** Stable key for updates (the sent date); derived from the due date when the file has none. */
    id: id.optional(),
    name: planText('reportName'),
    kind: z.enum(REPORT_KINDS),
    criterion: code.optional(),
    due: isoDate,
    sent: isoDate.optional(),
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
    tracking: z.array(z.object({ criterion: code, values: z.array(trackedValueFile).min(1) }).strict()).optional(),
    reports: z.array(reportFile).optional(),
  })
  .strict();

export type PlanFile = z.input<typeof planFile>;
export type Task = z.output<typeof taskFile>;
export type ReportDeadline = z.output<typeof reportFile> & { id: string };
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
    if (seen.has(t.id))
      issues.push(issue('plan.duplicateTask', { vi: `trùng mã nhiệm vụ ${t.id}`, en: `duplicate task id ${t.id}` }, { file, field: `tasks.${i}.id` }));
    seen.add(t.id);
  });
  const tracked = new Set<string>();
  (raw.tracking ?? []).forEach((t, i) => {
    if (tracked.has(t.criterion))
      issues.push(
        issue(
          'plan.duplicateTracking',
          { vi: `tiêu chí ${t.criterion} được theo dõi hai lần`, en: `criterion ${t.criterion} is tracked twice` },
          { file, field: `tracking.${i}.criterion` },
        ),
      );
    tracked.add(t.criterion);
    const periods = new Set<string>();
    t.values.forEach((v, j) => {
      const field = `tracking.${i}.values.${j}.period`;
      if (periods.has(v.period))
        issues.push(
          issue(
            'plan.duplicatePeriod',
            { vi: `kỳ ${v.period} của tiêu chí ${t.criterion} bị nhập hai lần`, en: `period ${v.period} of criterion ${t.criterion} is given twice` },
            { file, field },
          ),
        );
      periods.add(v.period);
      if (!v.period.startsWith(`${raw.year}-`))
        issues.push(
          issue(
            'plan.periodYear',
            { vi: `kỳ ${v.period} không thuộc năm kế hoạch ${raw.year}`, en: `period ${v.period} is not in the plan year ${raw.year}` },
            { file, field },
          ),
        );
    });
  });
  const reportIds = new Set<string>();
  const reports = (raw.reports ?? []).map((r, i): ReportDeadline => {
    let key = r.id ?? `bao-cao-${r.due}`;
    if (!r.id) for (let k = 2; reportIds.has(key); k++) key = `bao-cao-${r.due}-${k}`;
    if (reportIds.has(key))
      issues.push(issue('plan.duplicateReport', { vi: `trùng mã báo cáo ${key}`, en: `duplicate report id ${key}` }, { file, field: `reports.${i}.id` }));
    reportIds.add(key);
    return { ...r, id: key };
  });
  if (issues.length) throw new ParError(issues);
  return { unitId: raw.unit, year: raw.year, basedOn: raw.basedOn ?? raw.year - 1, tasks: raw.tasks, tracking: sortTracking(raw.tracking ?? []), reports };
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

/** Criteria a task or report links to must be in the framework it is measured against. */
export function checkTaskCriteria(framework: Framework, criteria: readonly string[], field: string): void {
  const unknown = criteria.filter((c) => !framework.nodes.has(c));
  if (unknown.length) {
    throw new ParError(
      issue(
        'plan.unknownCriterion',
        {
          vi: `bộ tiêu chí ${framework.id} không có tiêu chí ${unknown.join(', ')}`,
          en: `framework ${framework.id} has no ${unknown.length === 1 ? 'criterion' : 'criteria'} ${unknown.join(', ')}`,
        },
        { field, node: unknown[0]! },
      ),
    );
  }
}

export function addTask(plan: Plan, task: Task): Plan {
  if (plan.tasks.some((t) => t.id === task.id))
    throw new ParError(issue('plan.duplicateTask', { vi: `đã có nhiệm vụ ${task.id}`, en: `task ${task.id} exists` }, { field: 'task.id' }));
  return { ...plan, tasks: [...plan.tasks, task] };
}

export interface TaskPatch {
  status?: TaskStatus;
  /** A new deadline; null removes it. */
  deadline?: string | null;
  title?: string;
  department?: string;
  collaborators?: string[];
  criteria?: string[];
  evidence?: string[];
  /** A progress note, dated `today`. */
  note?: string;
}

export function updateTask(plan: Plan, id: string, patch: TaskPatch, today: string): Plan {
  const task = plan.tasks.find((t) => t.id === id);
  if (!task) throw new ParError(issue('plan.task.notFound', { vi: `không có nhiệm vụ ${id}`, en: `no task ${id}` }, { field: 'task' }));
  const { deadline: _deadline, ...rest } = task;
  const updated: Task = {
    ...(patch.deadline === null ? rest : task),
    ...(patch.status && { status: patch.status }),
    ...(patch.deadline && { deadline: patch.deadline }),
    ...(patch.title && { title: patch.title }),
    ...(patch.department && { department: patch.department }),
    ...(patch.collaborators && { collaborators: patch.collaborators }),
    ...(patch.criteria && { criteria: patch.criteria }),
    ...(patch.evidence && { evidence: patch.evidence }),
    ...(patch.note && { progress: [...(task.progress ?? []), { date: today, note: patch.note }] }),
  };
  return { ...plan, tasks: plan.tasks.map((t) => (t.id === id ? updated : t)) };
}

type TrackedValue = z.output<typeof trackedValueFile>;

const periodOrder = (period: string) => {
  const [, part] = period.split('-');
  // A quarter sorts after its last month (2024-03 < 2024-Q1 < 2024-04).
  return part!.startsWith('Q') ? Number(part!.slice(1)) * 3 + 0.5 : Number(part);
};

function sortTracking(tracking: TrackedIndicator[]): TrackedIndicator[] {
  return tracking.map((t) => ({ ...t, values: [...t.values].sort((a, b) => periodOrder(a.period) - periodOrder(b.period)) }));
}

/**
 * Enters (or replaces) one period's indicator values of a tracked criterion; `remove` deletes
 * that period. The caller checks the values against the criterion's rule (`checkTrackedValue`).
 */
export function setTrackedValue(plan: Plan, criterion: string, value: TrackedValue, remove = false): Plan {
  const existing = plan.tracking.find((t) => t.criterion === criterion);
  if (remove && !existing?.values.some((v) => v.period === value.period)) {
    throw new ParError(
      issue(
        'plan.period.notFound',
        { vi: `tiêu chí ${criterion} chưa có số liệu kỳ ${value.period}`, en: `criterion ${criterion} has no value for ${value.period}` },
        { field: 'period' },
      ),
    );
  }
  const values = [...(existing?.values ?? []).filter((v) => v.period !== value.period), ...(remove ? [] : [value])];
  const others = plan.tracking.filter((t) => t.criterion !== criterion);
  return { ...plan, tracking: sortTracking(values.length ? [...others, { criterion, values }] : others) };
}

export interface ReportPatch {
  name?: string;
  kind?: ReportDeadline['kind'];
  criterion?: string | null;
  due?: string;
  /** The date the report was sent (or received); null: not sent after all. */
  sent?: string | null;
}

/** Adds a report to the calendar (an ad hoc request, a report the plan did not list). */
export function addReport(plan: Plan, report: ReportDeadline): Plan {
  if (plan.reports.some((r) => r.id === report.id))
    throw new ParError(issue('plan.duplicateReport', { vi: `đã có báo cáo ${report.id}`, en: `report ${report.id} exists` }, { field: 'report.id' }));
  return { ...plan, reports: [...plan.reports, report] };
}

/** Records a sent date, or corrects a report's due date, name, kind or criterion. */
export function updateReport(plan: Plan, id: string, patch: ReportPatch): Plan {
  const report = plan.reports.find((r) => r.id === id);
  if (!report)
    throw new ParError(
      issue('plan.report.notFound', { vi: `không có báo cáo ${id} trong lịch báo cáo`, en: `no report ${id} in the calendar` }, { field: 'report' }),
    );
  const { sent: _sent, criterion: _criterion, ...base } = report;
  const updated: ReportDeadline = {
    ...base,
    ...(patch.name && { name: patch.name }),
    ...(patch.kind && { kind: patch.kind }),
    ...(patch.due && { due: patch.due }),
    ...(patch.criterion !== null && (patch.criterion ?? report.criterion) !== undefined && { criterion: (patch.criterion ?? report.criterion)! }),
    ...(patch.sent !== null && (patch.sent ?? report.sent) !== undefined && { sent: (patch.sent ?? report.sent)! }),
  };
  return { ...plan, reports: plan.reports.map((r) => (r.id === id ? updated : r)) };
}
