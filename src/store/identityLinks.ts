/**
 * Which identity at an OpenID Connect provider opens which local account: linked and unlinked by
 * an administrator only (the provider never creates an account or gives a role), audited.
 */
import { z } from 'zod';
import { issue, ParError } from '../core/index.ts';
import { bilingual, parseWith } from '../core/validation.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { notFound } from './errors.ts';
import type { RowOf } from './tables.ts';

export interface IdentityLink {
  id: string;
  issuer: string;
  subject: string;
  userId: string;
  createdBy: string;
  createdAt: string;
}

type Row = RowOf<'identity_links'>;

const link = (r: Row): IdentityLink => ({
  id: String(r.id),
  issuer: r.issuer,
  subject: r.subject,
  userId: String(r.user_id),
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

export const identityLinkInput = z
  .object({
    /** The value of the province's chosen claim for this person (`sub`, `email`, …). */
    subject: z
      .string()
      .trim()
      .min(1, { error: bilingual({ vi: 'phải ghi định danh của tài khoản', en: 'the identity is missing' }) })
      .max(300),
    /** The provider; the configured one when left out. */
    issuer: z.string().trim().url().max(300).optional(),
  })
  .strict();

const COLUMNS = 'id, issuer, subject, user_id, created_by, created_at';

export async function identityLinks(q: Queryable, userId: string): Promise<IdentityLink[]> {
  if (!/^\d+$/.test(userId)) return [];
  return (await q.query<Row>(`SELECT ${COLUMNS} FROM identity_links WHERE user_id = $1 ORDER BY id`, [userId])).map(link);
}

/** Links an identity to an account; an identity opens one account only. */
export async function linkIdentity(db: Database, userId: string, input: unknown, defaultIssuer: string | undefined, actor: Actor): Promise<IdentityLink> {
  authorize(actor, 'manageUsers');
  const value = parseWith(identityLinkInput, input, { file: 'body' });
  const issuer = value.issuer ?? defaultIssuer;
  if (!issuer)
    throw new ParError(
      issue(
        'identity.issuer',
        { vi: 'chưa cấu hình đăng nhập OpenID Connect: phải ghi nhà cung cấp (issuer)', en: 'OpenID Connect is not configured: give the issuer' },
        { field: 'issuer' },
      ),
    );
  return db.transaction(async (tx) => {
    const [owner] = /^\d+$/.test(userId) ? await tx.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [userId]) : [];
    if (!owner) throw notFound({ vi: `không có người dùng ${userId}`, en: `no user ${userId}` }, 'user');
    const [taken] = await tx.query<{ username: string }>(
      'SELECT u.username FROM identity_links l JOIN users u ON u.id = l.user_id WHERE l.issuer = $1 AND l.subject = $2',
      [issuer, value.subject],
    );
    if (taken)
      throw new ParError(
        issue(
          'identity.duplicate',
          { vi: `định danh ${value.subject} đã liên kết với ${taken.username}`, en: `the identity ${value.subject} is already linked to ${taken.username}` },
          { field: 'subject' },
        ),
      );
    const [row] = await tx.query<Row>(`INSERT INTO identity_links (issuer, subject, user_id, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`, [
      issuer,
      value.subject,
      userId,
      actor.userId,
    ]);
    const created = link(row!);
    await appendAudit(tx, { actorId: actor.userId, action: 'user.linkIdentity', subject: `user/${owner.username}`, after: created });
    return created;
  });
}

export async function unlinkIdentity(db: Database, userId: string, linkId: string, actor: Actor): Promise<void> {
  authorize(actor, 'manageUsers');
  await db.transaction(async (tx) => {
    const [row] =
      /^\d+$/.test(userId) && /^\d+$/.test(linkId)
        ? await tx.query<Row & { username: string }>(
            `DELETE FROM identity_links l USING users u WHERE l.id = $1 AND l.user_id = $2 AND u.id = l.user_id
             RETURNING l.id, l.issuer, l.subject, l.user_id, l.created_by, l.created_at, u.username`,
            [linkId, userId],
          )
        : [];
    if (!row) throw notFound({ vi: `không có liên kết ${linkId}`, en: `no link ${linkId}` }, 'link');
    await appendAudit(tx, { actorId: actor.userId, action: 'user.unlinkIdentity', subject: `user/${row.username}`, before: link(row) });
  });
}
