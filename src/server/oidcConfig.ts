/** OpenID Connect sign-in settings from the environment (README, "Sign-in with OpenID Connect"). */
import { issue, ParError } from '../core/index.ts';

export interface OidcSettings {
  /** PARINDEX_OIDC_ISSUER: the provider's issuer URL (its discovery document is read from it). */
  issuer: string;
  /** PARINDEX_OIDC_CLIENT_ID / PARINDEX_OIDC_CLIENT_SECRET: this server as the provider registered it. */
  clientId: string;
  clientSecret?: string;
  /** PARINDEX_OIDC_SCOPES: space separated (default `openid`; `openid` is always asked). */
  scopes: string;
  /** PARINDEX_OIDC_CLAIM: the ID token claim that names the person, as administrators link it (default `sub`). */
  claim: string;
  /** PARINDEX_OIDC_REDIRECT_URL: the callback as registered (default: PARINDEX_PUBLIC_URL or the request's host + /api/session/oidc/callback). */
  redirectUrl?: string;
  /** PARINDEX_OIDC_POST_LOGOUT_URL: where the provider sends the browser after signing it out (default: PARINDEX_PUBLIC_URL or the request's host + /). */
  postLogoutUrl?: string;
  /** PARINDEX_OIDC_NAME: the provider's name on the sign-in button. */
  name: string;
  /** Seconds this server's clock is ahead of the provider's (openid-client's clockSkew; tests). */
  clockSkew?: number;
}

const missing = (name: string) =>
  new ParError(
    issue(
      'config.oidc',
      { vi: `đã đặt PARINDEX_OIDC_ISSUER thì phải đặt cả ${name}`, en: `PARINDEX_OIDC_ISSUER is set: ${name} is needed too` },
      { field: name },
    ),
  );

/** The settings, or undefined when PARINDEX_OIDC_ISSUER is not set (sign-in by password only). */
export function oidcFrom(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.PARINDEX_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  if (!URL.canParse(issuer))
    throw new ParError(
      issue(
        'config.oidc',
        { vi: `PARINDEX_OIDC_ISSUER phải là một địa chỉ URL, không phải "${issuer}"`, en: `PARINDEX_OIDC_ISSUER must be a URL, not "${issuer}"` },
        { field: 'PARINDEX_OIDC_ISSUER' },
      ),
    );
  const clientId = env.PARINDEX_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw missing('PARINDEX_OIDC_CLIENT_ID');
  const scopes = new Set(['openid', ...(env.PARINDEX_OIDC_SCOPES ?? '').split(/[\s,]+/).filter(Boolean)]);
  const redirect = env.PARINDEX_OIDC_REDIRECT_URL?.trim() || (env.PARINDEX_PUBLIC_URL && new URL('/api/session/oidc/callback', env.PARINDEX_PUBLIC_URL).href);
  const postLogout = env.PARINDEX_OIDC_POST_LOGOUT_URL?.trim() || (env.PARINDEX_PUBLIC_URL && new URL('/', env.PARINDEX_PUBLIC_URL).href);
  return {
    issuer,
    clientId,
    ...(env.PARINDEX_OIDC_CLIENT_SECRET && { clientSecret: env.PARINDEX_OIDC_CLIENT_SECRET }),
    scopes: [...scopes].join(' '),
    claim: env.PARINDEX_OIDC_CLAIM?.trim() || 'sub',
    ...(redirect && { redirectUrl: redirect }),
    ...(postLogout && { postLogoutUrl: postLogout }),
    name: env.PARINDEX_OIDC_NAME?.trim() || 'OpenID Connect',
  };
}
