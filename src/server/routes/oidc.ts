/**
 * Sign-in with the province's OpenID Connect provider (server/oidc.ts for the protocol,
 * store/oidcLogins.ts for the account): `start` sends the browser to the provider with a state
 * kept server-side and bound to this browser by a short-lived cookie; `callback` takes the state
 * once, has the answer verified, and opens the linked account — or its second-factor step, the
 * same as after a password. A browser is sent on (to the screen it came from — `next`, checked by
 * core/returnPath.ts — or to the sign-in page with the reason); another client gets JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issue, ParError } from '../../core/index.ts';
import { auditOidcFailure, saveOidcStart, signInWithIdentity, stateRefused, takeOidcStart } from '../../store/index.ts';
import { passwordResponse } from '../responses.ts';
import { oidcProviderResponse } from '../contract/admin.ts';
import { route, type Services } from '../route.ts';
import { opened } from './session.ts';
import { appReturnPath } from '../../core/returnPath.ts';
import { rememberProviderSignIn } from '../providerSession.ts';
import { secureCookie } from '../auth.ts';
import type { RelyingParty } from '../oidc.ts';

const STATE_COOKIE = 'parindex_oidc';
/** The screen of the app to come back to (`next`), kept beside the state for the provider's round trip. */
const NEXT_COOKIE = 'parindex_oidc_next';
const COOKIE_PATH = '/api/session/oidc';

const off = () =>
  new ParError(
    issue('auth.oidcOff', { vi: 'máy chủ chưa cấu hình đăng nhập bằng OpenID Connect', en: 'OpenID Connect sign-in is not configured on this server' }),
  );

const relyingParty = (services: Services) => {
  if (!services.oidc) throw off();
  return services.oidc;
};

/** The callback as registered at the provider: configured, or this server's own address. */
const redirectUri = (services: Services, request: FastifyRequest) =>
  services.oidc?.settings.redirectUrl ?? `${request.protocol}://${request.host}${COOKIE_PATH}/callback`;

const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

export const oidcRoutes = [
  route({
    method: 'GET',
    url: '/api/session/oidc',
    tag: 'session',
    summary: 'Đăng nhập bằng OpenID Connect có bật không, và tên nhà cung cấp trên nút đăng nhập / whether OpenID Connect sign-in is on, and its name',
    response: oidcProviderResponse,
    handler({ services }) {
      return services.oidc ? { enabled: true, name: services.oidc.settings.name } : { enabled: false };
    },
  }),
  route({
    method: 'GET',
    url: '/api/session/oidc/start',
    tag: 'session',
    summary: 'Bắt đầu đăng nhập bằng OpenID Connect: chuyển trình duyệt tới nhà cung cấp định danh / start an OpenID Connect sign-in (a redirect)',
    // `next`: the app's screen to come back to; anything else is dropped (home, as after a password).
    query: z.object({ next: z.string().optional() }),
    response: z.never(),
    async handler({ services, store, request, reply, query }) {
      const next = appReturnPath(query.next);
      let begun: Awaited<ReturnType<RelyingParty['start']>>;
      try {
        begun = await relyingParty(services).start(redirectUri(services, request));
      } catch (error) {
        // The provider cannot be reached (its discovery failed): a browser is told on the sign-in page.
        if (error instanceof ParError && wantsPage(request)) return sendToLogin(reply, error.issues[0]?.code ?? 'auth.oidcFailed', next);
        throw error;
      }
      const { url, start } = begun;
      await saveOidcStart(store.db, start);
      const cookie = {
        httpOnly: true,
        // Lax: the provider sends the browser back with a top-level GET from its own site.
        sameSite: 'lax',
        path: COOKIE_PATH,
        secure: secureCookie(request, services.secureCookies),
        maxAge: 600,
      } as const;
      reply.setCookie(STATE_COOKIE, start.state, cookie);
      if (next) reply.setCookie(NEXT_COOKIE, next, cookie);
      else reply.clearCookie(NEXT_COOKIE, { path: COOKIE_PATH });
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  }),
  route({
    method: 'GET',
    url: '/api/session/oidc/callback',
    tag: 'session',
    summary:
      'Nhà cung cấp định danh trả trình duyệt về: kiểm tra state (dùng một lần), mã và ID token, mở tài khoản đã liên kết (hoặc bước xác thực hai yếu tố) / the provider sends the browser back',
    query: z.record(z.string(), z.string()),
    response: passwordResponse,
    async handler({ services, store, request, reply, query }) {
      const page = wantsPage(request);
      const next = appReturnPath(request.cookies[NEXT_COOKIE]);
      reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH }).clearCookie(NEXT_COOKIE, { path: COOKIE_PATH }).header('cache-control', 'no-store');
      try {
        const { identity, result } = await services.attemptLogin(request.ip, async () => {
          const rp = relyingParty(services);
          const state = query.state ?? '';
          if (!state || request.cookies[STATE_COOKIE] !== state) throw stateRefused();
          const start = await takeOidcStart(store.db, state);
          const callback = new URL(redirectUri(services, request));
          callback.search = new URL(request.url, 'http://x').search;
          const identity = await rp.finish(callback, start);
          return { identity, result: await signInWithIdentity(store.db, identity, { requireSecondFactor: services.secondFactor.required }) };
        });
        rememberProviderSignIn(reply, request, services, identity.idToken);
        if ('secondFactor' in result) {
          if (!page) return result;
          // In the fragment: the challenge goes to the sign-in screen, never to a server or a log.
          const step = new URLSearchParams({ secondFactor: result.secondFactor, challenge: result.challenge, ...(next && { next }) });
          return reply.redirect(`/#/login?${step}`, 303);
        }
        const answer = await opened(store, services, request, reply, result, false);
        return page ? reply.redirect(`/${next ?? ''}`, 303) : answer;
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        const code = error.issues[0]?.code ?? 'auth.oidcFailed';
        if (code === 'auth.oidcFailed' || code === 'auth.oidcState') await auditOidcFailure(store.db, `${code}: ${error.issues[0]?.message.en ?? ''}`);
        if (page) return sendToLogin(reply, code, next);
        throw error;
      }
    },
  }),
];

/** A browser goes back to the sign-in page, which says why (in both languages), still knowing where the person was going. */
const sendToLogin = (reply: FastifyReply, code: string, next: string | undefined) =>
  reply.redirect(`/#/login?${new URLSearchParams({ oidc: code, ...(next && { next }) })}`, 303);
