/**
 * PGlite (or one of its transactions) seen as the store's `Queryable`: rows, scripts and COPY
 * from memory. Shared by the engine in this thread (pglite.ts) and the migrated template
 * (pgliteTemplate.ts), which pglite.ts itself imports.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Queryable } from './database.ts';
import { changingTables, preparedQuery } from './pglitePrepared.ts';

/** The COPY statement of copyFrom (its rows given to PGlite as a blob). */
export const copySql = (table: string, columns: readonly string[]): string => `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;

/** `db`, or its transaction `tx` in progress, as a `Queryable` (data statements kept prepared: pglitePrepared.ts). */
export function pgliteQueryable(db: PGlite, tx?: Transaction): Queryable {
  const q = tx ?? db;
  return {
    query: <Row>(sql: string, params: unknown[] = []) => preparedQuery<Row>(db, sql, params, tx),
    async script(sql: string) {
      await changingTables(db, () => q.exec(sql));
    },
    // Table and column names come from the code (save.ts), never from input.
    async copyFrom(table: string, columns: readonly string[], text: string) {
      await q.query(copySql(table, columns), [], { blob: new Blob([text]) });
    },
  };
}

/** `transaction` over PGlite's own: the work sees the transaction as a `Queryable`. */
export function pgliteTransaction(db: PGlite): <T>(work: (tx: Queryable) => Promise<T>) => Promise<T> {
  return (work) => db.transaction((tx) => work(pgliteQueryable(db, tx)));
}
