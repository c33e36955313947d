/**
 * Writes one table as CSV for Excel: UTF-8 with a BOM (so Excel shows Vietnamese letters),
 * `;` (Vietnamese Excel, with decimal commas: 9,52) or `,` (decimal points: 9.52), one header
 * row whose multi-row labels are joined by " | " (the reader splits them again). Numbers are
 * written exactly, without thousands separators; percentages to 4 decimals.
 */
import { stringify } from 'csv-stringify/sync';
import { formatDate, formatPercent, type Locale } from '../../core/index.ts';
import { PATH_SEPARATOR } from '../table/header.ts';
import type { OutTable, OutValue } from '../table/output.ts';

export interface CsvOptions {
  separator?: ';' | ',';
  locale?: Locale;
}

const FORMULA_START = /^[=+\-@]/;

function text(value: OutValue, separator: ';' | ',', locale: Locale): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return locale === 'vi' ? (value ? 'Có' : 'Không') : value ? 'Yes' : 'No';
  if (typeof value === 'number') return separator === ';' ? String(value).replace('.', ',') : String(value);
  // A text that Excel would run as a formula is written with a leading apostrophe (read back without it).
  if (typeof value === 'string') return FORMULA_START.test(value) && !/^[+-]?[\d.,]+%?$/.test(value) ? `'${value}` : value;
  if ('date' in value) return formatDate(value.date, 'vi');
  return formatPercent(value.percent, { decimals: 4, trimZeros: true, locale: separator === ';' ? 'vi' : 'en' }).replace(/[.,](?=\d{3}(\D|$))/g, '');
}

export function writeCsv(table: OutTable, options: CsvOptions = {}): Uint8Array {
  return new TextEncoder().encode(csvHead(table, options) + csvRows(table.rows, options));
}

/** The CSV's start: the BOM, the header row (none for a key/value table) and the maxima row. */
export function csvHead(table: Pick<OutTable, 'columns' | 'maxRow' | 'keyValue'>, options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const locale = options.locale ?? 'vi';
  const records: string[][] = [];
  if (!table.keyValue) records.push(table.columns.map((c) => c.header.filter((h, i) => h !== c.header[i - 1]).join(PATH_SEPARATOR)));
  if (table.maxRow) records.push(table.maxRow.values.map((v, c) => (c === 0 ? table.maxRow!.label : v === null ? '' : text(v, separator, locale))));
  return `\uFEFF${records.length ? stringify(records, RECORDS(separator)) : ''}`;
}

/**
 * Rows as CSV records, each ended by CRLF: a file written in pieces (a stream), csvHead then
 * csvRows of each page, has the same text as writeCsv of the whole table.
 */
export function csvRows(rows: readonly OutValue[][], options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const locale = options.locale ?? 'vi';
  return rows.length
    ? stringify(
        rows.map((row) => row.map((v) => text(v, separator, locale))),
        RECORDS(separator),
      )
    : '';
}

// Any line break inside a field is quoted: csv-stringify quotes only the record delimiter (CRLF),
// and a bare LF in a progress note split the row in Excel and LibreOffice.
const RECORDS = (separator: ';' | ',') => ({ delimiter: separator, record_delimiter: '\r\n' as const, quoted_match: /[\r\n]/ });
