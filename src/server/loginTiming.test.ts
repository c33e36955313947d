/**
 * Unknown, disabled, locked and wrong-password logins cost the same (issue 15, must-have 6): each
 * derives one scrypt key of the stored hashes' cost, so the answer's time does not tell which
 * usernames exist. Counted, not timed: a wall-clock comparison would flake on a loaded machine.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { after, before, describe, mock, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

for (const engine of testEngines()) {
  describe(`login cost on ${engine.name}`, () => {
    let server: TestServer;
    /** The scrypt cost (N) of each key derived since the last reset. */
    let derived: number[] = [];
    before(async () => {
      server = await startTestServer(engine);
      const original = crypto.scrypt;
      mock.method(crypto, 'scrypt', (...args: unknown[]) => {
        const options = args[3] as { N?: number } | undefined;
        derived.push(typeof options === 'object' && options ? (options.N ?? 0) : 0);
        return (original as (...a: unknown[]) => void)(...args);
      });
      // The store imports scrypt by name: the named binding follows the mocked property.
      syncBuiltinESMExports();
    });
    after(async () => {
      mock.restoreAll();
      syncBuiltinESMExports();
      await server.close();
    });

    const attempt = async (username: string, password: string) => {
      derived = [];
      const answer = await server.request('POST', '/api/session', { username, password });
      return { status: answer.status, body: answer.body, derived: [...derived] };
    };

    test('each refused login derives exactly one key of the same cost, and answers the same', async () => {
      const admin = await server.login('admin');
      const users = (await server.request('GET', '/api/users', undefined, admin)).body as { id: string; username: string; version: number }[];
      const viewer = users.find((u) => u.username === 'tamduong-view')!;
      assert.equal((await server.request('PUT', `/api/users/${viewer.id}`, { disabled: true, version: viewer.version }, admin)).status, 200);

      const wrong = await attempt('thanuyen', 'sai-mat-khau');
      for (let i = 0; i < 4; i++) await attempt('thanuyen', 'sai-mat-khau');
      const locked = await attempt('thanuyen', TEST_PASSWORD);
      const disabled = await attempt('tamduong-view', TEST_PASSWORD);
      const unknown = await attempt('khong-co-ai', TEST_PASSWORD);

      const cost = wrong.derived;
      assert.equal(cost.length, 1, 'one key derived for a wrong password');
      assert.ok(cost[0]! >= 16384, `the stored hashes' cost, not a cheaper one (${cost[0]})`);
      for (const [what, seen] of Object.entries({ locked, disabled, unknown })) {
        assert.deepEqual(seen.derived, cost, `${what}: the same work as a wrong password`);
        assert.deepEqual([seen.status, seen.body], [locked.status, locked.body], `${what}: the same answer`);
      }
      assert.equal(wrong.status, 401);
    });
  });
}
