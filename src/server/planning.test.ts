import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

for (const engine of testEngines()) {
  describe(`planning over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    test('recoverable points, what-if and target rank come from the core', async () => {
      const recoverable = (await server.request('GET', '/api/units/tam-duong/recoverable?year=2023')).body;
      const item = recoverable.items.find((i: { code: string }) => i.code === '7.3.6');
      assert.equal(item.lost, 0.782609);
      assert.ok(recoverable.departments.some((d: { department: string }) => d.department === 'Văn phòng HĐND-UBND huyện'));
      const whatif = (await server.request('POST', '/api/units/tam-duong/whatif', { year: 2023, changes: [{ code: '7.3.6', indicator: { numerator: 46, denominator: 46 } }, { code: '1.7', score: '2' }] })).body;
      assert.equal(whatif.before.total, 78.119875);
      assert.equal(whatif.after.total, 80.902484);
      assert.equal(whatif.after.rank, 3);
      const target = (await server.request('POST', '/api/units/tam-duong/target', { year: 2023, rank: 3 })).body;
      assert.equal(target.rank, 3);
      const bad = await server.request('POST', '/api/units/tam-duong/whatif', { year: 2023, changes: [{ code: '9.9', score: 1 }] });
      assert.equal(bad.status, 422);
    });

    test('a task created from a deduction and marked done moves the projection; viewers cannot edit', async () => {
      const plan = (await server.request('GET', '/api/units/tam-duong/plans/2024?today=2024-12-10', undefined, unit)).body;
      assert.equal(plan.projection.projected, plan.projection.current);
      assert.ok(plan.calendar.some((e: { status: string }) => e.status === 'dueSoon'));
      const suggestion = plan.suggestions.find((s: { criteria: string[] }) => s.criteria[0] === '1.7');
      const created = await server.request('POST', '/api/units/tam-duong/plans/2024/tasks', { version: plan.version, task: suggestion }, unit);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const stale = await server.request('POST', '/api/units/tam-duong/plans/2024/tasks', { version: plan.version, task: { ...suggestion, id: 'x' } }, unit);
      assert.equal(stale.status, 409);
      const done = await server.request('PUT', `/api/units/tam-duong/plans/2024/tasks/${suggestion.id}`, { version: created.body.version, status: 'done', note: 'Không có trường hợp kỷ luật' }, unit);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.task.progress[0].note, 'Không có trường hợp kỷ luật');
      const after = (await server.request('GET', '/api/units/tam-duong/plans/2024', undefined, unit)).body;
      assert.equal(after.projection.projected, 80.119875);
      const viewer = await server.login('tamduong-view');
      assert.equal((await server.request('PUT', `/api/units/tam-duong/plans/2024/tasks/${suggestion.id}`, { version: after.version, status: 'todo' }, viewer)).status, 403);
      assert.equal((await server.request('GET', '/api/units/tam-duong/plans/2024')).status, 401);
      const other = await server.login('thanuyen');
      assert.equal((await server.request('GET', '/api/units/tam-duong/plans/2024', undefined, other)).status, 403);
    });

    test('rank robustness is reproducible for a seed', async () => {
      const a = (await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3')).body;
      const b = (await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3')).body;
      assert.equal(a.length, 8);
      assert.deepEqual(a, b);
      assert.ok(a.every((d: { low: number; high: number }) => d.low <= d.high));
    });
  });
}
