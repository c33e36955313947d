/**
 * The e-mail outbox: rows written with the notices they carry (`notifications.ts`), sent by the
 * scheduler. A batch is claimed in a short transaction (a lease: other servers skip it), sent
 * outside any transaction (a slow mail server never holds the database), then marked sent, or
 * failed with its error and retried later — up to `MAX_ATTEMPTS`, then kept as failed for the
 * administrator to see and retry.
 */
import type { Actor } from '../workflow/policy.ts';
import { authorize } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { notFound } from './errors.ts';

export const MAX_ATTEMPTS = 5;
/** How long a claimed e-mail is left to its sender before another run may take it. */
const LEASE_MINUTES = 10;

export interface Mail {
  id: string;
  to: string;
  subject: string;
  body: string;
  attempts: number;
}

export interface OutboxRow extends Mail {
  status: 'pending' | 'sent' | 'failed';
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export async function claimMail(db: Database, limit = 20): Promise<Mail[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: bigint; to_address: string; subject: string; body: string; attempts: number }>(
      `SELECT id, to_address, subject, body, attempts FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= now()
       ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    if (rows.length)
      await tx.query(`UPDATE mail_outbox SET next_attempt_at = now() + interval '${LEASE_MINUTES} minutes' WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => String(r.id)),
      ]);
    return rows.map((r) => ({ id: String(r.id), to: r.to_address, subject: r.subject, body: r.body, attempts: r.attempts }));
  });
}

export async function markSent(q: Queryable, id: string): Promise<void> {
  await q.query("UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1", [id]);
}

/** A failed attempt: tried again after 1, 4, 9, 16 minutes…, failed for good after MAX_ATTEMPTS. */
export async function markFailed(q: Queryable, id: string, error: string): Promise<void> {
  await q.query(
    `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'pending' END,
       next_attempt_at = now() + make_interval(mins => (attempts + 1) * (attempts + 1))
     WHERE id = $1`,
    [id, error.slice(0, 2000), MAX_ATTEMPTS],
  );
}

export async function listOutbox(q: Queryable, actor: Actor, status?: OutboxRow['status']): Promise<OutboxRow[]> {
  authorize(actor, 'manageUsers');
  const rows = await q.query<{
    id: bigint;
    to_address: string;
    subject: string;
    body: string;
    attempts: number;
    status: OutboxRow['status'];
    last_error: string | null;
    created_at: Date | string;
    sent_at: Date | string | null;
  }>(
    'SELECT id, to_address, subject, body, attempts, status, last_error, created_at, sent_at FROM mail_outbox WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT 500',
    [status ?? null],
  );
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
  return rows.map((r) => ({
    id: String(r.id),
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    attempts: r.attempts,
    status: r.status,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
  }));
}

/** The administrator sends a failed e-mail again (audited). */
export async function retryMail(db: Database, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'manageUsers');
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>(
      "UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1 AND status = 'failed' RETURNING status",
      [id],
    );
    if (!row) throw notFound({ vi: `không có thư lỗi số ${id}`, en: `no failed e-mail ${id}` }, 'id');
    await appendAudit(tx, { actorId: actor.userId, action: 'mail.retry', subject: `mail/${id}` });
  });
}
