/**
 * The table model exporters fill and the xlsx/csv writers render: columns with a header path
 * (equal labels of neighbouring columns are merged), a display format, an optional input
 * check for templates, and rows of plain values. Figures come from the core; this model
 * only says how to show them.
 */
import type { Fraction } from '../../core/index.ts';

/** Exact points (shown with up to 6 decimals), display points (the column's `decimals`, else 2), a percentage fraction (×100), an integer, text, a date. */
export type ColumnFormat = 'points' | 'pointsExact' | 'percent' | 'integer' | 'quantity' | 'text' | 'date' | 'boolean';

export type OutValue = string | number | boolean | null | { date: string } | { percent: Fraction };

export type Validation =
  /** warnOnly: Excel warns instead of refusing (a score cell may also read «Không áp dụng: lý do»). */
  | { type: 'decimal'; min: number; max: number; message: { vi: string; en: string }; warnOnly?: boolean }
  | { type: 'whole'; min: number; max?: number; message: { vi: string; en: string } }
  | { type: 'list'; values: string[]; message: { vi: string; en: string } };

export interface OutColumn {
  /** Labels from the top header row down; a shorter path is merged down to the last header row. */
  header: string[];
  format: ColumnFormat;
  /** Decimals a 'points' column is shown with: the framework's precision (2 when not given). */
  decimals?: number;
  width?: number;
  validation?: Validation;
}

export interface OutTable {
  name: string;
  /** Lines above the header (title, framework, decision); not written to CSV. */
  title?: string[];
  columns: OutColumn[];
  /** "Điểm tối đa" row under the header: the label's column and the maxima (templates, results). */
  maxRow?: { label: string; values: (number | null)[] };
  rows: OutValue[][];
  /** Columns to keep visible when scrolling right (STT, unit). */
  freezeColumns?: number;
  /** Lines below the table (illustrative figures, notes on the figures). */
  footer?: string[];
  /** A key/value sheet ("Thông tin"): no header, first column bold. */
  keyValue?: boolean;
}
