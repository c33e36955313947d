/**
 * The relying party of OpenID Connect sign-in, with openid-client (certified, maintained by the
 * author of the provider the tests run): the provider's discovery document read once (again after
 * a failure), authorisation code flow with PKCE (S256), state and nonce; the ID token's signature,
 * issuer, audience, expiry and nonce are checked by openid-client. What this returns is the
 * value of the configured claim; which account it opens is the store's (oidcLogins.ts).
 */
import * as client from 'openid-client';
import { issue, ParError } from '../core/index.ts';
import type { OidcStart } from '../store/index.ts';
import type { OidcSettings } from './oidcConfig.ts';

export interface RelyingParty {
  settings: OidcSettings;
  /** Where to send the browser, with the state to keep. */
  start(redirectUri: string): Promise<{ url: string; start: OidcStart }>;
  /** The identity the provider's answer (the callback's URL) proves, and its ID token; throws `auth.oidcFailed`. */
  finish(callbackUrl: URL, start: OidcStart): Promise<{ issuer: string; subject: string; idToken?: string }>;
  /**
   * Where to send the browser so that the provider signs it out too (RP-initiated logout), then
   * back to `postLogoutUri`; undefined when the provider has no end-session endpoint or cannot be
   * reached (the app's own sign-out never waits on the provider).
   */
  endSession(postLogoutUri: string, idToken?: string): Promise<string | undefined>;
}

export const oidcFailed = (reason: string) =>
  new ParError(
    issue(
      'auth.oidcFailed',
      {
        vi: `không xác minh được kết quả đăng nhập từ nhà cung cấp định danh (${reason}): hãy đăng nhập lại`,
        en: `the identity provider's answer did not verify (${reason}): sign in again`,
      },
      { field: 'code' },
    ),
  );

export function relyingParty(settings: OidcSettings): RelyingParty {
  let configuration: Promise<client.Configuration> | undefined;
  const issuerUrl = new URL(settings.issuer);
  // http:// only for a provider on this machine (tests, a development provider).
  const local = issuerUrl.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuerUrl.hostname);
  const config = () =>
    (configuration ??= client
      .discovery(
        issuerUrl,
        settings.clientId,
        { ...(settings.clockSkew !== undefined && { [client.clockSkew]: settings.clockSkew }) },
        settings.clientSecret === undefined ? client.None() : client.ClientSecretBasic(settings.clientSecret),
        { ...(local && { execute: [client.allowInsecureRequests] }), timeout: 10 },
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw oidcFailed(`discovery: ${(error as Error).message}`);
      }));
  return {
    settings,
    async start(redirectUri) {
      const found = await config();
      const start = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(found, {
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: start.state,
        nonce: start.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(start.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, start };
    },
    async finish(callbackUrl, start) {
      const found = await config();
      let claims: Record<string, unknown> | undefined;
      let idToken: string | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(found, callbackUrl, {
          pkceCodeVerifier: start.codeVerifier,
          expectedState: start.state,
          expectedNonce: start.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        idToken = tokens.id_token;
      } catch (error) {
        throw oidcFailed(reasonOf(error));
      }
      const value = claims?.[settings.claim];
      if (typeof value !== 'string' && typeof value !== 'number')
        throw oidcFailed(`the ID token has no ${settings.claim} claim / không có trường ${settings.claim}`);
      // The issuer as configured: what the administrator's links name (discovery checked it is the provider's).
      return { issuer: settings.issuer, subject: String(value), ...(idToken && { idToken }) };
    },
    async endSession(postLogoutUri, idToken) {
      const found = await config().catch(() => undefined);
      if (!found?.serverMetadata().end_session_endpoint) return undefined;
      return client.buildEndSessionUrl(found, { post_logout_redirect_uri: postLogoutUri, ...(idToken && { id_token_hint: idToken }) }).href;
    },
  };
}

/** What openid-client said, with the causes it wraps and the claim they name (for the audit trail). */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, claim } = e as { message?: unknown; claim?: unknown };
    if (typeof message === 'string') parts.push(message);
    if (typeof claim === 'string') parts.push(`claim "${claim}"`);
  }
  return parts.join(': ') || String(error);
}
