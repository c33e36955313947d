/**
 * Writes side by side on PostgreSQL (issue 16; migration 022). Chaining an audit entry and
 * bumping the revision both hold a lock to the writer's commit: on an engine that runs
 * transactions side by side, twenty score writes then committed (and synced) one after another.
 * There, a transaction queues its entries and its unit-scoped changes instead, with no lock, and
 * after its commit a sealer chains every queued entry onto the trail under the chain's lock, in
 * the order they are found, and turns every queued change into a revision — one short
 * transaction for all the writers that committed meanwhile (single flight, batched). The writer
 * waits for it before answering, so that its next read sees its write and its entry is anchored.
 *
 * The trail stays as tamper-evident: a queued entry carries the HMAC of its content with the
 * server's key, and the sealer chains only entries whose MAC holds (a row put in the queue by
 * hand is never signed into the trail). Entries are sealed milliseconds after their commit; a
 * process that stops in between leaves them queued until the next writer or the next start,
 * and `verifyAudit` counts them (`unsealed`) without anchoring them. Where transactions run one
 * at a time (the embedded engine) there is nothing to wait for: entries are chained, and the
 * revision bumped, in the writer's own transaction as before.
 */
import { canonicalJson, chainEntry, hmac, type AuditEntry, type AuditInput } from '../workflow/audit.ts';
import { auditSeal, noteAppended } from './auditSeal.ts';
import type { Database, Queryable } from './database.ts';
import type { RowOf } from './tables.ts';
import { takeLock } from './locks.ts';

/** The changes readers may apply instead of reading everything again (same as save.ts). */
const KEPT_CHANGES = 1000n;

/** HMAC of a queued entry's content with the server's key; null without a key. */
export function queueMac(input: AuditInput, key: Uint8Array | undefined): string | null {
  return key ? hmac(key).update(canonicalJson(input)).digest('hex') : null;
}

/**
 * Queues one entry (the caller's transaction supports `afterCommit`) and, when `revision` names
 * one, the change of that unit's results (see `queueRevision`), in one statement.
 */
export async function queueAudit(tx: Queryable, input: AuditInput, revision?: { cycleId: string; unitId: string }): Promise<void> {
  const values = [
    input.at,
    input.actorId,
    input.action,
    input.subject,
    input.before === undefined ? null : JSON.stringify(input.before),
    input.after === undefined ? null : JSON.stringify(input.after),
    input.reason ?? null,
    queueMac(input, auditSeal()?.key),
  ];
  const insert = 'INSERT INTO audit_queue (at, actor_id, action, subject, before, after, reason, mac) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
  if (revision)
    await tx.query(`WITH entry AS (${insert}) INSERT INTO revision_queue (cycle_id, unit_id) VALUES ($9, $10)`, [...values, revision.cycleId, revision.unitId]);
  else await tx.query(insert, values);
  tx.afterCommit!(sealQueued);
}

/** Queues a change of one unit's results in one cycle (see bumpRevision). */
export async function queueRevision(tx: Queryable, scope: { cycleId: string; unitId: string }): Promise<void> {
  await tx.query('INSERT INTO revision_queue (cycle_id, unit_id) VALUES ($1, $2)', [scope.cycleId, scope.unitId]);
  tx.afterCommit!(sealQueued);
}

/** A unit-scoped writer: side by side with the others, never beside an import checked against a revision. */
export async function shareWrites(tx: Queryable): Promise<void> {
  if (tx.afterCommit) await tx.query(...takeLock('writes', 'pg_advisory_xact_lock_shared'));
}

/** An import checked against a revision: waits for the writers under way, and takes in the changes queued. */
export async function excludeWrites(tx: Queryable): Promise<void> {
  if (!tx.afterCommit) return;
  await tx.query(...takeLock('writes'));
  await foldRevisions(tx);
}

type QueueRow = RowOf<'audit_queue'>;

/** An audit row's entry fields (queued here, or chained in `audit_log`: store/audit.ts). */
export const inputOf = (row: Pick<QueueRow, 'at' | 'actor_id' | 'action' | 'subject' | 'before' | 'after' | 'reason'>): AuditInput => ({
  at: row.at,
  actorId: row.actor_id,
  action: row.action,
  subject: row.subject,
  ...(row.before !== null && { before: row.before }),
  ...(row.after !== null && { after: row.after }),
  ...(row.reason !== null && { reason: row.reason }),
});

/** Queued rows chained after `last`, oldest first: the entries and the queue ids they take, and the new head. */
function chainRows(rows: QueueRow[], last: Pick<AuditEntry, 'sequence' | 'hash'> | undefined) {
  const key = auditSeal()?.key;
  const sealed: AuditEntry[] = [];
  const ids: string[] = [];
  for (const row of rows) {
    const input = inputOf(row);
    // Queued by a process holding the key, seen by one without it (a command run elsewhere): left to a holder of the key.
    if (!key && row.mac !== null) continue;
    if (key && row.mac !== queueMac(input, key)) {
      // Not written by a holder of the key: left queued, counted by verifyAudit as unsealed.
      console.error(`audit: queued entry ${row.id} (${row.subject}) does not carry the server key's MAC; not chained`);
      continue;
    }
    const next = chainEntry(input, last, key);
    sealed.push(next);
    ids.push(String(row.id));
    last = next;
  }
  return { sealed, ids, last };
}

/** Chained entries put in the trail and taken out of the queue: CTEs of one statement, parameters from `first` on. */
function chainedCtes(chained: { sealed: AuditEntry[]; ids: string[] }, first: number): { ctes: string; params: unknown[] } {
  const column = <T>(pick: (e: AuditEntry) => T) => chained.sealed.map(pick);
  const at = (i: number) => `$${first + i}`;
  return {
    ctes: `logged AS (
       INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash, keyed)
       SELECT s, a, w, act, sub, b::jsonb, af::jsonb, r, p, h, k
       FROM unnest(${at(0)}::bigint[], ${at(1)}::text[], ${at(2)}::text[], ${at(3)}::text[], ${at(4)}::text[], ${at(5)}::text[], ${at(6)}::text[], ${at(7)}::text[], ${at(8)}::text[], ${at(9)}::text[], ${at(10)}::boolean[])
         AS t(s, a, w, act, sub, b, af, r, p, h, k)),
     dequeued AS (DELETE FROM audit_queue WHERE id = ANY(${at(11)}::bigint[]))`,
    params: [
      column((e) => String(e.sequence)),
      column((e) => e.at),
      column((e) => e.actorId),
      column((e) => e.action),
      column((e) => e.subject),
      column((e) => (e.before === undefined ? null : JSON.stringify(e.before))),
      column((e) => (e.after === undefined ? null : JSON.stringify(e.after))),
      column((e) => e.reason ?? null),
      column((e) => e.previousHash),
      column((e) => e.hash),
      column((e) => e.keyed === true),
      chained.ids,
    ],
  };
}

const QUEUE_COLUMNS = 'id, at, actor_id, action, subject, before, after, reason, mac';

/**
 * Chains the queued entries this transaction sees (committed ones, and its own) after `last`,
 * oldest first; the caller holds the chain's lock (locks.ts). Returns the new head.
 */
export async function chainQueued(
  tx: Queryable,
  last: Pick<AuditEntry, 'sequence' | 'hash'> | undefined,
): Promise<Pick<AuditEntry, 'sequence' | 'hash'> | undefined> {
  const rows = await tx.query<QueueRow>(`SELECT ${QUEUE_COLUMNS} FROM audit_queue ORDER BY id`);
  const chained = chainRows(rows, last);
  if (!chained.sealed.length) return chained.last;
  const { ctes, params } = chainedCtes(chained, 1);
  await tx.query(`WITH ${ctes} SELECT 1`, params);
  noteAppended();
  return chained.last;
}

/**
 * Turns the queued unit changes into revisions, one each, in their order; the revision row stays
 * locked to the commit. `chained`: entries the sealer chained, written by the same statement. The
 * new revision is read as a scalar, never joined to the queue: the planner, knowing neither
 * table's size, costed that join at 1.8 million rows, above PostgreSQL's `jit_above_cost`, and
 * compiled the statement each time — 80–390 ms inside the sealer that every writer waits for,
 * against 5 ms without (issue 16).
 */
export async function foldRevisions(tx: Queryable, chained?: { sealed: AuditEntry[]; ids: string[] }): Promise<void> {
  const written = chained?.sealed.length ? chainedCtes(chained, 1) : undefined;
  const [folded] = await tx.query<{ value: bigint | null; n: bigint }>(
    `WITH ${written ? `${written.ctes},` : ''}
       q AS (DELETE FROM revision_queue RETURNING id, cycle_id, unit_id),
       n AS (SELECT count(*) AS n FROM q),
       bumped AS (UPDATE revision SET value = value + (SELECT n FROM n) WHERE (SELECT n FROM n) > 0 RETURNING value),
       added AS (
         INSERT INTO revision_changes (revision, cycle_id, unit_id)
         SELECT (SELECT value FROM bumped) - (SELECT n FROM n) + row_number() OVER (ORDER BY q.id), q.cycle_id, q.unit_id
         FROM q WHERE EXISTS (SELECT 1 FROM bumped)
       )
     SELECT (SELECT value FROM bumped) AS value, (SELECT n FROM n) AS n`,
    written?.params ?? [],
  );
  if (written) noteAppended();
  if (!folded || folded.value === null || folded.n === 0n) return;
  const value = BigInt(folded.value);
  // Pruned as bumpRevision does, once each 256 revisions passed.
  if (value / 256n !== (value - BigInt(folded.n)) / 256n) await tx.query('DELETE FROM revision_changes WHERE revision <= $1', [String(value - KEPT_CHANGES)]);
}

/**
 * One sealing transaction in three statements: the chain's lock; the trail's head with the queue,
 * read after the lock (a statement sees what committed before it started); then the chained
 * entries written, their queue rows deleted and the queued changes folded into revisions, in one
 * statement. Each round trip is one more wait for every writer answered after it.
 */
async function seal(db: Database): Promise<void> {
  await db.transaction(
    async (tx) => {
      await tx.query(...takeLock('chain'));
      const [state] = await tx.query<{ sequence: bigint | null; hash: string | null; queue: (Omit<QueueRow, 'id'> & { id: number })[] | null }>(
        `SELECT h.sequence, h.hash, (SELECT json_agg(q ORDER BY q.id) FROM (SELECT ${QUEUE_COLUMNS} FROM audit_queue) q) AS queue
       FROM (SELECT 1) one LEFT JOIN (SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1) h ON true`,
      );
      const head = state?.sequence === null || state?.sequence === undefined ? undefined : { sequence: Number(state.sequence), hash: state.hash! };
      const rows = (state?.queue ?? []).map((row) => ({ ...row, id: BigInt(row.id) }) as QueueRow);
      const chained = chainRows(rows, head);
      await foldRevisions(tx, chained);
    },
    // Its statements take keys and arrays of keys (database.ts `plans`).
    { plans: 'generic' },
  );
}

const sealers = new WeakMap<Database, { running?: Promise<void>; next?: Promise<void> }>();

/**
 * Seals what is queued: at most one sealing transaction at a time per database; callers that
 * arrive while one runs (their entries may have committed after it read the queue) share the
 * next one. Never throws: the writes are committed whatever happens here, and what stays queued
 * is sealed by the next one (or counted by verifyAudit).
 */
export function sealQueued(db: Database): Promise<void> {
  let state = sealers.get(db);
  if (!state) sealers.set(db, (state = {}));
  const s = state;
  if (!s.running) {
    s.running = seal(db)
      .catch((error) => console.error('audit: sealing the queued entries failed; they stay queued', error))
      .finally(() => {
        s.running = undefined;
      });
    return s.running;
  }
  s.next ??= s.running.then(() => {
    s.next = undefined;
    return sealQueued(db);
  });
  return s.next;
}

/** Committed entries not yet chained (a sealer stopped, or an entry refused). */
export async function unsealedCount(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_queue');
  return row?.n ?? 0;
}
