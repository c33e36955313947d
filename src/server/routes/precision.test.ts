/** The second demo (an 18-point index in thousandths, two groups) over HTTP: the JSON says how to show its figures. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { listDocuments, projectRoot, readDocument } from '../../io/dataFolder.ts';
import { testEngines } from '../../store/testing.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { startTestServer, type TestServer } from '../testing.ts';

/** The second demo's documents, as `parindex load data/demo/lai-chau-so-nganh` reads them. */
const secondDemoDocuments = () => listDocuments(join(projectRoot, 'data', 'demo', 'lai-chau-so-nganh')).map(readDocument);

for (const engine of testEngines()) {
  describe(`the framework's precision over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
      await server.store.importDocuments(secondDemoDocuments(), SYSTEM);
    });
    after(() => server.close());

    test('the province JSON carries the framework’s precision, maximum and index words; the seed’s keeps 2 and 100', async () => {
      const { status, body } = await server.request('GET', '/api/results?year=2024&level=department&group=khoi-tong-hop');
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.precision, 3);
      assert.equal(body.max, '18');
      assert.equal(body.hasSurvey, false);
      assert.equal(body.index.vi.label, 'Chỉ số phục vụ người dân, doanh nghiệp');
      assert.deepEqual(
        body.units.slice(0, 2).map((u: { total: string; applicableMax: string }) => [u.total, u.applicableMax]),
        [
          ['16.753', '18'],
          ['16.753', '18'],
        ],
      );
      const seed = await server.request('GET', '/api/results?year=2022&level=district');
      assert.equal(seed.status, 200);
      assert.deepEqual([seed.body.precision, seed.body.max, seed.body.index.vi.phrase], [2, '100', 'Chỉ số PAR INDEX']);
    });

    test('recoverable points, what-if and target answers carry the precision', async () => {
      const headers = await server.login('admin');
      const recoverable = await server.request('GET', '/api/units/so-tu-phap/recoverable?year=2024', undefined, headers);
      assert.equal(recoverable.status, 200, JSON.stringify(recoverable.body));
      assert.equal(recoverable.body.precision, 3);
      const whatIf = await server.request('POST', '/api/units/so-tu-phap/whatif', { year: 2024, changes: [{ code: '2.3', score: '2' }] }, headers);
      assert.equal(whatIf.status, 200, JSON.stringify(whatIf.body));
      assert.equal(whatIf.body.precision, 3);
      assert.equal(whatIf.body.after.total, '17.113');
      const seed = await server.request('POST', '/api/units/tam-duong/target', { year: 2023, rank: 3 }, headers);
      assert.equal(seed.status, 200, JSON.stringify(seed.body));
      assert.equal(seed.body.precision, 2);
    });
  });
}
