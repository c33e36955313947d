import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { docxParagraphs, docxParts } from '../report/docxText.ts';
import { testEngines } from '../store/testing.ts';
import { routes } from './app.ts';
import { SURVEY_RATE } from './routes/surveyForm.ts';
import { completeSelfAssessmentByApi, startTestServer, type TestServer } from './testing.ts';

const CYCLE = 'lai-chau-district-2024';
const SURVEY = `/api/cycles/${CYCLE}/survey`;
const QUESTIONNAIRE = readFileSync(new URL('../../data/demo/surveys/lai-chau-district-2024.yaml', import.meta.url), 'utf8');

/** The route's declared response schema accepts what it answered. */
function conforms(method: string, url: string, body: unknown): void {
  const found = routes.find((r) => r.method === method && r.url === url);
  assert.ok(found?.response, `${method} ${url} declares a response`);
  const checked = found.response.safeParse(body);
  assert.ok(checked.success, `${method} ${url}: ${JSON.stringify(checked.error?.issues)}`);
}

const csv = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8');
const HEADER = ['Đơn vị', 'Nhóm', 'Số phiếu', 'q1. Hài lòng', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'];

for (const engine of testEngines()) {
  describe(`the survey on ${engine.name}`, () => {
    let server: TestServer;
    const as: Record<string, Record<string, string>> = {};
    before(async () => {
      server = await startTestServer(engine);
      for (const user of ['admin', 'appraiser', 'tamduong']) as[user] = await server.login(user);
    });
    after(() => server.close());

    test('design → open → collect online, on paper and from a file → monitor → exclude a flagged batch → compute → publish with the appraisal', async () => {
      const yaml = { ...as.admin, 'content-type': 'application/yaml' };
      // Design: refused at its field when it does not fit the framework, stored when it does.
      const wrong = await server.request('PUT', SURVEY, QUESTIONNAIRE.replace('code: "8.2"', 'code: "7.1"'), yaml);
      assert.equal(wrong.status, 422, JSON.stringify(wrong.body));
      assert.equal(wrong.body.error.issues[0].code, 'questionnaire.notSurvey');
      assert.equal((await server.request('PUT', SURVEY, QUESTIONNAIRE, { ...as.tamduong, 'content-type': 'application/yaml' })).status, 403);
      const designed = await server.request('PUT', SURVEY, QUESTIONNAIRE, yaml);
      assert.equal(designed.status, 200, JSON.stringify(designed.body));
      conforms('PUT', '/api/cycles/:cycle/survey', designed.body);
      // The demo seed stored version 1 (illustrative); the province's design is a new version.
      assert.deepEqual([designed.body.state, designed.body.questionnaireVersion], ['design', 2]);
      assert.deepEqual(
        designed.body.criteria.map((c: { code: string; maxPoints: string }) => [c.code, c.maxPoints]),
        [
          ['8.1', '4'],
          ['8.2', '5'],
          ['8.3', '3'],
          ['8.4', '6'],
          ['8.5', '6'],
          ['8.6', '6'],
        ],
      );
      // The same questionnaire through its Excel template: a new version.
      const template = Buffer.from(await (await fetch(`${server.url}${SURVEY}/questionnaire`, { headers: as.admin })).arrayBuffer());
      const fromExcel = await server.request('PUT', SURVEY, template, {
        ...as.admin,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
      assert.equal(fromExcel.status, 200, JSON.stringify(fromExcel.body));
      assert.deepEqual([fromExcel.body.questionnaireVersion, fromExcel.body.criteria], [3, designed.body.criteria]);

      // Links before opening: the form says the survey has not started.
      const shared = await server.request('POST', `${SURVEY}/links`, { unit: 'tam-duong', group: 'nguoi-dan', singleUse: false }, as.admin);
      assert.equal(shared.status, 201, JSON.stringify(shared.body));
      conforms('POST', '/api/cycles/:cycle/survey/links', shared.body);
      const [link] = shared.body.tokens as string[];
      assert.equal((await server.request('POST', `/api/survey/${link}`, { answers: { q1: 4, q2: 4, q3: 'A' } })).status, 409);
      const opened = await server.request('POST', `${SURVEY}/state`, { state: 'open', version: fromExcel.body.version }, as.admin);
      assert.equal(opened.body.state, 'open', JSON.stringify(opened.body));
      assert.equal((await server.request('PUT', SURVEY, QUESTIONNAIRE, yaml)).status, 409, 'an open survey’s questionnaire is fixed');

      // The sample plan: the method's share of the unit's figure, or the province's own number.
      const plan = await server.request(
        'PUT',
        `${SURVEY}/plan`,
        [
          { unit: 'tam-duong', group: 'cong-chuc', basis: 40 },
          { unit: 'tam-duong', group: 'nguoi-dan', planned: 12 },
        ],
        as.admin,
      );
      assert.equal(plan.status, 200, JSON.stringify(plan.body));
      const quota = (group: string) => plan.body.quotas.find((q: { unit: string; group: string }) => q.unit === 'tam-duong' && q.group === group);
      assert.deepEqual([quota('lanh-dao').planned, quota('cong-chuc').planned, quota('nguoi-dan').planned], [10, 20, 12]);

      // Online: the form in JSON and HTML (no account), then answers.
      const form = await server.request('GET', `/api/survey/${link}`);
      assert.equal(form.status, 200);
      conforms('GET', '/api/survey/:token', form.body);
      assert.equal(form.body.unit, 'UBND huyện Tam Đường');
      assert.deepEqual(
        form.body.questions.map((q: { id: string }) => q.id),
        ['q1', 'q2', 'q3', 'q4', 'q8', 'q9'],
      );
      const page = await server.request('GET', `/khao-sat/${link}`);
      assert.match(page.headers.get('content-type')!, /text\/html/);
      assert.match(String(page.body), /Bảo vệ dữ liệu cá nhân[\s\S]*Mục đích[\s\S]*Thời gian lưu trữ[\s\S]*Liên hệ/);
      assert.doesNotMatch(String(page.body), /<script/);
      const missing = await server.request('POST', `/khao-sat/${link}`, 'q1=4&q3=A', { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(missing.status, 422);
      assert.match(String(missing.body), /role="alert"[\s\S]*Câu 2: câu q2 chưa được trả lời|Câu 2/);
      const sent = await server.request('POST', `/khao-sat/${link}`, 'q1=5&q2=4&q3=A&q4=A&q4=B&q9=T%E1%BB%91t', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(sent.status, 200, String(sent.body));
      assert.match(String(sent.body), /Cảm ơn/);
      for (let i = 0; i < 4; i++) {
        const one = await server.request('POST', `/api/survey/${link}`, { answers: { q1: 4, q2: i < 2 ? 5 : 2, q3: 'A', q8: i } });
        assert.equal(one.status, 201, JSON.stringify(one.body));
      }
      const bad = await server.request('POST', `/api/survey/${link}`, { answers: { q1: 9, q2: 4, q3: 'A' } });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.issues[0].field, 'answers.q1');
      // Rate-limited per network: over the limit, 429 (the limit is lowered for the test).
      const limit = SURVEY_RATE.perNetwork;
      SURVEY_RATE.perNetwork = 0;
      try {
        // Invalid answers: whether the first is counted or refused, nothing is stored.
        await server.request('POST', `/api/survey/${link}`, { answers: { q1: 9 } });
        const limited = await server.request('POST', `/api/survey/${link}`, { answers: { q1: 9 } });
        assert.equal(limited.status, 429);
      } finally {
        SURVEY_RATE.perNetwork = limit;
      }
      // Single-use tokens: one response each.
      const single = await server.request('POST', `${SURVEY}/links`, { unit: 'tam-duong', group: 'lanh-dao', singleUse: true, count: 2 }, as.admin);
      const [first] = single.body.tokens as string[];
      assert.equal((await server.request('POST', `/api/survey/${first}`, { answers: { q5: 5, q7: 'A' } })).status, 201);
      const again = await server.request('POST', `/api/survey/${first}`, { answers: { q5: 5, q7: 'A' } });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'survey.inUse');
      // Sent at once, committed in groups: a single-use link still counts once; every response of a burst is stored, each with its own id.
      const race = await server.request('POST', `${SURVEY}/links`, { unit: 'muong-te', group: 'lanh-dao', singleUse: true }, as.admin);
      const raced = await Promise.all(
        Array.from({ length: 6 }, () => server.request('POST', `/api/survey/${race.body.tokens[0]}`, { answers: { q5: 3, q7: 'B' } })),
      );
      assert.deepEqual(raced.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
      assert.ok(raced.filter((r) => r.status === 409).every((r) => r.body.error.code === 'survey.inUse'));
      const burstLink = await server.request('POST', `${SURVEY}/links`, { unit: 'muong-te', group: 'cong-chuc', singleUse: false }, as.admin);
      SURVEY_RATE.perNetwork = 1000;
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          server.request('POST', `/api/survey/${burstLink.body.tokens[0]}`, { answers: { q5: 1 + (i % 5), q6: 3, q7: 'A' } }),
        ),
      ).finally(() => (SURVEY_RATE.perNetwork = limit));
      assert.deepEqual(new Set(burst.map((r) => r.status)), new Set([201]));
      assert.equal(new Set(burst.map((r) => r.body.id)).size, 20);
      const stored = await server.store.db.query<{ n: bigint }>(
        "SELECT count(*) AS n FROM survey_responses WHERE unit_id = 'muong-te' AND channel = 'online' AND id = ANY($1::bigint[])",
        [[...burst, ...raced].filter((r) => r.status === 201).map((r) => r.body.id)],
      );
      assert.equal(Number(stored[0]!.n), 21);
      // Responses are immutable in the database too.
      await assert.rejects(server.store.db.query("UPDATE survey_responses SET group_id = 'x'"), /immutable/);

      // Paper: a second typing that differs is refused at the question; a form number once.
      const paper = (body: unknown) => server.request('POST', `${SURVEY}/responses`, body, as.admin);
      const mismatch = await paper({ unit: 'tam-duong', group: 'lanh-dao', formNumber: 'LD-01', answers: { q5: 4, q7: 'A' }, check: { q5: 4, q7: 'B' } });
      assert.equal(mismatch.status, 422);
      assert.deepEqual(
        mismatch.body.error.issues.map((i: { code: string; field: string }) => [i.code, i.field]),
        [['survey.entryMismatch', 'check.q7']],
      );
      for (let n = 1; n <= 5; n++) {
        const entered = await paper({
          unit: 'tam-duong',
          group: 'lanh-dao',
          formNumber: `LD-0${n}`,
          answers: { q5: 4, q7: n <= 3 ? 'A' : 'C' },
          check: { q5: 4, q7: n <= 3 ? 'A' : 'C' },
        });
        assert.equal(entered.status, 201, JSON.stringify(entered.body));
      }
      assert.equal(
        (await paper({ unit: 'tam-duong', group: 'lanh-dao', formNumber: 'LD-01', answers: { q5: 4, q7: 'A' } })).body.error.code,
        'survey.duplicateForm',
      );

      // A file: a bad cell is reported at its cell and nothing is imported; then the good file.
      const people = Array.from({ length: 10 }, (_, i) => [
        'Tam Đường',
        'nguoi-dan',
        `ND-${i}`,
        '4',
        i < 7 ? '4' : '3',
        i < 8 ? 'A' : 'B',
        'A;C',
        '',
        '',
        '',
        '1',
        '',
      ]);
      const officials = Array.from({ length: 6 }, (_, i) => ['tam-duong', 'Cán bộ, công chức, viên chức', `CC-${i}`, '', '', '', '', '3', '4', 'B', '', '']);
      // Three identical paper forms typed from one photocopy: the batch to exclude.
      const copies = Array.from({ length: 3 }, (_, i) => ['tam-duong', 'nguoi-dan', `X-${i}`, '1', '1', 'C', '', '', '', '', '', 'sao chép']);
      const broken = csv([HEADER, ...people, ['tam-duong', 'nguoi-dan', 'ND-x', '7', '4', 'A', '', '', '', '', '', '']]);
      const refused = await server.request('POST', `${SURVEY}/import?name=phieu.csv`, broken, { ...as.admin, 'content-type': 'text/csv' });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.deepEqual(
        refused.body.error.issues.map((i: { cell: { row: number; column: string } }) => [i.cell.row, i.cell.column]),
        [[12, 'D']],
      );
      const good = csv([HEADER, ...people, ...officials, ...copies]);
      const dry = await server.request('POST', `${SURVEY}/import?name=phieu.csv&dryRun=true`, good, { ...as.admin, 'content-type': 'text/csv' });
      assert.deepEqual([dry.status, dry.body.responses, dry.body.dryRun], [200, 19, true]);
      const imported = await server.request('POST', `${SURVEY}/import?name=phieu.csv`, good, { ...as.admin, 'content-type': 'text/csv' });
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      if (server.store.db.engine === 'pglite') {
        // The embedded engine has no autovacuum: the import leaves the planner its statistics.
        const [{ estimated, stored: count }] = (await server.store.db.query<{ estimated: number; stored: number }>(
          "SELECT (SELECT reltuples::int FROM pg_class WHERE oid = 'survey_responses'::regclass) AS estimated, (SELECT count(*)::int FROM survey_responses) AS stored",
        )) as [{ estimated: number; stored: number }];
        assert.equal(estimated, count);
      }
      conforms('POST', '/api/cycles/:cycle/survey/import', imported.body);

      // Monitoring: against the plan, with the identical batch flagged.
      const monitored = await server.request('GET', `${SURVEY}/monitor`, undefined, as.admin);
      assert.equal(monitored.status, 200, JSON.stringify(monitored.body));
      conforms('GET', '/api/cycles/:cycle/survey/monitor', monitored.body);
      const row = (group: string) => monitored.body.quotas.find((q: { unit: string; group: string }) => q.unit === 'tam-duong' && q.group === group);
      assert.deepEqual([row('nguoi-dan').valid, row('nguoi-dan').planned, row('nguoi-dan').online, row('nguoi-dan').file], [18, 12, 5, 13]);
      assert.deepEqual([row('lanh-dao').valid, row('lanh-dao').paper], [6, 5]);
      const flag = monitored.body.flags.find(
        (f: { kind: string; group: string; responses: number[] }) => f.kind === 'identical' && f.group === 'nguoi-dan' && f.responses.length === 3,
      );
      assert.ok(
        monitored.body.flags.some((f: { group: string; responses: number[] }) => f.group === 'lanh-dao' && f.responses.length === 3),
        'three identical paper forms are flagged too, for the staff to accept',
      );
      assert.deepEqual([flag.responses.length, flag.status], [3, 'pending']);
      assert.equal((await server.request('POST', `${SURVEY}/decisions`, { flag: flag.id, decision: 'exclude', reason: ' ' }, as.admin)).status, 422);
      const excluded = await server.request(
        'POST',
        `${SURVEY}/decisions`,
        { flag: flag.id, decision: 'exclude', reason: 'Ba phiếu chụp từ cùng một bản' },
        as.admin,
      );
      assert.equal(excluded.status, 200, JSON.stringify(excluded.body));
      const after = (await server.request('GET', `${SURVEY}/monitor`, undefined, as.admin)).body;
      assert.deepEqual(
        [
          after.quotas.find((q: { unit: string; group: string }) => q.unit === 'tam-duong' && q.group === 'nguoi-dan').valid,
          after.flags.find((f: { id: string }) => f.id === flag.id).status,
        ],
        [15, 'exclude'],
      );

      // A correction is a new record; the old one no longer counts.
      const correction = await server.request(
        'POST',
        `${SURVEY}/responses/1/correction`,
        { answers: { q1: 5, q2: 5, q3: 'A' }, reason: 'Nhập lại theo phiếu gốc' },
        as.admin,
      );
      assert.equal(correction.status, 201, JSON.stringify(correction.body));

      // Points: computed and explained, previewed, then written as the survey part of component 8.
      const computed = await server.request('POST', `${SURVEY}/points`, undefined, as.admin);
      assert.equal(computed.status, 200, JSON.stringify(computed.body));
      conforms('POST', '/api/cycles/:cycle/survey/points', computed.body);
      const mine = (code: string) => computed.body.criteria.find((c: { unit: string; code: string }) => c.unit === 'tam-duong' && c.code === code);
      // q2 among 15 valid people: 1 (corrected) + 2 online + 7 from the file rate 4 or 5.
      assert.equal(mine('8.3').explanation.vi, '8.3: 66,7% đánh giá hài lòng trở lên trên 15 phiếu hợp lệ → 2/3 điểm');
      assert.equal(mine('8.3').points, '2');
      assert.match(
        mine('8.1').explanation.vi,
        /Lãnh đạo, quản lý: điểm trung bình 4,17\/5 .*trên 6 phiếu hợp lệ \(trọng số 40%\); Cán bộ, công chức, viên chức: điểm trung bình 3,00\/5 .*trên 6 phiếu hợp lệ \(trọng số 60%\)/,
      );
      const node = computed.body.nodes.find((n: { unit: string }) => n.unit === 'tam-duong');
      assert.equal(node.current, null);
      const otherUnit = computed.body.nodes.find((n: { unit: string }) => n.unit === 'than-uyen');
      assert.equal(otherUnit.points, null, 'a unit without answers has no survey part');
      const applied = await server.request('POST', `${SURVEY}/points/apply`, {}, as.admin);
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.deepEqual(applied.body.written, [{ unit: 'tam-duong', node: '8', points: node.points }]);
      const scores = (await server.request('GET', `/api/cycles/${CYCLE}/units/tam-duong/scores`, undefined, as.admin)).body as {
        code: string;
        final: { survey: string } | null;
      }[];
      assert.equal(scores.find((s) => s.code === '8')!.final!.survey, node.points);
      // The unit reads how its points arose; another unit does not.
      const explained = await server.request('GET', `${SURVEY}/points?unit=tam-duong`, undefined, as.tamduong);
      assert.equal(explained.status, 200);
      assert.equal(explained.body.length, 6);
      assert.equal((await server.request('GET', `${SURVEY}/points?unit=than-uyen`, undefined, as.tamduong)).status, 403);

      // The report: distributions, points, sample against plan; as XLSX too.
      const report = await server.request('GET', `${SURVEY}/report`, undefined, as.admin);
      conforms('GET', '/api/cycles/:cycle/survey/report', report.body);
      assert.deepEqual(report.body.distributions.find((d: { question: string; group: string }) => d.question === 'q3' && d.group === 'nguoi-dan').counts, {
        A: 13,
        B: 2,
        C: 0,
      });
      const xlsx = await fetch(`${server.url}${SURVEY}/report?format=xlsx`, { headers: as.admin });
      assert.equal(xlsx.status, 200);
      assert.equal(
        Buffer.from(await xlsx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
        'PK',
      );
      // As DOCX (the button beside the XLSX one): the same figures, worded, with a chart per question.
      const docx = await fetch(`${server.url}${SURVEY}/report?format=docx`, { headers: as.admin });
      assert.equal(docx.status, 200);
      assert.match(docx.headers.get('content-type') ?? '', /wordprocessingml/);
      const docxBytes = new Uint8Array(await docx.arrayBuffer());
      const words = (await docxParagraphs(docxBytes)).join('\n');
      assert.match(words, /Câu q3\./);
      assert.match(words, /^13 \(86,67%\)$/m);
      assert.match(words, /8\.3: [\d,]+% đánh giá hài lòng trở lên trên \d+ phiếu hợp lệ → /);
      assert.match(words, /MẪU KHẢO SÁT[\s\S]*PHÂN BỐ CÂU TRẢ LỜI[\s\S]*ĐIỂM ĐIỀU TRA XÃ HỘI HỌC/);
      assert.match((await docxParts(docxBytes)).get('word/_rels/document.xml.rels') ?? '', /media\/[^"]+\.png/, 'charts embedded');

      // Published with the appraisal: the unit assesses the rest, the council appraises, the province publishes.
      const unit = `/api/cycles/${CYCLE}/units/tam-duong`;
      const self8 = await server.request(
        'PUT',
        `${unit}/scores/8`,
        { version: (scores.find((s) => s.code === '8') as unknown as { version: number }).version, self: '1', comment: 'Phần thẩm định 8.7–8.9' },
        as.tamduong,
      );
      assert.equal(self8.status, 200, JSON.stringify(self8.body));
      await completeSelfAssessmentByApi(server, CYCLE, 'tam-duong', as.tamduong);
      for (const [step, who] of [
        ['submit', 'tamduong'],
        ['startAppraisal', 'appraiser'],
        ['completeAppraisal', 'appraiser'],
      ] as const) {
        const moved = await server.request('POST', `${unit}/transitions`, { transition: step }, as[who]);
        assert.equal(moved.status, 200, `${step}: ${JSON.stringify(moved.body)}`);
      }
      await server.store.db.query("UPDATE unit_results SET state = 'appraised' WHERE cycle_id = $1 AND unit_id <> 'tam-duong'", [CYCLE]);
      const others = (await server.request('GET', `/api/cycles/${CYCLE}`, undefined, as.admin)).body.units
        .map((u: { unit: string }) => u.unit)
        .filter((u: string) => u !== 'tam-duong');
      const published = await server.request(
        'POST',
        `/api/cycles/${CYCLE}/publications`,
        { decision: '30/QĐ-UBND', date: '2025-05-15', excluded: others.map((u: string) => ({ unit: u, reason: 'Chưa đủ hồ sơ' })) },
        as.admin,
      );
      assert.equal(published.status, 201, JSON.stringify(published.body));
      const analysis = (await server.request('GET', '/api/units/tam-duong/analysis?year=2024')).body;
      const component8 = analysis.components.find((c: { code: string }) => c.code === '8');
      assert.equal(Number(component8.score), 1 + Number(node.points), JSON.stringify(component8));

      // The report explains the survey points under their component.
      const report2024 = await server.request('GET', '/api/units/tam-duong/report?year=2024&format=md');
      assert.equal(report2024.status, 200);
      assert.match(
        String(report2024.body),
        /Điểm điều tra xã hội học được tính từ các phiếu hợp lệ như sau:[\s\S]*8\.3: 66,7% đánh giá hài lòng trở lên trên 15 phiếu hợp lệ → 2\/3 điểm/,
      );

      // Every step by the province is in the audit trail, the exclusion with its reason.
      const trail = (await server.request('GET', '/api/audit', undefined, as.admin)).body as { action: string; reason?: string }[];
      const actions = new Set(trail.map((e) => e.action));
      for (const action of [
        'survey.design',
        'survey.open',
        'survey.quotas',
        'survey.links',
        'survey.paperEntry',
        'survey.import',
        'survey.online',
        'survey.exclude',
        'survey.correct',
        'survey.compute',
        'survey.apply',
      ])
        assert.ok(actions.has(action), action);
      assert.equal(trail.find((e) => e.action === 'survey.exclude')!.reason, 'Ba phiếu chụp từ cùng một bản');
      assert.equal((await server.request('GET', '/api/audit/verify', undefined, as.admin)).body.valid, true);
    });
  });
}
