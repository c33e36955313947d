/**
 * Signing out at the province's identity provider too (OpenID Connect RP-initiated logout): a
 * browser that signed in through the provider keeps the ID token it came with in an HTTP-only
 * cookie read only by the sign-out; `DELETE /api/session` then answers where to send the browser
 * so that the provider ends its own session (a shared computer in a commune office is not left
 * signed in at the provider), and back to the app.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from './route.ts';
import { SESSION_SECONDS, secureCookie } from './auth.ts';

const ID_COOKIE = 'parindex_oidc_id';
const PATH = '/api/session';
/** Browsers keep cookies up to about 4 KB: a longer token is not kept, the provider is asked without the hint. */
const LONGEST = 3500;
const WITHOUT_HINT = '-';

export function rememberProviderSignIn(reply: FastifyReply, request: FastifyRequest, services: Services, idToken: string | undefined): void {
  const value = idToken && idToken.length <= LONGEST ? idToken : WITHOUT_HINT;
  reply.setCookie(ID_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: PATH,
    secure: secureCookie(request, services.secureCookies),
    maxAge: SESSION_SECONDS,
  });
}

/** Where the browser goes next to be signed out at the provider too, if it signed in there (the cookie is cleared either way). */
export async function providerLogout(reply: FastifyReply, request: FastifyRequest, services: Services): Promise<string | undefined> {
  const kept = request.cookies[ID_COOKIE];
  if (!kept) return undefined;
  reply.clearCookie(ID_COOKIE, { path: PATH });
  if (!services.oidc) return undefined;
  const back = services.oidc.settings.postLogoutUrl ?? `${request.protocol}://${request.host}/`;
  return services.oidc.endSession(back, kept === WITHOUT_HINT ? undefined : kept);
}
