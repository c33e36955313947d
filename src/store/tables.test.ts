/**
 * The row types agree with the migrations: the typed table map the store's row types are derived
 * from (tables.ts) is compared, column by column, with `information_schema.columns` after every
 * migration has run — names, types and nullability — on each engine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TABLES } from './tables.ts';
import { testEngines } from './testing.ts';

/** information_schema's data_type → the map's type names. */
const SQL_NAMES: Record<string, string> = {
  text: 'text',
  bigint: 'bigint',
  integer: 'integer',
  boolean: 'boolean',
  'timestamp with time zone': 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  numeric: 'numeric',
};

for (const engine of testEngines()) {
  describe(`row types against the migrations on ${engine.name}`, () => {
    test('every column of the table map is the migrated column, with its type and nullability, and none is missing', async () => {
      const db = await engine.open();
      try {
        const rows = await db.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
          'SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1) ORDER BY table_name, ordinal_position',
          [Object.keys(TABLES)],
        );
        for (const [table, columns] of Object.entries(TABLES)) {
          const migrated = Object.fromEntries(
            rows
              .filter((r) => r.table_name === table)
              .map((r) => [r.column_name, `${SQL_NAMES[r.data_type] ?? r.data_type}${r.is_nullable === 'YES' ? '?' : ''}`]),
          );
          assert.deepEqual(
            Object.fromEntries(Object.entries(columns).sort(([a], [b]) => a.localeCompare(b))),
            Object.fromEntries(Object.entries(migrated).sort(([a], [b]) => a.localeCompare(b))),
            `${table}: store/tables.ts differs from the migrations`,
          );
        }
      } finally {
        await db.close();
      }
    });

    test('every table the migrations create is in the table map', async () => {
      const db = await engine.open();
      try {
        const rows = await db.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        const missing = rows.map((r) => r.table_name).filter((name) => !(name in TABLES));
        assert.deepEqual(missing, [], `tables missing from store/tables.ts (add their columns there): ${missing.join(', ')}`);
      } finally {
        await db.close();
      }
    });
  });
}
