/** A unit's evidence list (danh mục văn bản kiểm chứng) as a table: criterion, number, date, issuer, summary, file, findings. */
import { formatDate, type Issue, type Locale } from '../../core/index.ts';
import type { OutTable } from '../table/output.ts';
import { column } from './columns.ts';

export interface ListedDocument {
  code: string;
  number: string;
  issuedOn: string;
  issuer: string;
  summary: string;
  name: string;
  flags: Issue[];
}

export function documentListTable(rows: readonly ListedDocument[], locale: Locale = 'vi'): OutTable {
  const vi = locale === 'vi';
  return {
    name: vi ? 'Văn bản kiểm chứng' : 'Evidence documents',
    title: [vi ? 'Danh mục văn bản kiểm chứng theo tiêu chí' : 'Evidence documents by criterion'],
    columns: [
      column('STT', 'integer', { width: 6 }),
      column(vi ? 'Tiêu chí' : 'Criterion', 'text', { width: 10 }),
      column(vi ? 'Số hiệu' : 'Number', 'text', { width: 18 }),
      column(vi ? 'Ngày ban hành' : 'Date', 'text', { width: 12 }),
      column(vi ? 'Cơ quan ban hành' : 'Issuer', 'text', { width: 24 }),
      column(vi ? 'Trích yếu' : 'Summary', 'text', { width: 50 }),
      column(vi ? 'Tệp' : 'File', 'text', { width: 24 }),
      column(vi ? 'Lưu ý' : 'Findings', 'text', { width: 40 }),
    ],
    rows: rows.map((r, i) => [
      i + 1,
      r.code,
      r.number,
      formatDate(r.issuedOn),
      r.issuer,
      r.summary,
      r.name,
      r.flags.map((f) => f.message[locale]).join('; ') || null,
    ]),
    freezeColumns: 2,
  };
}
