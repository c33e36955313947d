/**
 * TOTP secrets at rest, over HTTP on both engines: the database never holds the plaintext (the
 * set-up's pending secret nor the account's), and secrets stored in plaintext before encryption
 * are sealed by the start-up sweep or on their first use, and still accept their codes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { sealPlainSecrets } from '../store/index.ts';
import { testEngines } from '../store/testing.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

const codeAt = (secret: string, timestamp = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp });

for (const engine of testEngines()) {
  describe(`TOTP secrets at rest on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine, { secondFactor: { required: ['admin', 'appraiser'], issuer: 'Thử' } });
    });
    after(() => server.close());
    const password = (username: string) => server.request('POST', '/api/session', { username, password: TEST_PASSWORD });
    const rowsMention = async (secret: string) => {
      const users = await server.store.db.query('SELECT * FROM users');
      const challenges = await server.store.db.query('SELECT * FROM login_challenges');
      const text = JSON.stringify([users, challenges], (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      return text.includes(secret) || text.includes(secret.toLowerCase());
    };

    test('enrolment stores only sealed secrets', async () => {
      const first = await password('admin');
      const setup = await server.request('POST', '/api/session/second-factor/setup', { challenge: first.body.challenge });
      const secret: string = setup.body.secret;
      assert.equal(await rowsMention(secret), false, 'the pending secret is sealed');
      const done = await server.request('POST', '/api/session/second-factor', { challenge: first.body.challenge, code: codeAt(secret) });
      assert.equal(done.status, 200);
      assert.equal(await rowsMention(secret), false, "the account's secret is sealed");
      const [row] = await server.store.db.query<{ totp_secret: string }>("SELECT totp_secret FROM users WHERE username = 'admin'");
      assert.match(row!.totp_secret, /^v1:[\w-]+:[\w-]+:[\w-]+$/);
      const next = await password('admin');
      const again = await server.request('POST', '/api/session/second-factor', { challenge: next.body.challenge, code: codeAt(secret, Date.now() + 30_000) });
      assert.equal(again.status, 200, 'the sealed secret still checks codes');
    });

    test('plaintext secrets of before are sealed by the sweep, or on first use, and keep working', async () => {
      const swept = new Secret({ size: 20 }).base32;
      const used = new Secret({ size: 20 }).base32;
      const plain = 'UPDATE users SET totp_secret = $2, totp_enabled_at = now() WHERE username = $1';
      await server.store.db.query(plain, ['appraiser', swept]);
      assert.equal(await sealPlainSecrets(server.store.db), 1);
      assert.equal(await rowsMention(swept), false);
      const login = await password('appraiser');
      assert.equal(login.body.secondFactor, 'verify');
      assert.equal((await server.request('POST', '/api/session/second-factor', { challenge: login.body.challenge, code: codeAt(swept) })).status, 200);

      await server.store.db.query(plain, ['appraiser', used]);
      const second = await password('appraiser');
      assert.equal(
        (await server.request('POST', '/api/session/second-factor', { challenge: second.body.challenge, code: codeAt(used, Date.now() + 30_000) })).status,
        200,
      );
      assert.equal(await rowsMention(used), false, 'sealed when first read');
      assert.equal(await sealPlainSecrets(server.store.db), 0);
    });
  });
}
