import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrations } from '../store/index.ts';
import { testEngines } from '../store/testing.ts';
import { routes } from './app.ts';
import { startTestServer, type TestServer } from './testing.ts';

const CYCLE = 'lai-chau-district-2023';
/** The demo's open 2024 self-assessment, where the unit may write. */
const DRAFT = 'lai-chau-district-2024';
const SCORES = `/api/cycles/${DRAFT}/units/tam-duong/scores`;

for (const engine of testEngines()) {
  describe(`HTTP API on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());

    const scoresNow = async () =>
      (await server.request('GET', SCORES, undefined, unit)).body as {
        code: string;
        version: number;
        self: string | null;
        comment: string | null;
        indicator: unknown;
      }[];
    const score = async (code: string) => (await scoresNow()).find((s) => s.code === code);
    const put = (code: string, body: unknown) => server.request('PUT', `${SCORES}/${code}`, body, unit);

    test('health names the engine and the migrations, and the OpenAPI document lists every route', async () => {
      const health = await server.request('GET', '/api/health');
      const known = migrations().map((m) => m.version);
      assert.deepEqual(health.body, {
        status: 'ok',
        engine: engine.name,
        schemaVersion: known.at(-1)!,
        database: { reachable: true, engine: engine.name },
        migrations: { applied: known, known: known.length, pending: [] },
        workers: { size: health.body.workers.size, busy: 0, queued: 0 },
      });
      assert.ok(health.body.workers.size >= 1);
      const openapi = (await server.request('GET', '/api/openapi.json')).body;
      assert.equal(openapi.openapi, '3.1.0');
      for (const r of routes) {
        const operation = openapi.paths[r.url.replace(/:([a-zA-Z]+)/g, '{$1}')][r.method.toLowerCase()];
        assert.ok(operation, `${r.method} ${r.url}`);
        // Every input is described: path and query parameters, a JSON body's schema, a raw body's types.
        for (const name of r.url.match(/:([a-zA-Z]+)/g) ?? [])
          assert.ok(
            operation.parameters.some((p: { name: string; in: string }) => p.in === 'path' && `:${p.name}` === name),
            `${r.url} ${name}`,
          );
        if (r.body) assert.ok(operation.requestBody.content['application/json'].schema, `${r.method} ${r.url} body`);
        for (const type of r.accepts ?? []) assert.ok(operation.requestBody.content[type], `${r.method} ${r.url} ${type}`);
      }
      const score = openapi.paths['/api/cycles/{cycle}/units/{unit}/scores/{code}'].put.requestBody.content['application/json'].schema;
      assert.deepEqual(Object.keys(score.properties).sort(), ['appraised', 'comment', 'final', 'indicator', 'notApplicable', 'reason', 'self', 'version']);
    });

    test('the demo is served: Tam Đường 2023 scores 78,119875 and ranks 4 of 8, with deltas, deductions and findings', async () => {
      const { status, body } = await server.request('GET', '/api/units/tam-duong/analysis?year=2023');
      assert.equal(status, 200);
      assert.equal(body.total, '78.119875');
      assert.equal(body.rank, 4);
      assert.equal(body.of, 8);
      assert.equal(body.previous.total, '72.07');
      assert.ok(body.deductions.some((d: { criterion: string; points: string }) => d.criterion === '6.2.2' && d.points === '1.5'));
      assert.ok(body.findings.length > 0);
      const ranking = (await server.request('GET', '/api/results?year=2023&level=district')).body;
      assert.equal(ranking.units.length, 8);
      const tree = (await server.request('GET', `/api/frameworks/${CYCLE}`)).body;
      assert.equal(tree.kind, 'framework');
      // Maxima as decimal text, as every answer sends points (the file format writes numbers).
      assert.match(tree.totalPoints, /^\d+(\.\d+)?$/);
      assert.match(tree.components[0].maxPoints, /^\d+(\.\d+)?$/);
    });

    test('the report is served as an HTML preview and as a DOCX download, from the stored data', async () => {
      const html = await server.request('GET', '/api/units/tam-duong/report?year=2023');
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type')!, /text\/html/);
      assert.match(String(html.body), /78,12/);
      const docx = await fetch(`${server.url}/api/units/tam-duong/report?year=2023&format=docx`);
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-disposition')!, /bao-cao-par-index-2023-tam-duong\.docx/);
      assert.equal(
        Buffer.from(await docx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
        'PK',
      );
    });

    test('unknown things are 404 with a message in the asked language', async () => {
      const vi = await server.request('GET', '/api/units/khong-co');
      assert.equal(vi.status, 404);
      assert.match(vi.body.error.message, /không có đơn vị/);
      const en = await server.request('GET', '/api/units/khong-co', undefined, { 'accept-language': 'en-GB,en' });
      assert.match(en.body.error.message, /no unit/);
      assert.equal((await server.request('GET', '/api/nowhere')).status, 404);
    });

    test('messages name units and levels as people say them, not by id', async () => {
      const level = await server.request('GET', '/api/results?year=2023&level=commune');
      assert.equal(level.status, 422);
      assert.equal(level.body.error.message, 'year: không có kết quả năm 2023 cho cấp xã');
      const english = await server.request('GET', '/api/results?year=2023&level=commune', undefined, { 'accept-language': 'en' });
      assert.equal(english.body.error.message, 'year: no results for 2023 at commune level');
      // A unit the cycle does not have: by its name when it exists, as typed when it does not.
      const absent = await server.request('GET', `/api/cycles/${DRAFT}/units/ban-bo/assessment`);
      assert.equal(absent.status, 404);
      assert.equal(absent.body.error.message, `unit: Bản Bo không có trong kỳ đánh giá ${DRAFT}`);
      const unknown = await server.request('PUT', `/api/cycles/${DRAFT}/units/khong-co/scores/1`, { version: 0, self: '1' }, unit);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.message, 'unit: không có đơn vị khong-co');
    });

    test('bad input gets field-level errors and nothing is half-stored', async () => {
      const before = await scoresNow();
      const cases: [unknown, number, string | undefined][] = [
        ['{"version": 0, "self": ', 400, undefined],
        [{ version: 0, self: 99 }, 422, 'self'],
        [{ version: 0, self: -1 }, 422, 'self'],
        [{ version: 0, self: true }, 422, 'self'],
        [{ version: 'one', self: 1 }, 422, 'version'],
        [{ version: 0, final: 14 }, 403, undefined],
        [{ version: 0, self: 1, extra: 'x' }, 422, undefined],
        [{ version: 0 }, 422, undefined],
      ];
      for (const [body, status, field] of cases) {
        const response = await put('1', body);
        assert.equal(response.status, status, JSON.stringify(body));
        assert.ok(response.body.error.issues[0].message.vi && response.body.error.issues[0].message.en);
        if (field)
          assert.ok(
            response.body.error.issues.some((i: { field?: string }) => i.field === field),
            JSON.stringify(response.body),
          );
      }
      const unknown = await put('9.9.9', { version: 0, self: 1 });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.issues[0].node, '9.9.9');
      const huge = await put('1', { version: 0, comment: 'x'.repeat(2 * 1024 * 1024) });
      assert.equal(huge.status, 413);
      assert.deepEqual(await scoresNow(), before);
      const notANumber = await put('1', { version: 0, self: true });
      assert.match(notANumber.body.error.issues[0].message.vi, /số điểm/);
      // A day that does not exist is refused at the boundary (the database would have failed with a 500).
      const admin = await server.login('admin');
      const badDate = await server.request('POST', `/api/cycles/${CYCLE}/publications`, { decision: '9/QĐ-UBND', date: '2024-13-45' }, admin);
      assert.equal(badDate.status, 422, JSON.stringify(badDate.body));
      assert.equal(badDate.body.error.issues[0].field, 'date');
      assert.deepEqual((await server.request('GET', `/api/cycles/${CYCLE}/publications`)).body, []);
    });

    test('self scores stay within the parent: a criterion of unstated maximum, and the sum under a component', async () => {
      // 1.1 has no maximum of its own in the framework: component 1's 13,5 bounds it.
      const alone = await put('1.1', { version: 0, self: '99' });
      assert.equal(alone.status, 422, JSON.stringify(alone.body));
      assert.equal(alone.body.error.issues[0].code, 'score.aboveParent');
      assert.equal(alone.body.error.issues[0].field, 'self');
      assert.match(alone.body.error.issues[0].message.vi, /tổng điểm tự chấm các tiêu chí thuộc 1 là 99, vượt điểm tối đa 13,5 của 1/);
      assert.equal((await put('1.1', { version: 0, self: '13' })).status, 200);
      assert.equal((await put('1.2.1', { version: 0, self: '0,5' })).status, 200);
      const over = await put('1.2.6', { version: 0, self: '0,5' });
      assert.equal(over.status, 422);
      assert.match(over.body.error.issues[0].message.en, /under 1 add up to 14, above its maximum of 13.5/);
      assert.equal(await score('1.2.6'), undefined, 'nothing stored');
    });

    test('the unit declares the indicator values behind a rule-scored criterion; the core checks them', async () => {
      const written = await put('7.3.6', {
        version: 0,
        self: '0,217391',
        indicator: { numerator: 10, denominator: 46 },
        comment: '10/46 TTHC có giao dịch thanh toán trực tuyến',
      });
      assert.equal(written.status, 200, JSON.stringify(written.body));
      assert.deepEqual(written.body.indicator, { numerator: 10, denominator: 46 });
      assert.deepEqual((await score('7.3.6'))!.indicator, { numerator: 10, denominator: 46 });
      const impossible = await put('7.3.6', { version: written.body.version, indicator: { numerator: 50, denominator: 46 } });
      assert.equal(impossible.status, 422, JSON.stringify(impossible.body));
      assert.deepEqual(impossible.body.error.issues[0], {
        code: 'indicator.invalid',
        field: 'indicator',
        node: '7.3.6',
        unit: 'tam-duong',
        message: { vi: 'tử số 50 lớn hơn mẫu số 46', en: 'numerator 50 exceeds denominator 46' },
      });
      const wrongType = await put('7.3.6', { version: written.body.version, indicator: { numerator: 'mười' } });
      assert.equal(wrongType.status, 422);
      assert.ok(
        wrongType.body.error.issues.some((i: { field?: string }) => i.field?.startsWith('indicator')),
        JSON.stringify(wrongType.body),
      );
      assert.deepEqual((await score('7.3.6'))!.indicator, { numerator: 10, denominator: 46 }, 'nothing half-stored');
      const cleared = await put('7.3.6', { version: written.body.version, indicator: null });
      assert.equal(cleared.body.indicator, null);
      assert.equal((await score('7.3.6'))!.indicator, null);
    });

    test('injection strings in text fields are stored verbatim and harm nothing', async () => {
      const comment = "'); DROP TABLE scores; -- <script>alert(1)</script> ${process.exit()}";
      const written = await put('2', { version: (await score('2'))?.version ?? 0, comment, self: '4,75' });
      assert.equal(written.status, 200, JSON.stringify(written.body));
      assert.equal(written.body.comment, comment);
      assert.equal(written.body.self, '4.75');
      assert.equal((await score('2'))!.comment, comment);
      assert.equal((await server.request('GET', '/api/units/tam-duong/analysis?year=2023')).body.total, '78.119875');
    });

    test('parallel conflicting updates: exactly one wins, the others get 409 with the current value', async () => {
      const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => put('3', { version: 0, self: `${10 + i}` })));
      assert.equal(responses.filter((r) => r.status === 200).length, 1);
      const conflicts = responses.filter((r) => r.status === 409);
      assert.equal(conflicts.length, 7);
      const winner = responses.find((r) => r.status === 200)!.body;
      for (const c of conflicts) assert.equal(c.body.error.code, 'store.conflict');
      assert.deepEqual(await score('3'), winner);
    });

    test('two administrators changing one user: the one who read an old version gets 409 with the current user', async () => {
      const admin = await server.login('admin');
      const users = (await server.request('GET', '/api/users', undefined, admin)).body as { id: string; username: string; version: number }[];
      const viewer = users.find((u) => u.username === 'tamduong-view')!;
      const first = await server.request(
        'PUT',
        `/api/users/${viewer.id}`,
        { version: viewer.version, displayName: 'Lãnh đạo UBND huyện Tam Đường (Chủ tịch)' },
        admin,
      );
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.version, viewer.version + 1);
      const stale = await server.request('PUT', `/api/users/${viewer.id}`, { version: viewer.version, disabled: true }, admin);
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.current.displayName, 'Lãnh đạo UBND huyện Tam Đường (Chủ tịch)');
      assert.equal(stale.body.error.current.disabled, false, 'the stale change was not applied');
    });

    test('import is all or nothing, and a dry run shows the changes without writing them', async () => {
      const good = { unit: 'tam-duong', scores: { '1': 9.6 } };
      const bad = { unit: 'than-uyen', scores: { '1': 50 } };
      const document = { kind: 'results', year: 2023, framework: CYCLE, units: [good, bad] };
      const admin = await server.login('admin');
      const refused = await server.request('POST', '/api/import', { documents: [{ name: 'kq.yaml', data: document }] }, admin);
      assert.equal(refused.status, 422);
      assert.ok(
        refused.body.error.issues.some((i: { in?: string; unit?: string; node?: string }) => i.in === 'kq.yaml' && i.unit === 'than-uyen' && i.node === '1'),
        JSON.stringify(refused.body.error.issues),
      );
      const after = (await server.request('GET', '/api/units/tam-duong/analysis?year=2023')).body;
      assert.equal(after.total, '78.119875');
      const dry = await server.request('POST', '/api/import?dryRun=true', { documents: [{ data: { ...document, units: [good] } }] }, admin);
      assert.equal(dry.status, 409, 'published results are not overwritten by an import');
      const draft = { kind: 'results', year: 2024, framework: DRAFT, units: [{ unit: 'tam-duong', scores: { '1': 9.6 } }] };
      const dryDraft = await server.request('POST', '/api/import?dryRun=true', { documents: [{ data: draft }] }, admin);
      assert.equal(dryDraft.status, 200, JSON.stringify(dryDraft.body));
      assert.equal(dryDraft.body.dryRun, true);
      assert.ok(dryDraft.body.changes.some((c: { code?: string; after?: string }) => c.code === '1' && c.after === '9.6'));
      assert.equal((await score('1'))?.self ?? null, (await score('1'))?.self ?? null);
      assert.equal((await server.request('GET', '/api/units/tam-duong/analysis?year=2023')).body.total, '78.119875');
    });

    test('a framework used by a cycle cannot change; the same content again is accepted', async () => {
      const admin = await server.login('admin');
      const framework = (await server.request('GET', `/api/frameworks/${CYCLE}`)).body;
      const same = await server.request('POST', '/api/import?dryRun=true', { documents: [{ data: framework }] }, admin);
      assert.equal(same.status, 200, JSON.stringify(same.body));
      const changed = await server.request('POST', '/api/import', { documents: [{ data: { ...framework, name: 'Bộ tiêu chí đã sửa' } }] }, admin);
      assert.equal(changed.status, 409);
      assert.equal(changed.body.error.code, 'framework.inUse');
      assert.equal((await server.request('GET', `/api/frameworks/${CYCLE}`)).body.name, framework.name);
    });

    test('a YAML document can be imported as it is written in the data files', async () => {
      const yaml = 'kind: report\nunit: khong-co\nyear: 2023\n';
      const response = await server.request('POST', '/api/import', yaml, { ...(await server.login('admin')), 'content-type': 'application/yaml' });
      assert.equal(response.status, 422);
      assert.equal((await server.request('POST', '/api/import', yaml, { 'content-type': 'application/yaml' })).status, 401);
    });

    // Last: it corrects the demo's published 2023 results.
    test('a correction of results imported as published is read by others only once its own decision publishes it', async () => {
      const admin = await server.login('admin');
      const scores = `/api/cycles/${CYCLE}/units/tam-duong/scores`;
      const row6 = async (headers?: Record<string, string>) =>
        (
          (await server.request('GET', scores, undefined, headers)).body as { code: string; final: { total: string }; reason: string | null; version: number }[]
        ).find((r) => r.code === '6')!;
      const total = async (headers?: Record<string, string>) =>
        (await server.request('GET', '/api/units/tam-duong/analysis?year=2023', undefined, headers)).body.total;
      const before = await row6(admin);
      assert.equal(before.final.total, '2.5371');
      const corrected = await server.request('PUT', `${scores}/6`, { version: before.version, final: '3', reason: 'Đính chính theo kết luận phúc tra' }, admin);
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      // The imported results became the first snapshot, under the decision they carry.
      const publications = (await server.request('GET', `/api/cycles/${CYCLE}/publications`)).body as { sequence: number; decision: string }[];
      assert.deepEqual(
        publications.map((p) => [p.sequence, p.decision]),
        [[1, '684/QĐ-UBND']],
      );
      for (const who of [undefined, unit]) {
        assert.equal(await total(who), '78.119875');
        assert.deepEqual([(await row6(who)).final.total, (await row6(who)).reason], ['2.5371', null]);
      }
      assert.equal(await total(admin), '78.582775');
      const published = await server.request(
        'POST',
        `/api/cycles/${CYCLE}/publications`,
        { decision: '700/QĐ-UBND', date: '2024-06-01', reason: 'Đính chính tiêu chí 6' },
        admin,
      );
      assert.equal(published.status, 201, JSON.stringify(published.body));
      assert.equal(await total(), '78.582775');
      assert.deepEqual([(await row6()).final.total, (await row6()).reason], ['3', 'Đính chính theo kết luận phúc tra']);
    });
  });
}
