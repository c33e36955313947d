/**
 * PGlite's data statements kept as named statements: parsed and planned once, then each run is
 * one bind and execute (issue 16.1). PGlite's own `query` parses and plans every statement anew,
 * with six calls into its WebAssembly (parse, describe, bind, describe, execute, sync): a score
 * write's locking read took 1.5 ms of the embedded engine's one connection, 0.1–0.2 ms once
 * prepared; twenty writers at once wait for each other's statements there.
 *
 * What runs here is what PGlite's `query` runs, through its public protocol API: the same query
 * lock (and, outside a transaction, the transaction lock, so that a statement waits for a
 * transaction in progress), the same parameter serializers by the types PostgreSQL infers, the
 * same result parsers, the same error with its `query` and `params`. Only SELECT, INSERT, UPDATE,
 * DELETE and WITH statements and savepoints are kept; anything else (COPY, DDL, BEGIN) goes to
 * `query` as before. Statements are kept per PGlite instance, the least recently used closed
 * beyond LIMIT (a text built from values does not pile up); a script or a DDL statement forgets
 * them all, since a table changed under a kept statement may change its result's shape (and
 * outside a transaction a statement PostgreSQL refuses for that is prepared afresh and run again).
 */
import { messages, parse, protocol, type PGlite, type Transaction } from '@electric-sql/pglite';

const { serialize } = protocol;

/** Statements kept at most per database. */
const LIMIT = 200;

const KEPT = /^\s*(select|insert|update|delete|with|savepoint|release|rollback\s+to)\b/i;
const CHANGES_TABLES = /^\s*(create|alter|drop|truncate)\b/i;

interface Statement {
  name: string;
  /** The parameters' type OIDs, as PostgreSQL inferred them (for PGlite's serializers). */
  types: number[];
}

interface Kept {
  statements: Map<string, Statement>;
  /** Names to close with the next message (forgotten or pushed out). */
  closing: string[];
  made: number;
}

const kept = new WeakMap<PGlite, Kept>();

function keptOf(db: PGlite): Kept {
  let state = kept.get(db);
  if (!state) kept.set(db, (state = { statements: new Map(), closing: [], made: 0 }));
  return state;
}

/** Forgets every kept statement of `db` (closed with its next message): tables may have changed. */
export function forgetStatements(db: PGlite): void {
  const state = kept.get(db);
  if (!state) return;
  for (const statement of state.statements.values()) state.closing.push(statement.name);
  state.statements.clear();
}

/**
 * Runs `change` (a script, a DDL statement) with `db`'s kept statements forgotten before and after:
 * a statement another caller runs between the change's end and this side's next step is prepared
 * afresh, never one prepared on the tables as they were.
 */
export async function changingTables<T>(db: PGlite, change: () => Promise<T>): Promise<T> {
  forgetStatements(db);
  try {
    return await change();
  } finally {
    forgetStatements(db);
  }
}

function joined(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += part.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The statement of `sql`, prepared now if it is not kept (the caller holds PGlite's query lock). */
async function statementOf(db: PGlite, state: Kept, sql: string): Promise<Statement> {
  const known = state.statements.get(sql);
  if (known) {
    // Most recently used last: the first is the one to push out.
    state.statements.delete(sql);
    state.statements.set(sql, known);
    return known;
  }
  if (state.statements.size >= LIMIT) {
    const [oldest, statement] = state.statements.entries().next().value!;
    state.statements.delete(oldest);
    state.closing.push(statement.name);
  }
  const name = `parindex_${++state.made}`;
  const closing = state.closing.splice(0).map((old) => serialize.close({ type: 'S', name: old }));
  const { messages: replies } = await db.execProtocol(
    joined([...closing, serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
    { syncToFs: false },
  );
  const statement = { name, types: parse.parseDescribeStatementResults(replies) };
  state.statements.set(sql, statement);
  return statement;
}

/** PostgreSQL's refusal of a kept statement whose table changed shape under it. */
const changedShape = (error: unknown) =>
  error instanceof messages.DatabaseError && (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(error.message);

/** `again`: outside a transaction, a statement refused for a table changed under it is prepared afresh and run once more. */
async function run<Row>(db: PGlite, sql: string, params: unknown[], again = false): Promise<Row[]> {
  const state = keptOf(db);
  try {
    const statement = await statementOf(db, state, sql);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = db.serializers[statement.types[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const { messages: replies } = await db.execProtocol(
      joined([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    return parse.parseResults(replies, db.parsers)[0]!.rows as Row[];
  } catch (error) {
    if (again && changedShape(error)) {
      const stale = state.statements.get(sql);
      if (stale) {
        state.statements.delete(sql);
        state.closing.push(stale.name);
      }
      return run<Row>(db, sql, params);
    }
    // As PGlite's `query` gives it: the database's error with what was asked.
    if (error instanceof messages.DatabaseError) Object.assign(error, { query: sql, params });
    throw error;
  }
}

/**
 * `sql` with `params` on `db` (in `tx` when given, a transaction of `db` in progress), as PGlite's
 * `query` would run it, its rows.
 */
export async function preparedQuery<Row>(db: PGlite, sql: string, params: unknown[], tx?: Transaction): Promise<Row[]> {
  if (!KEPT.test(sql)) {
    const asPGlite = async () => (await (tx ?? db).query<Row>(sql, params)).rows;
    return CHANGES_TABLES.test(sql) ? changingTables(db, asPGlite) : asPGlite();
  }
  if (tx) {
    if (tx.closed) throw new Error('Transaction is closed');
    return db._runExclusiveQuery(() => run<Row>(db, sql, params));
  }
  await db._checkReady();
  return db._runExclusiveTransaction(() =>
    db._runExclusiveQuery(async () => {
      // Another caller's script may have changed a table since this statement was kept (no
      // transaction is open here: nothing to undo before trying again).
      const rows = await run<Row>(db, sql, params, true);
      // As after PGlite's own statement outside a transaction.
      await db.syncToFs();
      return rows;
    }),
  );
}
