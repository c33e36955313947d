import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_LIMITS } from '../io/index.ts';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

const DRAFT = '/api/cycles/lai-chau-district-2024/units/tam-duong';
const EN = { 'accept-language': 'en' };

for (const engine of testEngines()) {
  describe(`a body above its limit on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine, { evidenceLimit: 64 * 1024 });
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    test('a JSON body above 1 MB is refused with the limit, in Vietnamese or English, and nothing is written', async () => {
      const scores = async () => (await server.request('GET', `${DRAFT}/scores`, undefined, unit)).body;
      const before = await scores();
      const body = { version: 0, comment: 'x'.repeat(1024 * 1024) };
      const vi = await server.request('PUT', `${DRAFT}/scores/1`, body, unit);
      assert.equal(vi.status, 413);
      assert.deepEqual(vi.body.error.issues, [
        { code: 'http.413', field: 'body', message: { vi: 'nội dung gửi lên lớn hơn giới hạn 1 MB', en: 'the request body is larger than the limit of 1 MB' } },
      ]);
      assert.equal(vi.body.error.message, 'body: nội dung gửi lên lớn hơn giới hạn 1 MB');
      const en = await server.request('PUT', `${DRAFT}/scores/1`, body, { ...unit, ...EN });
      assert.equal(en.body.error.message, 'body: the request body is larger than the limit of 1 MB');
      assert.doesNotMatch(JSON.stringify(vi.body), /Request body is too large/);
      assert.deepEqual(await scores(), before);
    });

    test('an evidence file above the server’s evidence limit names that limit with a decimal comma', async () => {
      const list = async () => (await server.request('GET', `${DRAFT}/evidence`, undefined, unit)).body;
      const before = await list();
      const upload = (headers: Record<string, string>) =>
        server.request('POST', `${DRAFT}/evidence?code=1&name=big.pdf`, Buffer.alloc(65 * 1024, 0x25), {
          ...unit,
          ...headers,
          'content-type': 'application/pdf',
        });
      const vi = await upload({});
      assert.equal(vi.status, 413);
      assert.equal(vi.body.error.issues[0].field, 'file');
      assert.equal(vi.body.error.issues[0].message.vi, 'tệp lớn hơn giới hạn 0,06 MB: hãy gửi tệp nhỏ hơn hoặc tách tệp');
      assert.equal((await upload(EN)).body.error.message, 'file: the file is larger than the limit of 0.06 MB: send a smaller file or split it');
      assert.deepEqual(await list(), before);
    });

    test('a file import above the import limit names it (20 MB by default)', async () => {
      const admin = await server.login('admin');
      const big = Buffer.alloc(DEFAULT_LIMITS.maxBytes + 1, 0x41);
      const answer = await server.request('POST', '/api/import/file?kind=survey&dryRun=true', big, { ...admin, 'content-type': 'text/csv' });
      assert.equal(answer.status, 413);
      assert.equal(answer.body.error.issues[0].message.vi, 'tệp lớn hơn giới hạn 20 MB: hãy gửi tệp nhỏ hơn hoặc tách tệp');
      assert.equal(answer.body.error.issues[0].message.en, 'the file is larger than the limit of 20 MB: send a smaller file or split it');
    });
  });
}
