/**
 * Jobs over HTTP (issue 15.4, 16.2): a report batch and a robustness run start with a POST (202),
 * are followed on GET /api/jobs/:id and fetched when done; only their owner sees them; the batch
 * size is capped per role; visitors start none and their direct simulations are rate-limited.
 */
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { createJobQueue } from '../jobQueue.ts';
import { ANONYMOUS_HEAVY_PER_MINUTE, REPORT_BATCH } from '../limits.ts';
import { startTestServer, type TestServer } from '../testing.ts';

test('a user has a few unfinished jobs at most; a finished job is forgotten after a while; another user never sees it', async () => {
  let clock = 0;
  const queue = createJobQueue({ perUser: 2, keepMs: 1000, now: () => clock });
  const never = () => new Promise<never>(() => {});
  queue.start('u1', 'reports', 3, never);
  queue.start('u1', 'reports', 3, never);
  assert.throws(() => queue.start('u1', 'reports', 3, never), { code: 'auth.rateLimited' });
  const other = queue.start('u2', 'robustness', 1, async (progress) => {
    progress(1);
    return { type: 'json', value: 42 };
  });
  assert.equal(queue.get(other.id, 'u1'), undefined, 'not found for someone else');
  while (queue.get(other.id, 'u2')!.state !== 'done') await new Promise((r) => setImmediate(r));
  assert.deepEqual(queue.get(other.id, 'u2')!.result, { type: 'json', value: 42 });
  clock = 5000;
  assert.equal(queue.get(other.id, 'u2'), undefined, 'forgotten once kept long enough');
});

for (const engine of testEngines()) {
  describe(`jobs over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    let tamduong: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
      tamduong = await server.login('tamduong');
    });
    after(() => server.close());

    const finished = async (id: string, who: Record<string, string>) => {
      for (;;) {
        const status = await server.request('GET', `/api/jobs/${id}`, undefined, who);
        assert.equal(status.status, 200, JSON.stringify(status.body));
        if (status.body.state === 'done' || status.body.state === 'failed') return status.body;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    test('a report batch: 202 with the job, progress to the end, a ZIP of the reports; only its owner sees it', async () => {
      const started = await server.request('POST', '/api/jobs/reports', { year: 2023, units: ['tam-duong', 'than-uyen', 'tam-duong'], format: 'md' }, admin);
      assert.equal(started.status, 202, JSON.stringify(started.body));
      assert.equal(started.body.kind, 'reports');
      assert.deepEqual(started.body.progress, { done: 0, total: 2 }, 'each unit once');
      const done = await finished(started.body.id, admin);
      assert.equal(done.state, 'done');
      assert.deepEqual(done.progress, { done: 2, total: 2 });
      assert.equal(done.result, `/api/jobs/${started.body.id}/result`);
      const response = await fetch(server.url + done.result, { headers: admin });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/zip');
      const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
      assert.equal(Object.keys(files).length, 2);
      assert.ok(Object.keys(files).every((name) => name.endsWith('.md')));
      // Someone else: not found, neither the state nor the result; a visitor must log in.
      assert.equal((await server.request('GET', `/api/jobs/${started.body.id}`, undefined, tamduong)).status, 404);
      assert.equal((await server.request('GET', `/api/jobs/${started.body.id}/result`, undefined, tamduong)).status, 404);
      assert.equal((await server.request('GET', `/api/jobs/${started.body.id}`)).status, 401);
      assert.equal((await server.request('POST', '/api/jobs/reports', { year: 2023, units: ['tam-duong'] })).status, 401);
    });

    test('the batch size is capped per role, the refusal naming the limit', async () => {
      const units = Array.from({ length: REPORT_BATCH.unitEditor + 1 }, (_, i) => `don-vi-${i}`);
      const refused = await server.request('POST', '/api/jobs/reports', { year: 2023, units }, tamduong);
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.issues[0].code, 'limits.batch');
      assert.match(refused.body.error.issues[0].message.vi, new RegExp(`tối đa ${REPORT_BATCH.unitEditor} báo cáo`));
    });

    test('a unit that is not readable fails the job, with its issues, and no result', async () => {
      const started = await server.request('POST', '/api/jobs/reports', { year: 2023, units: ['khong-co'] }, admin);
      assert.equal(started.status, 202);
      const done = await finished(started.body.id, admin);
      assert.equal(done.state, 'failed');
      assert.ok(done.issues.length >= 1);
      const result = await server.request('GET', `/api/jobs/${started.body.id}/result`, undefined, admin);
      assert.equal(result.status, 422);
      assert.deepEqual(
        result.body.error.issues.map((i: { code: string }) => i.code),
        ['job.failed', ...done.issues.map((i: { code: string }) => i.code)],
      );
    });

    test('a robustness job gives what GET /api/robustness gives, within the role’s cap', async () => {
      const query = 'year=2023&level=district&runs=300&seed=4';
      const started = await server.request('POST', `/api/jobs/robustness?${query}`, undefined, tamduong);
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const done = await finished(started.body.id, tamduong);
      assert.equal(done.state, 'done');
      const result = await server.request('GET', done.result, undefined, tamduong);
      assert.deepEqual(result.body, (await server.request('GET', `/api/robustness?${query}`, undefined, tamduong)).body);
      const over = await server.request('POST', '/api/jobs/robustness?year=2023&level=district&runs=20000', undefined, tamduong);
      assert.equal(over.status, 202);
      assert.equal((await finished(over.body.id, tamduong)).issues[0].code, 'limits.runs');
    });

    test('a visitor’s simulations are rate-limited per address (429), a signed-in user’s are not', async () => {
      const path = '/api/robustness?year=2023&level=district&runs=200&seed=7';
      for (let i = 0; i < ANONYMOUS_HEAVY_PER_MINUTE; i++) assert.equal((await server.request('GET', path)).status, 200);
      const limited = await server.request('GET', path);
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.issues[0].code, 'auth.rateLimited');
      assert.equal((await server.request('GET', path, undefined, admin)).status, 200);
    });
  });
}
