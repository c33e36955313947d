/**
 * Finding the header of a table as provinces lay them out: title lines above it, a header of
 * one to five rows with merged cells (a group label over several columns, a label merged down
 * over rows), a row numbering the columns "(1) (2) (3)", a row of maximum points, then data.
 * Merged cells arrive empty except for their first cell (CSV exports and streaming readers
 * keep no merge information), so a group label is carried right over the columns that have a
 * label below it.
 */
import { readDecimalText } from '../../core/decimal.ts';
import { headerKey } from './cells.ts';
import { isProblem, type CellValue, type Sheet } from './types.ts';

export interface HeaderColumn {
  index: number;
  /** Labels from the top header row down, carried over merged cells, repeated labels once. */
  path: string[];
  /** The path as one text, for messages. */
  label: string;
}

export interface HeaderBlock {
  /** 0-based index of the first header row. */
  top: number;
  /** 0-based index of the first data row. */
  dataStart: number;
  /** Column index of the cell that identified the header. */
  anchor: number;
  columns: HeaderColumn[];
  /** The row of maximum points, when the header has one, and its 0-based index. */
  maxRow?: { index: number; cells: CellValue[] };
}

/** Segments a CSV writer joined into one header cell. */
export const PATH_SEPARATOR = ' | ';

const SCAN_ROWS = 30;
const MAX_HEADER_ROWS = 6;

function text(value: CellValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.normalize('NFC').replace(/\s+/g, ' ').trim() || undefined;
  if (isProblem(value)) return value.raw;
  return undefined;
}

function isEmpty(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** "(1) (2) (3)" or "1 2 3 4" across the row: the columns' numbers, not a header and not data. */
function isNumberingRow(row: CellValue[], anchor: number): boolean {
  // Numbering covers every column, the anchor's too; a row of codes under a group label leaves it empty.
  if (isEmpty(row[anchor])) return false;
  const numbers: number[] = [];
  for (const cell of row) {
    if (isEmpty(cell)) continue;
    const match = typeof cell === 'number' ? [String(cell), String(cell)] : typeof cell === 'string' ? /^\(?(\d+)\)?$/.exec(cell.trim()) : null;
    if (!match) return false;
    numbers.push(Number(match[1]));
  }
  return numbers.length >= 3 && numbers.every((n, i) => i === 0 || n > numbers[i - 1]!);
}

/** A label "Điểm tối đa" and numbers: the maxima of the columns. */
function isMaxRow(row: CellValue[]): boolean {
  const labels = row.filter((cell) => text(cell) !== undefined && !/^[\d\s.,]+$/.test(text(cell)!));
  return labels.length === 1 && /\b(toi da|max)\b/.test(headerKey(text(labels[0])!));
}

/**
 * @param isAnchor recognises the header cell that must be there (the unit column, the code column).
 */
export function findHeader(sheet: Sheet, isAnchor: (key: string) => boolean, options: { maxRow?: boolean } = {}): HeaderBlock | undefined {
  let top = -1;
  let anchor = -1;
  for (let r = 0; r < Math.min(SCAN_ROWS, sheet.rows.length) && top < 0; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const t = text(row[c]);
      if (t !== undefined && isAnchor(headerKey(t))) {
        top = r;
        anchor = c;
        break;
      }
    }
  }
  if (top < 0) return undefined;
  const labelRows: CellValue[][] = [sheet.rows[top] ?? []];
  let maxRow: HeaderBlock['maxRow'];
  let r = top + 1;
  for (; r < Math.min(sheet.rows.length, top + MAX_HEADER_ROWS); r++) {
    const row = sheet.rows[r] ?? [];
    if (isNumberingRow(row, anchor)) continue;
    if (options.maxRow && isMaxRow(row)) {
      maxRow = { index: r, cells: row };
      continue;
    }
    // A header continuation leaves the anchor cell empty (merged down) and holds labels only.
    // A decimal ("23,5") is a figure, never a label: such a row is data even with its anchor cell left empty.
    const decimal = (cell: CellValue) =>
      (typeof cell === 'number' && !Number.isInteger(cell)) ||
      (typeof cell === 'string' && !!readDecimalText(cell.trim().replace(/\s*%$/, ''), { mark: 'either' })?.fraction);
    const labelsOnly =
      row.some((cell) => !isEmpty(cell)) &&
      !row.some(decimal) &&
      row.every((cell) => isEmpty(cell) || text(cell) !== undefined || (typeof cell === 'number' && Number.isInteger(cell)));
    if (isEmpty(row[anchor]) && labelsOnly) labelRows.push(row);
    else break;
  }
  const width = Math.max(...labelRows.map((row) => row.length));
  const labels = labelRows.map((row) =>
    Array.from({ length: width }, (_, c) => {
      const cell = row[c];
      return typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : text(cell);
    }),
  );
  // Carry a group label right over the columns that have a label below it.
  for (let i = 0; i < labels.length - 1; i++) {
    const row = labels[i]!;
    for (let c = 1; c < width; c++) {
      const below = labels.slice(i + 1).some((lower) => lower[c] !== undefined);
      const leftHasBelow = labels.slice(i + 1).some((lower) => lower[c - 1] !== undefined);
      if (row[c] === undefined && row[c - 1] !== undefined && below && leftHasBelow) row[c] = row[c - 1];
    }
  }
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (const row of labels) {
      for (const segment of (row[c] ?? '').split(PATH_SEPARATOR)) {
        const s = segment.trim();
        if (s && path[path.length - 1] !== s) path.push(s);
      }
    }
    if (path.length) columns.push({ index: c, path, label: path.join(' › ') });
  }
  return { top, dataStart: r, anchor, columns, maxRow };
}
