/**
 * Issue 19: an evidence upload says the file's problem and the criterion's together, each at its
 * field, in one answer (it stopped at the file's). Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const UPLOAD = '/api/cycles/lai-chau-district-2024/units/tam-duong/evidence';

for (const engine of testEngines()) {
  describe(`an evidence upload: every problem at once, on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server.close());

    test('a file that is no document for a criterion the framework lacks: both said, nothing stored', async () => {
      const unit = await server.login('tamduong');
      const upload = (code: string, bytes: Buffer) =>
        server.request('POST', `${UPLOAD}?code=${code}&name=ghi-chu.txt`, bytes, { ...unit, 'content-type': 'application/octet-stream' });
      const refused = await upload('9.9', Buffer.from('chỉ là chữ'));
      assert.equal(refused.status, 415, 'the status of the first problem: a file of the wrong type');
      assert.deepEqual(
        (refused.body.error.issues as { code: string; field: string }[]).map((i) => [i.code, i.field]),
        [
          ['evidence.type', 'file'],
          ['evidence.unknownCriterion', 'code'],
        ],
      );
      const empty = await upload('9.9', Buffer.alloc(0));
      assert.deepEqual(
        (empty.body.error.issues as { code: string }[]).map((i) => i.code),
        ['evidence.empty', 'evidence.unknownCriterion'],
      );
      assert.equal((await server.request('GET', UPLOAD, undefined, unit)).body.length, 0, 'nothing stored');
    });
  });
}
