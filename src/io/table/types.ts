/**
 * The tabular model every importer reads and every exporter writes, whatever the file
 * format: a workbook of named sheets, each a grid of cell values. The xlsx and csv
 * adapters convert bytes to and from it; nothing else knows about file formats.
 */
import type { Message } from '../../core/index.ts';

/** A cell the reader could not turn into a value (an Excel error, a formula without a stored result). */
export interface CellProblem {
  problem: Message;
  /** What the cell holds, for the message: "#DIV/0!", "=SUM(C5:J5)". */
  raw: string;
}

export type CellValue = string | number | boolean | Date | null | CellProblem;

export interface Sheet {
  name: string;
  /** rows[r][c]: row r + 1, column c + 1 as Excel numbers them. Rows may be ragged. */
  rows: CellValue[][];
}

export interface Workbook {
  format: 'xlsx' | 'csv';
  /** File name, for messages. */
  file?: string;
  sheets: Sheet[];
  /** Things the reader did that a person should know (formulas read from their stored values). */
  notices: Message[];
}

export function isProblem(value: CellValue): value is CellProblem {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}
