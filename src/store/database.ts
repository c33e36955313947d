/**
 * The storage contract both engines fulfil: parameterised SQL in PostgreSQL's dialect, and
 * transactions. Repositories are written once against it (see docs/architecture.md).
 */
export type Engine = 'pglite' | 'postgres';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs several statements without parameters (migrations). */
  script(sql: string): Promise<void>;
  /**
   * Bulk load: `COPY table (columns) FROM` rows in PostgreSQL's text format (tab-separated,
   * `\N` for null, see `copyText` in save.ts). The embedded engine reads them from memory; an
   * engine without it (`pg` has no COPY without another package) leaves it out and callers
   * insert through `unnest`.
   */
  copyFrom?(table: string, columns: readonly string[], text: string): Promise<void>;
  /**
   * Inside a transaction of an engine that runs transactions side by side (PostgreSQL): `work`
   * runs once after the commit, with the database, its connection given back first (the same
   * function registered twice runs once). Absent where transactions run one at a time (the
   * embedded engine): callers then do that work inside the transaction. See auditQueue.ts.
   */
  afterCommit?(work: (db: Database) => Promise<void>): void;
}

/** How a transaction's statements are planned. */
export interface TransactionOptions {
  /**
   * 'generic': the work's statements look rows up by their keys, so their plans do not depend on
   * the values. PostgreSQL then plans each prepared statement once per connection instead of
   * planning it anew at each of its first five runs there (its default); a pool of 25
   * connections that each run a score write a few times never got past those five (issue 16.1:
   * PostgreSQL's CPU a write at once 4–5 ms → 2.5–3.3 ms). Ignored by the embedded engine (one
   * connection, where every statement soon runs more than five times). Not for work whose
   * statements filter by ranges or patterns (`sequence > $1`, `LIKE $1`): their best plan depends
   * on the value.
   */
  plans?: 'generic';
}

/** Store operations that can run in the engine's own thread (engineCalls.ts), by name. */
export type EngineCall = 'writeScore';

export interface Database extends Queryable {
  readonly engine: Engine;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs a store operation where the engine runs: the embedded engine in its worker thread
   * (pgliteThread.ts) runs it there, so that its statements cross no thread (a score write's six
   * statements cost twice the CPU when each crossed, issue 16.1). `args` are the operation's
   * after the database; they and its value cross by structured clone. Absent where the engine
   * runs in this thread or is a server, and on a joined transaction (its work stays in it).
   */
  inEngine?<T>(call: EngineCall, args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Type OIDs read the same way on both engines: int8 as bigint, dates as 'YYYY-MM-DD' text. */
export const INT8 = 20;
export const DATE = 1082;

/**
 * A transaction seen as a database, so that operations which open their own transaction run
 * together in one (all or nothing): their `transaction` joins the one already open.
 */
export function joined(tx: Queryable, engine: Engine): Database {
  return {
    engine,
    query: (sql, params) => tx.query(sql, params),
    script: (sql) => tx.script(sql),
    ...(tx.copyFrom && { copyFrom: tx.copyFrom.bind(tx) }),
    ...(tx.afterCommit && { afterCommit: tx.afterCommit.bind(tx) }),
    transaction: (work) => work(tx),
    close: async () => {},
  };
}
