/**
 * A unit's action plan as tables, all importable again: the tasks, the indicator values tracked
 * per period («Theo dõi chỉ tiêu») and the reporting calendar with due and sent dates
 * («Lịch báo cáo»).
 */
import {
  formatDate,
  indexColumnName,
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  walk,
  type Framework,
  type IndicatorFile,
  type Plan,
} from '../../core/index.ts';
import type { OutTable, OutValue } from '../table/output.ts';
import { PLAN_REPORT_COLUMNS, PLAN_SHEETS, termLabel, TRACKING_COLUMNS } from '../table/vocabulary.ts';
import { column, indicatorValueColumns } from './columns.ts';

/** Task statuses as the sheet writes them: the core's Vietnamese names (Chưa làm, Đang làm, Đã xong, Hủy). */
export const TASK_STATUS_NAMES: string[] = TASK_STATUSES.map((s) => TASK_STATUS_LABELS[s].vi);

/** Column labels, shared with the importer. */
export const PLAN_COLUMNS = {
  id: 'Mã nhiệm vụ',
  title: 'Nhiệm vụ',
  department: 'Cơ quan chủ trì',
  collaborators: 'Cơ quan phối hợp',
  criteria: 'Tiêu chí liên quan',
  deadline: 'Hạn hoàn thành',
  status: 'Trạng thái',
  progress: 'Tiến độ',
} as const;

/** Rule types whose values are tracked through the year (deadlines are followed on the calendar). */
const TRACKED_RULES = new Set(['boolean', 'ratio', 'bands', 'perOccurrence', 'grades', 'surveyAnswers']);

export interface PlanTableOptions {
  /** How the title names the unit (its id otherwise). */
  unitName?: string;
  /** The framework the plan is measured against: a template lists its rule-scored criteria to track. */
  framework?: Framework;
}

/** A template has no tasks and no year yet; with a framework, its tracking sheet lists the criteria that can be tracked. */
export function planTables(plan: Plan, options: PlanTableOptions = {}): OutTable[] {
  const unitName = options.unitName;
  const tasks: OutTable = {
    name: termLabel(PLAN_SHEETS, 'tasks'),
    title: [
      [
        `Kế hoạch nhiệm vụ, giải pháp nâng cao ${options.framework ? indexColumnName(options.framework) : 'chỉ số'}`,
        plan.year ? `năm ${plan.year}` : '',
        (unitName ?? plan.unitId) ? `— ${unitName ?? plan.unitId}` : '',
      ]
        .filter(Boolean)
        .join(' '),
    ],
    columns: [
      column('STT', 'integer', { width: 6 }),
      column(PLAN_COLUMNS.id, 'text', { width: 16 }),
      column(PLAN_COLUMNS.title, 'text', { width: 70 }),
      column(PLAN_COLUMNS.department, 'text', { width: 28 }),
      column(PLAN_COLUMNS.collaborators, 'text', { width: 24 }),
      column(PLAN_COLUMNS.criteria, 'text', { width: 14 }),
      column(PLAN_COLUMNS.deadline, 'date', { width: 12 }),
      column(PLAN_COLUMNS.status, 'text', {
        width: 12,
        validation: { type: 'list', values: TASK_STATUS_NAMES, message: { vi: 'Chọn một trạng thái', en: 'Pick a status' } },
      }),
      column(PLAN_COLUMNS.progress, 'text', { width: 40 }),
    ],
    rows: plan.tasks.map((t, i) => [
      i + 1,
      t.id,
      t.title,
      t.department,
      t.collaborators?.join('; ') ?? null,
      t.criteria?.join('; ') ?? null,
      t.deadline ? { date: t.deadline } : null,
      TASK_STATUS_LABELS[t.status].vi,
      t.progress?.map((p) => `${formatDate(p.date)}: ${p.note}`).join('\n') ?? null,
    ]),
    freezeColumns: 3,
  };
  return [tasks, trackingTable(plan, options.framework), calendarTable(plan)];
}

function trackingTable(plan: Plan, framework: Framework | undefined): OutTable {
  const label = (key: (typeof TRACKING_COLUMNS)[number]['key']) => termLabel(TRACKING_COLUMNS, key);
  const name = (code: string) => framework?.nodes.get(code)?.name ?? null;
  const rows: OutValue[][] = plan.tracking.flatMap((t) => t.values.map((v) => [t.criterion, name(t.criterion), v.period, ...valueCells(v)]));
  // An empty template: one row per criterion that can be tracked, waiting for its period and values.
  if (!plan.tracking.length && framework) {
    for (const node of walk(framework.components))
      if (node.rule && TRACKED_RULES.has(node.rule.type)) rows.push([node.code, node.name, ...Array<null>(TRACKING_COLUMNS.length - 2).fill(null)]);
  }
  return {
    name: termLabel(PLAN_SHEETS, 'tracking'),
    title: [`Số liệu chỉ tiêu theo tháng hoặc quý${plan.year ? ` năm ${plan.year}` : ''} (kỳ ghi dạng ${plan.year || 2024}-03 hoặc ${plan.year || 2024}-Q1)`],
    columns: [
      column(label('code'), 'text', { width: 10 }),
      column(label('criterionName'), 'text', { width: 40 }),
      column(label('period'), 'text', { width: 12 }),
      ...indicatorValueColumns(label),
      column(label('items'), 'text', { width: 44 }),
      column(label('note'), 'text', { width: 30 }),
    ],
    rows,
    freezeColumns: 3,
  };
}

function valueCells(v: IndicatorFile): OutValue[] {
  return [
    v.numerator ?? null,
    v.denominator ?? null,
    v.value === undefined ? null : Number(v.value),
    v.count ?? null,
    v.achieved ?? null,
    v.grade ?? null,
    v.answers
      ? Object.entries(v.answers)
          .map(([k, n]) => `${k}: ${n}`)
          .join('; ')
      : null,
    v.items?.length ? v.items.map(itemText).join('\n') : null,
    v.note ?? null,
  ];
}

/** A report of a deadline criterion as the importer reads it back: «Báo cáo quý I: hạn 15/03/2024, gửi 14/03/2024» (or «, chưa gửi»). */
export function itemText(item: NonNullable<IndicatorFile['items']>[number]): string {
  return `${item.name}: hạn ${formatDate(item.due)}, ${item.sent ? `gửi ${formatDate(item.sent)}` : 'chưa gửi'}`;
}

function calendarTable(plan: Plan): OutTable {
  const label = (key: (typeof PLAN_REPORT_COLUMNS)[number]['key']) => termLabel(PLAN_REPORT_COLUMNS, key);
  return {
    name: termLabel(PLAN_SHEETS, 'reports'),
    title: ['Lịch báo cáo: hạn gửi và ngày đã gửi (để trống khi chưa gửi)'],
    columns: [
      column(label('id'), 'text', { width: 22 }),
      column(label('name'), 'text', { width: 50 }),
      column(label('kind'), 'text', {
        width: 18,
        validation: {
          type: 'list',
          values: REPORT_KINDS.map((k) => REPORT_KIND_LABELS[k].vi),
          message: { vi: 'Chọn một loại báo cáo', en: 'Pick a kind of report' },
        },
      }),
      column(label('criterion'), 'text', { width: 10 }),
      column(label('due'), 'date', { width: 12 }),
      column(label('sent'), 'date', { width: 12 }),
    ],
    rows: plan.reports.map((r) => [r.id, r.name, REPORT_KIND_LABELS[r.kind].vi, r.criterion ?? null, { date: r.due }, r.sent ? { date: r.sent } : null]),
    freezeColumns: 2,
  };
}
