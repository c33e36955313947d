/**
 * OpenID Connect sign-in against a real provider (oidc-provider, started here) on both engines:
 * a linked unit officer signs in end to end over HTTP; an unlinked identity, a disabled account,
 * an ID token issued to another client (wrong audience), an expired ID token and a replayed state
 * are refused; an administrator whose role requires a second factor goes through it after the
 * provider; local passwords still work. Every outcome is in the audit trail, which verifies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { closeAll, testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';
import { CLIENT_ID, CLIENT_SECRET, CookieJar, startTestProvider, type TestProvider } from './testOidcProvider.ts';

/** The query of the web app's screen (hash routing: `/#/login?oidc=…`). */
const screen = (end: URL) => new URLSearchParams(end.hash.split('?')[1] ?? '');

for (const engine of testEngines()) {
  describe(`OpenID Connect sign-in on ${engine.name}`, () => {
    let provider: TestProvider;
    let server: TestServer;
    let admin: Record<string, string>;
    let adminSecret: string;
    const users = new Map<string, string>();
    before(async () => {
      provider = await startTestProvider();
      server = await startTestServer(engine, {
        // Every case signs in from this one address: more than a minute's default allowance.
        loginLimit: 100,
        secondFactor: { required: ['admin'], issuer: 'Thử' },
        oidc: {
          issuer: provider.issuer,
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          scopes: 'openid email',
          claim: 'sub',
          name: 'Cổng định danh tỉnh Thử',
        },
      });
      provider.register(`${server.url}/api/session/oidc/callback`);
      // The administrator signs in with the local password (and sets up the required second factor).
      const first = await server.request('POST', '/api/session', { username: 'admin', password: 'mat-khau-thu-2026' });
      const setup = await server.request('POST', '/api/session/second-factor/setup', { challenge: first.body.challenge });
      adminSecret = setup.body.secret;
      const code = new TOTP({ secret: Secret.fromBase32(adminSecret) }).generate();
      const done = await server.request('POST', '/api/session/second-factor', { challenge: first.body.challenge, code });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      admin = {
        cookie: done.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
        'x-csrf-token': done.body.csrfToken,
      };
      for (const u of (await server.request('GET', '/api/users', undefined, admin)).body) users.set(u.username, u.id);
    });
    after(async () => {
      // Whatever the set-up started, even when it failed half-way (a provider left open keeps the file's process alive).
      await closeAll([() => server?.close(), () => provider?.close()]);
    });

    const link = (username: string, subject: string) => server.request('POST', `/api/users/${users.get(username)}/identities`, { subject }, admin);
    /** Signs in at the provider as `account`, as a browser: where the app sends it in the end, and its cookies. */
    const signIn = async (account: string, next?: string, jar = new CookieJar()) => {
      provider.account = account;
      const start = `${server.url}/api/session/oidc/start${next === undefined ? '' : `?${new URLSearchParams({ next })}`}`;
      const end = await jar.browse(start, (to) => !to.startsWith(provider.issuer) && !to.includes('/api/'));
      return { end: new URL(end), jar };
    };
    const reasons = async () =>
      ((await server.request('GET', '/api/audit', undefined, admin)).body as { action: string; after?: { reason?: string } }[])
        .filter((e) => e.action === 'auth.oidcFailed')
        .map((e) => e.after?.reason ?? '');

    test('the sign-in page learns the provider; only an administrator links identities, audited', async () => {
      assert.deepEqual((await server.request('GET', '/api/session/oidc')).body, { enabled: true, name: 'Cổng định danh tỉnh Thử' });
      const officer = await server.login('tamduong');
      const self = await server.request('POST', `/api/users/${users.get('tamduong')}/identities`, { subject: 'can-bo-tam-duong' }, officer);
      assert.equal(self.status, 403, 'a unit officer cannot link an identity, not even to themselves');
      const linked = await link('tamduong', 'can-bo-tam-duong');
      assert.equal(linked.status, 201, JSON.stringify(linked.body));
      assert.equal(linked.body.issuer, provider.issuer);
      assert.equal((await link('thanuyen', 'can-bo-tam-duong')).body.error.issues[0].code, 'identity.duplicate');
      const list = await server.request('GET', `/api/users/${users.get('tamduong')}/identities`, undefined, admin);
      assert.deepEqual(
        list.body.map((l: { subject: string }) => l.subject),
        ['can-bo-tam-duong'],
      );
    });

    test('a linked unit officer signs in end to end through the provider', async () => {
      const { end, jar } = await signIn('can-bo-tam-duong');
      assert.equal(end.origin + end.pathname, `${server.url}/`, `sent to the app, not ${end.href}`);
      const cookie = jar.header(server.url);
      assert.match(cookie, /parindex_session=/);
      assert.doesNotMatch(cookie, /parindex_oidc=/, 'the state cookie is cleared');
      const session = await server.request('GET', '/api/session', undefined, { cookie });
      assert.equal(session.body.user.username, 'tamduong');
      assert.equal(session.body.user.role, 'unitEditor');
    });

    test('the person comes back to the screen they were going to, and only to a screen of the app', async () => {
      const { end, jar } = await signIn('can-bo-tam-duong', '#/plan/tam-duong?year=2025');
      assert.equal(end.origin + end.pathname, `${server.url}/`);
      assert.equal(end.hash, '#/plan/tam-duong?year=2025');
      assert.doesNotMatch(jar.header(`${server.url}/api/session/oidc/callback`), /parindex_oidc_next=/, 'the return cookie is cleared');
      // Another site is never a way back (the rule itself: core/returnPath.test.ts).
      assert.equal((await signIn('can-bo-tam-duong', 'https://evil.example/')).end.href, `${server.url}/`);
      // A refusal keeps it, for the next try from the sign-in page.
      assert.equal(screen((await signIn('nguoi-la', '#/assess/2025/tam-duong')).end).get('next'), '#/assess/2025/tam-duong');
    });

    test('signing out after a sign-in through the provider signs out at the provider too', async () => {
      const { jar } = await signIn('can-bo-tam-duong');
      const asked = provider.interactions;
      await signIn('can-bo-tam-duong', undefined, jar);
      assert.equal(provider.interactions, asked, 'signed in at the provider, a second sign-in asks nobody');
      const cookie = jar.header(`${server.url}/api/session`);
      const csrf = (await server.request('GET', '/api/session', undefined, { cookie })).body.csrfToken;
      const out = await server.request('DELETE', '/api/session', undefined, { cookie, 'x-csrf-token': csrf });
      assert.equal(out.status, 200, JSON.stringify(out.body));
      const end = new URL(out.body.providerLogout);
      assert.equal(end.origin, provider.issuer);
      assert.equal(end.searchParams.get('post_logout_redirect_uri'), `${server.url}/`);
      assert.ok(end.searchParams.get('id_token_hint'), 'the ID token names the session to end');
      jar.keep(`${server.url}/api/session`, out.headers);
      assert.doesNotMatch(jar.header(`${server.url}/api/session`), /parindex_oidc_id=/, 'the kept ID token is cleared');
      assert.equal(await provider.signOut(jar, end.href), `${server.url}/`, 'back to the app');
      await signIn('can-bo-tam-duong', undefined, jar);
      assert.equal(provider.interactions, asked + 1, 'signed out at the provider: the next sign-in logs in there again');
      // A password sign-in's sign-out stays in the app.
      const local = await server.login('thanuyen');
      assert.equal((await server.request('DELETE', '/api/session', undefined, local)).body.providerLogout, undefined);
    });

    test('an unlinked identity is refused in both languages and gets no account', async () => {
      const before = (await server.request('GET', '/api/users', undefined, admin)).body.length;
      const { end, jar } = await signIn('nguoi-la');
      assert.match(end.hash, /^#\/login\?/);
      assert.equal(screen(end).get('oidc'), 'auth.oidcUnlinked');
      assert.doesNotMatch(jar.header(server.url), /parindex_session=/);
      assert.equal((await server.request('GET', '/api/users', undefined, admin)).body.length, before, 'no user created');
      // An API client (not a browser) gets the reason as JSON.
      provider.account = 'nguoi-la';
      const api = new CookieJar();
      const callback = await api.browse(`${server.url}/api/session/oidc/start`, (next) => next.includes('/api/session/oidc/callback'));
      const refused = await fetch(callback, { headers: { cookie: api.header(callback) } });
      const body = (await refused.json()) as { error: { issues: { code: string; message: { vi: string; en: string } }[] } };
      assert.equal(refused.status, 401, JSON.stringify(body));
      assert.equal(body.error.issues[0]!.code, 'auth.oidcUnlinked');
      assert.match(body.error.issues[0]!.message.vi, /chưa được liên kết/);
      assert.match(body.error.issues[0]!.message.en, /not linked/);
    });

    test('a disabled account is refused', async () => {
      await link('thanuyen', 'can-bo-than-uyen');
      const disabled = await server.request('PUT', `/api/users/${users.get('thanuyen')}`, { disabled: true }, admin);
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      const { end } = await signIn('can-bo-than-uyen');
      assert.equal(screen(end).get('oidc'), 'auth.oidcDisabled');
    });

    test('an ID token issued to another client (wrong audience) is refused', async () => {
      provider.account = 'can-bo-tam-duong';
      provider.substitute = await provider.idTokenForOtherClient();
      const { end, jar } = await signIn('can-bo-tam-duong');
      assert.equal(screen(end).get('oidc'), 'auth.oidcFailed');
      assert.doesNotMatch(jar.header(server.url), /parindex_session=/);
      assert.match((await reasons()).at(-1)!, /"aud"/);
    });

    test('an expired ID token is refused', async () => {
      provider.behind = 3600; // the provider's clock an hour behind: its ten-minute tokens are expired on arrival
      try {
        const { end, jar } = await signIn('can-bo-tam-duong');
        assert.equal(screen(end).get('oidc'), 'auth.oidcFailed');
        assert.doesNotMatch(jar.header(server.url), /parindex_session=/);
      } finally {
        provider.behind = 0;
      }
      assert.match((await reasons()).at(-1)!, /"exp"/);
    });

    test('a replayed state is refused, even with its cookie', async () => {
      provider.account = 'can-bo-tam-duong';
      const jar = new CookieJar();
      const callback = await jar.browse(`${server.url}/api/session/oidc/start`, (next) => next.includes('/api/session/oidc/callback'));
      const cookie = jar.header(callback);
      const first = await fetch(callback, { headers: { cookie } });
      assert.equal(first.status, 200);
      assert.equal(((await first.json()) as { user: { username: string } }).user.username, 'tamduong');
      const replay = await fetch(callback, { headers: { cookie } });
      assert.equal(replay.status, 401);
      assert.equal(((await replay.json()) as { error: { issues: { code: string }[] } }).error.issues[0]!.code, 'auth.oidcState');
      // …and a state this browser did not start (no cookie) is refused before it is looked at.
      const other = await fetch(callback);
      assert.equal(other.status, 401);
    });

    test('an administrator signing in through the provider still needs the second factor', async () => {
      await link('admin', 'chanh-van-phong');
      const { end, jar } = await signIn('chanh-van-phong', '#/admin');
      assert.match(end.hash, /^#\/login\?/);
      const step = screen(end);
      assert.equal(step.get('secondFactor'), 'verify');
      assert.equal(step.get('next'), '#/admin', 'the sign-in screen goes on to it after the code');
      assert.doesNotMatch(jar.header(server.url), /parindex_session=/, 'no session before the code');
      const wrong = await server.request('POST', '/api/session/second-factor', { challenge: step.get('challenge'), code: '000000' });
      assert.equal(wrong.status, 401);
      const code = new TOTP({ secret: Secret.fromBase32(adminSecret) }).generate({ timestamp: Date.now() + 30_000 });
      const done = await server.request('POST', '/api/session/second-factor', { challenge: step.get('challenge'), code });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.user.username, 'admin');
    });

    test('every sign-in is audited and the trail verifies', async () => {
      const trail = (await server.request('GET', '/api/audit', undefined, admin)).body as { action: string; after?: { reason?: string } }[];
      for (const action of ['user.linkIdentity', 'auth.oidc', 'auth.oidcRefused', 'auth.oidcFailed'])
        assert.ok(
          trail.some((e) => e.action === action),
          action,
        );
      assert.equal((await server.request('GET', '/api/audit/verify', undefined, admin)).body.valid, true);
      const gone = await server.request(
        'DELETE',
        `/api/users/${users.get('tamduong')}/identities/${(await server.request('GET', `/api/users/${users.get('tamduong')}/identities`, undefined, admin)).body[0].id}`,
        undefined,
        admin,
      );
      assert.equal(gone.status, 200);
      assert.equal(screen((await signIn('can-bo-tam-duong')).end).get('oidc'), 'auth.oidcUnlinked', 'unlinked, the identity opens nothing');
    });
  });
}

describe('OpenID Connect with its provider out of reach', () => {
  test('a browser is sent back to the sign-in page with the reason; an API client gets 401', async () => {
    const server = await startTestServer(testEngines()[0]!, {
      demo: false,
      oidc: { issuer: 'http://127.0.0.1:9', clientId: CLIENT_ID, scopes: 'openid', claim: 'sub', name: 'Cổng' },
    });
    try {
      const page = await fetch(`${server.url}/api/session/oidc/start`, { redirect: 'manual', headers: { accept: 'text/html' } });
      assert.equal(page.status, 303);
      assert.equal(screen(new URL(page.headers.get('location')!, server.url)).get('oidc'), 'auth.oidcFailed');
      const api = await server.request('GET', '/api/session/oidc/start');
      assert.equal(api.status, 401);
      assert.equal(api.body.error.issues[0].code, 'auth.oidcFailed');
    } finally {
      await server.close();
    }
  });
});
