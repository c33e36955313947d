import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { startTestServer, type TestServer } from '../testing.ts';

const PLAN = '/api/units/tam-duong/plans/2024';
const EN = { 'accept-language': 'en' };

for (const engine of testEngines()) {
  describe(`plan input refused at its field, in words, on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
    });
    after(() => server.close());
    const version = async () => (await server.request('GET', PLAN, undefined, unit)).body.version as number;
    const issuesOf = (response: { body: { error: { issues: any[] } } }) => response.body.error.issues;

    test('an empty report name is refused as such at report.name / name, not in zod’s words', async () => {
      const v = await version();
      const added = await server.request('POST', `${PLAN}/reports`, { version: v, report: { name: '  ', kind: 'adHoc', due: '2024-12-12' } }, unit);
      assert.equal(added.status, 422);
      assert.deepEqual(issuesOf(added), [
        {
          code: 'schema.too_small',
          field: 'report.name',
          in: 'body',
          message: { vi: 'phải ghi tên báo cáo (không để trống)', en: 'the report name cannot be empty' },
        },
      ]);
      const renamed = await server.request('PUT', `${PLAN}/reports/bao-cao-2024-12-31`, { version: v, name: '' }, { ...unit, ...EN });
      assert.equal(renamed.status, 422);
      assert.equal(renamed.body.error.message, 'body › name: the report name cannot be empty');
      const task = await server.request('POST', `${PLAN}/tasks`, { version: v, task: { id: 'nv-moi', title: '', department: ' ' } }, unit);
      assert.deepEqual(
        issuesOf(task).map((i: any) => [i.field, i.message.vi]),
        [
          ['task.title', 'phải ghi nội dung nhiệm vụ (không để trống)'],
          ['task.department', 'phải ghi cơ quan chủ trì (không để trống)'],
        ],
      );
      // A criterion the framework lacks, beside the blank title: one answer.
      const unknown = await server.request(
        'POST',
        `${PLAN}/tasks`,
        { version: v, task: { id: 'nv-moi', title: '', department: 'Phòng Nội vụ', criteria: ['9.9'] } },
        unit,
      );
      assert.deepEqual(
        issuesOf(unknown).map((i: any) => i.field.split('.').slice(0, 2).join('.')),
        ['task.title', 'task.criteria'],
      );
      const note = await server.request('PUT', `${PLAN}/tasks/nv-3-1`, { version: v, note: '' }, unit);
      assert.equal(issuesOf(note)[0].message.vi, 'phải ghi nội dung ghi chú tiến độ (không để trống)');
      assert.equal(await version(), v, 'nothing stored');
    });

    test('a date that does not exist is refused once, at its field', async () => {
      const v = await version();
      const report = await server.request(
        'POST',
        `${PLAN}/reports`,
        { version: v, report: { name: 'Báo cáo đột xuất', kind: 'adHoc', due: '2024-02-30' } },
        unit,
      );
      assert.deepEqual(issuesOf(report), [
        { code: 'schema.custom', field: 'report.due', in: 'body', message: { vi: 'ngày không có thật (YYYY-MM-DD)', en: 'not a real date (YYYY-MM-DD)' } },
      ]);
      const deadline = await server.request('PUT', `${PLAN}/tasks/nv-3-1`, { version: v, deadline: '2024-02-30' }, unit);
      assert.equal(issuesOf(deadline).length, 1);
      assert.equal(issuesOf(deadline)[0].field, 'deadline');
    });

    test('tracked values are refused at the value at fault: numerator, not “indicators”', async () => {
      const v = await version();
      const put = (body: object, headers = unit) => server.request('PUT', `${PLAN}/tracking/7.3.6/2024-12`, { version: v, ...body }, headers);
      const above = await put({ numerator: 50, denominator: 46 });
      assert.equal(above.status, 422);
      assert.deepEqual(issuesOf(above), [
        {
          code: 'indicator.invalid',
          field: 'numerator',
          node: '7.3.6',
          message: { vi: 'tử số 50 lớn hơn mẫu số 46', en: 'numerator 50 exceeds denominator 46' },
        },
      ]);
      assert.equal(above.body.error.message, 'tiêu chí 7.3.6 › numerator: tử số 50 lớn hơn mẫu số 46');
      const noDenominator = await put({ numerator: 5 }, { ...unit, ...EN });
      assert.equal(issuesOf(noDenominator)[0].field, 'denominator');
      assert.equal(issuesOf(noDenominator)[0].message.en, 'criterion 7.3.6 needs a numerator and a denominator');
      assert.equal(issuesOf(await put({})).at(0).field, 'numerator');
      const negative = await put({ numerator: -1, denominator: 46 });
      assert.deepEqual(issuesOf(negative), [
        { code: 'schema.too_small', field: 'numerator', in: 'body', message: { vi: 'không được âm', en: 'cannot be negative' } },
      ]);
      assert.equal(await version(), v, 'nothing stored');
    });

    test('a tracked value: the path’s criterion and period and the body’s values refused in one answer, each at its field', async () => {
      const v = await version();
      const fields = (response: { body: { error: { issues: any[] } } }) => issuesOf(response).map((i: any) => [i.field, i.message.vi]);
      // An unknown criterion, a period of another year, a numerator above its denominator: all said at once.
      const valid = await server.request('PUT', `${PLAN}/tracking/9.9.9/2023-09`, { version: v, numerator: 50, denominator: 46 }, unit);
      assert.equal(valid.status, 422);
      assert.deepEqual(fields(valid), [
        ['period', 'kỳ 2023-09 không thuộc năm kế hoạch 2024'],
        ['criterion', 'bộ tiêu chí lai-chau-district-2024 không có tiêu chí 9.9.9'],
      ]);
      // The body refused by its schema: the path's problems come in the same answer.
      const refused = await server.request('PUT', `${PLAN}/tracking/9.9.9/2024-13`, { version: v, numerator: 'năm', denominator: -1 }, unit);
      assert.equal(refused.status, 422);
      assert.deepEqual(fields(refused), [
        ['numerator', 'phải là một số, vd. 46'],
        ['denominator', 'không được âm'],
        ['period', 'kỳ dạng 2024-03 hoặc 2024-Q1'],
        ['criterion', 'bộ tiêu chí lai-chau-district-2024 không có tiêu chí 9.9.9'],
      ]);
      // A criterion that does not read and a criterion scored by hand: each at `criterion`, with the values' problem.
      const badCode = await server.request('PUT', `${PLAN}/tracking/${encodeURIComponent('bảy')}/2024-09`, { version: v, numerator: 1 }, unit);
      assert.deepEqual(fields(badCode), [['criterion', 'mã tiêu chí dạng 6.2.2']]);
      const manual = await server.request('PUT', `${PLAN}/tracking/1.4/2024-09`, { version: v, numerator: 'x' }, unit);
      assert.deepEqual(
        fields(manual).map(([field]: string[]) => field),
        ['numerator', 'criterion'],
      );
      assert.equal(await version(), v, 'nothing stored');
    });
  });
}
