/**
 * What the notification, mail and deadline routes answer (server/routes/notifications.ts), part of
 * the contract the web app reads as types (server/responses.ts says how).
 */
import { z } from 'zod';
import { DEADLINE_KINDS, NOTICE_KINDS } from '../../core/index.ts';
import { message } from '../responses.ts';

export const channel = z.enum(['inApp', 'email', 'both', 'none']);
export const notifySettings = z.object({
  email: z.string().nullable(),
  channels: z.partialRecord(z.enum(NOTICE_KINDS), channel).optional(),
  digest: z.boolean().optional(),
});
export const notificationsResponse = z.object({
  unread: z.number(),
  items: z.array(z.object({ id: z.string(), kind: z.enum(NOTICE_KINDS), message, link: z.string(), createdAt: z.string(), read: z.boolean() })),
});
export const markedResponse = z.object({ marked: z.number() });
export const notifySettingsResponse = notifySettings.extend({ kinds: z.array(z.object({ kind: z.enum(NOTICE_KINDS), label: message })) });
export const outboxResponse = z.array(
  z.object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    attempts: z.number(),
    status: z.enum(['pending', 'sent', 'failed']),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  }),
);
const deadlines = z
  .object(Object.fromEntries(DEADLINE_KINDS.map((k) => [k, z.string().optional()])) as Record<(typeof DEADLINE_KINDS)[number], z.ZodOptional<z.ZodString>>)
  .strict();
export const deadlinesResponse = z.object({ deadlines, labels: z.record(z.string(), message) });

export type NotificationsResponse = z.infer<typeof notificationsResponse>;
export type NotifyChannel = z.infer<typeof channel>;
export type NotifySettingsResponse = z.infer<typeof notifySettingsResponse>;
export type OutboxResponse = z.infer<typeof outboxResponse>;
export type DeadlinesResponse = z.infer<typeof deadlinesResponse>;
