/** The server engine: a PostgreSQL server reached with `pg`, for a province's installation. */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DATE, INT8, type Database, type Queryable } from './database.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  connectionString: string;
  /** A schema to work in (tests use one each); created if missing. */
  schema?: string;
  /** Connections kept (default 10): transactions at once beyond it wait for one. */
  max?: number;
  /**
   * Open the `max` connections now and keep them (the server): a burst of writers then finds
   * them ready. Opening one costs a new PostgreSQL process, its authentication and its cold
   * caches — 30 ms on an idle machine, 0.5–0.8 s under load, paid by the writer that needed it.
   * Without it (commands, tests) connections are opened on demand and closed after 10 s idle.
   */
  warm?: boolean;
  /**
   * Prepared statements (default on): each statement text gets a name, and `pg` prepares it once
   * per connection, so PostgreSQL parses and plans it once instead of at every call (a score
   * write runs about ten; issue 16). Off for a pooler that hands one client's statements to
   * several server connections (PgBouncer in transaction mode).
   */
  prepare?: boolean;
}

/** Most statement texts named; beyond them (texts built from input) statements run unnamed. */
const NAMED_TEXTS = 2000;

/**
 * The name of a statement text: the same text gets the same name on every connection (`pg` keeps,
 * per connection, the names it prepared). At most NAMED_TEXTS texts are named, so that a
 * connection never holds more prepared statements than that.
 */
function statementNames(): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    let name = names.get(sql);
    if (name === undefined && names.size < NAMED_TEXTS) names.set(sql, (name = `parindex_${createHash('sha1').update(sql).digest('base64url')}`));
    return name;
  };
}

export async function openPostgres({ connectionString, schema, max = 10, warm = false, prepare = true }: PostgresOptions): Promise<Database> {
  // Written once the pool exists: what runs after a commit gets the database itself.
  let database: Database;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      // A least-privilege role may not create schemas, even "if not exists": look first.
      const { rows } = await setup.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (!rows.length) await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({ connectionString, max, types, ...(warm && { min: max }), ...(schema && { options: `-c search_path=${schema}` }) });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  if (warm) {
    const clients = await Promise.all(Array.from({ length: max }, () => pool.connect()));
    for (const client of clients) client.release();
  }
  const named = statementNames();
  const queryable = (q: Pick<pg.Pool, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      // Without parameters: the simple protocol, which takes several statements in one text.
      const name = prepare && params.length > 0 ? named(sql) : undefined;
      return (await (name ? q.query({ name, text: sql, values: params }) : q.query(sql, params))).rows as Row[];
    },
    async script(sql: string) {
      await q.query(sql);
    },
  });
  database = {
    engine: 'postgres',
    ...queryable(pool),
    async transaction(work, options) {
      const client = await pool.connect();
      const after = new Set<(db: Database) => Promise<void>>();
      let result: Awaited<ReturnType<typeof work>>;
      try {
        // One message either way: SET LOCAL ends with the transaction.
        await client.query(options?.plans === 'generic' ? 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan' : 'BEGIN');
        result = await work({ ...queryable(client), afterCommit: (fn) => after.add(fn) });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
      // Committed: what follows (sealing the audit queue) cannot undo it, and is awaited so
      // that the writer's next read sees it.
      for (const fn of after) await fn(database);
      return result;
    },
    close: () => pool.end(),
  };
  return database;
}
