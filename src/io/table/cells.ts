/**
 * Where a value came from (sheet, row, column and its header) and issues that say so:
 * `Kết quả!D12: điểm 14 vượt điểm tối đa 13,5 … (cột D «1. Công tác chỉ đạo…», giá trị «14»)`.
 */
import { ParError, foldDiacritics, type CellPlace, type ErrorCode, type Issue, type Message } from '../../core/index.ts';
import { isProblem, type CellValue } from './types.ts';

export interface CellAt {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  /** 0-based. */
  column: number;
  /** The column's header as the file writes it (joined rows of a multi-row header). */
  header?: string;
  value?: CellValue;
}

export function columnLetter(column: number): string {
  let n = column + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function cellName(at: Pick<CellAt, 'row' | 'column'>): string {
  return `${columnLetter(at.column)}${at.row}`;
}

export function cellField(at: CellAt): string {
  return `${at.sheet}!${cellName(at)}`;
}

/** A text cut to `max` characters for a message, the cut marked with «…». */
const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A cell as a person would read it, for messages. */
export function shownValue(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (isProblem(value)) return value.raw;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().slice(0, 10);
  return shortened(String(value), 80);
}

/**
 * An issue placed at a cell: its field `Sheet!F7`, the place and the value appended to its
 * message in both languages, and the same place as data (`cell`) for a screen's table.
 */
export function placedAt(found: Issue, at: CellAt): Issue {
  const header = at.header ? shortened(at.header.replace(/\s+/g, ' '), 60) : undefined;
  const value = at.value === undefined ? undefined : shownValue(at.value);
  const vi = [`ô ${cellName(at)}`, header && `cột «${header}»`, value !== undefined && `giá trị «${value}»`].filter(Boolean).join(', ');
  const en = [`cell ${cellName(at)}`, header && `column "${header}"`, value !== undefined && `value "${value}"`].filter(Boolean).join(', ');
  const cell: CellPlace = {
    sheet: at.sheet,
    row: at.row,
    column: columnLetter(at.column),
    ...(header && { header }),
    ...(value !== undefined && { value }),
    reason: found.message,
  };
  return { ...found, field: cellField(at), cell, message: { vi: `${found.message.vi} (${vi})`, en: `${found.message.en} (${en})` } };
}

export function cellIssue(code: ErrorCode, message: Message, at: CellAt, extra: Omit<Issue, 'code' | 'message' | 'field'> = {}): Issue {
  return placedAt({ code, message, ...extra }, at);
}

/** Runs a cell reader; its ParError issues get the cell's place instead of a document path. */
export function atCell<T>(at: CellAt, issues: Issue[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    for (const i of error.issues) issues.push(cellIssue(i.code, i.message, at, { node: i.node }));
    return undefined;
  }
}

/** Lower case, no diacritics, words separated by single spaces ("Điểm tối đa (điểm)" → "diem toi da diem"). */
export function headerKey(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/%/g, ' phan tram ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when the key is the phrase or starts with it as whole words. */
export function startsWithPhrase(key: string, phrase: string): boolean {
  return key === phrase || key.startsWith(`${phrase} `);
}

/** True when the phrase occurs in the key as whole words. */
export function hasPhrase(key: string, phrase: string): boolean {
  return ` ${key} `.includes(` ${phrase} `);
}
