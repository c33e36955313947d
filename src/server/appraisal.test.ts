/**
 * The appraisal as provinces run it, over HTTP on both engines (issue 18): three appraising
 * agencies assigned to different components, two units explaining three criteria each in round 1,
 * the agencies answering (one accepted, two kept), round 2 closing, the council deciding with 5 of
 * 7 members, and the province publishing citing the council's decision — the audit chain verified
 * at the end. Every answer is checked against the route's declared response schema.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { z } from 'zod';
import { completeSelfAssessment, testEngines } from '../store/testing.ts';
import { todayInVietnam } from '../store/clock.ts';
import { routes } from './app.ts';
import { completeSelfAssessmentByApi, startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

const CYCLE = 'lai-chau-district-2024';
const UNITS = ['tam-duong', 'than-uyen'] as const;
const PDF = (n: number) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
const AGENCIES = [
  { id: 'so-tu-phap', name: 'Sở Tư pháp', user: 'stp-canbo', component: '2' },
  { id: 'so-tai-chinh', name: 'Sở Tài chính', user: 'stc-canbo', component: '6' },
  { id: 'so-khcn', name: 'Sở Khoa học và Công nghệ', user: 'skhcn-canbo', component: '7' },
] as const;
const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The declared response schema of a route, to check what it answered. */
function schemaOf(method: string, url: string): z.ZodType {
  const found = routes.find((r) => r.method === method && r.url === url);
  assert.ok(found?.response, `${method} ${url} declares its response`);
  return found.response;
}

for (const engine of testEngines()) {
  describe(`appraisal by agencies, two explanation rounds and the council on ${engine.name}`, () => {
    let server: TestServer;
    const as: Record<string, Record<string, string>> = {};
    const today = todayInVietnam();
    before(async () => {
      server = await startTestServer(engine);
      for (const user of ['admin', 'appraiser', 'tamduong', 'thanuyen']) as[user] = await server.login(user);
    });
    after(() => server.close());

    /** A request that must succeed with `status`, its body checked against the route's schema. */
    async function ok(method: string, url: string, path: string, body: unknown, who: string, status = 200) {
      const response = await server.request(method, path, body, as[who]);
      assert.equal(response.status, status, `${who} ${method} ${path}: ${JSON.stringify(response.body).slice(0, 400)}`);
      schemaOf(method, url).parse(response.body);
      return response.body;
    }
    const scoreVersion = async (unit: string, code: string) =>
      (
        await server.store.db.query<{ version: number }>('SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3', [CYCLE, unit, code])
      )[0]?.version ?? 0;
    const appraise = (unit: string, code: string, who: string, appraised: string, reason?: string) =>
      scoreVersion(unit, code).then((version) =>
        server.request('PUT', `/api/cycles/${CYCLE}/units/${unit}/scores/${code}`, { version, appraised, ...(reason && { reason }) }, as[who]),
      );
    const move = (unit: string, transition: string, who: string) =>
      server.request('POST', `/api/cycles/${CYCLE}/units/${unit}/transitions`, { transition }, as[who]);
    const settings = (body: object) =>
      server
        .request('GET', `/api/cycles/${CYCLE}/appraisal/settings`, undefined, as.admin)
        .then((s) =>
          ok('PUT', '/api/cycles/:cycle/appraisal/settings', `/api/cycles/${CYCLE}/appraisal/settings`, { ...body, version: s.body.version }, 'admin'),
        );

    test('a cycle from assignment to a publication citing the council, with the audit chain verified', async () => {
      // The province creates the agencies' staff, the agencies, and assigns a component to each.
      for (const agency of AGENCIES) {
        const created = await server.request(
          'POST',
          '/api/users',
          { username: agency.user, displayName: `Cán bộ ${agency.name}`, role: 'appraiser', password: TEST_PASSWORD },
          as.admin,
        );
        assert.equal(created.status, 201, JSON.stringify(created.body));
        await ok('PUT', '/api/appraisal/agencies/:agency', `/api/appraisal/agencies/${agency.id}`, { name: agency.name, users: [agency.user] }, 'admin');
        as[agency.user] = await server.login(agency.user);
      }
      const assigned = await ok(
        'PUT',
        '/api/cycles/:cycle/appraisal/assignments',
        `/api/cycles/${CYCLE}/appraisal/assignments`,
        { assignments: AGENCIES.map((a) => ({ code: a.component, agency: a.id })) },
        'admin',
      );
      assert.deepEqual(assigned, [
        { code: '2', agency: 'so-tu-phap' },
        { code: '6', agency: 'so-tai-chinh' },
        { code: '7', agency: 'so-khcn' },
      ]);
      const overlap = await server.request(
        'PUT',
        `/api/cycles/${CYCLE}/appraisal/assignments`,
        {
          assignments: [
            { code: '2', agency: 'so-tu-phap' },
            { code: '2.1', agency: 'so-tai-chinh' },
          ],
        },
        as.admin,
      );
      assert.equal(overlap.status, 422);
      assert.equal(overlap.body.error.issues[0].code, 'assignment.overlap');
      // Two rounds; the preliminary scores reach the units tomorrow (moved to today below); a council is required.
      await settings({
        process: 'twoRound',
        preliminaryFrom: dayAfter(today, 1),
        rounds: [
          { from: today, to: dayAfter(today, 7) },
          { from: today, to: dayAfter(today, 14) },
        ],
        councilRequired: true,
      });

      // Every unit self-assesses and submits; the council starts the appraisal.
      const all = (await server.store.db.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1 ORDER BY position', [CYCLE])).map(
        (r) => r.unit_id,
      );
      for (const unit of UNITS) {
        await completeSelfAssessmentByApi(server, CYCLE, unit, as[unit === 'tam-duong' ? 'tamduong' : 'thanuyen']!);
        assert.equal((await move(unit, 'submit', unit === 'tam-duong' ? 'tamduong' : 'thanuyen')).status, 200);
      }
      for (const unit of all.filter((u) => !UNITS.includes(u as never))) {
        await completeSelfAssessment(server.store.db, CYCLE, unit);
        await server.store.db.query("UPDATE unit_results SET state = 'submitted' WHERE cycle_id = $1 AND unit_id = $2", [CYCLE, unit]);
      }
      // An agency's staff take none of the council's steps.
      assert.equal((await move('tam-duong', 'startAppraisal', 'stp-canbo')).status, 403);
      for (const unit of all) assert.equal((await move(unit, 'startAppraisal', 'appraiser')).body.state, 'underAppraisal');

      // Each agency appraises its component, nobody outside the assignment.
      const outside = await appraise('tam-duong', '6', 'stp-canbo', '1');
      assert.equal(outside.status, 403);
      assert.match(outside.body.error.issues[0].message.vi, /không được phân công cho cơ quan của bạn/);
      assert.equal((await appraise('tam-duong', '2', 'appraiser', '1')).status, 403, 'the council does not appraise what is assigned to an agency');
      const LOWER: Record<string, string> = { '2': '3.5', '6': '5', '7': '10' };
      for (const unit of UNITS) {
        for (const agency of AGENCIES) {
          const written = await appraise(unit, agency.component, agency.user, LOWER[agency.component]!, `Thẩm định sơ bộ của ${agency.name}`);
          assert.equal(written.status, 200, JSON.stringify(written.body));
        }
        // The council appraises what is not assigned.
        assert.equal((await appraise(unit, '1', 'appraiser', '12', 'Chưa hoàn thành 2 nhiệm vụ của kế hoạch')).status, 200);
      }
      const work = await ok('GET', '/api/cycles/:cycle/appraisal/worklist', `/api/cycles/${CYCLE}/appraisal/worklist`, undefined, 'stc-canbo');
      assert.equal(work.agency.name, 'Sở Tài chính');
      assert.deepEqual(
        work.assignments.map((a: { code: string }) => a.code),
        ['6'],
      );
      assert.ok(work.items.every((i: { code: string }) => i.code === '6'));
      assert.deepEqual(work.progress, [{ agency: 'so-tai-chinh', name: 'Sở Tài chính', total: all.length, appraised: 2, explanations: 0, answered: 0 }]);
      const overall = await ok('GET', '/api/cycles/:cycle/appraisal/worklist', `/api/cycles/${CYCLE}/appraisal/worklist`, undefined, 'appraiser');
      assert.equal(overall.agency, null);
      assert.deepEqual(overall.progress.map((p: { agency: string | null }) => p.agency).sort(), [null, 'so-khcn', 'so-tai-chinh', 'so-tu-phap'].sort());

      // Before the day the province set, the unit sees no appraised score and cannot explain.
      const hidden = (await server.request('GET', `/api/cycles/${CYCLE}/units/tam-duong/scores`, undefined, as.tamduong)).body as {
        code: string;
        appraised: string | null;
      }[];
      assert.equal(hidden.find((s) => s.code === '2')!.appraised, null);
      const trail = (await server.request('GET', `/api/cycles/${CYCLE}/units/tam-duong/audit?code=2`, undefined, as.tamduong)).body as {
        after?: { appraised?: string };
      }[];
      assert.ok(
        trail.every((e) => !e.after?.appraised),
        'nor in its trail',
      );
      const early = await server.request('PUT', `/api/cycles/${CYCLE}/units/tam-duong/explanations/2`, { text: 'Giải trình', version: 0 }, as.tamduong);
      assert.equal(early.status, 422);
      assert.equal(early.body.error.issues[0].code, 'explanation.notYet');
      await settings({
        process: 'twoRound',
        preliminaryFrom: today,
        rounds: [
          { from: today, to: dayAfter(today, 7) },
          { from: today, to: dayAfter(today, 14) },
        ],
        councilRequired: true,
      });
      const sheet = await ok('GET', '/api/cycles/:cycle/units/:unit/explanations', `/api/cycles/${CYCLE}/units/tam-duong/explanations`, undefined, 'tamduong');
      assert.equal(sheet.visible, true);
      assert.equal(sheet.mayExplain, true);
      assert.equal(sheet.criteria.find((c: { code: string }) => c.code === '2').appraised, '3.5');
      // Sent: scores now change only through answers.
      assert.equal((await appraise('tam-duong', '2', 'stp-canbo', '4')).body.error.issues[0].code, 'appraisal.throughAnswers');

      // Evidence as documents: metadata checked, a date outside the period flagged, content stored once.
      const badNumber = await server.request(
        'POST',
        '/api/documents',
        {
          name: 'bc.pdf',
          content: PDF(0).toString('base64'),
          number: 'báo cáo',
          date: '2024-12-29',
          issuer: 'UBND huyện Tam Đường',
          summary: 'Báo cáo kết quả CCHC',
          links: [{ cycle: CYCLE, unit: 'tam-duong', code: '2' }],
        },
        as.tamduong,
      );
      assert.equal(badNumber.status, 422);
      assert.equal(badNumber.body.error.issues[0].code, 'document.number');
      const documents: Record<string, number[]> = { 'tam-duong': [], 'than-uyen': [] };
      for (const [i, unit] of UNITS.entries()) {
        const editor = unit === 'tam-duong' ? 'tamduong' : 'thanuyen';
        for (const [j, code] of ['2', '6', '7'].entries()) {
          const stored = await ok(
            'POST',
            '/api/documents',
            '/api/documents',
            {
              name: `bao-cao-${code}.pdf`,
              content: PDF(i * 10 + j).toString('base64'),
              number: `${1590 + i * 10 + j}/BC-UBND`,
              date: j === 2 ? '2023-12-29' : '2024-11-20',
              issuer: `UBND huyện ${unit}`,
              summary: `Báo cáo kết quả thực hiện tiêu chí ${code} về cải cách hành chính`,
              links: [{ cycle: CYCLE, unit, code }],
            },
            editor,
            201,
          );
          assert.equal(stored.duplicate, false);
          assert.deepEqual(
            stored.document.flags.map((f: { code: string }) => f.code),
            j === 2 ? ['document.outsidePeriod'] : [],
          );
          documents[unit]!.push(stored.document.id);
        }
      }
      const again = await ok(
        'POST',
        '/api/documents',
        '/api/documents',
        {
          name: 'ban-sao.pdf',
          content: PDF(0).toString('base64'),
          number: '1590/BC-UBND',
          date: '2024-11-20',
          issuer: 'UBND huyện tam-duong',
          summary: 'Bản sao báo cáo',
          links: [{ cycle: CYCLE, unit: 'tam-duong', code: '1' }],
        },
        'tamduong',
        201,
      );
      assert.equal(again.duplicate, true);
      assert.equal(again.document.id, documents['tam-duong']![0]);
      assert.deepEqual(
        again.document.links.map((l: { code: string }) => l.code),
        ['1', '2'],
      );
      // The province's plan proves criterion 1.1 for both units: one document, two links.
      const plan = await ok(
        'POST',
        '/api/documents',
        '/api/documents',
        {
          name: 'ke-hoach.pdf',
          content: PDF(99).toString('base64'),
          number: '45/KH-UBND',
          date: '2024-01-15',
          issuer: 'UBND tỉnh Lai Châu',
          summary: 'Kế hoạch cải cách hành chính năm 2024',
          links: UNITS.map((unit) => ({ cycle: CYCLE, unit, code: '1' })),
        },
        'admin',
        201,
      );
      assert.equal(plan.document.links.length, 2);
      assert.equal(
        (await server.request('POST', `/api/documents/${plan.document.id}/links`, { links: [{ cycle: CYCLE, unit: 'than-uyen', code: '2' }] }, as.tamduong))
          .status,
        403,
        'a unit links nothing to another unit',
      );
      const found = await ok('GET', '/api/documents', `/api/documents?q=${encodeURIComponent('ke hoach cai cach')}`, undefined, 'admin');
      assert.deepEqual(
        found.map((d: { number: string }) => d.number),
        ['45/KH-UBND'],
      );
      const byNumber = await ok('GET', '/api/documents', `/api/documents?q=${encodeURIComponent('1601/BC-UBND')}`, undefined, 'appraiser');
      assert.deepEqual(
        byNumber.map((d: { number: string }) => d.number),
        ['1601/BC-UBND'],
      );
      const own = await ok('GET', '/api/documents', '/api/documents?q=bao%20cao', undefined, 'thanuyen');
      assert.ok(
        own.length === 3 && own.every((d: { links: { unitId: string }[] }) => d.links.every((l) => l.unitId === 'than-uyen')),
        'a unit finds its own documents only',
      );

      // Explanations, answers and closed rounds change no reader's dataset (final scores come at
      // the appraisal's completion): the data revision stays, and nothing is read again in full.
      const revision = async () => (await server.store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value;
      const beforeRounds = await revision();
      // Round 1: each unit explains its three criteria, with its documents.
      for (const unit of UNITS) {
        const editor = unit === 'tam-duong' ? 'tamduong' : 'thanuyen';
        for (const [j, code] of ['2', '6', '7'].entries()) {
          const explained = await ok(
            'PUT',
            '/api/cycles/:cycle/units/:unit/explanations/:code',
            `/api/cycles/${CYCLE}/units/${unit}/explanations/${code}`,
            { text: `Đơn vị đã thực hiện đầy đủ tiêu chí ${code}, xem văn bản kèm theo`, documents: [documents[unit]![j]], version: 0 },
            editor,
          );
          assert.equal(explained.round, 1);
        }
      }
      assert.equal(
        (await server.request('PUT', `/api/cycles/${CYCLE}/units/tam-duong/explanations/2`, { text: 'x', version: 0 }, as.thanuyen)).status,
        403,
        'another unit cannot explain',
      );
      // Round 1 cannot close before every explanation is answered; the appraisal cannot complete.
      const early1 = await server.request('POST', `/api/cycles/${CYCLE}/appraisal/rounds/1/close`, undefined, as.appraiser);
      assert.equal(early1.status, 422);
      assert.equal(early1.body.error.issues.length, 6);
      // The agencies answer: justice accepts, finance and digital government keep, each with a reason.
      const wrongAgency = await server.request(
        'PUT',
        `/api/cycles/${CYCLE}/units/tam-duong/explanations/6/answer`,
        { outcome: 'kept', reason: 'x', version: 1 },
        as['stp-canbo'],
      );
      assert.equal(wrongAgency.status, 403);
      for (const unit of UNITS) {
        await ok(
          'PUT',
          '/api/cycles/:cycle/units/:unit/explanations/:code/answer',
          `/api/cycles/${CYCLE}/units/${unit}/explanations/2/answer`,
          { outcome: 'accepted', points: '4,5', reason: 'Đơn vị bổ sung Báo cáo theo dõi thi hành pháp luật: chấp nhận, trừ 0,5 điểm do gửi chậm', version: 1 },
          'stp-canbo',
        );
        await ok(
          'PUT',
          '/api/cycles/:cycle/units/:unit/explanations/:code/answer',
          `/api/cycles/${CYCLE}/units/${unit}/explanations/6/answer`,
          { outcome: 'kept', reason: 'Báo cáo quyết toán nộp sau thời hạn: giữ nguyên kết quả', version: 1 },
          'stc-canbo',
        );
        await ok(
          'PUT',
          '/api/cycles/:cycle/units/:unit/explanations/:code/answer',
          `/api/cycles/${CYCLE}/units/${unit}/explanations/7/answer`,
          { outcome: 'kept', reason: 'Văn bản ban hành năm 2023, ngoài kỳ đánh giá: giữ nguyên kết quả', version: 1 },
          'skhcn-canbo',
        );
      }
      assert.equal((await move('tam-duong', 'completeAppraisal', 'appraiser')).body.error.issues[0].code, 'appraisal.roundsOpen');
      assert.equal(
        (await server.request('POST', `/api/cycles/${CYCLE}/appraisal/rounds/1/close`, undefined, as['stp-canbo'])).status,
        403,
        'an agency does not close a round',
      );
      assert.equal(
        (await ok('POST', '/api/cycles/:cycle/appraisal/rounds/:round/close', `/api/cycles/${CYCLE}/appraisal/rounds/1/close`, undefined, 'appraiser')).round,
        2,
      );
      // Round 2: Than Uyên explains criterion 7 again; it is kept, final.
      await ok(
        'PUT',
        '/api/cycles/:cycle/units/:unit/explanations/:code',
        `/api/cycles/${CYCLE}/units/than-uyen/explanations/7`,
        { text: 'Đề nghị xem xét lại: văn bản năm 2024 đang trình ký', version: 0 },
        'thanuyen',
      );
      await ok(
        'PUT',
        '/api/cycles/:cycle/units/:unit/explanations/:code/answer',
        `/api/cycles/${CYCLE}/units/than-uyen/explanations/7/answer`,
        { outcome: 'kept', reason: 'Không có văn bản mới trong kỳ: giữ nguyên kết quả (vòng 2)', version: 1 },
        'skhcn-canbo',
      );
      assert.equal(
        (await ok('POST', '/api/cycles/:cycle/appraisal/rounds/:round/close', `/api/cycles/${CYCLE}/appraisal/rounds/2/close`, undefined, 'appraiser')).round,
        3,
      );
      assert.equal(await revision(), beforeRounds, 'the two rounds moved no data revision');
      const closed = await server.request('PUT', `/api/cycles/${CYCLE}/units/tam-duong/explanations/2`, { text: 'Muộn', version: 0 }, as.tamduong);
      assert.equal(closed.body.error.issues[0].code, 'explanation.closed');

      // The council lead completes every unit's appraisal; the final scores and reasons are the answers'.
      for (const unit of all) assert.equal((await move(unit, 'completeAppraisal', 'appraiser')).body.state, 'appraised', unit);
      const scores = (await server.request('GET', `/api/cycles/${CYCLE}/units/than-uyen/scores`, undefined, as.thanuyen)).body as {
        code: string;
        final: { total: string } | null;
        reason: string | null;
      }[];
      assert.equal(scores.find((s) => s.code === '2')!.final!.total, '4.5');
      assert.equal(scores.find((s) => s.code === '6')!.final!.total, '5');
      assert.equal(scores.find((s) => s.code === '7')!.reason, 'Không có văn bản mới trong kỳ: giữ nguyên kết quả (vòng 2)');
      // The criterion's history shows every step.
      const history = (await server.request('GET', `/api/cycles/${CYCLE}/units/than-uyen/audit?code=7`, undefined, as.thanuyen)).body as { action: string }[];
      assert.deepEqual(
        history.map((e) => e.action).filter((a) => a.startsWith('explanation.') || a.startsWith('document.')),
        ['document.link', 'explanation.submit', 'explanation.answer', 'explanation.submit', 'explanation.answer'],
      );

      // Publication needs the council's approving decision: refused without one, and with 3 of 7.
      const noCouncil = await server.request('POST', `/api/cycles/${CYCLE}/publications`, { decision: '120/QĐ-UBND', date: today }, as.admin);
      assert.equal(noCouncil.body.error.issues[0].code, 'publication.councilRequired');
      const minutes = await ok(
        'POST',
        '/api/documents',
        '/api/documents',
        {
          name: 'bien-ban.pdf',
          content: PDF(500).toString('base64'),
          number: '12/BB-HĐTĐ',
          date: today,
          issuer: 'Hội đồng thẩm định Chỉ số CCHC tỉnh',
          summary: 'Biên bản họp Hội đồng thẩm định kết quả Chỉ số CCHC năm 2024',
        },
        'appraiser',
        201,
      );
      const members = ['Chủ tịch', 'Phó Chủ tịch', 'Uỷ viên 1', 'Uỷ viên 2', 'Uỷ viên 3', 'Uỷ viên 4', 'Thư ký'].map((title, i) => ({
        name: `Thành viên ${i + 1}`,
        title,
      }));
      const council = {
        decision: 'Biên bản số 12/BB-HĐTĐ',
        meetingOn: today,
        members,
        scope: 'whole',
        items: [{ subject: 'Kết quả thẩm định Chỉ số CCHC năm 2024', approve: 3 }],
        minutes: minutes.document.id,
      };
      assert.equal(
        (await server.request('PUT', `/api/cycles/${CYCLE}/council`, { ...council, version: 0 }, as['stc-canbo'])).status,
        403,
        'an agency does not record the council',
      );
      const three = await ok('PUT', '/api/cycles/:cycle/council', `/api/cycles/${CYCLE}/council`, { ...council, version: 0 }, 'appraiser');
      assert.equal(three.approved, false);
      assert.equal(
        (await server.request('POST', `/api/cycles/${CYCLE}/publications`, { decision: '120/QĐ-UBND', date: today }, as.admin)).body.error.issues[0].code,
        'publication.councilNotApproved',
      );
      const five = await ok(
        'PUT',
        '/api/cycles/:cycle/council',
        `/api/cycles/${CYCLE}/council`,
        { ...council, items: [{ ...council.items[0], approve: 5 }], version: three.version },
        'appraiser',
      );
      assert.equal(five.approved, true);
      assert.deepEqual(
        five.items.map((i: { approve: number; of: number; share: string }) => [i.approve, i.of, i.share]),
        [[5, 7, '71.4']],
      );
      assert.match(five.summary.vi, /5\/7 \(71,4%\) thành viên tán thành — thông qua/);
      const published = await server.request('POST', `/api/cycles/${CYCLE}/publications`, { decision: '120/QĐ-UBND', date: today }, as.admin);
      assert.equal(published.status, 201, JSON.stringify(published.body));
      assert.equal(published.body.council.decision, 'Biên bản số 12/BB-HĐTĐ');
      assert.equal(published.body.council.approved, true);
      assert.equal(
        (await server.request('PUT', `/api/cycles/${CYCLE}/council`, { ...council, version: five.version }, as.appraiser)).body.error.issues[0].code,
        'council.published',
      );
      // The unit's report says which decision published the results and the council's decision it cites.
      const report = await server.request('GET', '/api/units/tam-duong/report?year=2024&format=md', undefined, as.tamduong);
      assert.equal(report.status, 200, String(report.body).slice(0, 300));
      assert.match(
        String(report.body),
        /Kết quả được công bố theo Quyết định số 120\/QĐ-UBND ngày .*căn cứ kết luận của Hội đồng thẩm định, Biên bản số 12\/BB-HĐTĐ, .*5\/7 \(71,4%\) thành viên tán thành — thông qua/,
      );
      // Published: the council record is public, as the decision that cites it.
      assert.equal((await server.request('GET', `/api/cycles/${CYCLE}/council`)).status, 200);

      // The unit's evidence list, exported.
      const list = await ok('GET', '/api/cycles/:cycle/units/:unit/documents', `/api/cycles/${CYCLE}/units/tam-duong/documents`, undefined, 'tamduong');
      assert.deepEqual(
        list.map((d: { code: string; number: string }) => `${d.code} ${d.number}`),
        ['1 45/KH-UBND', '1 1590/BC-UBND', '2 1590/BC-UBND', '6 1591/BC-UBND', '7 1592/BC-UBND'],
      );
      const csv = await server.request('GET', `/api/cycles/${CYCLE}/units/tam-duong/documents?format=csv`, undefined, as.tamduong);
      assert.equal(csv.status, 200);
      assert.match(String(csv.body), /1592\/BC-UBND.*ngoài kỳ đánh giá/);

      const verified = (await server.request('GET', '/api/audit/verify', undefined, as.admin)).body;
      assert.equal(verified.valid, true, JSON.stringify(verified));
    });
  });
}
