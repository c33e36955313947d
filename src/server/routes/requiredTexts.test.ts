import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

for (const engine of testEngines()) {
  describe(`texts that must be given, on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server.close());

    test('an empty decision number, file name or user name names the field in words, never zod’s', async () => {
      const admin = await server.login('admin');
      const unit = await server.login('tamduong');
      const decision = await server.request('POST', '/api/cycles/lai-chau-district-2024/publications', { decision: ' ' }, admin);
      assert.equal(decision.status, 422);
      // At the decision its own words; what the stored state refuses too (units not ready) follows in the same answer.
      assert.deepEqual(decision.body.error.issues[0], {
        code: 'schema.too_small',
        field: 'decision',
        in: 'body',
        message: { vi: 'phải ghi số quyết định công bố (không để trống)', en: 'the decision number cannot be empty' },
      });
      assert.deepEqual(
        decision.body.error.issues.slice(1).map((i: { code: string }) => i.code),
        ['publication.notReady'],
      );
      const file = await server.request('POST', '/api/cycles/lai-chau-district-2024/units/tam-duong/evidence?code=1&name=', Buffer.from('%PDF-1.4'), {
        ...unit,
        'content-type': 'application/pdf',
      });
      assert.equal(file.status, 422);
      assert.equal(file.body.error.issues[0].field, 'name');
      assert.equal(file.body.error.issues[0].message.vi, 'phải ghi tên tệp (không để trống)');
      const login = await server.request('POST', '/api/session', { username: '', password: '' }, { 'accept-language': 'en' });
      assert.deepEqual(
        login.body.error.issues.map((i: { field: string; message: { en: string } }) => [i.field, i.message.en]),
        [
          ['username', 'the user name cannot be empty'],
          ['password', 'the password is missing'],
        ],
      );
      assert.deepEqual((await server.request('GET', '/api/cycles/lai-chau-district-2024/publications')).body, []);
    });
  });
}
