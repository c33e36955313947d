/** The audit trail as a table (export for inspectors): every change with who, when, what, old → new, why, and the chain hashes. */
import type { AuditEntry } from '../../workflow/audit.ts';
import type { OutTable } from '../table/output.ts';
import { column } from './columns.ts';

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** The stored UTC instant as an officer reads it: dd/mm/yyyy hh:mm:ss, Vietnam time (UTC+7). */
export function vietnamTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : VIETNAM_TIME.format(date).replace(',', '');
}

export function auditTable(entries: readonly AuditEntry[]): OutTable {
  return {
    name: 'Nhật ký',
    title: ['Nhật ký thay đổi (chuỗi băm SHA-256: mỗi mục chứa mã băm của mục trước)'],
    columns: [
      column('STT', 'integer', { width: 7 }),
      column('Thời điểm (giờ Việt Nam)', 'text', { width: 20 }),
      column('Thời điểm (UTC, trong chuỗi băm)', 'text', { width: 24 }),
      column('Người thực hiện', 'text', { width: 14 }),
      column('Thao tác', 'text', { width: 24 }),
      column('Đối tượng', 'text', { width: 44 }),
      column('Trước', 'text', { width: 40 }),
      column('Sau', 'text', { width: 40 }),
      column('Lý do', 'text', { width: 40 }),
      column('Mã băm mục trước', 'text', { width: 20 }),
      column('Mã băm', 'text', { width: 20 }),
    ],
    rows: entries.map((e) => [
      e.sequence,
      vietnamTime(e.at),
      e.at,
      e.actorId,
      e.action,
      e.subject,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.reason ?? null,
      e.previousHash,
      e.hash,
    ]),
    freezeColumns: 2,
  };
}
