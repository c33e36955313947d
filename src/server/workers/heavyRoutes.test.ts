/**
 * The heavy routes over HTTP: their work runs in the worker pool (the server answers meanwhile),
 * a refusal in a worker keeps the usual error shape, and the per-role caps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';
import { createWorkerPool, type WorkerPool } from './pool.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

for (const engine of testEngines()) {
  describe(`heavy work in worker threads on ${engine.name}`, () => {
    let server: TestServer;
    // Jobs wait in their worker until the test opens the gate: held, not timed.
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const open = () => {
      Atomics.store(gate, 0, 1);
      Atomics.notify(gate, 0);
    };
    let admin: Record<string, string>;
    let unitEditor: Record<string, string>;
    let pool: WorkerPool | undefined;
    before(async () => {
      pool = createWorkerPool({ size: 1, gate });
      server = await startTestServer(engine, { pool });
      admin = await server.login('admin');
      unitEditor = await server.login('tamduong');
    });
    after(async () => {
      open();
      // The server closes its pool; a server that failed to start leaves the pool to close here.
      await (server ? server.close() : pool?.close());
    });

    test('a report renders in a worker: /api/health answers, with the busy worker, before the held job ends; exports queue behind it', async () => {
      let finished = false;
      const report = server.request('GET', '/api/units/tam-duong/report?year=2023&format=docx', undefined, unitEditor).then((r) => {
        finished = true;
        return r;
      });
      let health = await server.request('GET', '/api/health');
      while (health.body.workers.busy === 0) health = await server.request('GET', '/api/health');
      assert.equal(health.status, 200);
      assert.deepEqual(health.body.workers, { size: 1, busy: 1, queued: 0 });
      assert.equal(finished, false, 'the report waits in its worker while the server answers');
      // A second heavy request waits in the queue; health says so.
      const robustness = server.request('GET', '/api/robustness?year=2023&level=district&runs=300&seed=9', undefined, admin);
      while (health.body.workers.queued === 0) health = await server.request('GET', '/api/health');
      assert.deepEqual(health.body.workers, { size: 1, busy: 1, queued: 1 });
      // Exports are built and written in the pool too (xlsx, CSV and the tables as JSON): they queue behind.
      const exports = ['xlsx', 'csv', 'json'].map((format) => server.request('GET', `/api/export?what=results&year=2023&format=${format}`, undefined, admin));
      const audit = server.request('GET', '/api/audit?format=xlsx', undefined, admin);
      while (health.body.workers.queued < 5) health = await server.request('GET', '/api/health');
      assert.deepEqual(health.body.workers, { size: 1, busy: 1, queued: 5 });
      open();
      const done = await report;
      assert.equal(done.status, 200);
      assert.equal(done.headers.get('content-type'), DOCX);
      assert.equal((await robustness).status, 200);
      const [xlsx, csv, json] = await Promise.all(exports);
      assert.equal(xlsx!.status, 200);
      assert.equal(xlsx!.headers.get('content-type'), XLSX);
      assert.equal(csv!.status, 200);
      assert.match(csv!.headers.get('content-type')!, /^text\/csv/);
      assert.equal(json!.status, 200, JSON.stringify(json!.body));
      assert.ok(Array.isArray(json!.body) && json!.body.some((t: { rows: unknown[] }) => t.rows.length >= 8), 'the tables as JSON, serialised in the worker');
      assert.equal((await audit).headers.get('content-type'), XLSX);
      assert.deepEqual((await server.request('GET', '/api/health')).body.workers, { size: 1, busy: 0, queued: 0 });
    });

    test('a ParError thrown in the worker comes back as 422 with its issues', async () => {
      open();
      const wrong = await server.request(
        'POST',
        '/api/import/file?kind=results&year=2024&framework=lai-chau-district-2024&name=sai.csv',
        'không;phải\nbảng;kết quả\n',
        { ...admin, 'content-type': 'text/csv' },
      );
      assert.equal(wrong.status, 422, JSON.stringify(wrong.body));
      assert.ok(wrong.body.error.issues.length >= 1);
      assert.ok(wrong.body.error.issues.every((i: { code: string; message: { vi: string; en: string } }) => i.code && i.message.vi && i.message.en));
      const unknown = await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&unit=khong-co');
      assert.ok(unknown.status === 404 || unknown.status === 422, JSON.stringify(unknown.body));
      assert.ok(unknown.body.error.issues[0].message.vi);
    });

    test('robustness runs are capped per role, the refusal naming the limit', async () => {
      open();
      const anonymous = await server.request('GET', '/api/robustness?year=2023&level=district&runs=2001');
      assert.equal(anonymous.status, 422);
      assert.equal(anonymous.body.error.issues[0].field, 'runs');
      assert.match(anonymous.body.error.issues[0].message.vi, /tối đa cho người xem chưa đăng nhập là 2\.000, yêu cầu 2\.001: hãy giảm runs hoặc đăng nhập/);
      assert.match(anonymous.body.error.issues[0].message.en, /at most 2,000 runs/);
      assert.equal((await server.request('GET', '/api/robustness?year=2023&level=district&runs=2000')).status, 200);
      const unit = await server.request('GET', '/api/robustness?year=2023&level=district&runs=5001', undefined, unitEditor);
      assert.equal(unit.status, 422);
      assert.match(unit.body.error.issues[0].message.vi, /5\.000/);
      assert.equal((await server.request('GET', '/api/robustness?year=2023&level=district&runs=5001', undefined, admin)).status, 200);
    });

    test("a unit's officer may send a file up to 5 MB, the province up to the server's limit", async () => {
      open();
      const big = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x20);
      const refused = await server.request('POST', '/api/import/file?kind=plan&year=2024&unit=tam-duong&name=ke-hoach.csv', big, {
        ...unitEditor,
        'content-type': 'text/csv',
      });
      assert.equal(refused.status, 413);
      assert.equal(refused.body.error.issues[0].field, 'file');
      assert.match(refused.body.error.issues[0].message.vi, /lớn hơn giới hạn 5 MB cho tài khoản đơn vị/);
      assert.match(refused.body.error.issues[0].message.en, /limit of 5 MB for a unit's account/);
      // The province's import of the same size is read (and refused for its content, not its size).
      const province = await server.request('POST', '/api/import/file?kind=plan&year=2024&unit=tam-duong&name=ke-hoach.csv', big, {
        ...admin,
        'content-type': 'text/csv',
      });
      assert.notEqual(province.status, 413);
    });
  });
}
