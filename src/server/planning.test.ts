import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { nextYearFramework } from '../io/testFiles.ts';
import { testEngines } from '../store/testing.ts';
import { startTestServer, type TestServer } from './testing.ts';

const PLAN = '/api/units/tam-duong/plans/2024';

for (const engine of testEngines()) {
  describe(`planning over HTTP on ${engine.name}`, () => {
    let server: TestServer;
    let unit: Record<string, string>;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      unit = await server.login('tamduong');
      admin = await server.login('admin');
    });
    after(() => server.close());
    const plan = async (query = '') => (await server.request('GET', `${PLAN}${query}`, undefined, unit)).body;
    const auditOf = async (action: string) =>
      ((await server.request('GET', '/api/audit', undefined, admin)).body as { action: string; subject: string; after: unknown }[]).filter(
        (e) => e.action === action,
      );

    test('recoverable points, what-if and target rank come from the core', async () => {
      const recoverable = (await server.request('GET', '/api/units/tam-duong/recoverable?year=2023')).body;
      const item = recoverable.items.find((i: { code: string }) => i.code === '7.3.6');
      assert.equal(item.lost, '0.782609');
      assert.deepEqual(item.requirement, { numerator: 46, denominator: 46 });
      assert.equal(item.action.vi, 'Đạt 46/46, tức thêm 36 so với năm 2023 (10/46)');
      assert.ok(recoverable.departments.some((d: { department: string }) => d.department === 'Văn phòng HĐND-UBND huyện'));
      const whatif = (
        await server.request('POST', '/api/units/tam-duong/whatif', {
          year: 2023,
          changes: [
            { code: '7.3.6', indicator: { numerator: 46, denominator: 46 } },
            { code: '1.7', score: '2' },
          ],
        })
      ).body;
      assert.equal(whatif.before.total, '78.119875');
      assert.equal(whatif.after.total, '80.902484');
      assert.equal(whatif.after.rank, 3);
      assert.equal(whatif.after.components.find((c: { code: string }) => c.code === '1').percent, '85.333333333333', '11,52 / 13,5 × 100, to 12 decimals');
      const target = (await server.request('POST', '/api/units/tam-duong/target', { year: 2023, rank: 3 })).body;
      assert.equal(target.rank, 3);
      assert.equal(target.items.length, 2);
    });

    test('bad what-if and target input: the field is named, in the user’s language', async () => {
      const unknown = await server.request('POST', '/api/units/tam-duong/whatif?lang=en', { year: 2023, changes: [{ code: '9.9', score: 1 }] });
      assert.equal(unknown.status, 422);
      const aboveMax = await server.request('POST', '/api/units/tam-duong/whatif', { year: 2023, changes: [{ code: '1.7', score: '5' }] });
      assert.equal(aboveMax.status, 422);
      assert.equal(aboveMax.body.error.issues[0].field, 'score');
      assert.match(aboveMax.body.error.issues[0].message.vi, /điểm của 1\.7 phải từ 0 đến 2/);
      const ratio = await server.request('POST', '/api/units/tam-duong/whatif', {
        year: 2023,
        changes: [{ code: '7.3.6', indicator: { numerator: 50, denominator: 46 } }],
      });
      assert.equal(ratio.status, 422);
      assert.match(ratio.body.error.issues[0].message.vi, /tử số 50 lớn hơn mẫu số 46/);
      const word = await server.request('POST', '/api/units/tam-duong/whatif', { year: 2023, changes: [{ code: '1.7', score: 'hai' }] });
      assert.equal(word.status, 422);
      assert.match(word.body.error.issues[0].field, /^changes\.0/);
      // A criterion the framework lacks and a value that is not a number: both in one answer.
      const both = await server.request('POST', '/api/units/tam-duong/whatif', { year: 2023, changes: [{ code: '9.9.9', score: 'hai' }] });
      assert.equal(both.status, 422);
      assert.deepEqual((both.body.error.issues as { field: string }[]).map((i) => i.field).sort(), ['changes.0.code', 'changes.0.score']);
      assert.match(both.body.error.issues.find((i: { field: string }) => i.field === 'changes.0.code').message.vi, /không có mã 9\.9\.9/);
      assert.equal((await server.request('POST', '/api/units/tam-duong/whatif', { year: 20233, changes: [{ code: '1.7', score: 1 }] })).status, 422);
      const rank = await server.request('POST', '/api/units/tam-duong/target', { year: 2023, rank: 9 });
      assert.equal(rank.status, 422);
      assert.equal(rank.body.error.issues[0].field, 'rank');
      assert.equal((await server.request('POST', '/api/units/tam-duong/target', { year: 2023, rank: 0 })).status, 422);
      assert.equal((await server.request('POST', '/api/units/khong-co/target', { year: 2023, rank: 1 })).status, 404);
    });

    test('a task created from a deduction and marked done moves the projection by the points it wins back; audited', async () => {
      const first = await plan('?today=2024-12-10');
      assert.ok(first.calendar.some((e: { status: string }) => e.status === 'dueSoon'));
      assert.equal(first.tasks.length, 28);
      const suggestion = first.suggestions.find((s: { criteria: string[] }) => s.criteria[0] === '1.7');
      const created = await server.request('POST', `${PLAN}/tasks`, { version: first.version, task: suggestion }, unit);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.version, first.version + 1);
      const stale = await server.request('POST', `${PLAN}/tasks`, { version: first.version, task: { ...suggestion, id: 'x' } }, unit);
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.current.version, created.body.version);
      const done = await server.request(
        'PUT',
        `${PLAN}/tasks/${suggestion.id}`,
        { version: created.body.version, status: 'done', note: 'Không có trường hợp kỷ luật' },
        unit,
      );
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.task.progress[0].note, 'Không có trường hợp kỷ luật');
      const afterDone = await plan();
      assert.equal(afterDone.tasks.length, 29, 'the demo plan’s tasks are kept');
      assert.equal(Math.round((Number(afterDone.projection.projected) - Number(first.projection.projected)) * 1e6), 2_000_000);
      assert.deepEqual(
        afterDone.projection.recovered.find((r: { code: string }) => r.code === '1.7'),
        { code: '1.7', points: '2', by: 'task' },
      );
      const [entry] = await auditOf('plan.task.done');
      assert.equal(entry!.subject, 'plan/tam-duong/2024');
      assert.ok(JSON.stringify(entry!.after).includes('Không có trường hợp kỷ luật'));
      // The plan feeds part II of the generated report.
      const report = await server.request('GET', '/api/units/tam-duong/report?year=2023&format=md', undefined, unit);
      assert.equal(report.status, 200);
      const partTwo = String(report.body).split('## II.')[1]!;
      assert.ok(partTwo.includes(suggestion.title), 'the new task is in part II');
    });

    test('a task edit: owner, collaborators, criteria, deadline; a department sees its own tasks; bad input names its field', async () => {
      const current = await plan();
      const edited = await server.request(
        'PUT',
        `${PLAN}/tasks/nv-3-1`,
        { version: current.version, collaborators: ['Phòng Nội vụ'], criteria: ['1.6'], deadline: '2024-10-31' },
        unit,
      );
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual([edited.body.task.collaborators, edited.body.task.criteria, edited.body.task.deadline], [['Phòng Nội vụ'], ['1.6'], '2024-10-31']);
      const mine = await plan(`?today=2024-11-05&department=${encodeURIComponent('Phòng Nội vụ')}`);
      assert.ok(
        mine.tasks.every((t: { department: string; collaborators?: string[] }) => t.department === 'Phòng Nội vụ' || t.collaborators?.includes('Phòng Nội vụ')),
      );
      assert.deepEqual(
        mine.tasks.filter((t: { overdue: boolean }) => t.overdue).map((t: { id: string }) => t.id),
        ['nv-3-1'],
      );
      assert.ok(mine.departments.includes('Phòng Tư pháp'));
      const unknownCriterion = await server.request('PUT', `${PLAN}/tasks/nv-3-1`, { version: edited.body.version, criteria: ['9.9'] }, unit);
      assert.equal(unknownCriterion.status, 422);
      assert.equal(unknownCriterion.body.error.issues[0].field, 'criteria');
      const badDate = await server.request('PUT', `${PLAN}/tasks/nv-3-1`, { version: edited.body.version, deadline: '2024-02-30' }, unit);
      assert.equal(badDate.status, 422);
      assert.equal(badDate.body.error.issues[0].field, 'deadline');
      assert.equal((await server.request('PUT', `${PLAN}/tasks/khong-co`, { version: edited.body.version, status: 'done' }, unit)).status, 404);
      assert.equal((await plan()).version, edited.body.version, 'nothing stored by the refused writes');
    });

    test('indicator values entered during the year: validated by the rule, versioned, audited, and the projection follows', async () => {
      const current = await plan();
      const path = `${PLAN}/tracking/7.3.6/2024-12`;
      const entered = await server.request('PUT', path, { version: current.version, numerator: 46, denominator: 46 }, unit);
      assert.equal(entered.status, 200, JSON.stringify(entered.body));
      assert.equal(entered.body.points, '1');
      assert.deepEqual(
        entered.body.values.map((v: { period: string }) => v.period),
        ['2024-03', '2024-06', '2024-09', '2024-12'],
      );
      const after = await plan();
      const track = after.tracking.find((t: { criterion: string }) => t.criterion === '7.3.6');
      assert.equal(track.latest, '1');
      assert.ok(Number(after.projection.projected) > Number(current.projection.projected));
      assert.equal((await auditOf('plan.tracking.set')).length, 1);
      const refused = [
        [path, { version: entered.body.version, numerator: 50, denominator: 46 }, 422],
        [`${PLAN}/tracking/1.4/2024-12`, { version: entered.body.version, numerator: 1, denominator: 2 }, 422],
        [`${PLAN}/tracking/7.3.6/2023-12`, { version: entered.body.version, numerator: 1, denominator: 2 }, 422],
        [`${PLAN}/tracking/7.3.6/2024-13`, { version: entered.body.version, numerator: 1, denominator: 2 }, 422],
        [path, { version: current.version, numerator: 40, denominator: 46 }, 409],
      ] as const;
      for (const [url, body, status] of refused) assert.equal((await server.request('PUT', url, body, unit)).status, status, `${url} ${JSON.stringify(body)}`);
      assert.equal((await plan()).version, entered.body.version);
      const removed = await server.request('DELETE', `${path}?version=${entered.body.version}`, undefined, unit);
      assert.equal(removed.status, 200, JSON.stringify(removed.body));
      assert.equal((await plan()).tracking.find((t: { criterion: string }) => t.criterion === '7.3.6').series.length, 3);
    });

    test('the reporting calendar: a sent date recorded over the API, an ad hoc report added with the criterion it costs', async () => {
      const current = await plan('?today=2024-12-10');
      const yearly = current.calendar.find((e: { name: string }) => e.name === 'Báo cáo CCHC năm 2024');
      assert.equal(yearly.id, 'bao-cao-2024-12-15');
      const sent = await server.request('PUT', `${PLAN}/reports/${yearly.id}`, { version: current.version, sent: '2024-12-13' }, unit);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      assert.equal(sent.body.report.status, 'sent');
      const added = await server.request(
        'POST',
        `${PLAN}/reports`,
        { version: sent.body.version, report: { name: 'Báo cáo đột xuất về Đề án 06', kind: 'adHoc', criterion: '1.2.1', due: '2024-12-12' } },
        unit,
      );
      assert.equal(added.status, 201, JSON.stringify(added.body));
      // A blank name, a date that does not read and a criterion the framework lacks: one answer, every field.
      const wrong = await server.request(
        'POST',
        `${PLAN}/reports`,
        { version: added.body.version, report: { name: '', kind: 'adHoc', criterion: '9.9', due: '32/12/2024' } },
        unit,
      );
      assert.equal(wrong.status, 422);
      assert.deepEqual((wrong.body.error.issues as { field: string }[]).map((i) => i.field).sort(), ['report.criterion', 'report.due', 'report.name']);
      const late = (await plan('?today=2024-12-20')).calendar.find((e: { id: string }) => e.id === added.body.report.id);
      assert.equal(late.status, 'late');
      assert.equal(late.criterion, '1.2.1');
      assert.equal((await server.request('PUT', `${PLAN}/reports/khong-co`, { version: added.body.version, sent: '2024-12-13' }, unit)).status, 404);
      assert.equal((await server.request('PUT', `${PLAN}/reports/${yearly.id}`, { version: added.body.version, sent: '13/12/2024' }, unit)).status, 422);
      assert.equal((await auditOf('plan.report.sent')).length, 1);
    });

    test('writes are role-scoped: viewers and other units are refused, the public and other units do not see the plan, the province can edit', async () => {
      const current = await plan();
      const viewer = await server.login('tamduong-view');
      const other = await server.login('thanuyen');
      const appraiser = await server.login('appraiser');
      for (const who of [viewer, other, appraiser]) {
        assert.equal((await server.request('PUT', `${PLAN}/tasks/nv-2-1`, { version: current.version, status: 'doing' }, who)).status, 403);
        assert.equal(
          (await server.request('PUT', `${PLAN}/tracking/7.3.6/2024-10`, { version: current.version, numerator: 1, denominator: 46 }, who)).status,
          403,
        );
        assert.equal((await server.request('PUT', `${PLAN}/reports/bao-cao-2024-12-31`, { version: current.version, sent: '2024-12-30' }, who)).status, 403);
      }
      assert.equal((await server.request('GET', PLAN, undefined, viewer)).status, 200);
      assert.equal((await server.request('GET', PLAN, undefined, appraiser)).status, 200);
      // The public and other units are not told the plan exists: 404, as for a year without any.
      const hidden = await server.request('GET', PLAN);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.error.message, 'year: không có kế hoạch năm 2024 của Tam Đường');
      assert.equal((await server.request('GET', PLAN, undefined, other)).status, 404);
      assert.equal((await server.request('PUT', `${PLAN}/tasks/nv-2-1`, { version: current.version, status: 'doing' })).status, 401);
      const byProvince = await server.request('PUT', `${PLAN}/tasks/nv-2-1`, { version: current.version, status: 'doing' }, admin);
      assert.equal(byProvince.status, 200);
      assert.equal((await server.request('GET', '/api/units/khong-co/plans/2024', undefined, admin)).status, 404);
    });

    test('rank robustness is reproducible for a seed', async () => {
      const a = (await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3')).body;
      const b = (await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3')).body;
      assert.equal(a.length, 8);
      assert.deepEqual(a, b);
      assert.ok(
        a.every(
          (d: { low: number; high: number; mean: string; probabilities: string[] }) =>
            d.low <= d.high && /^\d+(\.\d+)?$/.test(d.mean) && Math.abs(d.probabilities.reduce((s, x) => s + Number(x), 0) - 1) < 1e-9,
        ),
      );
      const weighted = await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3&weightSpread=0.1');
      assert.equal(weighted.status, 200);
      assert.notDeepEqual(weighted.body, a);
      assert.equal((await server.request('GET', '/api/robustness?year=2023&runs=5')).status, 422);
      const own = (await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&seed=3&unit=tam-duong')).body as {
        unitId: string;
        probabilities: string[] | null;
      }[];
      assert.equal(
        own.find((r) => r.unitId === 'tam-duong')!.probabilities!.length,
        8,
        'a unit asked for gets its probabilities (for every unit too, up to 300 units)',
      );
      const unknown = await server.request('GET', '/api/robustness?year=2023&level=district&runs=500&unit=khong-co');
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.field ?? unknown.body.error.issues?.[0]?.field, 'unit');
    });

    test('next year’s framework may drop a criterion a plan names: the import goes through, and the plan says which task to relink', async () => {
      const next = '/api/units/tam-duong/plans/2025';
      const empty = (await server.request('GET', next, undefined, unit)).body;
      assert.deepEqual(empty.problems, []);
      const task = { id: 'kenh-tuong-tac', title: 'Mở kênh tương tác trực tuyến', department: 'Văn phòng HĐND-UBND huyện', criteria: ['1.7'] };
      assert.equal((await server.request('POST', `${next}/tasks`, { version: empty.version, task }, unit)).status, 201);
      const framework = nextYearFramework({ without: '1.7' });
      const imported = await server.request('POST', '/api/import', { documents: [{ name: framework.file, data: framework.data }] }, admin);
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      const read = (await server.request('GET', next, undefined, unit)).body;
      assert.deepEqual(read.problems, [
        {
          field: 'tasks.0.criteria.0',
          node: '1.7',
          message: {
            vi: 'Nhiệm vụ «Mở kênh tương tác trực tuyến»: bộ tiêu chí lai-chau-district-2025 không có tiêu chí 1.7 (đã bỏ so với bộ tiêu chí lai-chau-district-2024): gắn lại với tiêu chí khác hoặc bỏ liên kết',
            en: 'Task "Mở kênh tương tác trực tuyến": framework lai-chau-district-2025 has no criterion 1.7 (dropped since framework lai-chau-district-2024): link another criterion or unlink it',
          },
        },
      ]);
    });
  });
}
