import { z } from 'zod';
import { bilingual } from '../../core/validation.ts';
import { login, logout, userById } from '../../store/index.ts';
import { clearSessionCookie, identityOf, setSessionCookie } from '../auth.ts';
import { route } from '../route.ts';
import { loginResponse, okResponse, sessionResponse } from '../responses.ts';
import { requiredText } from './schemas.ts';

export const sessionRoutes = [
  route({
    method: 'POST',
    url: '/api/session',
    tag: 'session',
    summary: 'Đăng nhập: đặt cookie phiên (HTTP-only) và trả mã chống giả mạo; token=true trả mã truy cập cho ứng dụng / log in',
    body: z.object({ username: requiredText(64, 'tên đăng nhập', 'the user name'), password: z.string({ error: bilingual({ vi: 'phải ghi mật khẩu', en: 'the password is missing' }) }).min(1, { error: bilingual({ vi: 'phải ghi mật khẩu', en: 'the password is missing' }) }).max(200, { error: bilingual({ vi: 'mật khẩu dài quá 200 ký tự', en: 'the password is longer than 200 characters' }) }), token: z.boolean().optional() }).strict(),
    response: loginResponse,
    async handler({ store, services, body, request, reply }) {
      services.limitLogin(request.ip);
      const previous = identityOf(request);
      const session = await login(store.db, body.username, body.password);
      // A new session at every login; the one the browser came with (if any) ends (no fixation).
      if (previous.token && previous.via === 'cookie') await logout(store.db, previous.token);
      if (body.token) return { user: session.user, csrfToken: session.csrfToken, token: session.token };
      setSessionCookie(reply, request, session.token, services.secureCookies);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  }),
  route({
    method: 'GET',
    url: '/api/session',
    tag: 'session',
    summary: 'Người đang đăng nhập và mã chống giả mạo; khách chưa đăng nhập nhận { user: null } / the logged-in user, or { user: null } for a visitor',
    response: sessionResponse,
    async handler({ actor, request, store }) {
      // Every public page asks who is there: a visitor is an answer, not an error (a 401 here put
      // an error in the console of every page the public opens). A bad bearer token is still 401.
      if (actor.role === 'public') return { user: null };
      const identity = identityOf(request);
      const found = await userById(store.db, actor.userId);
      const user = found && { id: found.id, username: found.username, displayName: found.displayName, role: found.role, ...(found.unitId && { unitId: found.unitId }) };
      return { user, csrfToken: identity.csrfToken };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    tag: 'session',
    summary: 'Đăng xuất / log out',
    response: okResponse,
    async handler({ store, request, reply }) {
      const identity = identityOf(request);
      if (identity.token) await logout(store.db, identity.token);
      clearSessionCookie(reply);
      return { ok: true };
    },
  }),
];
