/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package, in-process on a random
 * port), with this server as a confidential client and another client beside it. Whoever the test
 * names in `account` is logged in at the provider's interaction (no form); `behind` sets the
 * provider's clock back while it answers at the token endpoint (its ID tokens are then already
 * expired), and `substitute` replaces the ID token it sends (a token issued to another client).
 * Also: a cookie jar that follows redirects as a browser would.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'parindex';
export const CLIENT_SECRET = 'bi-mat-cua-parindex-thu';
const OTHER = { id: 'other-app', secret: 'bi-mat-ung-dung-khac', redirect: 'http://127.0.0.1:9/callback' };

export interface TestProvider {
  issuer: string;
  /** Who logs in at the next interaction (the value of `sub`). */
  account: string;
  /** Seconds the provider's clock is set back while it issues tokens (0: none). */
  behind: number;
  /** An ID token to send instead of the one issued (then cleared). */
  substitute?: string;
  /** How many times someone logged in at the provider's interaction (a provider session skips it). */
  interactions: number;
  /** Registers this server's callback (and its root as the address after a sign-out); call once, before the first sign-in. */
  register(redirectUri: string): void;
  /** Follows an end-session address with the browser's `jar` and confirms the sign-out, as a person would: the address the provider sends it back to. */
  signOut(jar: CookieJar, endSessionUrl: string): Promise<string>;
  /** An ID token the provider issued to the other client, for `account`. */
  idTokenForOtherClient(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const http = createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(http.address() as AddressInfo).port}`;
  const test: TestProvider = {
    issuer,
    account: 'nobody',
    behind: 0,
    interactions: 0,
    register(redirectUri) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT_ID,
            client_secret: CLIENT_SECRET,
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [new URL('/', redirectUri).href],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
          { client_id: OTHER.id, client_secret: OTHER.secret, redirect_uris: [OTHER.redirect], grant_types: ['authorization_code'], response_types: ['code'] },
        ],
        async findAccount(_ctx, id) {
          return { accountId: id, claims: async () => ({ sub: id, email: `${id}@tinh-thu.example`, preferred_username: id }) };
        },
        claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username'] },
        conformIdTokenClaims: false,
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        cookies: { keys: ['cle-de-test-du-fournisseur'] },
        ttl: { IdToken: 600, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
      });
      provider.use(async (ctx, next) => {
        const interaction = /^\/interaction\/[^/]+$/.test(ctx.path);
        if (interaction) {
          // The person signs in at once, as `account`, and consents to what was asked.
          test.interactions++;
          const details = await provider.interactionDetails(ctx.req, ctx.res);
          const grant = new provider.Grant({ accountId: test.account, clientId: String(details.params.client_id) });
          grant.addOIDCScope(String(details.params.scope));
          const grantId = await grant.save();
          const to = await provider.interactionResult(
            ctx.req,
            ctx.res,
            { login: { accountId: test.account }, consent: { grantId } },
            { mergeWithLastSubmission: false },
          );
          ctx.redirect(to);
          return;
        }
        const token = ctx.path === '/token';
        const realNow = Date.now;
        if (token && test.behind) Date.now = () => realNow() - test.behind * 1000;
        try {
          await next();
        } finally {
          Date.now = realNow;
        }
        if (token && test.substitute && ctx.body && typeof ctx.body === 'object') {
          (ctx.body as { id_token?: string }).id_token = test.substitute;
          test.substitute = undefined;
        }
      });
      handler = provider.callback();
    },
    async signOut(jar, endSessionUrl) {
      // The provider asks "sign out?" on a page with a form (and a token against forged posts).
      const page = await fetch(endSessionUrl, { headers: { cookie: jar.header(endSessionUrl), accept: 'text/html' } });
      jar.keep(endSessionUrl, page.headers);
      const html = await page.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
      if (!action || !xsrf) throw new Error(`no sign-out form at ${endSessionUrl}: ${html.slice(0, 300)}`);
      const confirm = new URL(action, endSessionUrl).href;
      const done = await fetch(confirm, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: jar.header(confirm), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }),
      });
      jar.keep(confirm, done.headers);
      await done.arrayBuffer();
      const back = done.headers.get('location');
      if (!back) throw new Error(`the provider did not send the browser back after signing out (${done.status})`);
      return jar.browse(new URL(back, confirm).href, (to) => !to.startsWith(issuer));
    },
    async idTokenForOtherClient() {
      const verifier = randomBytes(32).toString('base64url');
      const start = new URL('/auth', issuer);
      start.search = new URLSearchParams({
        client_id: OTHER.id,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: OTHER.redirect,
        nonce: randomBytes(8).toString('hex'),
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      const jar = new CookieJar();
      const back = await jar.browse(start.href, (url) => url.startsWith(OTHER.redirect));
      const code = new URL(back).searchParams.get('code');
      const response = await fetch(new URL('/token', issuer), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${OTHER.id}:${OTHER.secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: code ?? '', redirect_uri: OTHER.redirect, code_verifier: verifier }),
      });
      const body = (await response.json()) as { id_token?: string };
      if (!body.id_token) throw new Error(`no ID token for ${OTHER.id}: ${JSON.stringify(body)}`);
      return body.id_token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
  return test;
}

/** Cookies per host name (ports ignored, as browsers do), sent back on the requests that follow. */
export class CookieJar {
  readonly hosts = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.hosts.get(new URL(url).hostname) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    return this.hosts.get(new URL(url).hostname)?.get(name);
  }

  keep(url: string, headers: Headers): void {
    const host = new URL(url).hostname;
    const cookies = this.hosts.get(host) ?? new Map<string, string>();
    this.hosts.set(host, cookies);
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (gone) cookies.delete(name);
      else cookies.set(name, pair.slice(at + 1).trim());
    }
  }

  /** GETs `url` and follows redirects (as a browser asking for a page) until `stop(next)` or an answer that is not a redirect; returns that last address. */
  async browse(url: string, stop: (next: string) => boolean = () => false): Promise<string> {
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(current, { redirect: 'manual', headers: { cookie: this.header(current), accept: 'text/html' } });
      this.keep(current, response.headers);
      await response.arrayBuffer();
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return current;
      current = new URL(location, current).href;
      if (stop(current)) return current;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
