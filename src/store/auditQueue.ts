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

/**
 * Chains the queued entries this transaction sees (committed ones, and its own) after `last`,
 * oldest first; the caller holds the chain's lock (locks.ts). Returns the new head.
 */
export async function chainQueued(
  tx: Queryable,
  last: Pick<AuditEntry, 'sequence' | 'hash'> | undefined,
): Promise<Pick<AuditEntry, 'sequence' | 'hash'> | undefined> {
  const rows = await tx.query<QueueRow>('SELECT id, at, actor_id, action, subject, before, after, reason, mac FROM audit_queue ORDER BY id');
  if (!rows.length) return last;
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
  if (!sealed.length) return last;
  const column = <T>(pick: (e: AuditEntry) => T) => sealed.map(pick);
  await tx.query(
    `INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash, keyed)
     SELECT s, a, w, act, sub, b::jsonb, af::jsonb, r, p, h, k
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::boolean[])
       AS t(s, a, w, act, sub, b, af, r, p, h, k)`,
    [
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
    ],
  );
  await tx.query('DELETE FROM audit_queue WHERE id = ANY($1::bigint[])', [ids]);
  noteAppended();
  return last;
}

/**
 * Turns the queued unit changes into revisions, one each, in their order; the revision row stays
 * locked to the commit. The new revision is read as a scalar, never joined to the queue: the
 * planner, knowing neither table's size, costed that join at 1.8 million rows, above PostgreSQL's
 * `jit_above_cost`, and compiled the statement each time — 80–390 ms inside the sealer that every
 * writer waits for, against 5 ms without (issue 16).
 */
export async function foldRevisions(tx: Queryable): Promise<void> {
  const [folded] = await tx.query<{ value: bigint | null; n: bigint }>(
    `WITH q AS (DELETE FROM revision_queue RETURNING id, cycle_id, unit_id),
       n AS (SELECT count(*) AS n FROM q),
       bumped AS (UPDATE revision SET value = value + (SELECT n FROM n) WHERE (SELECT n FROM n) > 0 RETURNING value),
       added AS (
         INSERT INTO revision_changes (revision, cycle_id, unit_id)
         SELECT (SELECT value FROM bumped) - (SELECT n FROM n) + row_number() OVER (ORDER BY q.id), q.cycle_id, q.unit_id
         FROM q WHERE EXISTS (SELECT 1 FROM bumped)
       )
     SELECT (SELECT value FROM bumped) AS value, (SELECT n FROM n) AS n`,
  );
  if (!folded || folded.value === null || folded.n === 0n) return;
  const value = BigInt(folded.value);
  // Pruned as bumpRevision does, once each 256 revisions passed.
  if (value / 256n !== (value - BigInt(folded.n)) / 256n) await tx.query('DELETE FROM revision_changes WHERE revision <= $1', [String(value - KEPT_CHANGES)]);
}

async function seal(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(...takeLock('chain'));
    const [last] = await tx.query<{ sequence: bigint; hash: string }>('SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1');
    await chainQueued(tx, last && { sequence: Number(last.sequence), hash: last.hash });
    await foldRevisions(tx);
  });
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
