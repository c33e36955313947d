/** A whole component saved at once (POST …/scores): valid rows saved, the others answered at their field. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const SCORES = `/api/cycles/${DRAFT}/units/tam-duong/scores`;

for (const engine of testEngines()) {
  describe(`whole-component save on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    const versionOf = async (code: string) =>
      ((await server.request('GET', SCORES, undefined, unit)).body as { code: string; version: number }[]).find((s) => s.code === code)?.version ?? 0;

    test('valid rows are saved, a wrong value and a stale version are answered at their row and field, nothing of them written', async () => {
      const stale = await versionOf('1.2');
      const first = await server.request('PUT', `${SCORES}/1.2`, { version: stale, self: '0,5' }, unit);
      assert.equal(first.status, 200);
      const answer = await server.request(
        'POST',
        SCORES,
        {
          rows: [
            { code: '1.1', version: await versionOf('1.1'), self: '0,5', comment: 'Đủ kế hoạch' },
            { code: '7.3.7', version: await versionOf('7.3.7'), self: '9', comment: 'không được lưu' },
            { code: '1.3', version: await versionOf('1.3'), self: 'abc' },
            { code: '1.2', version: stale, self: '0' },
          ],
        },
        unit,
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.saved, 1);
      const [saved, tooHigh, notNumber, conflict] = answer.body.results;
      assert.equal(saved.status, 'saved');
      assert.equal(saved.score.self, '0.5');
      assert.equal(tooHigh.status, 'problem');
      assert.equal(tooHigh.issues[0].field, 'self');
      assert.equal(tooHigh.issues[0].node, '7.3.7');
      assert.match(tooHigh.issues[0].message.vi, /0 đến 0,5/);
      assert.equal(notNumber.status, 'problem');
      assert.equal(notNumber.issues[0].field, 'self');
      assert.doesNotMatch(notNumber.issues[0].message.vi, /expected|mong đợi/);
      assert.equal(conflict.status, 'conflict');
      assert.equal(conflict.current.self, '0.5', 'the stored value comes back for the writer to choose');
      const rows = (await server.request('GET', SCORES, undefined, unit)).body as { code: string; self: string | null; comment: string | null }[];
      assert.equal(rows.find((r) => r.code === '7.3.7')?.comment ?? null, null, 'a refused row is not half-written');
      assert.equal(rows.find((r) => r.code === '1.2')?.self, '0.5');
    });

    test('another unit’s officer is refused the whole request', async () => {
      const other = await server.login('thanuyen');
      const answer = await server.request('POST', SCORES, { rows: [{ code: '1.1', version: await versionOf('1.1'), self: '0' }] }, other);
      assert.equal(answer.status, 403);
    });
  });
}
