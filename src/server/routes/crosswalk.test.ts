import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseFramework } from '../../core/index.ts';
import { writeTables } from '../../io/index.ts';
import { frameworkTables } from '../../io/export/framework.ts';
import { FRAMEWORK_2024_ID, FRAMEWORK_2025_ID, framework2025Text } from '../../io/testCrosswalk.ts';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

interface Line {
  change: string;
  item: string;
  code?: string;
  part?: string;
  before?: string;
  after?: string;
}

for (const engine of testEngines()) {
  describe(`a new framework version previewed against the one it replaces, on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
    });
    after(() => server.close());

    test('an Excel framework carries its crosswalk («Kế thừa bộ tiêu chí», «Mã trong bộ tiêu chí trước») and is previewed through it', async () => {
      const framework = parseFramework(framework2025Text().replace(`id: ${FRAMEWORK_2025_ID}`, 'id: lai-chau-district-2025-excel'));
      const bytes = await writeTables(frameworkTables(framework), { format: 'xlsx' });
      const preview = await server.request('POST', '/api/import/file?kind=framework&dryRun=true&name=bo-tieu-chi-2025.xlsx', bytes, {
        ...admin,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const changes: Line[] = preview.body.changes;
      assert.ok(changes.some((c) => c.code === '1' && c.part === 'maxPoints' && c.after === '14.5'));
      assert.ok(changes.some((c) => c.code === '2.3' && c.change === 'removed'));
      assert.ok(
        changes.some((c) => c.code === '1.7' && c.part === 'split' && c.after === '1.7, 1.8'),
        JSON.stringify(changes),
      );
      assert.ok(changes.some((c) => c.code === '4.4' && c.part === 'code' && c.before === '4.3'));
      assert.ok(!changes.some((c) => c.code === '3.1'), 'an unchanged criterion is not listed');
      assert.ok(
        preview.body.notices.some((n: { en: string }) => n.en.includes(`changes against ${FRAMEWORK_2024_ID}`)),
        JSON.stringify(preview.body.notices),
      );
    });

    test('YAML with derivedFrom: the real diff through its crosswalk, then imported and read back', async () => {
      const yaml = { ...admin, 'content-type': 'application/yaml' };
      const preview = await server.request('POST', '/api/import?dryRun=true', framework2025Text(), yaml);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const changes: Line[] = preview.body.changes;
      const line = (code: string, part?: string) => changes.find((c) => c.item === 'node' && c.code === code && c.part === part);
      assert.deepEqual(line('1', 'maxPoints'), { change: 'changed', item: 'node', code: '1', part: 'maxPoints', before: '13.5', after: '14.5' });
      assert.deepEqual(line('2', 'maxPoints'), { change: 'changed', item: 'node', code: '2', part: 'maxPoints', before: '5', after: '4' });
      assert.deepEqual(line('4.4', 'code'), { change: 'changed', item: 'node', code: '4.4', part: 'code', before: '4.3', after: '4.4' });
      assert.equal(line('1.7', 'split')!.after, '1.7, 1.8');
      assert.equal(line('3.7')!.change, 'added');
      assert.equal(line('2.3')!.change, 'removed');
      assert.ok(preview.body.counts.added < 10, `not every line added: ${JSON.stringify(preview.body.counts)}`);
      assert.ok(
        preview.body.notices.some((n: { vi: string }) => n.vi.includes(`so với bộ tiêu chí ${FRAMEWORK_2024_ID}`)),
        JSON.stringify(preview.body.notices),
      );
      assert.equal((await server.request('GET', `/api/frameworks/${FRAMEWORK_2025_ID}`, undefined, admin)).status, 404, 'a preview writes nothing');

      const wrong = await server.request('POST', '/api/import?dryRun=true', framework2025Text().replace('from: "4.3"', 'from: "4.1"'), yaml);
      assert.equal(wrong.status, 422);
      const issue = wrong.body.error.issues[0];
      assert.equal(issue.code, 'crosswalk.mappedTwice');
      assert.match(issue.message.vi, /nối hai lần/);
      assert.match(issue.message.en, /mapped twice/);

      const done = await server.request('POST', '/api/import', framework2025Text(), yaml);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const stored = await server.request('GET', `/api/frameworks/${FRAMEWORK_2025_ID}`, undefined, admin);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.derivedFrom, FRAMEWORK_2024_ID);
    });
  });
}
