import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../store/testing.ts';
import { STATES, TRANSITIONS, type Transition } from '../workflow/states.ts';
import { routes } from './app.ts';
import { completeSelfAssessmentByApi, startTestServer, TEST_PASSWORD, type TestServer } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const UNIT = `/api/cycles/${DRAFT}/units/tam-duong`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63fcffff3f0300050001ff2a4b6a0000000049454e44ae426082',
  'hex',
);

/** Who performs each transition. */
const PERFORMER: Record<Transition, string> = {
  submit: 'tamduong',
  startAppraisal: 'appraiser',
  returnToUnit: 'appraiser',
  completeAppraisal: 'appraiser',
  requestRecheck: 'tamduong',
  answerRecheck: 'appraiser',
  publish: 'admin',
  correct: 'admin',
};

for (const engine of testEngines()) {
  describe(`assessment workflow on ${engine.name}`, () => {
    let server: TestServer;
    const as: Record<string, Record<string, string>> = {};
    before(async () => {
      server = await startTestServer(engine, { evidenceLimit: 64 * 1024 });
      for (const user of ['admin', 'appraiser', 'tamduong', 'tamduong-view', 'thanuyen']) as[user] = await server.login(user);
    });
    after(() => server.close());
    const setState = (state: string, unit = 'tam-duong') =>
      server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2 AND unit_id = $3', [state, DRAFT, unit]);
    const version = async (code: string) =>
      (
        await server.store.db.query<{ version: number }>('SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3', [
          DRAFT,
          'tam-duong',
          code,
        ])
      )[0]?.version ?? 0;
    const move = (transition: Transition, user: string, reason?: string) =>
      server.request('POST', `${UNIT}/transitions`, { transition, ...(reason && { reason }) }, as[user]);

    test('a scripted cycle: self-assessment with evidence, appraisal with reasons, re-check, publication — every change audited and the chain verifies', async () => {
      await setState('draft');
      const self = await server.request('PUT', `${UNIT}/scores/6`, { version: await version('6'), self: '3' }, as.tamduong);
      assert.equal(self.status, 200, JSON.stringify(self.body));
      // Incomplete, and self-scored without evidence nor explanation: submission is refused,
      // naming every criterion still missing at once, and the one without evidence.
      const refused = await move('submit', 'tamduong');
      assert.equal(refused.status, 422);
      const issues = refused.body.error.issues as { code: string; node: string; message: { vi: string; en: string } }[];
      assert.deepEqual(
        issues.filter((i) => i.code === 'workflow.criterionMissing').map((i) => i.node),
        ['1', '2', '3', '4', '5', '7', '8'],
      );
      assert.deepEqual(
        issues.filter((i) => i.code === 'workflow.evidenceRequired').map((i) => i.node),
        ['6'],
      );
      assert.match(issues[0]!.message.vi, /Tiêu chí 1 .*chưa tự chấm điểm, cũng chưa ghi không áp dụng/);
      assert.match(issues[0]!.message.en, /Criterion 1 .*neither a self score nor a not-applicable mark/);
      const upload = await server.request('POST', `${UNIT}/evidence?code=6&name=${encodeURIComponent('Báo cáo tài chính.pdf')}`, PDF, {
        ...as.tamduong,
        'content-type': 'application/pdf',
      });
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      assert.equal(upload.body.name, 'Báo cáo tài chính.pdf');
      const explained = await server.request(
        'PUT',
        `${UNIT}/scores/5`,
        { version: await version('5'), self: '5.5', comment: 'Đủ 3 văn bản, xem Quyết định 12/QĐ-UBND' },
        as.tamduong,
      );
      assert.equal(explained.status, 200);
      // A criterion that does not apply is covered by its mark with a reason; the rest are scored.
      const marked = await server.request(
        'PUT',
        `${UNIT}/scores/4`,
        { version: await version('4'), notApplicable: true, reason: 'Không phát sinh văn bản trong năm' },
        as.tamduong,
      );
      assert.equal(marked.status, 200, JSON.stringify(marked.body));
      const stillMissing = (await move('submit', 'tamduong')).body.error.issues.map((i: { node: string }) => i.node);
      assert.deepEqual(stillMissing, ['1', '2', '3', '7', '8']);
      assert.deepEqual(await completeSelfAssessmentByApi(server, DRAFT, 'tam-duong', as.tamduong), ['1', '2', '3', '7', '8']);
      assert.equal((await move('submit', 'tamduong')).body.state, 'submitted');
      // Submitted: the unit's scores are locked.
      assert.equal((await server.request('PUT', `${UNIT}/scores/5`, { version: await version('5'), self: '5' }, as.tamduong)).status, 403);
      // The council finds what awaits it.
      const waiting = (await server.request('GET', `/api/cycles/${DRAFT}?state=submitted`, undefined, as.appraiser)).body;
      assert.deepEqual(
        waiting.units.map((u: { unit: string; label: string }) => [u.unit, u.label]),
        [['tam-duong', 'Đã nộp']],
      );
      assert.equal((await move('startAppraisal', 'appraiser')).body.state, 'underAppraisal');
      const lower = await server.request('PUT', `${UNIT}/scores/6`, { version: await version('6'), appraised: '2.5' }, as.appraiser);
      assert.equal(lower.status, 200);
      const noReason = await move('completeAppraisal', 'appraiser');
      assert.equal(noReason.status, 422);
      assert.equal(noReason.body.error.issues[0].code, 'workflow.deductionReasonRequired');
      await server.request('PUT', `${UNIT}/scores/6`, { version: await version('6'), reason: 'Báo cáo tài chính nộp chậm 5 ngày' }, as.appraiser);
      assert.equal((await move('completeAppraisal', 'appraiser')).body.state, 'appraised');
      const scores = (await server.request('GET', `${UNIT}/scores`, undefined, as.tamduong)).body as { code: string; final: { total: string } | null }[];
      assert.equal(scores.find((s) => s.code === '6')!.final!.total, '2.5');
      assert.equal(scores.find((s) => s.code === '5')!.final!.total, '5.5');
      assert.equal((await move('requestRecheck', 'tamduong')).status, 422, 'a re-check needs a reason');
      assert.equal((await move('requestRecheck', 'tamduong', 'Đã nộp đúng hạn qua hệ thống')).body.state, 'recheckRequested');
      // The council sees why the unit asks, and only its own next steps.
      const asked = (await server.request('GET', `${UNIT}/assessment`, undefined, as.appraiser)).body;
      assert.deepEqual(asked.allowed, ['answerRecheck']);
      assert.equal(asked.history.at(-1).reason, 'Đã nộp đúng hạn qua hệ thống');
      assert.equal(asked.history.at(-1).by, 'Văn phòng HĐND và UBND huyện Tam Đường');
      assert.equal((await move('answerRecheck', 'appraiser', 'Giữ nguyên kết quả')).body.state, 'recheckAnswered');
      assert.equal((await server.request('GET', `${UNIT}/assessment`, undefined, as.tamduong)).body.history.at(-1).reason, 'Giữ nguyên kết quả');
      // One unit alone is not published; the cycle is, by decision, once every unit is through appraisal.
      const alone = await move('publish', 'admin');
      assert.equal(alone.status, 409);
      assert.equal(alone.body.error.code, 'workflow.publishByDecision');
      const early = await server.request('POST', `/api/cycles/${DRAFT}/publications`, { decision: '15/QĐ-UBND', date: '2025-05-15' }, as.admin);
      assert.equal(early.status, 409);
      assert.equal(early.body.error.code, 'publication.notReady');
      // People read the units' names, not their ids, in either language.
      assert.match(early.body.error.message, /7 đơn vị .*Than Uyên \(Đang tự đánh giá\)/);
      assert.doesNotMatch(early.body.error.message, /than-uyen/);
      const english = await server.request('POST', `/api/cycles/${DRAFT}/publications`, { decision: '15/QĐ-UBND' }, { ...as.admin, 'accept-language': 'en' });
      assert.match(english.body.error.message, /7 units .*Than Uyên \(Self-assessment\)/);
      await server.store.db.query("UPDATE unit_results SET state = 'appraised' WHERE cycle_id = $1 AND unit_id <> 'tam-duong'", [DRAFT]);
      // The other units have no score: their totals are unknown, and the refusal names every one.
      const unknown = await server.request('POST', `/api/cycles/${DRAFT}/publications`, { decision: '15/QĐ-UBND', date: '2025-05-15' }, as.admin);
      assert.equal(unknown.status, 422);
      const others = ['than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te', 'phong-tho', 'sin-ho', 'nam-nhun'];
      assert.deepEqual(
        unknown.body.error.issues.map((i: { code: string; unit: string }) => [i.code, i.unit]).sort(),
        others.map((u) => ['publication.unknownTotal', u]).sort(),
      );
      assert.match(unknown.body.error.issues.find((i: { unit: string }) => i.unit === 'than-uyen').message.vi, /chưa tính được tổng điểm của Than Uyên/);
      // The province reads what it would publish: every unit, its total (unknown shown as null) and rank.
      const preview = await server.request('GET', `/api/cycles/${DRAFT}/publication-preview`, undefined, as.admin);
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      const tamDuongRow = preview.body.find((r: { unit: string }) => r.unit === 'tam-duong');
      assert.deepEqual([tamDuongRow.name, tamDuongRow.rank, tamDuongRow.of, typeof tamDuongRow.total], ['Tam Đường', 1, 1, 'string']);
      assert.deepEqual(
        preview.body
          .filter((r: { total: string | null }) => r.total === null)
          .map((r: { unit: string }) => r.unit)
          .sort(),
        [...others].sort(),
      );
      assert.equal((await server.request('GET', `/api/cycles/${DRAFT}/publication-preview`, undefined, as.tamduong)).status, 403);
      // Leaving a unit out needs a reason; with one, the decision publishes the others.
      const excluded = others.map((unit) => ({ unit, reason: 'Chưa đủ hồ sơ tự đánh giá' }));
      const bare = await server.request(
        'POST',
        `/api/cycles/${DRAFT}/publications`,
        { decision: '15/QĐ-UBND', excluded: [{ unit: 'than-uyen', reason: ' ' }, ...excluded.slice(1)] },
        as.admin,
      );
      assert.equal(bare.status, 422);
      assert.deepEqual(
        bare.body.error.issues.map((i: { code: string }) => i.code),
        ['publication.exclusionReason'],
      );
      const published = await server.request('POST', `/api/cycles/${DRAFT}/publications`, { decision: '15/QĐ-UBND', date: '2025-05-15', excluded }, as.admin);
      assert.equal(published.status, 201, JSON.stringify(published.body));
      assert.deepEqual(published.body.excluded, excluded);
      const [audited] = await server.store.db.query<{ after: { excluded: unknown } }>(
        "SELECT after FROM audit_log WHERE action = 'publication.publish' ORDER BY sequence DESC LIMIT 1",
      );
      assert.deepEqual(audited!.after.excluded, excluded, 'the exclusions and their reasons are audited');
      assert.equal((await server.request('GET', `${UNIT}/assessment`)).body.state, 'published');
      // Published: nobody edits; the public can now read it, under its decision.
      assert.equal((await server.request('PUT', `${UNIT}/scores/6`, { version: await version('6'), appraised: '3' }, as.appraiser)).status, 403);
      assert.equal((await server.request('GET', `${UNIT}/scores`)).status, 200);
      const component6 = async (headers?: Record<string, string>) => {
        const analysis = (await server.request('GET', '/api/units/tam-duong/analysis?year=2024', undefined, headers)).body;
        return { decision: analysis.publication?.decision, score: analysis.components.find((c: { code: string }) => c.code === '6').score };
      };
      assert.deepEqual(await component6(), { decision: '15/QĐ-UBND', score: '2.5' });
      type Row = { code: string; final: { total: string } | null; reason: string | null; version: number; updatedAt: string };
      const scoresAs = async (headers?: Record<string, string>) =>
        ((await server.request('GET', `${UNIT}/scores`, undefined, headers)).body as Row[]).map(({ version: _v, updatedAt: _u, ...row }) => row);
      const decided = await scoresAs(as.admin);
      assert.deepEqual(await scoresAs(), decided, 'published and stored agree until a correction');
      // A correction is edited on the stored score (with a reason) but read by others only once published.
      const corrected = await server.request(
        'PUT',
        `${UNIT}/scores/6`,
        { version: await version('6'), final: '3', reason: 'Đính chính theo kết luận phúc tra' },
        as.admin,
      );
      assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
      assert.deepEqual(await component6(), { decision: '15/QĐ-UBND', score: '2.5' });
      assert.deepEqual(await component6(as.tamduong), { decision: '15/QĐ-UBND', score: '2.5' });
      assert.equal((await component6(as.admin)).score, '3', 'the province sees what it is about to publish');
      // Its scores too: the others read the decided row (final and reason), as the analysis does.
      for (const who of [undefined, as.tamduong, as.appraiser, as.thanuyen]) assert.deepEqual(await scoresAs(who), decided);
      const pending = (await scoresAs(as.admin)).find((r) => r.code === '6')!;
      assert.deepEqual([pending.final?.total, pending.reason], ['3', 'Đính chính theo kết luận phúc tra']);
      const unexplained = await server.request('POST', `/api/cycles/${DRAFT}/publications`, { decision: '20/QĐ-UBND' }, as.admin);
      assert.equal(unexplained.body.error.code, 'publication.reasonRequired');
      const correction = await server.request(
        'POST',
        `/api/cycles/${DRAFT}/publications`,
        { decision: '20/QĐ-UBND', date: '2025-06-01', reason: 'Đính chính tiêu chí 6' },
        as.admin,
      );
      assert.equal(correction.status, 201, JSON.stringify(correction.body));
      assert.equal(correction.body.sequence, 2);
      assert.deepEqual(correction.body.excluded, excluded, 'a correction keeps the units left out unless it says otherwise');
      assert.deepEqual(await component6(), { decision: '20/QĐ-UBND', score: '3' });
      assert.deepEqual(await scoresAs(), await scoresAs(as.admin), 'once published, the correction is everyone’s');
      const publications = (await server.request('GET', `/api/cycles/${DRAFT}/publications`)).body as {
        decision: string;
        snapshot: { units: { unit: string; scores: Record<string, unknown> }[] };
      }[];
      assert.deepEqual(
        publications.map((p) => p.decision),
        ['15/QĐ-UBND', '20/QĐ-UBND'],
      );
      assert.deepEqual(publications[0]!.snapshot.units.find((u) => u.unit === 'tam-duong')!.scores['6'], { total: 2.5 }, 'the first snapshot is unchanged');

      const trail = (await server.request('GET', `${UNIT}/audit`, undefined, as['tamduong-view'])).body as {
        action: string;
        reason?: string;
        before?: unknown;
        after?: unknown;
      }[];
      const actions = trail.map((e) => e.action);
      for (const expected of [
        'score.write',
        'evidence.upload',
        'assessment.submit',
        'assessment.startAppraisal',
        'assessment.completeAppraisal',
        'assessment.requestRecheck',
        'assessment.answerRecheck',
        'publication.publish',
        'score.correct',
        'publication.correct',
      ]) {
        assert.ok(actions.includes(expected), expected);
      }
      const appraisal = trail.find((e) => e.action === 'score.write' && (e.after as { appraised?: string }).appraised === '2.5');
      assert.ok(appraisal && (appraisal.before as { self: string }).self === '3');
      const perCriterion = (await server.request('GET', `${UNIT}/audit?code=6`, undefined, as.tamduong)).body as { subject: string }[];
      assert.ok(perCriterion.length >= 3 && perCriterion.every((e) => e.subject.endsWith('/criterion/6')));
      assert.equal((await server.request('GET', `/api/cycles/${DRAFT}/units/than-uyen/audit`, undefined, as.tamduong)).status, 403);
      const verified = await server.request('GET', '/api/audit/verify', undefined, as.admin);
      assert.equal(verified.body.valid, true);
      const csv = await server.request('GET', '/api/audit?format=csv', undefined, as.admin);
      assert.match(csv.headers.get('content-type')!, /text\/csv/);
      assert.match(String(csv.body), /publication\.publish/);
    });

    test('a criterion’s history is that criterion’s alone, and a draft’s trail stays with its unit until submitted', async () => {
      await setState('draft');
      for (const [code, self] of [
        ['1', '5'],
        ['1.1', '2'],
        ['1.2.1', '0,5'],
      ] as const) {
        const written = await server.request('PUT', `${UNIT}/scores/${code}`, { version: await version(code), self, comment: 'Có kế hoạch' }, as.tamduong);
        assert.equal(written.status, 200, JSON.stringify(written.body));
      }
      const one = (await server.request('GET', `${UNIT}/audit?code=1`, undefined, as.tamduong)).body as { subject: string }[];
      assert.ok(one.length > 0);
      assert.deepEqual([...new Set(one.map((e) => e.subject))], [`cycle/${DRAFT}/unit/tam-duong/criterion/1`], 'not 1.1 nor 1.2.1');
      assert.equal((await server.request('GET', `${UNIT}/audit`, undefined, as.appraiser)).status, 403);
      await setState('submitted');
      const seen = (await server.request('GET', `${UNIT}/audit`, undefined, as.appraiser)).body as { subject: string }[];
      assert.ok(seen.some((e) => e.subject.endsWith('/criterion/1.1')));
    });

    test('the audit trail is append-only, and a row changed behind the application is detected where it was changed', async () => {
      await assert.rejects(server.store.db.query("UPDATE audit_log SET reason = 'x' WHERE sequence = 1"), /immutable/);
      await assert.rejects(server.store.db.query('DELETE FROM audit_log'), /immutable/);
      // Cutting off the last entries leaves a valid chain: the head written down before tells.
      const verified0 = (await server.request('GET', '/api/audit/verify', undefined, as.admin)).body;
      assert.ok(verified0.head, JSON.stringify(verified0));
      const head = verified0.head as { sequence: number; hash: string };
      await server.store.db.script('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await server.store.db.query('DELETE FROM audit_log WHERE sequence = $1', [head.sequence]);
      await server.store.db.script('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      assert.equal((await server.request('GET', '/api/audit/verify', undefined, as.admin)).body.valid, true);
      const cut = (await server.request('GET', `/api/audit/verify?head=${head.sequence}:${head.hash}`, undefined, as.admin)).body;
      assert.deepEqual({ valid: cut.valid, brokenAt: cut.brokenAt }, { valid: false, brokenAt: head.sequence });
      const [{ sequence }] = (await server.store.db.query<{ sequence: bigint }>(
        "SELECT sequence FROM audit_log WHERE action = 'assessment.submit' ORDER BY sequence LIMIT 1",
      )) as [{ sequence: bigint }];
      await server.store.db.script('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await server.store.db.query("UPDATE audit_log SET reason = 'sửa lén' WHERE sequence = $1", [sequence]);
      await server.store.db.script('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      const verified = await server.request('GET', '/api/audit/verify', undefined, as.admin);
      assert.deepEqual({ valid: verified.body.valid, brokenAt: verified.body.brokenAt }, { valid: false, brokenAt: Number(sequence) });
    });

    test('every transition is accepted from its legal states and refused with the reason from all others', async () => {
      for (const [name, rule] of Object.entries(TRANSITIONS) as [Transition, (typeof TRANSITIONS)[Transition]][]) {
        for (const state of STATES) {
          await setState(state);
          const response = await move(name, PERFORMER[name], 'Lý do');
          if (name === 'publish' || name === 'correct') {
            assert.equal(response.status, 409, `${name} from ${state}`);
            assert.equal(response.body.error.code, 'workflow.publishByDecision', 'publication is the cycle’s, by decision');
          } else if (rule.from.includes(state)) {
            assert.equal(response.status, 200, `${name} from ${state}: ${JSON.stringify(response.body)}`);
            assert.equal(response.body.state, rule.to);
          } else {
            assert.equal(response.status, 409, `${name} from ${state}`);
            assert.equal(response.body.error.code, 'workflow.illegalTransition');
            assert.match(response.body.error.message, /Không thể/);
          }
        }
      }
    });

    test('parallel moves of one assessment: exactly one happens, the others are refused from the state it left', async () => {
      await setState('submitted');
      const started = async () =>
        (await server.request('GET', `${UNIT}/audit`, undefined, as.admin)).body.filter((e: { action: string }) => e.action === 'assessment.startAppraisal')
          .length;
      const before = await started();
      const responses = await Promise.all(Array.from({ length: 6 }, () => move('startAppraisal', 'appraiser')));
      assert.deepEqual(responses.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
      for (const r of responses.filter((x) => x.status === 409)) assert.match(r.body.error.message, /"Đang thẩm định"/);
      assert.equal(await started(), before + 1, 'one move, one entry');
      const stale = await server.request('POST', `${UNIT}/transitions`, { transition: 'completeAppraisal', version: 1 }, as.appraiser);
      assert.equal(stale.status, 409, 'a move naming an old version of the assessment is refused');
      assert.equal(stale.body.error.code, 'store.conflict');
    });

    test('uploads: too large, wrong type by content, traversal names, another unit’s download — refused, nothing stored', async () => {
      await setState('draft');
      const list = async () => (await server.request('GET', `${UNIT}/evidence`, undefined, as.tamduong)).body as { id: number; name: string }[];
      const before = await list();
      const upload = (bytes: Uint8Array, name: string, headers = as.tamduong) =>
        server.request('POST', `${UNIT}/evidence?code=1&name=${encodeURIComponent(name)}`, bytes, { ...headers, 'content-type': 'application/pdf' });
      assert.equal((await upload(Buffer.alloc(65 * 1024, 0x25), 'big.pdf')).status, 413);
      const exe = await upload(Buffer.from('MZ\x90\x00 this is not a pdf'), 'hoa-don.pdf');
      assert.equal(exe.status, 415);
      assert.match(exe.body.error.message, /PDF/);
      assert.equal((await upload(Buffer.alloc(0), 'empty.pdf')).status, 422);
      assert.equal((await upload(PDF, 'x.pdf', as.thanuyen)).status, 403);
      assert.deepEqual(await list(), before);
      const sneaky = await upload(PNG, '../../etc/passwd\u0000.pdf');
      assert.equal(sneaky.status, 201);
      // The same content again for the same criterion, under any name: refused, naming the file already there.
      const again = await upload(PNG, 'anh-chup-lai.png');
      assert.equal(again.status, 409);
      assert.equal(again.body.error.issues[0].code, 'evidence.duplicate');
      assert.match(again.body.error.issues[0].message.vi, /tiêu chí 1 đã có tài liệu này \(cùng nội dung với «passwd\.png»\)/);
      assert.equal(sneaky.body.name, 'passwd.png');
      assert.equal(sneaky.body.type, 'image/png');
      const own = await server.request('GET', `/api/evidence/${sneaky.body.id}`, undefined, as.tamduong);
      assert.equal(own.status, 200);
      assert.match(own.headers.get('content-disposition')!, /^attachment; filename="passwd.png"/);
      assert.equal(own.headers.get('x-content-type-options'), 'nosniff');
      // Another unit's file is, to that unit, a file that does not exist.
      assert.equal((await server.request('GET', `/api/evidence/${sneaky.body.id}`, undefined, as.thanuyen)).status, 404);
      assert.equal((await server.request('GET', `/api/evidence/${sneaky.body.id}`)).status, 401);
      // A file uploaded by mistake is removed by its unit while in draft, and the trail keeps it.
      assert.equal((await server.request('DELETE', `/api/evidence/${sneaky.body.id}`, undefined, as.thanuyen)).status, 404);
      assert.equal((await server.request('DELETE', `/api/evidence/${sneaky.body.id}`, undefined, as['tamduong-view'])).status, 403);
      await setState('submitted');
      assert.equal((await server.request('DELETE', `/api/evidence/${sneaky.body.id}`, undefined, as.tamduong)).status, 403, 'locked once submitted');
      await setState('draft');
      assert.equal((await server.request('DELETE', `/api/evidence/${sneaky.body.id}`, undefined, as.tamduong)).status, 200);
      assert.deepEqual(await list(), before);
      const trail = (await server.request('GET', `${UNIT}/audit?code=1`, undefined, as.tamduong)).body as { action: string; before?: { name: string } }[];
      assert.equal(trail.find((e) => e.action === 'evidence.remove')?.before?.name, 'passwd.png');
      assert.equal((await server.request('GET', `/api/cycles/${DRAFT}/units/tam-duong/evidence`, undefined, as.thanuyen)).status, 403);
    });

    test('sessions: a cookie chosen before login is never adopted, CSRF is required on changes, API tokens work without it', async () => {
      // A visitor asking who is logged in gets an answer (no console error on public pages); what needs a session still says 401.
      const visitor = await server.request('GET', '/api/session');
      assert.deepEqual([visitor.status, visitor.body], [200, { user: null }]);
      assert.equal((await server.request('GET', '/api/users')).status, 401);
      const planted = 'parindex_session=attacker-chosen-value';
      const login = await server.request('POST', '/api/session', { username: 'tamduong', password: TEST_PASSWORD }, { cookie: planted });
      const issued = login.headers.getSetCookie()[0]!;
      assert.ok(!issued.includes('attacker-chosen-value'));
      assert.match(issued, /HttpOnly/i);
      assert.match(issued, /SameSite=Strict/i);
      // The planted cookie is nobody's session: its bearer is a visitor (200, no user), never the user who logged in.
      const planter = await server.request('GET', '/api/session', undefined, { cookie: planted });
      assert.deepEqual([planter.status, planter.body], [200, { user: null }]);
      const cookie = issued.split(';')[0]!;
      // A second login ends the session the browser came with.
      const again = await server.request('POST', '/api/session', { username: 'tamduong', password: TEST_PASSWORD }, { cookie });
      assert.equal(again.status, 200);
      assert.deepEqual((await server.request('GET', '/api/session', undefined, { cookie })).body, { user: null }, 'the first session ended');
      const trail = (await server.request('GET', '/api/audit', undefined, as.admin)).body as { action: string; subject: string }[];
      assert.deepEqual(
        trail.slice(-2).map((e) => [e.action, e.subject]),
        [
          ['auth.login', 'user/tamduong'],
          ['auth.logout', 'user/tamduong'],
        ],
        'the dropped session is in the trail',
      );
      const fresh = { cookie: again.headers.getSetCookie()[0]!.split(';')[0]!, token: again.body.csrfToken as string };
      await setState('draft');
      const body = { version: await version('2'), comment: 'x' };
      assert.equal((await server.request('PUT', `${UNIT}/scores/2`, body, { cookie: fresh.cookie })).status, 403);
      assert.equal((await server.request('PUT', `${UNIT}/scores/2`, body, { cookie: fresh.cookie, 'x-csrf-token': 'wrong' })).status, 403);
      assert.equal((await server.request('PUT', `${UNIT}/scores/2`, body, { cookie: fresh.cookie, 'x-csrf-token': fresh.token })).status, 200);
      const api = await server.request('POST', '/api/session', { username: 'tamduong', password: TEST_PASSWORD, token: true });
      assert.equal(api.headers.getSetCookie().length, 0);
      const bearer = { authorization: `Bearer ${api.body.token}` };
      assert.equal((await server.request('PUT', `${UNIT}/scores/2`, { version: await version('2'), comment: 'y' }, bearer)).status, 200);
      // An API client's wrong token is an error (401), not a visitor.
      assert.equal((await server.request('GET', '/api/session', undefined, { authorization: 'Bearer nope' })).status, 401);
    });

    test('every state-changing route refuses a browser session without its CSRF token, and nothing changes', async () => {
      const revision = async () => (await server.store.db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value;
      const auditLength = async () => (await server.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;
      const [before, entries] = [await revision(), await auditLength()];
      const sample: Record<string, string> = {
        cycle: DRAFT,
        unit: 'tam-duong',
        code: '1',
        id: '1',
        framework: DRAFT,
        year: '2024',
        task: 't1',
        report: 'r1',
        criterion: '7.3.6',
        period: '2024-q1',
      };
      let checked = 0;
      for (const r of routes.filter((x) => x.method !== 'GET' && x.url !== '/api/session')) {
        const path = r.url.replace(/:([a-zA-Z]+)/g, (_, name: string) => sample[name] ?? 'x');
        for (const user of ['admin', 'tamduong']) {
          const response = await server.request(r.method, path, {}, { cookie: as[user]!.cookie! });
          assert.equal(response.status, 403, `${r.method} ${r.url} as ${user}: ${JSON.stringify(response.body).slice(0, 200)}`);
          assert.equal(response.body.error.code, 'auth.forbidden.csrf', `${r.method} ${r.url}`);
          checked++;
        }
      }
      assert.ok(checked >= 30, `${checked} requests`);
      const logout = await server.request('DELETE', '/api/session', undefined, { cookie: as.admin!.cookie! });
      assert.equal(logout.status, 403, 'logging out is a change too');
      assert.equal(await revision(), before);
      assert.equal(await auditLength(), entries);
    });

    test('wrong passwords lock the account; many failed attempts from one address are slowed down', async () => {
      // A whole office signing in from one address: sign-ins that succeed are not counted (limit 20 failed a minute).
      for (let i = 0; i < 25; i++) assert.equal((await server.request('POST', '/api/session', { username: 'tamduong', password: TEST_PASSWORD })).status, 200);
      for (let i = 0; i < 5; i++) assert.equal((await server.request('POST', '/api/session', { username: 'thanuyen', password: 'sai-mat-khau' })).status, 401);
      const locked = await server.request('POST', '/api/session', { username: 'thanuyen', password: TEST_PASSWORD });
      assert.equal(locked.status, 401, 'a locked account answers as a wrong password does');
      assert.match(locked.body.error.message, /tạm khoá/);
      // Unknown, disabled and locked accounts get one answer: it does not tell which usernames exist.
      const admin = await server.login('admin');
      const users = (await server.request('GET', '/api/users', undefined, admin)).body as { id: string; username: string; version: number }[];
      const viewer = users.find((u) => u.username === 'tamduong-view')!;
      assert.equal((await server.request('PUT', `/api/users/${viewer.id}`, { disabled: true, version: viewer.version }, admin)).status, 200);
      const disabled = await server.request('POST', '/api/session', { username: 'tamduong-view', password: TEST_PASSWORD });
      const unknown = await server.request('POST', '/api/session', { username: 'khong-co-ai', password: TEST_PASSWORD });
      assert.deepEqual([disabled.status, disabled.body], [locked.status, locked.body]);
      assert.deepEqual([unknown.status, unknown.body], [locked.status, locked.body]);
      let limited = 0;
      for (let i = 0; i < 20; i++) if ((await server.request('POST', '/api/session', { username: 'nobody', password: 'x' })).status === 429) limited++;
      assert.ok(limited > 0);
    });

    test('survey scores are imported from a file per unit, validated, in one transaction', async () => {
      const header =
        'STT;Mã đơn vị;Đơn vị;8. Tác động của cải cách hành chính đến người dân, tổ chức và các chỉ tiêu phát triển kinh tế - xã hội | Điều tra XHH';
      const send = (rows: string[], user = 'admin') =>
        server.request('POST', `/api/import/file?kind=survey&year=2024&framework=${DRAFT}&name=dieu-tra.csv`, [header, ...rows].join('\r\n'), {
          ...as[user],
          'content-type': 'text/csv',
        });
      const before = await server.store.db.query('SELECT count(*)::int AS n FROM scores WHERE cycle_id = $1 AND final_survey IS NOT NULL', [DRAFT]);
      const tooHigh = await send(['1;tam-duong;Tam Đường;23,5', '2;than-uyen;Than Uyên;40']);
      assert.equal(tooHigh.status, 422);
      assert.match(JSON.stringify(tooHigh.body), /dieu-tra\.csv/);
      assert.deepEqual(await server.store.db.query('SELECT count(*)::int AS n FROM scores WHERE cycle_id = $1 AND final_survey IS NOT NULL', [DRAFT]), before);
      assert.equal((await send(['1;tam-duong;Tam Đường;23,5'], 'tamduong')).status, 403);
      // The appraisal part of the mixed component 8 comes first (appraisal, then survey), as in a cycle.
      for (const unit of ['tam-duong', 'than-uyen']) {
        await setState('draft', unit);
        const [current] = await server.store.db.query<{ version: number }>("SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = '8'", [
          DRAFT,
          unit,
        ]);
        const appraisal = await server.request(
          'PUT',
          `/api/cycles/${DRAFT}/units/${unit}/scores/8`,
          { version: current?.version ?? 0, final: { appraisal: '1,5' } },
          as.admin,
        );
        assert.equal(appraisal.status, 200, JSON.stringify(appraisal.body));
      }
      const ok = await send(['1;;Tam Duong;23,5', '2;than-uyen;Than Uyên;24,25']);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const [row] = await server.store.db.query<{ final_survey: bigint }>(
        "SELECT final_survey FROM scores WHERE cycle_id = $1 AND unit_id = 'tam-duong' AND code = '8'",
        [DRAFT],
      );
      assert.equal(row!.final_survey, 23_500_000n);
      const audit = (await server.request('GET', '/api/audit', undefined, as.admin)).body as { action: string; subject: string }[];
      assert.ok(audit.some((e) => e.action === 'import.results' && e.subject === `cycle/${DRAFT}`));
      // The criterion's history shows the import, reduced to what it changed for this unit.
      const history = (await server.request('GET', `${UNIT}/audit?code=8`, undefined, as.tamduong)).body as {
        action: string;
        after: { changes?: { unitId: string; code: string }[] };
      }[];
      const imported = history.filter((e) => e.action === 'import.results');
      assert.ok(imported.length > 0);
      assert.ok(
        imported.every((e) => e.after.changes!.length > 0 && e.after.changes!.every((c) => c.unitId === 'tam-duong' && c.code === '8')),
        JSON.stringify(imported),
      );
      assert.equal((await server.request('GET', '/api/audit', undefined, as.appraiser)).status, 403, 'the whole trail shows drafts: the province only');
      // Completing the appraisal (or answering a re-check) after the survey keeps the survey points.
      await setState('underAppraisal');
      const lowered = await server.request(
        'PUT',
        `${UNIT}/scores/8`,
        { version: await version('8'), appraised: '1,25', reason: 'Thiếu số liệu hộ kinh doanh' },
        as.appraiser,
      );
      assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
      assert.equal((await move('completeAppraisal', 'appraiser')).status, 200);
      const [final] = await server.store.db.query<{ final_total: bigint; final_appraisal: bigint; final_survey: bigint }>(
        "SELECT final_total, final_appraisal, final_survey FROM scores WHERE cycle_id = $1 AND unit_id = 'tam-duong' AND code = '8'",
        [DRAFT],
      );
      assert.deepEqual(final, { final_total: 24_750_000n, final_appraisal: 1_250_000n, final_survey: 23_500_000n });
    });

    test('script and SQL in texts come back verbatim as JSON data, never as markup', async () => {
      await setState('draft');
      const xss = '<img src=x onerror=alert(1)>"; DROP TABLE users; --';
      const response = await server.request('PUT', `${UNIT}/scores/3`, { version: await version('3'), comment: xss }, as.tamduong);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.comment, xss);
      assert.match(response.headers.get('content-type')!, /application\/json/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal((await server.request('GET', '/api/users', undefined, as.admin)).status, 200);
    });
  });
}
