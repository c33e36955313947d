/**
 * Writes tables to an .xlsx with exceljs's streaming writer: bold, wrapped, merged header rows,
 * column widths, frozen panes, A4 pages as wide as the sheet, number formats that Excel shows in the reader's locale
 * (9,52 in Vietnamese Excel), dates as dates, and input checks on template cells.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { fractionToNumber, type Locale } from '../../core/index.ts';
import { columnLetter } from '../table/cells.ts';
import type { ColumnFormat, OutColumn, OutTable, OutValue } from '../table/output.ts';

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  points: '#,##0.00',
  pointsExact: '#,##0.00####',
  percent: '0.00%',
  integer: '#,##0',
  quantity: '#,##0.######',
  text: '@',
  date: 'dd/mm/yyyy',
  boolean: undefined,
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function excelValue(value: OutValue, locale: Locale): ExcelJS.CellValue {
  if (value === null) return null;
  if (typeof value === 'boolean') return locale === 'vi' ? (value ? 'Có' : 'Không') : value ? 'Yes' : 'No';
  if (typeof value === 'object' && 'date' in value) {
    const [y, m, d] = value.date.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!));
  }
  if (typeof value === 'object') return fractionToNumber(value.percent) / 100;
  return value;
}

const LINE_HEIGHT = 15;

/** Lines a wrapped text takes in a cell of this width (in characters of '0'; bold headers fit fewer). */
function linesOf(text: string, width: number, bold = false): number {
  const perLine = Math.max(1, width * (bold ? 0.9 : 1.1) - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

function widthOf(table: OutTable, c: number): number {
  const column = table.columns[c]!;
  if (column.width) return column.width;
  const longest = Math.max(
    ...column.header.map((h) => Math.min(h.length, 40) / (column.header.length > 1 ? 1 : 1.5)),
    ...table.rows.slice(0, 200).map((r) => {
      const v = r[c];
      return v === null || v === undefined ? 0 : typeof v === 'object' ? 10 : String(v).length;
    }),
  );
  return Math.max(6, Math.min(60, Math.ceil(longest) + 2));
}

/**
 * A sheet name Excel accepts, as close to the table's name as it can be: none of : \ / ? * [ ],
 * no apostrophe at either end, at most 31 characters, not "History", and unlike the names
 * already `taken` (compared as Excel does, ignoring case): "Khối 1", "Khối 1 (2)".
 */
export function sheetName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, '-')
      .replace(/\s+/g, ' ')
      .slice(0, 31)
      .replace(/^['\s]+|['\s]+$/g, '') || 'Sheet';
  const free = (candidate: string) => !taken.has(candidate.toLowerCase()) && candidate.toLowerCase() !== 'history';
  if (free(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
    if (free(candidate)) return candidate;
  }
}

function writeTable(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: OutTable, locale: Locale, name: string): void {
  const titleRows = table.title?.length ?? 0;
  const depth = table.keyValue ? 0 : Math.max(1, ...table.columns.map((c) => c.header.length));
  const headerRows = depth + (table.maxRow ? 1 : 0);
  const sheet = workbook.addWorksheet(name, {
    views: table.keyValue ? [] : [{ state: 'frozen', xSplit: table.freezeColumns ?? 0, ySplit: titleRows + headerRows }],
    // Printed on A4, as wide as the page (landscape for wide tables), as many pages down as it takes.
    pageSetup: {
      paperSize: 9,
      orientation: table.columns.length > 6 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  const widths = table.columns.map((_, c) => widthOf(table, c));
  // Display points to the column's decimals (the framework's precision: 16,753 stays 16,753 in Excel).
  const numFmt = (column: OutColumn) =>
    column.format === 'points' && column.decimals !== undefined
      ? column.decimals > 0
        ? `#,##0.${'0'.repeat(column.decimals)}`
        : '#,##0'
      : NUMBER_FORMATS[column.format];
  sheet.columns = table.columns.map((column, c) => ({ width: widths[c], style: numFmt(column) ? { numFmt: numFmt(column) } : {} }));
  const lastColumn = columnLetter(Math.max(0, table.columns.length - 1));
  let rowNumber = 0;
  for (const line of table.title ?? []) {
    rowNumber++;
    const row = sheet.addRow([line]);
    row.font = { bold: rowNumber === 1, size: rowNumber === 1 ? 13 : 11 };
    if (table.columns.length > 1) sheet.mergeCells(`A${rowNumber}:${lastColumn}${rowNumber}`);
    row.commit();
  }
  const top = rowNumber + 1;
  for (let level = 0; level < depth; level++) {
    rowNumber++;
    const row = sheet.addRow(table.columns.map((column) => column.header[level] ?? null));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN;
    });
  }
  // Merges: a label over equal neighbours (same path above), and a short path down to the last header row.
  // Rows are made tall enough for their wrapped labels: a streamed sheet is not measured by Excel or LibreOffice.
  const lines = Array.from({ length: depth }, () => 1);
  for (let level = 0; level < depth; level++) {
    let c = 0;
    while (c < table.columns.length) {
      const path = table.columns[c]!.header;
      const label = path[level];
      let end = c;
      if (label !== undefined && level < path.length - 1) {
        while (
          end + 1 < table.columns.length &&
          table.columns[end + 1]!.header.slice(0, level + 1).join('\u0000') === path.slice(0, level + 1).join('\u0000') &&
          table.columns[end + 1]!.header.length > level + 1
        )
          end++;
      }
      const down = label !== undefined && level === path.length - 1 ? depth - 1 : level;
      if (end > c || down > level) sheet.mergeCells(top + level, c + 1, top + down, end + 1);
      if (label !== undefined) {
        const span = widths.slice(c, end + 1).reduce((a, b) => a + b, 0);
        lines[level] = Math.max(lines[level]!, linesOf(label, span, true) / (down - level + 1));
      }
      c = end + 1;
    }
  }
  lines.forEach((n, level) => (sheet.getRow(top + level).height = LINE_HEIGHT * Math.ceil(n) + 2));
  // Merged cells must be declared before their rows are committed.
  if (depth) sheet.getRow(rowNumber).commit();
  if (table.maxRow) {
    rowNumber++;
    const row = sheet.addRow(table.maxRow.values.map((v, c) => (c === 0 ? table.maxRow!.label : v)));
    row.font = { italic: true };
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = THIN;
    });
    row.commit();
  }
  const firstData = rowNumber + 1;
  for (const values of table.rows) {
    rowNumber++;
    const row = sheet.addRow(values.map((v) => excelValue(v, locale)));
    const tallest = Math.max(1, ...values.map((v, c) => (typeof v === 'string' ? linesOf(v, widths[c]!) : 1)));
    if (tallest > 1) row.height = LINE_HEIGHT * Math.min(tallest, 30) + 2;
    if (table.keyValue) {
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    } else
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = THIN;
        cell.alignment = { vertical: 'top', wrapText: true };
      });
    row.commit();
  }
  // A table without rows is a template to fill: its checks cover the rows a person will type.
  const lastData = table.rows.length ? Math.max(firstData, rowNumber) : firstData + 199;
  table.columns.forEach((column, c) => {
    const v = column.validation;
    if (!v) return;
    const range = `${columnLetter(c)}${firstData}:${columnLetter(c)}${lastData}`;
    // The streaming writer has the checks; its type declaration omits them.
    const checks = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
    const message = {
      showErrorMessage: true,
      errorStyle: v.type === 'decimal' && v.warnOnly ? 'warning' : 'stop',
      errorTitle: locale === 'vi' ? 'Giá trị không hợp lệ' : 'Invalid value',
      error: v.message[locale],
      allowBlank: true,
    };
    if (v.type === 'list') checks.add(range, { type: 'list', formulae: [`"${v.values.join(',')}"`], ...message } as ExcelJS.DataValidation);
    else
      checks.add(range, {
        type: v.type,
        operator: v.max === undefined ? 'greaterThanOrEqual' : 'between',
        formulae: v.max === undefined ? [v.min] : [v.min, v.max],
        ...message,
      } as ExcelJS.DataValidation);
  });
  for (const line of table.footer ?? []) {
    rowNumber++;
    const row = sheet.addRow([line]);
    row.font = { italic: true };
    row.commit();
  }
  sheet.commit();
}

/** The tables as the bytes of one .xlsx workbook, one sheet each. */
export async function writeXlsx(tables: OutTable[], options: { locale?: Locale } = {}): Promise<Uint8Array> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = 'parindex';
  const taken = new Set<string>();
  for (const table of tables) {
    const name = sheetName(table.name, taken);
    taken.add(name.toLowerCase());
    writeTable(workbook, table, options.locale ?? 'vi', name);
  }
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
