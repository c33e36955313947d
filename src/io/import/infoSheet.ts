/** The "Thông tin" sheet: one field per row, its name in the first column and its value after it. */
import type { CellAt } from '../table/cells.ts';
import type { CellValue, Sheet } from '../table/types.ts';
import { readText } from '../table/values.ts';
import { matchTerm, type Term } from '../table/vocabulary.ts';

export interface InfoEntry {
  value: CellValue;
  at: CellAt;
}

/** Fields by key; a field may repeat (one note per row). Rows whose first cell names no field are skipped. */
export function readInfoSheet<K extends string>(sheet: Sheet, terms: readonly Term<K>[]): Map<K, InfoEntry[]> {
  const fields = new Map<K, InfoEntry[]>();
  sheet.rows.forEach((cells, r) => {
    const first = cells.findIndex((c) => c !== null && !(typeof c === 'string' && c.trim() === ''));
    if (first < 0 || typeof cells[first] !== 'string') return;
    const term = matchTerm(terms, cells[first] as string);
    if (!term) return;
    const index = cells.findIndex((c, i) => i > first && c !== null && !(typeof c === 'string' && c.trim() === ''));
    if (index < 0) return;
    const entry = { value: cells[index]!, at: { sheet: sheet.name, row: r + 1, column: index, header: term.label, value: cells[index]! } };
    fields.set(term.key, [...(fields.get(term.key) ?? []), entry]);
  });
  return fields;
}

export function infoText<K extends string>(fields: Map<K, InfoEntry[]>, key: K): string | undefined {
  const entry = fields.get(key)?.[0];
  return entry && typeof entry.value !== 'object' ? readText(entry.value) : entry && entry.value instanceof Date ? readText(entry.value) : undefined;
}
