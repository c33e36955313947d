/**
 * Who is asking: a session cookie (browser; HTTP-only, SameSite=Strict, with a CSRF token
 * required on every state-changing request) or a bearer token (API clients; no ambient
 * credentials, so no CSRF token). Anyone else is the public. Only logging in (which makes a new
 * session) is exempt from the CSRF token; logging out is a change like any other. Login
 * attempts are rate limited per client address on top of the per-account lock-out.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ParError, issue } from '../core/index.ts';
import { actorOf as actorOfUser, sessionOf, type Store } from '../store/index.ts';
import { ANONYMOUS, type Actor } from '../workflow/policy.ts';

export const SESSION_COOKIE = 'parindex_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Identity {
  actor: Actor;
  token?: string;
  via?: 'cookie' | 'bearer';
  csrfToken?: string;
}

const identities = new WeakMap<FastifyRequest, Identity>();

export function actorOf(request: FastifyRequest): Actor {
  return identities.get(request)?.actor ?? ANONYMOUS;
}

export function identityOf(request: FastifyRequest): Identity {
  return identities.get(request) ?? { actor: ANONYMOUS };
}

export function registerAuth(app: FastifyInstance, store: Store): void {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies?.[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return;
    const session = await sessionOf(store.db, token);
    if (!session) {
      if (bearer) throw new ParError(issue('auth.invalidToken', { vi: 'mã truy cập không hợp lệ hoặc đã hết hạn', en: 'invalid or expired access token' }));
      return; // an old cookie: the request goes on as the public
    }
    const via = bearer ? 'bearer' : 'cookie';
    if (
      via === 'cookie' &&
      UNSAFE.has(request.method) &&
      request.headers[CSRF_HEADER] !== session.csrfToken &&
      !(request.method === 'POST' && request.routeOptions.url === '/api/session')
    ) {
      throw new ParError(
        issue(
          'auth.forbidden.csrf',
          {
            vi: 'thiếu hoặc sai mã chống giả mạo (x-csrf-token): hãy tải lại trang',
            en: 'missing or wrong anti-forgery token (x-csrf-token): reload the page',
          },
          { field: CSRF_HEADER },
        ),
      );
    }
    identities.set(request, { actor: actorOfUser(session.user), token, via, csrfToken: session.csrfToken });
  });
}

/** Routes that need someone logged in (for the public's 401 rather than 403). */
export function requireLogin(actor: Actor): void {
  if (actor.role === 'public') throw new ParError(issue('auth.required', { vi: 'cần đăng nhập', en: 'login required' }));
}

/** How long a session's cookie lives, in seconds. */
export const SESSION_SECONDS = 12 * 3600;

/** A cookie is sent over HTTPS only when the server is told so (behind a TLS proxy) or the request came by HTTPS. */
export const secureCookie = (request: FastifyRequest, secure: boolean): boolean => secure || request.protocol === 'https';

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(request, secure), maxAge: SESSION_SECONDS });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** A sign-in attempt: `work` runs unless the address is held back; a ParError it throws counts against the address. */
export type LoginAttempt = <T>(address: string, work: () => Promise<T>) => Promise<T>;

/**
 * Sign-in attempts per client address: at most `limit` failed ones a minute (a wrong password or
 * code, an unknown or locked account, a refused return from the identity provider). An address
 * over the limit is refused at once, before any password is hashed. A sign-in that succeeds does
 * not count: the officers of a commune office all signing in at 8:00 from one address (NAT) are
 * not held back, while guessing from that address stays bounded. An attempt counts while it runs
 * and is given back when it succeeds, so that a burst sent at once is bounded too.
 */
export function loginLimiter(limit = 20, options: { capacity?: number; now?: () => number } = {}): LoginAttempt {
  const { capacity = 10_000, now: clock = Date.now } = options;
  const windows = new Map<string, { start: number; count: number }>();
  const charge = (address: string) => {
    const now = clock();
    let window = windows.get(address);
    if (window && now - window.start <= 60_000) {
      window.count++;
      return window;
    }
    windows.delete(address);
    // Full: forget the windows that have ended, then the oldest of the addresses not being held
    // back — never every address's count at once (clearing all let an attacker free a limited
    // address by spraying 10,000 others).
    if (windows.size >= capacity) {
      for (const [key, w] of windows) if (now - w.start > 60_000) windows.delete(key);
      for (const pass of ['open', 'any'] as const) {
        for (const [key, w] of windows) {
          if (windows.size < capacity) break;
          if (pass === 'any' || w.count < limit) windows.delete(key);
        }
      }
    }
    window = { start: now, count: 1 };
    windows.set(address, window);
    return window;
  };
  const heldBack = (address: string) => {
    const window = windows.get(address);
    return window !== undefined && clock() - window.start <= 60_000 && window.count >= limit;
  };
  return async (address, work) => {
    if (heldBack(address))
      throw new ParError(
        issue('auth.rateLimited', { vi: 'đăng nhập sai quá nhiều lần: hãy thử lại sau một phút', en: 'too many failed sign-ins: try again in a minute' }),
      );
    const window = charge(address);
    let failed = false;
    try {
      return await work();
    } catch (error) {
      failed = error instanceof ParError;
      throw error;
    } finally {
      // Given back unless refused as a guess would be (a server error is no guess either).
      if (!failed && windows.get(address) === window) window.count--;
    }
  };
}
