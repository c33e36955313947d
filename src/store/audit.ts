/**
 * The audit trail in the database: every write appends, in its own transaction, one entry
 * chained to the previous one (src/workflow/audit.ts) — on PostgreSQL queued in it and chained
 * right after its commit (auditQueue.ts). Chaining is serialised by an advisory lock so the
 * chain has no forks; the table refuses updates and deletes.
 */
import { chainEntry, verifyChain, type AuditAnchor, type AuditEntry, type AuditInput, type ChainCheck } from '../workflow/audit.ts';
import { auditSeal, noteAppended, readAnchors } from './auditSeal.ts';
import { chainQueued, inputOf, queueAudit, unsealedCount } from './auditQueue.ts';
import type { Change } from '../core/index.ts';
import type { Queryable } from './database.ts';
import { json } from './save.ts';
import type { RowOf } from './tables.ts';
import { takeLock } from './locks.ts';

/** Who did it; `system` for the server's own work (seeding the demo). */
export interface Author {
  actorId: string;
}

/** A row of `audit_log` (store/tables.ts: checked against the migrations). */
type Row = RowOf<'audit_log'>;

function entry(row: Row): AuditEntry {
  return {
    sequence: Number(row.sequence),
    ...inputOf(row),
    previousHash: row.previous_hash,
    hash: row.hash,
    ...(row.keyed && { keyed: true as const }),
  };
}

/** What is hashed is exactly what jsonb gives back: the content through a JSON round trip. */
function cleanInput(input: Omit<AuditInput, 'at'> & { at?: string }): AuditInput {
  const clean = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  return {
    at: input.at ?? new Date().toISOString(),
    actorId: input.actorId,
    action: input.action,
    subject: input.subject,
    ...(input.before !== undefined && { before: clean(input.before) }),
    ...(input.after !== undefined && { after: clean(input.after) }),
    ...(input.reason !== undefined && { reason: input.reason }),
  };
}

/**
 * Appends one entry, chained now; call inside the transaction of the change it records. Holds
 * the chain's lock to the commit: on PostgreSQL the entries other writers queued (see
 * `appendWriteAudit`) and committed are chained first.
 */
export async function appendAudit(tx: Queryable, input: Omit<AuditInput, 'at'> & { at?: string }): Promise<AuditEntry> {
  // Where transactions run one at a time (the embedded engine: `afterCommit` absent) no other can
  // be chaining, and the head this transaction appended last is the head.
  if (tx.afterCommit) await tx.query(...takeLock('chain'));
  let last = lastAppended(tx);
  if (!last) {
    const [row] = await tx.query<{ sequence: bigint; hash: string }>('SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1');
    last = row && { sequence: Number(row.sequence), hash: row.hash };
  }
  if (tx.afterCommit) last = await chainQueued(tx, last);
  const next = chainEntry(cleanInput(input), last, auditSeal()?.key);
  await tx.query(
    'INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash, keyed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    [
      next.sequence,
      next.at,
      next.actorId,
      next.action,
      next.subject,
      next.before === undefined ? null : json(next.before),
      next.after === undefined ? null : json(next.after),
      next.reason ?? null,
      next.previousHash,
      next.hash,
      next.keyed === true,
    ],
  );
  noteAppended();
  appends++;
  // A transaction (not a database: `transaction` absent) of an engine that runs them one at a time.
  if (!tx.afterCommit && !('transaction' in tx)) appendedIn.set(tx, { entry: next, at: appends });
  return next;
}

/** Entries appended by this process. */
let appends = 0;
/**
 * The entry each open transaction of a one-at-a-time engine appended last: the next entry of a
 * group of writes (writeGroups.ts) chains on it without reading the head again (issue 16.1).
 */
const appendedIn = new WeakMap<Queryable, { entry: Pick<AuditEntry, 'sequence' | 'hash'>; at: number }>();

/** The head `tx` left, when it appended the last entry of this process and no rollback to a savepoint forgot it. */
function lastAppended(tx: Queryable): Pick<AuditEntry, 'sequence' | 'hash'> | undefined {
  const known = appendedIn.get(tx);
  return known && known.at === appends ? known.entry : undefined;
}

/** After a rollback to a savepoint in `tx`: the entries appended since may be gone, the head is read again. */
export function forgetAppended(tx: Queryable): void {
  appendedIn.delete(tx);
}

/**
 * The entry of a write many people make at once (a score, a not-applicable mark), in its
 * transaction. On an engine that runs transactions side by side it is queued there, with no
 * lock, and chained once the transaction has committed (auditQueue.ts): such writers do not wait
 * for each other's commits. Elsewhere it is chained now (`appendAudit`). `revision`: the unit
 * whose results the write changed, queued in the same statement there (one round trip less);
 * returns whether it was — if not, the caller bumps the revision (save.ts `bumpRevision`).
 */
export async function appendWriteAudit(
  tx: Queryable,
  input: Omit<AuditInput, 'at'> & { at?: string },
  revision?: { cycleId: string; unitId: string },
): Promise<boolean> {
  if (tx.afterCommit) {
    await queueAudit(tx, cleanInput(input), revision);
    return revision !== undefined;
  }
  await appendAudit(tx, input);
  return false;
}

/** Entries whose subject starts with `prefix` (all when omitted), oldest first. */
export async function listAudit(q: Queryable, prefix = ''): Promise<AuditEntry[]> {
  return (await q.query<Row>('SELECT * FROM audit_log WHERE subject LIKE $1 ORDER BY sequence', [startsWith(prefix)])).map(entry);
}

/** A LIKE pattern for subjects that start with `prefix` (its own % and _ taken as written). */
const startsWith = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The trail of one unit's assessment (or of one criterion): its own entries, and the cycle's
 * entries that concern it — the opening and publications, and imports reduced to the changes
 * they made to this unit (and criterion).
 */
export async function assessmentTrail(q: Queryable, cycleId: string, unitId: string, code?: string): Promise<AuditEntry[]> {
  const cycle = `cycle/${cycleId}`;
  const own = code ? `${cycle}/unit/${unitId}/criterion/${code}` : `${cycle}/unit/${unitId}`;
  const trail: AuditEntry[] = [];
  for (const entry of await listAudit(q, cycle)) {
    if (entry.subject === own || (!code && entry.subject.startsWith(`${own}/`))) {
      trail.push(entry);
      continue;
    }
    if (entry.subject !== cycle) continue;
    const after = entry.after as { changes?: Change[] } | undefined;
    if (Array.isArray(after?.changes)) {
      const changes = after.changes.filter((c) => c.unitId === unitId && (!code || c.code === code));
      if (changes.length) trail.push({ ...entry, after: { ...after, changes } });
    } else if (!code) trail.push(entry);
  }
  return trail;
}

/**
 * Verifies the whole chain with the server's key, and against every head written down outside
 * the table: the anchor file beside the key, each publication's head at its decision, and
 * `anchor` when the caller kept one. Cut-off entries or an emptied table are caught by them.
 */
export async function verifyAudit(
  q: Queryable,
  anchor?: { sequence: number; hash: string },
): Promise<ChainCheck & { entries: number; head: { sequence: number; hash: string } | null; anchors: number; keyed: boolean; unsealed: number }> {
  const entries = await listAudit(q);
  const last = entries.at(-1);
  const head = last ? { sequence: last.sequence, hash: last.hash } : null;
  const seal = auditSeal();
  const fromFile = seal ? readAnchors(seal.anchorFile) : [];
  const published = await q.query<{ decision: string; audit_sequence: bigint; audit_hash: string }>(
    'SELECT decision, audit_sequence, audit_hash FROM publications WHERE audit_sequence IS NOT NULL ORDER BY id',
  );
  const anchors: AuditAnchor[] = [
    ...fromFile,
    ...published.map((p) => ({ sequence: Number(p.audit_sequence), hash: p.audit_hash, source: `publication ${p.decision}` })),
    ...(anchor ? [{ ...anchor, source: '--head' }] : []),
  ];
  const check = verifyChain(entries, { ...(seal && { key: seal.key }), ...(fromFile[0] && { plainUntil: fromFile[0].sequence }), anchors });
  // Committed entries not chained yet (auditQueue.ts): not part of the chain, so neither a
  // break nor anchored; said, so that a queue that does not empty is seen.
  return { ...check, entries: entries.length, head, anchors: anchors.length, keyed: seal !== undefined, unsealed: await unsealedCount(q) };
}

/**
 * Entries after sequence `after` (0: from the first), oldest first, at most `limit`: a page of
 * the whole trail (a province's can hold hundreds of thousands), read and answered a page at a
 * time so that neither the query nor the JSON answer holds the server's main thread for long;
 * `prefix` keeps the entries whose subject starts with it.
 */
export async function auditPage(q: Queryable, after: number, limit: number, prefix = ''): Promise<AuditEntry[]> {
  const rows = prefix
    ? await q.query<Row>('SELECT * FROM audit_log WHERE sequence > $1 AND subject LIKE $3 ORDER BY sequence LIMIT $2', [
        String(after),
        limit,
        startsWith(prefix),
      ])
    : await q.query<Row>('SELECT * FROM audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2', [String(after), limit]);
  return rows.map(entry);
}

/** Entries in the trail, counted up to `atMost` (a cap's check reads no more of the index than the cap). */
export async function auditCount(q: Queryable, atMost: number): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log ORDER BY sequence LIMIT $1) AS head', [atMost]);
  return row?.n ?? 0;
}
