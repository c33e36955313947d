/**
 * An action plan from a workbook (the sheets the plan export writes, or typed by hand with the
 * same headers), merged by key into the unit's stored plan and validated by the core; every
 * problem named by its cell:
 *  - «Nhiệm vụ»: tasks by task id (new ids are added, known ones replaced);
 *  - «Theo dõi chỉ tiêu»: indicator values by criterion and period (2024-03, 2024-Q1), value by
 *    value (an empty cell keeps the stored value), checked against the criterion's rule;
 *  - «Lịch báo cáo»: reports by report id (or, without one, by name and due date), with due and
 *    sent dates (an empty «Ngày gửi» keeps a stored one).
 * A workbook may carry any of the three; a CSV file is the one table its header shows.
 */
import {
  ParError,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  checkTrackedValue,
  foldDiacritics,
  issue,
  planDocument,
  planFramework,
  planOf,
  readPlan,
  type Change,
  type Dataset,
  type Framework,
  type IndicatorFile,
  type Issue,
  type Message,
  type Plan,
  type PlanFile,
  type ReportDeadline,
  type Task,
} from '../../core/index.ts';
import { itemText, PLAN_COLUMNS, TASK_STATUS_NAMES } from '../export/plan.ts';
import { atCell, cellIssue, headerKey, type CellAt } from '../table/cells.ts';
import { findHeader } from '../table/header.ts';
import type { CellValue, Sheet, Workbook } from '../table/types.ts';
import { readCode, readDate, readText } from '../table/values.ts';
import { matchTerm, PLAN_REPORT_COLUMNS, readChoice, PLAN_SHEETS, TRACKING_COLUMNS, type Term } from '../table/vocabulary.ts';
import { readKeyedTable, rowsOf } from './columns.ts';
import { readIndicatorFields } from './indicatorSheets.ts';

export interface PlanImport {
  kind: 'plan';
  document: PlanFile;
  changes: Change[];
  notices: Message[];
  ignoredColumns: string[];
}

const STATUS_BY_KEY = new Map<string, Task['status']>([
  ...TASK_STATUSES.map((s) => [s, s] as const),
  ...TASK_STATUSES.map((s) => [headerKey(TASK_STATUS_LABELS[s].vi), s] as const),
  ...TASK_STATUSES.map((s) => [headerKey(TASK_STATUS_LABELS[s].en), s] as const),
  ['hoan thanh', 'done'],
  ['dang thuc hien', 'doing'],
  ['chua thuc hien', 'todo'],
]);

const REPORT_KIND_TERMS: Term<ReportDeadline['kind']>[] = REPORT_KINDS.map((kind) => ({
  key: kind,
  label: REPORT_KIND_LABELS[kind].vi,
  aliases: [kind, { quarterly: 'quy', halfYear: '6 thang', yearly: 'nam', adHoc: 'dot xuat' }[kind]],
}));

type Role = 'tasks' | 'tracking' | 'reports';
type SheetRole = { sheet: Sheet; role: Role };

const isTasksHeader = (key: string) => key === headerKey(PLAN_COLUMNS.title);
const isColumn = (terms: readonly Term[], key: string) => (cell: string) =>
  matchTerm(
    terms.filter((t) => t.key === key),
    cell,
  )?.key === key;

/** The sheets by name; a lone sheet with another name (a CSV file) by what its header shows. */
function planSheets(workbook: Workbook): SheetRole[] {
  const named = workbook.sheets.flatMap((sheet): SheetRole[] => {
    const role = matchTerm(PLAN_SHEETS, sheet.name, true)?.key;
    return role ? [{ sheet, role }] : [];
  });
  if (named.length) return named;
  const sheet = workbook.sheets[0];
  if (!sheet) return [];
  if (findHeader(sheet, isTasksHeader)) return [{ sheet, role: 'tasks' }];
  if (findHeader(sheet, isColumn(TRACKING_COLUMNS, 'period'))) return [{ sheet, role: 'tracking' }];
  if (findHeader(sheet, isColumn(PLAN_REPORT_COLUMNS, 'due'))) return [{ sheet, role: 'reports' }];
  return [];
}

export function importPlan(workbook: Workbook, dataset: Dataset, options: { unit: string; year: number }): PlanImport {
  const sheets = planSheets(workbook);
  if (!sheets.length) {
    throw new ParError(
      issue(
        'import.planHeader',
        {
          vi: `không tìm thấy trang «Nhiệm vụ» (cột «${PLAN_COLUMNS.title}»), «Theo dõi chỉ tiêu» (cột «Kỳ») hay «Lịch báo cáo» (cột «Hạn gửi»)`,
          en: `no «Nhiệm vụ» (column "${PLAN_COLUMNS.title}"), «Theo dõi chỉ tiêu» (column "Kỳ") or «Lịch báo cáo» (column "Hạn gửi") sheet`,
        },
        { file: workbook.file },
      ),
    );
  }
  const stored = planOf(dataset, options.unit, options.year);
  const base: Plan = stored ?? { unitId: options.unit, year: options.year, basedOn: options.year - 1, tasks: [], tracking: [], reports: [] };
  const framework = planFramework(dataset, base);
  const issues: Issue[] = [];
  const ignoredColumns: string[] = [];
  let plan = base;
  for (const { sheet, role } of sheets) {
    const read = role === 'tasks' ? readTasks : role === 'tracking' ? readTracking : readReports;
    const outcome = read(sheet, plan, framework, issues, workbook.file);
    plan = outcome.plan;
    ignoredColumns.push(...outcome.ignored.map((c) => (sheets.length > 1 ? `${sheet.name}: ${c}` : c)));
  }
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file: i.file ?? workbook.file })));
  const document = planDocument(plan);
  // The core checks the whole plan (ids, codes, dates, periods) before anything is written.
  readPlan(document, workbook.file);
  return { kind: 'plan', document, changes: planChanges(options.unit, stored, plan), notices: workbook.notices, ignoredColumns };
}

interface SheetOutcome {
  plan: Plan;
  ignored: string[];
}

function unknownCriterion(framework: Framework | undefined, code: string, at: CellAt, issues: Issue[]): boolean {
  if (!framework || framework.nodes.has(code)) return false;
  issues.push(
    cellIssue(
      'import.unknownCriterion',
      { vi: `bộ tiêu chí ${framework.id} không có tiêu chí ${code}`, en: `framework ${framework.id} has no criterion ${code}` },
      at,
      { node: code },
    ),
  );
  return true;
}

function readTasks(sheet: Sheet, plan: Plan, framework: Framework | undefined, issues: Issue[], file?: string): SheetOutcome {
  const header = findHeader(sheet, isTasksHeader);
  if (!header) {
    throw new ParError(
      issue(
        'import.planHeader',
        {
          vi: `trang «${sheet.name}» không có bảng với cột «${PLAN_COLUMNS.title}»`,
          en: `sheet "${sheet.name}" has no table with a "${PLAN_COLUMNS.title}" column`,
        },
        { file, field: sheet.name },
      ),
    );
  }
  const columnOf = (label: string) => header.columns.find((c) => headerKey(c.label) === headerKey(label))?.index;
  const col = Object.fromEntries(Object.entries(PLAN_COLUMNS).map(([key, label]) => [key, columnOf(label)])) as Record<
    keyof typeof PLAN_COLUMNS,
    number | undefined
  >;
  const missing = (['title', 'department'] as const).filter((k) => col[k] === undefined);
  if (missing.length)
    throw new ParError(
      missing.map((k) =>
        issue('import.planColumn', { vi: `thiếu cột «${PLAN_COLUMNS[k]}»`, en: `missing the "${PLAN_COLUMNS[k]}" column` }, { file, field: sheet.name }),
      ),
    );
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const order = [...tasks.keys()];
  for (let r = header.dataStart; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const at = (c: number | undefined): CellAt => ({
      sheet: sheet.name,
      row: r + 1,
      column: c ?? 0,
      header: header.columns.find((h) => h.index === c)?.label,
      value: c === undefined ? null : (row[c] ?? null),
    });
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
      issues.push(
        cellIssue(
          'import.planStatus',
          { vi: `trạng thái «${statusText}» không hợp lệ (${TASK_STATUS_NAMES.join(', ')})`, en: `unknown status "${statusText}"` },
          at(col.status),
        ),
      );
    }
    const deadline = col.deadline === undefined ? undefined : atCell(at(col.deadline), issues, () => readDate(row[col.deadline!] ?? null));
    const list = (c: number | undefined) =>
      text(c)
        ?.split(/[;,\n]/)
        .map((s) => s.trim().replace(/\.$/, ''))
        .filter(Boolean);
    const criteria = list(col.criteria);
    for (const code of criteria ?? []) unknownCriterion(framework, code, at(col.criteria), issues);
    const previous = tasks.get(id);
    if (!previous) order.push(id);
    tasks.set(id, {
      ...previous,
      id,
      title,
      department,
      ...(list(col.collaborators)?.length && { collaborators: list(col.collaborators) }),
      ...(criteria?.length && { criteria }),
      ...(deadline && { deadline }),
      status: status ?? previous?.status ?? 'todo',
    });
  }
  const known = new Set(Object.values(col).filter((c) => c !== undefined));
  const ignored = header.columns.filter((c) => !known.has(c.index) && headerKey(c.label) !== 'stt').map((c) => c.label);
  return { plan: { ...plan, tasks: order.map((id) => tasks.get(id)!) }, ignored };
}

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };

/**
 * A tracking period as people write it: a month (2024-03, 03/2024, tháng 3/2024, or a date
 * cell: Excel turns a typed «2024-03» into 01/03/2024) or a quarter (2024-Q1, Q1/2024, quý I/2024).
 */
export function readPeriod(value: CellValue): string | undefined {
  if (value === null) return undefined;
  if (value instanceof Date || typeof value === 'number') return readDate(value)?.slice(0, 7);
  const raw = readText(value);
  if (raw === undefined) return undefined;
  const text = foldDiacritics(raw).toLowerCase().replace(/\s+/g, ' ').trim();
  const pad = (m: string) => m.padStart(2, '0');
  let match = /^(\d{4})[-/.](0?[1-9]|1[0-2])$/.exec(text);
  if (match) return `${match[1]}-${pad(match[2]!)}`;
  if ((match = /^(\d{4})[-/ ]?q([1-4])$/.exec(text))) return `${match[1]}-Q${match[2]}`;
  if ((match = /^(?:quy|q) ?([1-4]|iv|i{1,3}) ?(?:[/.-]|nam)? ?(\d{4})$/.exec(text))) return `${match[2]}-Q${ROMAN[match[1]!] ?? match[1]}`;
  if ((match = /^(?:thang |t)?(0?[1-9]|1[0-2]) ?(?:[/.-]|nam) ?(\d{4})$/.exec(text))) return `${match[2]}-${pad(match[1]!)}`;
  throw new ParError(
    issue('import.period', {
      vi: `«${raw}» không phải kỳ theo dõi: ghi tháng (2024-03 hoặc 03/2024) hay quý (2024-Q1 hoặc Quý I/2024)`,
      en: `"${raw}" is not a tracking period: write a month (2024-03 or 03/2024) or a quarter (2024-Q1 or Quý I/2024)`,
    }),
  );
}

const VALUE_KEYS = ['numerator', 'denominator', 'value', 'count', 'achieved', 'grade', 'answers', 'items', 'note'] as const;

type Item = NonNullable<IndicatorFile['items']>[number];
const ITEM = /^(.+?)\s*:\s*(?:hạn|han|due)\s+(\S+?)\s*(?:,\s*(?:(?:(?:đã|da)\s+)?(?:gửi|gui)|sent)\s+(\S+?)|,\s*(?:chưa gửi|chua gui|not sent))?\s*$/i;

/** A deadline criterion's reports in one cell, one per line (or «;»): «Báo cáo quý I: hạn 15/03/2024, gửi 14/03/2024», «…, chưa gửi». */
export function readItems(value: CellValue): Item[] | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  return text
    .split(/[;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = ITEM.exec(part);
      if (!match) {
        throw new ParError(
          issue('import.planItems', {
            vi: `«${part}» phải có dạng «tên báo cáo: hạn dd/mm/yyyy, gửi dd/mm/yyyy» (hoặc «, chưa gửi»), mỗi báo cáo một dòng`,
            en: `"${part}" must read "report name: hạn dd/mm/yyyy, gửi dd/mm/yyyy" (or ", chưa gửi"), one report a line`,
          }),
        );
      }
      const due = readDate(match[2]!)!;
      const sent = match[3] === undefined ? undefined : readDate(match[3]);
      return { name: match[1]!.trim(), due, ...(sent !== undefined && { sent }) };
    });
}

function readTracking(sheet: Sheet, plan: Plan, framework: Framework | undefined, issues: Issue[], file?: string): SheetOutcome {
  const table = readKeyedTable(sheet, TRACKING_COLUMNS, { anchors: ['period'], required: ['code', 'period'], file });
  const tracked = new Map(plan.tracking.map((t) => [t.criterion, new Map(t.values.map(({ period, ...values }) => [period, values as IndicatorFile]))]));
  const rowOf = new Map<string, number>();
  for (const row of rowsOf(table)) {
    // A template row names the criterion and waits for values: nothing to import yet.
    if (VALUE_KEYS.every((k) => row.value(k) === null)) continue;
    const code = atCell(row.at('code'), issues, () => readCode(row.value('code')));
    const period = atCell(row.at('period'), issues, () => readPeriod(row.value('period')));
    if (code === undefined) {
      if (row.value('code') === null)
        issues.push(cellIssue('import.codeMissing', { vi: 'dòng không ghi mã tiêu chí', en: 'the row names no criterion' }, row.at('code')));
      continue;
    }
    if (unknownCriterion(framework, code, row.at('code'), issues)) continue;
    if (period === undefined) {
      if (row.value('period') === null)
        issues.push(
          cellIssue('import.periodMissing', { vi: 'thiếu kỳ (tháng hoặc quý) của số liệu', en: 'the period (month or quarter) is missing' }, row.at('period')),
        );
      continue;
    }
    if (!period.startsWith(`${plan.year}-`)) {
      issues.push(
        cellIssue(
          'import.periodYear',
          { vi: `kỳ ${period} không thuộc năm kế hoạch ${plan.year}`, en: `period ${period} is not in the plan year ${plan.year}` },
          row.at('period'),
        ),
      );
      continue;
    }
    const key = `${code} ${period}`;
    if (rowOf.has(key)) {
      issues.push(
        cellIssue(
          'import.duplicateRow',
          {
            vi: `tiêu chí ${code}, kỳ ${period} đã có ở dòng ${rowOf.get(key)}`,
            en: `criterion ${code}, period ${period} is already on row ${rowOf.get(key)}`,
          },
          row.at('period'),
        ),
      );
      continue;
    }
    rowOf.set(key, row.row);
    const periods = tracked.get(code) ?? new Map<string, IndicatorFile>();
    const entry: IndicatorFile = { ...periods.get(period) };
    const before = issues.length;
    const read = <T>(k: (typeof VALUE_KEYS)[number], reader: (v: CellValue) => T | undefined): T | undefined =>
      atCell(row.at(k), issues, () => reader(row.value(k)));
    readIndicatorFields(entry, read, row.at('answers'), issues);
    // The cell's list replaces the stored one, as an indicators file's list does.
    const items = read('items', readItems);
    if (items !== undefined) entry.items = items;
    if (issues.length > before) continue;
    // The values must be ones the criterion's rule can read (numerator ≤ denominator, a known grade …).
    if (framework) {
      const first = VALUE_KEYS.find((k) => row.value(k) !== null) ?? 'code';
      atCell(row.at(first), issues, () => checkTrackedValue(framework, code, entry));
    }
    periods.set(period, entry);
    tracked.set(code, periods);
  }
  const tracking = [...tracked]
    .filter(([, values]) => values.size)
    .map(([criterion, values]) => ({ criterion, values: [...values].map(([period, v]) => ({ period, ...v })) }));
  return { plan: { ...plan, tracking }, ignored: table.ignored };
}

function readReports(sheet: Sheet, plan: Plan, framework: Framework | undefined, issues: Issue[], file?: string): SheetOutcome {
  const table = readKeyedTable(sheet, PLAN_REPORT_COLUMNS, { anchors: ['due'], required: ['name', 'due'], file });
  const reports = new Map(plan.reports.map((r) => [r.id, r]));
  const rowOf = new Map<string, number>();
  for (const row of rowsOf(table)) {
    const read = <T>(k: (typeof PLAN_REPORT_COLUMNS)[number]['key'], reader: (v: CellValue) => T | undefined): T | undefined =>
      atCell(row.at(k), issues, () => reader(row.value(k)));
    const before = issues.length;
    const givenId = read('id', readText);
    const name = read('name', readText);
    const kindText = read('kind', readText);
    const kind = kindText === undefined ? undefined : atCell(row.at('kind'), issues, () => readChoice(REPORT_KIND_TERMS, kindText));
    const criterion = read('criterion', readCode);
    const due = read('due', readDate);
    const sent = read('sent', readDate);
    if (criterion !== undefined) unknownCriterion(framework, criterion, row.at('criterion'), issues);
    if (name === undefined && row.value('name') === null)
      issues.push(cellIssue('import.reportName', { vi: 'thiếu tên báo cáo', en: 'the report has no name' }, row.at('name')));
    if (due === undefined && row.value('due') === null)
      issues.push(cellIssue('import.reportDue', { vi: 'thiếu hạn gửi', en: 'the due date is missing' }, row.at('due')));
    if (issues.length > before || name === undefined || due === undefined) continue;
    // Without an id, a report is the stored one of the same name and due date, else a new one.
    const sameReport = givenId === undefined ? [...reports.values()].find((r) => r.name === name && r.due === due) : undefined;
    let id = givenId ?? sameReport?.id ?? `bao-cao-${due}`;
    if (givenId === undefined && !sameReport) for (let k = 2; reports.has(id); k++) id = `bao-cao-${due}-${k}`;
    if (rowOf.has(id)) {
      issues.push(
        cellIssue(
          'import.duplicateRow',
          { vi: `báo cáo ${id} đã có ở dòng ${rowOf.get(id)}`, en: `report ${id} is already on row ${rowOf.get(id)}` },
          row.at(givenId ? 'id' : 'name'),
        ),
      );
      continue;
    }
    rowOf.set(id, row.row);
    const previous = reports.get(id);
    const chosenKind = kind ?? previous?.kind;
    if (!chosenKind) {
      issues.push(
        cellIssue(
          'import.reportKind',
          { vi: `thiếu loại báo cáo (${REPORT_KIND_TERMS.map((t) => t.label).join(', ')})`, en: 'the kind of report is missing' },
          row.at('kind'),
        ),
      );
      continue;
    }
    const report: ReportDeadline = { ...previous, id, name, kind: chosenKind, due };
    if (criterion !== undefined) report.criterion = criterion;
    if (sent !== undefined) report.sent = sent;
    reports.set(id, report);
  }
  return { plan: { ...plan, reports: [...reports.values()] }, ignored: table.ignored };
}

/** Tasks by title; tracked values and reports field by field. */
function planChanges(unitId: string, stored: Plan | undefined, plan: Plan): Change[] {
  const changes: Change[] = [];
  const before = new Map((stored?.tasks ?? []).map((t) => [t.id, t]));
  for (const task of plan.tasks) {
    const old = before.get(task.id);
    if (old && JSON.stringify(old) === JSON.stringify(task)) continue;
    changes.push({
      change: old === undefined ? 'added' : 'changed',
      unitId,
      item: 'task',
      code: task.id,
      ...(old && { before: old.title }),
      after: task.title,
    });
  }
  const shown = (k: string, v: unknown) => (k === 'items' ? (v as Item[]).map(itemText).join('; ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const fields = (values: Record<string, unknown>) =>
    new Map(
      Object.entries(values)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, shown(k, v)]),
    );
  const compare = (item: string, code: string, prefix: string, old: Map<string, string>, now: Map<string, string>) => {
    for (const [k, v] of now) {
      const was = old.get(k);
      if (was !== v)
        changes.push({
          change: was === undefined ? 'added' : 'changed',
          unitId,
          item,
          code,
          part: `${prefix}${k}`,
          ...(was !== undefined && { before: was }),
          after: v,
        });
    }
    for (const [k, v] of old) if (!now.has(k)) changes.push({ change: 'removed', unitId, item, code, part: `${prefix}${k}`, before: v });
  };
  const storedTracking = new Map((stored?.tracking ?? []).flatMap((t) => t.values.map(({ period, ...v }) => [`${t.criterion} ${period}`, fields(v)] as const)));
  for (const t of plan.tracking) {
    for (const { period, ...v } of t.values)
      compare('tracking', t.criterion, `${period}.`, storedTracking.get(`${t.criterion} ${period}`) ?? new Map(), fields(v));
  }
  const storedReports = new Map((stored?.reports ?? []).map((r) => [r.id, r]));
  for (const r of plan.reports) {
    const { id, ...rest } = r;
    const old = storedReports.get(id);
    compare('report', id, '', old ? fields((({ id: _, ...o }) => o)(old)) : new Map(), fields(rest));
  }
  return changes;
}
