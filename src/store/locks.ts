/**
 * The advisory locks the store takes, in one registry so that no two purposes share an id (the
 * reminder scheduler once took the writers' id: a score write in progress made a reminder run
 * skip, and a run held every writer back). Each is taken inside a transaction and keyed by the
 * schema as well (the two-key form: the schema's hash, the id), so that installations — and the
 * test databases — in separate schemas of one PostgreSQL database never wait on each other.
 */
export const LOCKS = {
  /** Migrations: a second server started at once waits, then skips what the first applied. */
  migrate: 72410,
  /** The audit chain: one writer links entries at a time. */
  chain: 72411,
  /** Shared by unit-scoped writers, exclusive for an import checked against a revision. */
  writes: 72412,
  /** The reminder scheduler: one run at a time across every server on the database. */
  reminders: 72413,
} as const;

type LockFunction = 'pg_advisory_xact_lock' | 'pg_advisory_xact_lock_shared' | 'pg_try_advisory_xact_lock';

/** The statement and its parameter that take `lock` for the transaction (a `try` answers `locked`): `tx.query(...takeLock('writes'))`. */
export const takeLock = (lock: keyof typeof LOCKS, how: LockFunction = 'pg_advisory_xact_lock'): [string, [number]] => [
  `SELECT ${how}(hashtext(coalesce(current_schema(), '')), $1::int)${how === 'pg_try_advisory_xact_lock' ? ' AS locked' : ''}`,
  [LOCKS[lock]],
];
