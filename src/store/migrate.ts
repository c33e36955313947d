/**
 * Versioned migrations: `migrations/NNN-name.sql`, applied in order, each in its own
 * transaction, recorded in `schema_migrations`. Run at server start and by `parindex migrate`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Database } from './database.ts';
import { takeLock } from './locks.ts';

const folder = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(folder)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.slice(4, -4), sql: readFileSync(new URL(f, folder), 'utf8') }));
}

/** Applies the migrations not yet applied; returns their versions. Safe to run concurrently. */
export async function migrate(db: Pick<Database, 'query' | 'transaction'>): Promise<number[]> {
  // Checked first: the server's least-privilege role may not create tables, even "if not exists".
  const [table] = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!table?.exists)
    await db.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  const applied: number[] = [];
  for (const migration of migrations()) {
    const done = await db.transaction(async (tx) => {
      // One server may be started twice at once: the lock makes the second wait, then skip.
      await tx.query(...takeLock('migrate'));
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length) return false;
      await tx.script(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

export async function schemaVersion(db: Database): Promise<number> {
  const rows = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? 0;
}

/** The migrations this build knows and those the database has applied: what `/api/health` reports. */
export async function migrationStatus(db: Database): Promise<{ applied: number[]; known: number; pending: number[] }> {
  known ??= migrations().map((m) => m.version);
  const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  const applied = rows.map((r) => Number(r.version));
  return { applied, known: known.length, pending: known.filter((v) => !applied.includes(v)) };
}
let known: number[] | undefined;
