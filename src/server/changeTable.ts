/**
 * A change list as a table to download (xlsx or CSV), in the reader's language (what changed in
 * the core's words, changeWords.ts; the values as stored): made where the
 * list is (the worker that holds a preview's list, or the main thread for a small one).
 */
import { CHANGE_KINDS, changeItemWord, changePartWords, type Change } from '../core/index.ts';
import type { OutTable } from '../io/index.ts';

/** Excel holds 1,048,576 rows a sheet: a longer list is cut there (its CSV is whole). */
export const XLSX_ROWS = 1_000_000;

export function changeTable(changes: readonly Change[], nameOf: (unitId: string) => string | undefined, locale: 'vi' | 'en', format: 'xlsx' | 'csv'): OutTable {
  const en = locale === 'en';
  const text = (header: string) => ({ header: [header], format: 'text' as const });
  return {
    name: en ? 'Changes' : 'Thay đổi',
    columns: [
      text(en ? 'Unit id' : 'Mã đơn vị'),
      text(en ? 'Unit' : 'Đơn vị'),
      text(en ? 'Criterion' : 'Tiêu chí'),
      text(en ? 'Item' : 'Nội dung'),
      text(en ? 'Part' : 'Phần'),
      text(en ? 'Change' : 'Thay đổi'),
      text(en ? 'Before' : 'Trước'),
      text(en ? 'After' : 'Sau'),
    ],
    rows: (format === 'xlsx' ? changes.slice(0, XLSX_ROWS) : changes).map((c) => [
      c.unitId ?? null,
      (c.unitId && nameOf(c.unitId)) ?? null,
      c.code ?? null,
      changeItemWord(c.item, locale),
      c.part ? changePartWords(c.part, locale, c.item) : null,
      CHANGE_KINDS[c.change][locale],
      c.before ?? null,
      c.after ?? null,
    ]),
    freezeColumns: 2,
  };
}
