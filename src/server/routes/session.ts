import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { bilingual } from '../../core/validation.ts';
import { completeLogin, enrollment, login, logout, startEnrollment, userById, type Session, type Store } from '../../store/index.ts';
import { clearSessionCookie, identityOf, requireLogin, setSessionCookie } from '../auth.ts';
import { route, type Services } from '../route.ts';
import { logoutResponse, passwordResponse, secondFactorResponse, secondFactorSetupResponse, sessionResponse } from '../responses.ts';
import { requiredText } from './schemas.ts';
import { providerLogout } from '../providerSession.ts';

export const sessionRoutes = [
  route({
    method: 'POST',
    url: '/api/session',
    tag: 'session',
    summary: 'Đăng nhập: đặt cookie phiên (HTTP-only) và trả mã chống giả mạo; token=true trả mã truy cập cho ứng dụng / log in',
    body: z
      .object({
        username: requiredText(64, 'tên đăng nhập', 'the user name'),
        password: z
          .string({ error: bilingual({ vi: 'phải ghi mật khẩu', en: 'the password is missing' }) })
          .min(1, { error: bilingual({ vi: 'phải ghi mật khẩu', en: 'the password is missing' }) })
          .max(200, { error: bilingual({ vi: 'mật khẩu dài quá 200 ký tự', en: 'the password is longer than 200 characters' }) }),
        token: z.boolean().optional(),
      })
      .strict(),
    // The password alone, where a second factor is needed: a challenge instead of a session.
    response: passwordResponse,
    async handler({ store, services, body, request, reply }) {
      const result = await services.attemptLogin(request.ip, () =>
        login(store.db, body.username, body.password, { requireSecondFactor: services.secondFactor.required, bearer: body.token ?? false }),
      );
      // The password is right but a second factor is needed (or must be set up): no session yet.
      if ('secondFactor' in result) return result;
      return opened(store, services, request, reply, result, body.token ?? false);
    },
  }),
  route({
    method: 'POST',
    url: '/api/session/second-factor/setup',
    tag: 'session',
    summary:
      'Thiết lập xác thực hai yếu tố: khóa bí mật, địa chỉ otpauth:// và mã QR (SVG) cho ứng dụng xác thực / set up the second factor: secret, otpauth URI and QR code',
    body: z.object({ challenge: requiredText(200, 'mã phiên đăng nhập', 'the sign-in challenge') }).strict(),
    response: secondFactorSetupResponse,
    async handler({ store, services, body }) {
      const { secret, uri } = await enrollment(store.db, body.challenge, services.secondFactor.issuer);
      return { secret, uri, qr: await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/session/second-factor',
    tag: 'session',
    summary:
      'Bước hai của đăng nhập: mã 6 chữ số của ứng dụng xác thực, hoặc một mã khôi phục / the second step of a login: an authenticator code or a recovery code',
    body: z.object({ challenge: requiredText(200, 'mã phiên đăng nhập', 'the sign-in challenge'), code: requiredText(40, 'mã xác thực', 'the code') }).strict(),
    response: secondFactorResponse,
    async handler({ store, services, body, request, reply }) {
      const result = await services.attemptLogin(request.ip, () => completeLogin(store.db, body.challenge, body.code, services.secondFactor.issuer));
      const answer = await opened(store, services, request, reply, result.session, result.bearer);
      return { ...answer, ...(result.recoveryCodes && { recoveryCodes: result.recoveryCodes }) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/session/second-factor/start',
    tag: 'session',
    summary: 'Người đang đăng nhập tự bật xác thực hai yếu tố: nhận mã phiên để thiết lập / turn the second factor on for yourself',
    response: z.object({ secondFactor: z.literal('enroll'), challenge: z.string() }),
    async handler({ store, actor }) {
      requireLogin(actor);
      return { secondFactor: 'enroll' as const, challenge: await startEnrollment(store.db, actor.userId) };
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
      const user = found && {
        id: found.id,
        username: found.username,
        displayName: found.displayName,
        role: found.role,
        ...(found.unitId && { unitId: found.unitId }),
      };
      return { user, csrfToken: identity.csrfToken };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    tag: 'session',
    summary:
      'Đăng xuất; sau khi đăng nhập qua nhà cung cấp định danh, trả địa chỉ để đăng xuất cả ở đó / log out (and where to sign out at the identity provider)',
    response: logoutResponse,
    async handler({ store, services, request, reply }) {
      const identity = identityOf(request);
      if (identity.token) await logout(store.db, identity.token);
      clearSessionCookie(reply);
      const providerUrl = await providerLogout(reply, request, services);
      return { ok: true as const, ...(providerUrl && { providerLogout: providerUrl }) };
    },
  }),
];

/** A login that has proved itself: a new session (the one the browser came with, if any, ends: no fixation), as a cookie or a bearer token. */
export async function opened(store: Store, services: Services, request: FastifyRequest, reply: FastifyReply, session: Session, bearer: boolean) {
  const previous = identityOf(request);
  if (previous.token && previous.via === 'cookie') await logout(store.db, previous.token);
  if (bearer) return { user: session.user, csrfToken: session.csrfToken, token: session.token };
  setSessionCookie(reply, request, session.token, services.secureCookies);
  return { user: session.user, csrfToken: session.csrfToken };
}
