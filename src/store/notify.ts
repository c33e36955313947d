/** A person's own notifications (read, marked read) and how they want to be told (audited). */
import { bilingual } from '../core/validation.ts';
import { z } from 'zod';
import { NOTICE_KINDS, type Message, type NoticeKind } from '../core/index.ts';
import { parseWith } from '../core/validation.ts';
import type { Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import type { NotifySettings } from './notifications.ts';

export interface NotificationRecord {
  id: string;
  kind: NoticeKind;
  message: Message;
  link: string;
  createdAt: string;
  read: boolean;
}

export async function myNotifications(
  q: Queryable,
  actor: Actor,
  options: { unreadOnly?: boolean; limit?: number } = {},
): Promise<{ unread: number; items: NotificationRecord[] }> {
  const rows = await q.query<{ id: bigint; kind: NoticeKind; message: Message; link: string; created_at: Date | string; read_at: unknown }>(
    'SELECT id, kind, message, link, created_at, read_at FROM notifications WHERE user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL) ORDER BY id DESC LIMIT $3',
    [actor.userId, options.unreadOnly ?? false, options.limit ?? 100],
  );
  const [count] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [actor.userId]);
  return {
    unread: count?.n ?? 0,
    items: rows.map((r) => ({
      id: String(r.id),
      kind: r.kind,
      message: r.message,
      link: r.link,
      createdAt: new Date(r.created_at).toISOString(),
      read: r.read_at !== null,
    })),
  };
}

/** Marks the person's own notifications read: those named, or all. */
export async function markRead(q: Queryable, actor: Actor, ids: string[] | 'all'): Promise<number> {
  const rows = await q.query(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) RETURNING id',
    [actor.userId, ids === 'all' ? null : ids],
  );
  return rows.length;
}

const channel = z.enum(['inApp', 'email', 'both', 'none'], {
  error: bilingual({ vi: 'kênh là inApp, email, both hoặc none', en: 'channel is inApp, email, both or none' }),
});
export const notifySettingsInput = z
  .object({
    email: z
      .email({ error: bilingual({ vi: 'địa chỉ thư điện tử không đúng dạng', en: 'not an e-mail address' }) })
      .max(254)
      .nullable()
      .optional(),
    channels: z.partialRecord(z.enum(NOTICE_KINDS), channel).optional(),
    digest: z.boolean().optional(),
  })
  .strict();
export type NotifySettingsInput = z.input<typeof notifySettingsInput>;

export interface MyNotifySettings extends NotifySettings {
  email: string | null;
}

export async function myNotifySettings(q: Queryable, actor: Actor): Promise<MyNotifySettings> {
  const [row] = await q.query<{ email: string | null; notify: NotifySettings }>('SELECT email, notify FROM users WHERE id = $1', [actor.userId]);
  return { email: row?.email ?? null, ...(row?.notify ?? {}) };
}

export async function setMyNotifySettings(db: Database, actor: Actor, input: unknown): Promise<MyNotifySettings> {
  const patch = parseWith(notifySettingsInput, input, { file: 'body' });
  return db.transaction(async (tx) => {
    const before = await myNotifySettings(tx, actor);
    const notify: NotifySettings = {
      channels: { ...before.channels, ...patch.channels },
      ...((patch.digest ?? before.digest) !== undefined && { digest: patch.digest ?? before.digest }),
    };
    const email = patch.email === undefined ? before.email : patch.email;
    await tx.query('UPDATE users SET email = $2, notify = $3, version = version + 1 WHERE id = $1', [actor.userId, email, JSON.stringify(notify)]);
    await appendAudit(tx, { actorId: actor.userId, action: 'user.notify', subject: `user/${actor.userId}`, before, after: { email, ...notify } });
    return { email, ...notify };
  });
}
