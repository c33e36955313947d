/** A unit's officer marks a criterion not applicable through the scores write (HTTP). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const SCORES = `/api/cycles/${DRAFT}/units/tam-duong/scores`;

for (const engine of testEngines()) {
  describe(`not applicable over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    test('PUT …/scores/:code with notApplicable and a reason marks it; without a reason 422; a score on it then 422 naming unit and criterion; audited', async () => {
      const missing = await server.request('PUT', `${SCORES}/1.7`, { version: 0, notApplicable: true }, unit);
      assert.equal(missing.status, 422);
      assert.equal(missing.body.error.issues[0].code, 'score.notApplicableReason');
      const marked = await server.request('PUT', `${SCORES}/1.7`, { version: 0, notApplicable: true, reason: 'Không có trường hợp kỷ luật' }, unit);
      assert.equal(marked.status, 200);
      assert.equal(marked.body.notApplicable, 'Không có trường hợp kỷ luật');
      const listed = (await server.request('GET', SCORES, undefined, unit)).body as { code: string; notApplicable: string | null; version: number }[];
      const row = listed.find((s) => s.code === '1.7')!;
      assert.equal(row.notApplicable, 'Không có trường hợp kỷ luật');
      const refused = await server.request('PUT', `${SCORES}/1.7`, { version: row.version, self: '1' }, unit);
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.issues[0].message.vi, /tam-duong: tiêu chí 1\.7 được ghi không áp dụng/);
      const trail = await server.request('GET', `/api/cycles/${DRAFT}/units/tam-duong/audit`, undefined, unit);
      assert.equal(trail.status, 200);
      assert.ok(JSON.stringify(trail.body).includes('Không có trường hợp kỷ luật'));
    });
  });
}
