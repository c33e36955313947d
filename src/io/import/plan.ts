/**
 * Action-plan tasks from a workbook (the "Nhiệm vụ" sheet the plan export writes, or one typed
 * by hand with the same headers): merged into the unit's stored plan by task id (new ids are
 * added, known ones replaced), validated by the core; every problem named by its cell.
 */
import { ParError, TASK_STATUSES, issue, planDocument, planOf, readPlan, type Change, type Dataset, type Issue, type Message, type PlanFile, type Task } from '../../core/index.ts';
import { PLAN_COLUMNS, TASK_STATUS_LABELS } from '../export/plan.ts';
import { atCell, cellIssue, headerKey } from '../table/cells.ts';
import { findHeader } from '../table/header.ts';
import type { Workbook } from '../table/types.ts';
import { readDate, readText } from '../table/values.ts';

export interface PlanImport {
  kind: 'plan';
  document: PlanFile;
  changes: Change[];
  notices: Message[];
  ignoredColumns: string[];
}

const STATUS_BY_KEY = new Map<string, Task['status']>([
  ...TASK_STATUSES.map((s) => [s, s] as const),
  ...Object.entries(TASK_STATUS_LABELS).map(([s, label]) => [headerKey(label), s as Task['status']] as const),
  ['hoan thanh', 'done'],
  ['dang thuc hien', 'doing'],
  ['chua thuc hien', 'todo'],
]);

export function importPlanTasks(workbook: Workbook, dataset: Dataset, options: { unit: string; year: number }): PlanImport {
  const issues: Issue[] = [];
  const sheet = workbook.sheets.find((s) => headerKey(s.name) === headerKey('Nhiệm vụ')) ?? workbook.sheets[0];
  const header = sheet && findHeader(sheet, (key) => key === headerKey(PLAN_COLUMNS.title));
  if (!sheet || !header) {
    throw new ParError(issue('import.planHeader', { vi: `không tìm thấy bảng có cột «${PLAN_COLUMNS.title}»`, en: `no table with a "${PLAN_COLUMNS.title}" column` }, { file: workbook.file }));
  }
  const columnOf = (label: string) => header.columns.find((c) => headerKey(c.label) === headerKey(label))?.index;
  const col = Object.fromEntries(Object.entries(PLAN_COLUMNS).map(([key, label]) => [key, columnOf(label)])) as Record<keyof typeof PLAN_COLUMNS, number | undefined>;
  for (const required of ['title', 'department'] as const) {
    if (col[required] === undefined) issues.push(issue('import.planColumn', { vi: `thiếu cột «${PLAN_COLUMNS[required]}»`, en: `missing the "${PLAN_COLUMNS[required]}" column` }, { file: workbook.file }));
  }
  if (issues.length) throw new ParError(issues);
  const stored = planOf(dataset, options.unit, options.year);
  const tasks = new Map((stored?.tasks ?? []).map((t) => [t.id, t]));
  const order = [...tasks.keys()];
  for (let r = header.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const at = (c: number | undefined) => ({ sheet: sheet.name, row: r + 1, column: c ?? 0, header: header.columns.find((h) => h.index === c)?.label, value: c === undefined ? null : (row[c] ?? null) });
    const text = (c: number | undefined) => (c === undefined ? undefined : atCell(at(c), issues, () => readText(row[c] ?? null)));
    const title = text(col.title);
    if (!title) continue;
    const department = text(col.department);
    if (!department) {
      issues.push(cellIssue('import.planDepartment', { vi: 'thiếu cơ quan chủ trì', en: 'missing the department in charge' }, at(col.department)));
      continue;
    }
    const id = text(col.id) ?? `nv-nhap-${r + 1}`;
    const statusText = text(col.status);
    const status = statusText ? STATUS_BY_KEY.get(headerKey(statusText)) : undefined;
    if (statusText && !status) {
      issues.push(cellIssue('import.planStatus', { vi: `trạng thái «${statusText}» không hợp lệ (${Object.values(TASK_STATUS_LABELS).join(', ')})`, en: `unknown status "${statusText}"` }, at(col.status)));
    }
    const deadline = col.deadline === undefined ? undefined : atCell(at(col.deadline), issues, () => readDate(row[col.deadline!] ?? null));
    const list = (c: number | undefined) => text(c)?.split(/[;,\n]/).map((s) => s.trim().replace(/\.$/, '')).filter(Boolean);
    const previous = tasks.get(id);
    if (!previous) order.push(id);
    tasks.set(id, {
      ...previous,
      id,
      title,
      department,
      ...(list(col.collaborators)?.length && { collaborators: list(col.collaborators) }),
      ...(list(col.criteria)?.length && { criteria: list(col.criteria) }),
      ...(deadline && { deadline }),
      status: status ?? previous?.status ?? 'todo',
    });
  }
  if (issues.length) throw new ParError(issues);
  const base = stored ?? { unitId: options.unit, year: options.year, basedOn: options.year - 1, tasks: [], tracking: [], reports: [] };
  const document = planDocument({ ...base, tasks: order.map((id) => tasks.get(id)!) });
  // The core checks the whole plan (ids, codes, dates) before anything is written.
  readPlan(document, workbook.file);
  const before = new Map((stored?.tasks ?? []).map((t) => [t.id, JSON.stringify(t)]));
  const changes: Change[] = order.flatMap((id): Change[] => {
    const after = JSON.stringify(tasks.get(id));
    const old = before.get(id);
    if (old === after) return [];
    return [{ change: old === undefined ? 'added' : 'changed', unitId: options.unit, item: 'task', code: id, ...(old && { before: JSON.parse(old).title }), after: tasks.get(id)!.title }];
  });
  const known = new Set(Object.values(col).filter((c) => c !== undefined));
  const ignoredColumns = header.columns.filter((c) => !known.has(c.index) && headerKey(c.label) !== 'stt').map((c) => c.label);
  return { kind: 'plan', document, changes, notices: workbook.notices, ignoredColumns };
}
