/** A unit's action plan as tables: the tasks (importable again) and the reporting calendar. */
import type { Plan } from '../../core/index.ts';
import type { OutTable } from '../table/output.ts';
import { column } from './columns.ts';

export const TASK_STATUS_LABELS: Record<string, string> = { todo: 'Chưa làm', doing: 'Đang làm', done: 'Đã xong', cancelled: 'Hủy' };

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

/** `unitName`: how the title names the unit (its id otherwise); a template has no tasks and no year yet. */
export function planTables(plan: Plan, unitName?: string): OutTable[] {
  const tasks: OutTable = {
    name: 'Nhiệm vụ',
    title: [['Kế hoạch nhiệm vụ, giải pháp nâng cao Chỉ số CCHC', plan.year ? `năm ${plan.year}` : '', (unitName ?? plan.unitId) ? `— ${unitName ?? plan.unitId}` : ''].filter(Boolean).join(' ')],
    columns: [
      column('STT', 'integer', { width: 6 }),
      column(PLAN_COLUMNS.id, 'text', { width: 16 }),
      column(PLAN_COLUMNS.title, 'text', { width: 70 }),
      column(PLAN_COLUMNS.department, 'text', { width: 28 }),
      column(PLAN_COLUMNS.collaborators, 'text', { width: 24 }),
      column(PLAN_COLUMNS.criteria, 'text', { width: 14 }),
      column(PLAN_COLUMNS.deadline, 'date', { width: 12 }),
      column(PLAN_COLUMNS.status, 'text', { width: 12, validation: { type: 'list', values: Object.values(TASK_STATUS_LABELS), message: { vi: 'Chọn một trạng thái', en: 'Pick a status' } } }),
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
      TASK_STATUS_LABELS[t.status] ?? t.status,
      t.progress?.map((p) => `${p.date}: ${p.note}`).join('\n') ?? null,
    ]),
    freezeColumns: 3,
  };
  const calendar: OutTable = {
    name: 'Lịch báo cáo',
    columns: [column('Báo cáo', 'text', { width: 50 }), column('Loại', 'text', { width: 10 }), column('Tiêu chí', 'text', { width: 10 }), column('Hạn gửi', 'date', { width: 12 }), column('Ngày gửi', 'date', { width: 12 })],
    rows: plan.reports.map((r) => [r.name, r.kind, r.criterion ?? null, { date: r.due }, r.sent ? { date: r.sent } : null]),
  };
  return [tasks, calendar];
}
