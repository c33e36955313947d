/** The embedded engine: PostgreSQL compiled to WebAssembly (PGlite), in a local folder or in memory. */
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { DATE, INT8, type Database, type Queryable } from './database.ts';
import { lockFolder } from './folderLock.ts';

const parsers = { [INT8]: (value: string) => BigInt(value), [DATE]: (value: string) => value };

/**
 * Opens (creating if needed) the embedded database in `folder`, or in memory when it is
 * undefined. A folder is opened by one process at a time (see folderLock.ts).
 */
export async function openPglite(folder?: string): Promise<Database> {
  if (folder) mkdirSync(folder, { recursive: true });
  const lock = folder ? lockFolder(folder) : undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(folder ?? 'memory://', { parsers });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await q.query<Row>(sql, params)).rows;
    },
    async script(sql: string) {
      await q.exec(sql);
    },
    // Table and column names come from the code (save.ts), never from input.
    async copyFrom(table: string, columns: readonly string[], text: string) {
      await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    },
  });
  return {
    engine: 'pglite',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
