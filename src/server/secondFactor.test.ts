/**
 * The second factor over HTTP on both engines: the province requires it for administrators and
 * appraisers; an administrator without one sets it up at sign-in (secret, otpauth URI, QR code,
 * a first code, recovery codes once), later sign-ins need a fresh code (a used one is refused),
 * a recovery code opens one login, wrong codes end the challenge, the bearer-token path is held
 * to the same, and a role it is not required for signs in as before. The trail verifies at the end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { testEngines } from '../store/testing.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

const codeAt = (secret: string, timestamp = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

for (const engine of testEngines()) {
  describe(`second factor on ${engine.name}`, () => {
    let server: TestServer;
    let secret: string;
    let recovery: string[];
    /** The administrator's session of the second test (one address may try 20 logins a minute). */
    let adminCookie: string;
    before(async () => {
      server = await startTestServer(engine, { secondFactor: { required: ['admin', 'appraiser'], issuer: 'Sở Nội vụ tỉnh Thử' } });
    });
    after(() => server.close());
    const password = (username: string, token = false) =>
      server.request('POST', '/api/session', { username, password: TEST_PASSWORD, ...(token && { token: true }) });

    test('an administrator without a second factor sets one up at sign-in; no session before the code', async () => {
      const first = await password('admin');
      assert.equal(first.status, 200);
      assert.equal(first.body.secondFactor, 'enroll');
      assert.equal(first.headers.getSetCookie().length, 0, 'no session cookie after the password alone');
      assert.equal(first.body.user, undefined);
      const setup = await server.request('POST', '/api/session/second-factor/setup', { challenge: first.body.challenge });
      assert.equal(setup.status, 200, JSON.stringify(setup.body));
      secret = setup.body.secret;
      assert.match(setup.body.uri, /^otpauth:\/\/totp\/S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5%20t%E1%BB%89nh%20Th%E1%BB%AD:admin\?/);
      assert.match(setup.body.qr, /^<svg/);
      const wrong = await server.request('POST', '/api/session/second-factor', { challenge: first.body.challenge, code: '000000' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.issues[0].field, 'code');
      assert.match(wrong.body.error.issues[0].message.vi, /mã xác thực không đúng hoặc đã dùng \(còn 4 lần thử\)/);
      const done = await server.request('POST', '/api/session/second-factor', { challenge: first.body.challenge, code: codeAt(secret) });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.user.username, 'admin');
      recovery = done.body.recoveryCodes;
      assert.equal(recovery.length, 10);
      const cookie = done.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      assert.equal((await server.request('GET', '/api/users', undefined, { cookie })).status, 200);
    });

    test('later sign-ins need a fresh code: the one just used is refused, the next one accepted', async () => {
      const used = codeAt(secret);
      const login = await password('admin');
      assert.equal(login.body.secondFactor, 'verify');
      const replayed = await server.request('POST', '/api/session/second-factor', { challenge: login.body.challenge, code: used });
      assert.equal(replayed.status, 401, 'a code is accepted once');
      const next = await server.request('POST', '/api/session/second-factor', { challenge: login.body.challenge, code: codeAt(secret, Date.now() + 30_000) });
      assert.equal(next.status, 200, JSON.stringify(next.body));
      assert.equal(next.body.recoveryCodes, undefined, 'recovery codes are shown once only');
      adminCookie = next.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    });

    test('a recovery code opens one login; five wrong codes end the challenge', async () => {
      const login = await password('admin');
      const withRecovery = await server.request('POST', '/api/session/second-factor', { challenge: login.body.challenge, code: recovery[0] });
      assert.equal(withRecovery.status, 200);
      const reuse = await password('admin');
      assert.equal((await server.request('POST', '/api/session/second-factor', { challenge: reuse.body.challenge, code: recovery[0] })).status, 401);
      for (let i = 0; i < 4; i++) await server.request('POST', '/api/session/second-factor', { challenge: reuse.body.challenge, code: '123456' });
      const late = await server.request('POST', '/api/session/second-factor', { challenge: reuse.body.challenge, code: codeAt(secret, Date.now() + 60_000) });
      assert.equal(late.status, 401);
      assert.equal(late.body.error.issues[0].code, 'auth.challengeExpired');
    });

    test('the API-token path needs the second factor too; a role it is not required for signs in as before', async () => {
      const api = await password('appraiser', true);
      assert.equal(api.body.secondFactor, 'enroll');
      assert.equal(api.body.token, undefined);
      const setup = await server.request('POST', '/api/session/second-factor/setup', { challenge: api.body.challenge });
      const done = await server.request('POST', '/api/session/second-factor', { challenge: api.body.challenge, code: codeAt(setup.body.secret) });
      assert.equal(done.status, 200);
      assert.ok(done.body.token, 'a bearer token for the API client');
      assert.equal(done.headers.getSetCookie().length, 0);
      assert.equal((await server.request('GET', '/api/cycles', undefined, { authorization: `Bearer ${done.body.token}` })).status, 200);

      const unit = await password('tamduong');
      assert.equal(unit.status, 200);
      assert.equal(unit.body.user.username, 'tamduong');
      // …who may still turn it on for themselves.
      const cookie = unit.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const start = await server.request('POST', '/api/session/second-factor/start', {}, { cookie, 'x-csrf-token': unit.body.csrfToken });
      assert.equal(start.status, 200, JSON.stringify(start.body));
      assert.equal(start.body.secondFactor, 'enroll');
    });

    test('every step is in the audit trail, which verifies', async () => {
      const cookie = adminCookie;
      const trail = (await server.request('GET', '/api/audit', undefined, { cookie })).body as { action: string }[];
      for (const action of ['auth.password', 'auth.wrongCode', 'auth.secondFactorOn', 'auth.recoveryCode', 'auth.login'])
        assert.ok(
          trail.some((e) => e.action === action),
          action,
        );
      assert.equal((await server.request('GET', '/api/audit/verify', undefined, { cookie })).body.valid, true);
    });
  });
}
