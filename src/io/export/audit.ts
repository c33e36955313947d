/** The audit trail as a table (export for inspectors): every change with who, when, what, old → new, why, and the chain hashes. */
import type { AuditEntry } from '../../workflow/audit.ts';
import { type CsvOptions, csvHead, csvRows } from '../csv/write.ts';
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
  return { ...AUDIT_COLUMNS, rows: auditRows(entries) };
}

/** The audit table without its rows: its name, title and columns (a file written a page at a time). */
export const AUDIT_COLUMNS: Omit<OutTable, 'rows'> = {
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
  freezeColumns: 2,
};

/** The audit table's rows of these entries, in their order. */
export function auditRows(entries: readonly AuditEntry[]): OutTable['rows'] {
  return entries.map((e) => [
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
  ]);
}

/**
 * The audit trail's CSV a page at a time (a stream): auditCsvHead, then auditCsvPage of each page
 * in sequence order, are together the bytes writeTables([auditTable(all)], { format: 'csv' }) writes.
 */
export function auditCsvHead(options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(csvHead(AUDIT_COLUMNS, options));
}

export function auditCsvPage(entries: readonly AuditEntry[], options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(csvRows(auditRows(entries), options));
}
