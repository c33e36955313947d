/**
 * The plan's fixed vocabularies and their names for people. Kept apart from plan.ts (which
 * builds zod schemas at load time) so the browser app can import the labels without bundling
 * the validation library.
 */
import type { Message } from '../errors.ts';

export const TASK_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, Message> = {
  todo: { vi: 'Chưa làm', en: 'To do' },
  doing: { vi: 'Đang làm', en: 'In progress' },
  done: { vi: 'Đã xong', en: 'Done' },
  cancelled: { vi: 'Hủy', en: 'Cancelled' },
};
export const REPORT_KINDS = ['quarterly', 'halfYear', 'yearly', 'adHoc'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, Message> = {
  quarterly: { vi: 'Báo cáo quý', en: 'Quarterly' },
  halfYear: { vi: 'Báo cáo 6 tháng', en: 'Half-year' },
  yearly: { vi: 'Báo cáo năm', en: 'Yearly' },
  adHoc: { vi: 'Báo cáo đột xuất', en: 'Ad hoc' },
};
