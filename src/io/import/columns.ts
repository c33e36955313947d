/**
 * A table whose columns are known terms (indicators, deadlines, deductions, a framework's
 * nodes): finds the header, maps each column to its term, and reports missing and repeated
 * columns before any row is read.
 */
import { ParError, issue, type Issue } from '../../core/index.ts';
import { cellIssue, headerKey, type CellAt } from '../table/cells.ts';
import { findHeader, type HeaderBlock, type HeaderColumn } from '../table/header.ts';
import type { CellValue, Sheet } from '../table/types.ts';
import { matchTerm, type Term } from '../table/vocabulary.ts';

export interface KeyedTable<K extends string> {
  sheet: Sheet;
  header: HeaderBlock;
  columns: Map<K, HeaderColumn>;
  /** Columns the table has that no term names (shown in the preview, never an error). */
  ignored: string[];
}

export interface TableRow<K extends string> {
  /** 1-based row number. */
  row: number;
  cells: CellValue[];
  /** The cell of a column and where it is, for reading and for messages. */
  at(key: K): CellAt;
  value(key: K): CellValue;
  has(key: K): boolean;
}

export function readKeyedTable<K extends string>(
  sheet: Sheet,
  terms: readonly Term<K>[],
  options: { anchors: readonly K[]; required: readonly (K | K[])[]; file?: string },
): KeyedTable<K> {
  const header = findHeader(sheet, (key) =>
    options.anchors.some(
      (a) =>
        matchTerm(
          terms.filter((t) => t.key === a),
          key,
        )?.key === a,
    ),
  );
  const labels = (keys: readonly K[]) => keys.map((k) => `«${terms.find((t) => t.key === k)!.label}»`).join(' / ');
  if (!header) {
    throw new ParError(
      issue(
        'import.headerMissing',
        {
          vi: `trang «${sheet.name}» không có dòng tiêu đề với cột ${labels(options.anchors)} trong 30 dòng đầu`,
          en: `sheet "${sheet.name}" has no header row with a ${labels(options.anchors)} column in its first 30 rows`,
        },
        { file: options.file, field: sheet.name },
      ),
    );
  }
  const issues: Issue[] = [];
  const columns = new Map<K, HeaderColumn>();
  const ignored: string[] = [];
  for (const column of header.columns) {
    const term = matchTerm(terms, column.path[column.path.length - 1]!) ?? matchTerm(terms, column.path.join(' '));
    if (!term) {
      ignored.push(column.label);
      continue;
    }
    const first = columns.get(term.key);
    if (first) {
      issues.push(
        cellIssue(
          'import.duplicateColumn',
          {
            vi: `cột «${term.label}» có hai lần (đã có ở cột ${first.index + 1})`,
            en: `column "${term.label}" appears twice (also column ${first.index + 1})`,
          },
          { sheet: sheet.name, row: header.top + 1, column: column.index, header: column.label },
          { file: options.file },
        ),
      );
      continue;
    }
    columns.set(term.key, column);
  }
  for (const need of options.required) {
    const alternatives = Array.isArray(need) ? need : [need];
    if (!alternatives.some((k) => columns.has(k))) {
      issues.push(
        issue(
          'import.columnMissing',
          { vi: `trang «${sheet.name}» thiếu cột ${labels(alternatives)}`, en: `sheet "${sheet.name}" lacks the column ${labels(alternatives)}` },
          { file: options.file, field: sheet.name },
        ),
      );
    }
  }
  if (issues.length) throw new ParError(issues);
  return { sheet, header, columns, ignored };
}

/** The data rows under the header, skipping empty ones. */
export function* rowsOf<K extends string>(table: KeyedTable<K>): Generator<TableRow<K>> {
  const { sheet, header, columns } = table;
  for (let r = header.dataStart; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
    const value = (key: K) => {
      const column = columns.get(key);
      return column ? (cells[column.index] ?? null) : null;
    };
    yield {
      row: r + 1,
      cells,
      value,
      has: (key) => columns.has(key),
      at: (key) => {
        const column = columns.get(key);
        return { sheet: sheet.name, row: r + 1, column: column?.index ?? 0, header: column?.label, value: value(key) };
      },
    };
  }
}

export function isSummaryLabel(text: string, summaryRows: readonly string[]): boolean {
  return summaryRows.includes(headerKey(text));
}
