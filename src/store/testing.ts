/**
 * The engines the storage and HTTP suites run against: the embedded one always, and the
 * PostgreSQL server named by PARINDEX_TEST_DATABASE_URL (required when PARINDEX_REQUIRE_POSTGRES=1,
 * as `.ci/run` sets it). Each opened database is a fresh schema, dropped on close.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import { openDatabase } from './open.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

export function testEngines(): TestEngine[] {
  const url = process.env.PARINDEX_TEST_DATABASE_URL;
  if (!url && process.env.PARINDEX_REQUIRE_POSTGRES === '1') throw new Error('PARINDEX_REQUIRE_POSTGRES=1 but PARINDEX_TEST_DATABASE_URL is not set');
  const engines: TestEngine[] = [{ name: 'pglite', open: () => openDatabase({}) }];
  if (url) {
    engines.push({
      name: 'postgres',
      async open() {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const db = await openDatabase({ url, schema });
        const close = db.close.bind(db);
        return Object.assign(db, {
          async close() {
            await close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`DROP SCHEMA ${schema} CASCADE`);
            await client.end();
          },
        });
      },
    });
  }
  return engines;
}
