import { bilingual } from '../../core/validation.ts';
import { z } from 'zod';
import { DEADLINE_LABELS, NOTICE_KINDS, NOTICE_LABELS } from '../../core/index.ts';
import {
  cycleDeadlines,
  listOutbox,
  markRead,
  myNotifications,
  myNotifySettings,
  notifySettingsInput,
  retryMail,
  setCycleDeadlines,
  setMyNotifySettings,
} from '../../store/index.ts';
import { requireLogin } from '../auth.ts';
import { deadlinesResponse, markedResponse, notificationsResponse, notifySettings, notifySettingsResponse, outboxResponse } from '../contract/notifications.ts';
import { okResponse } from '../responses.ts';
import { route } from '../route.ts';
import { recordId, slug } from './schemas.ts';

export const notificationRoutes = [
  route({
    method: 'GET',
    url: '/api/notifications',
    tag: 'notifications',
    summary: 'Thông báo của người đang đăng nhập (mới nhất trước), số chưa đọc / your notifications and how many are unread',
    query: z.object({ unread: z.enum(['true', 'false']).optional() }),
    response: notificationsResponse,
    async handler({ store, actor, query }) {
      requireLogin(actor);
      return myNotifications(store.db, actor, { unreadOnly: query.unread === 'true' });
    },
  }),
  route({
    method: 'POST',
    url: '/api/notifications/read',
    tag: 'notifications',
    summary: 'Đánh dấu đã đọc: các thông báo có mã trong ids, hoặc tất cả / mark notifications read: those in ids, or all',
    body: z
      .object({
        ids: z
          .array(z.string().regex(/^\d{1,15}$/, { error: bilingual({ vi: 'mã thông báo là một số', en: 'a notification id is a number' }) }))
          .max(1000)
          .optional(),
      })
      .strict(),
    response: markedResponse,
    async handler({ store, actor, body }) {
      requireLogin(actor);
      return { marked: await markRead(store.db, actor, body.ids ?? 'all') };
    },
  }),
  route({
    method: 'GET',
    url: '/api/notifications/settings',
    tag: 'notifications',
    summary: 'Cách nhận thông báo: địa chỉ thư, kênh theo loại, thư tổng hợp hằng ngày; kèm tên các loại / how you are notified, with the kinds named',
    response: notifySettingsResponse,
    async handler({ store, actor }) {
      requireLogin(actor);
      return { ...(await myNotifySettings(store.db, actor)), kinds: NOTICE_KINDS.map((kind) => ({ kind, label: NOTICE_LABELS[kind] })) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/notifications/settings',
    tag: 'notifications',
    summary: 'Đặt cách nhận thông báo (ghi nhật ký) / set how you are notified (audited)',
    body: notifySettingsInput,
    response: notifySettings,
    async handler({ store, actor, body }) {
      requireLogin(actor);
      return setMyNotifySettings(store.db, actor, body);
    },
  }),
  route({
    method: 'GET',
    url: '/api/mail/outbox',
    tag: 'notifications',
    summary: 'Thư điện tử đã gửi, đang chờ, lỗi (kèm lỗi) — Sở Nội vụ / e-mails sent, pending and failed, with their errors — the province only',
    query: z.object({ status: z.enum(['pending', 'sent', 'failed']).optional() }),
    response: outboxResponse,
    async handler({ store, actor, query }) {
      return listOutbox(store.db, actor, query.status);
    },
  }),
  route({
    method: 'POST',
    url: '/api/mail/outbox/:id/retry',
    tag: 'notifications',
    summary: 'Gửi lại một thư bị lỗi / send a failed e-mail again',
    params: z.object({ id: recordId }),
    response: okResponse,
    async handler({ store, actor, params }) {
      await retryMail(store.db, actor, String(params.id));
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/deadlines',
    tag: 'cycles',
    summary: 'Các mốc thời gian của kỳ đánh giá, có tên / the cycle’s dates, named',
    params: z.object({ cycle: slug }),
    response: deadlinesResponse,
    async handler({ store, params }) {
      return { deadlines: await cycleDeadlines(store.db, params.cycle), labels: DEADLINE_LABELS };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/deadlines',
    tag: 'cycles',
    summary: 'Đặt các mốc thời gian của kỳ (ngày YYYY-MM-DD, null để bỏ) — Sở Nội vụ / set the cycle’s dates (null removes one)',
    params: z.object({ cycle: slug }),
    body: z.record(z.string(), z.unknown()),
    response: deadlinesResponse,
    async handler({ store, actor, params, body }) {
      return { deadlines: await setCycleDeadlines(store.db, actor, params.cycle, body), labels: DEADLINE_LABELS };
    },
  }),
];
