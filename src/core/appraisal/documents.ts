/**
 * Evidence as official documents (văn bản): the number (số hiệu), date, issuer and summary
 * (trích yếu) a document carries, checked as they are written on paper, and the findings a
 * reader should see — a document dated outside the assessment period proves nothing for it.
 */
import { formatDate } from '../format.ts';
import { issue, ParError, type Issue } from '../errors.ts';
import { searchKey } from '../text.ts';

export interface DocumentMeta {
  /** Số hiệu: 1593/BC-UBND, 05/2023/TT-BNV, 12a/KH-UBND. */
  number: string;
  /** ISO date (YYYY-MM-DD). */
  issuedOn: string;
  issuer: string;
  summary: string;
}

/** A number, an optional year, and the kind and issuer's abbreviation: 1593/BC-UBND, 05/2023/TT-BNV. */
const NUMBER = /^\d{1,6}[a-z]?(\/\d{4})?\/[\p{Lu}\d][\p{L}\d.&-]*$/u;

/**
 * The metadata as the store keeps it, or a ParError naming every field that is wrong. `today`
 * (the adapters' clock reading) bounds the date: a document cannot be issued in the future.
 */
export function checkDocumentMeta(meta: DocumentMeta, today: string): DocumentMeta {
  const issues: Issue[] = [];
  const number = meta.number.trim().replace(/\s*\/\s*/g, '/');
  if (!NUMBER.test(number)) {
    issues.push(
      issue(
        'document.number',
        {
          vi: `số hiệu "${meta.number}" không đúng dạng số/ký hiệu, vd. 1593/BC-UBND hoặc 05/2023/TT-BNV`,
          en: `number "${meta.number}" is not number/symbol, e.g. 1593/BC-UBND or 05/2023/TT-BNV`,
        },
        { field: 'number' },
      ),
    );
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meta.issuedOn) || Number.isNaN(Date.parse(meta.issuedOn))) {
    issues.push(issue('document.date', { vi: 'ngày ban hành dạng YYYY-MM-DD', en: 'the date of issue as YYYY-MM-DD' }, { field: 'date' }));
  } else if (meta.issuedOn > today) {
    issues.push(
      issue(
        'document.futureDate',
        {
          vi: `ngày ban hành ${formatDate(meta.issuedOn)} chưa đến (hôm nay ${formatDate(today)})`,
          en: `the date of issue ${formatDate(meta.issuedOn)} is in the future (today ${formatDate(today)})`,
        },
        { field: 'date' },
      ),
    );
  }
  if (!meta.issuer.trim()) issues.push(issue('document.issuer', { vi: 'phải ghi cơ quan ban hành', en: 'the issuer is missing' }, { field: 'issuer' }));
  if (meta.summary.trim().length < 5)
    issues.push(
      issue(
        'document.summary',
        { vi: 'phải ghi trích yếu nội dung (ít nhất 5 ký tự)', en: 'the summary is missing (at least 5 characters)' },
        { field: 'summary' },
      ),
    );
  if (issues.length) throw new ParError(issues);
  return { number, issuedOn: meta.issuedOn, issuer: meta.issuer.trim(), summary: meta.summary.trim() };
}

/** The assessment period of a cycle: its year, unless the province sets other bounds. */
export interface Period {
  from: string;
  to: string;
}

export const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** Findings that do not refuse the document but that the appraiser must see. */
export function documentFlags(meta: Pick<DocumentMeta, 'issuedOn' | 'number'>, period: Period, cycle: string): Issue[] {
  if (meta.issuedOn >= period.from && meta.issuedOn <= period.to) return [];
  return [
    issue(
      'document.outsidePeriod',
      {
        vi: `văn bản ${meta.number} ban hành ngày ${formatDate(meta.issuedOn)}, ngoài kỳ đánh giá ${formatDate(period.from)}–${formatDate(period.to)}: không dùng làm kiểm chứng cho kỳ ${cycle}`,
        en: `document ${meta.number} is dated ${formatDate(meta.issuedOn)}, outside the assessment period ${formatDate(period.from)}–${formatDate(period.to)}: it proves nothing for cycle ${cycle}`,
      },
      { field: 'date' },
    ),
  ];
}

/** What search reads: number, issuer, summary and file name without diacritics. */
export const documentSearchKey = (meta: DocumentMeta, name: string): string => ` ${searchKey([meta.number, meta.issuer, meta.summary, name].join(' '))} `;

/** The words of a query, folded like the key: each must occur in it. */
export const queryWords = (query: string): string[] => searchKey(query).split(' ').filter(Boolean);
