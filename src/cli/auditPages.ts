/**
 * The audit trail exported by `parindex audit export` a page at a time: CSV and JSON are written
 * as they are read, never holding a province's trail (hundreds of thousands of entries) whole.
 * The JSON reads as `JSON.stringify(entries, null, 2)` would write it.
 */
import type { Locale } from '../core/index.ts';
import { auditCsvHead, auditCsvPage } from '../io/index.ts';
import { auditPage, type Queryable } from '../store/index.ts';
import type { AuditEntry } from '../workflow/audit.ts';

/** Entries per page of an export. */
export const AUDIT_PAGE = 1000;

/** The trail (or the entries whose subject starts with `prefix`) a page at a time, oldest first; `last` on the final page. */
async function* pages(db: Queryable, prefix: string, size: number): AsyncGenerator<{ entries: AuditEntry[]; last: boolean }> {
  let page = await auditPage(db, 0, size, prefix);
  while (page.length) {
    const next = page.length < size ? [] : await auditPage(db, page.at(-1)!.sequence, size, prefix);
    yield { entries: page, last: next.length === 0 };
    page = next;
  }
}

export async function* auditCsvPieces(db: Queryable, prefix: string, locale: Locale, size = AUDIT_PAGE): AsyncGenerator<Uint8Array> {
  yield auditCsvHead({ locale });
  for await (const { entries } of pages(db, prefix, size)) yield auditCsvPage(entries, { locale });
}

/** A page of the JSON array's items, as `JSON.stringify(all, null, 2)` writes them (a comma after all but the last). */
const jsonItems = (entries: AuditEntry[], last: boolean) => entries.map((e) => JSON.stringify(e, null, 2).replace(/^/gm, '  ')).join(',\n') + (last ? '' : ',');

/** The same text as `JSON.stringify(entries, null, 2)`, a page at a time. */
export async function* auditJsonPieces(db: Queryable, prefix: string, size = AUDIT_PAGE): AsyncGenerator<string> {
  let first = true;
  for await (const { entries, last } of pages(db, prefix, size)) {
    yield `${first ? '[\n' : '\n'}${jsonItems(entries, last)}`;
    first = false;
  }
  yield first ? '[]' : '\n]';
}

/** The same, as lines for the terminal. */
export async function* auditJsonLines(db: Queryable, prefix: string, size = AUDIT_PAGE): AsyncGenerator<string> {
  let first = true;
  for await (const { entries, last } of pages(db, prefix, size)) {
    if (first) yield '[';
    first = false;
    yield jsonItems(entries, last);
  }
  yield first ? '[]' : ']';
}
