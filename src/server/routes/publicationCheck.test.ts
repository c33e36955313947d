/**
 * Issue 19: the publish form lists every problem at once, each at its field — at the preview
 * (POST …/publication-check) what the confirmation will check, and at the confirmation the same
 * checks again (the state may have changed), answered the same way. Both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testEngines } from '../../store/testing.ts';
import { completeSelfAssessmentByApi, startTestServer, type TestServer } from '../testing.ts';

const DRAFT = 'lai-chau-district-2024';
const CHECK = `/api/cycles/${DRAFT}/publication-check`;
const PUBLISH = `/api/cycles/${DRAFT}/publications`;

for (const engine of testEngines()) {
  describe(`the publish form: every problem at once, at the preview and the confirmation, on ${engine.name}`, () => {
    let server: TestServer;
    let admin: Record<string, string>;
    before(async () => {
      server = await startTestServer(engine);
      admin = await server.login('admin');
    });
    after(() => server.close());
    type Issue = { code: string; field: string; unit?: string; message: { vi: string; en: string } };
    const issuesOf = (response: { body: any }) => (response.body.error.issues as Issue[]).map((i) => [i.code, i.field]);

    test('the preview says every problem the confirmation would: a blank decision, units not ready, a future date, a bad exclusion', async () => {
      const blank = await server.request('POST', CHECK, { decision: ' ', date: '2999-01-01', excluded: [{ unit: 'khong-co', reason: ' ' }] }, admin);
      assert.equal(blank.status, 422);
      assert.deepEqual(issuesOf(blank), [
        ['schema.too_small', 'decision'],
        ['publication.notReady', 'cycle'],
        ['publication.excludedUnknown', 'excluded.0.unit'],
        ['publication.exclusionReason', 'excluded.0.reason'],
        ['publication.futureDate', 'date'],
      ]);
      const said = blank.body.error.issues as Issue[];
      assert.equal(said[0]!.message.vi, 'phải ghi số quyết định công bố (không để trống)');
      assert.equal(said.find((i) => i.field === 'date')!.message.vi.startsWith('ngày quyết định 01/01/2999 chưa đến'), true);
      // The confirmation answers the same problems the same way (units still in appraisal are said once, as not ready).
      const confirmed = await server.request('POST', PUBLISH, { decision: ' ', date: '2999-01-01', excluded: [{ unit: 'khong-co', reason: ' ' }] }, admin);
      assert.deepEqual(issuesOf(confirmed), issuesOf(blank));
      assert.equal((await server.request('POST', CHECK, { decision: '1/QĐ' }, await server.login('tamduong'))).status, 403);
    });

    test('ready: the preview answers the rows; the confirmation refuses a future date, a blank reason and unknown totals together', async () => {
      await completeSelfAssessmentByApi(server, DRAFT, 'tam-duong', await server.login('tamduong'));
      await server.store.db.query("UPDATE unit_results SET state = 'appraised' WHERE cycle_id = $1", [DRAFT]);
      const future = await server.request('POST', CHECK, { decision: '15/QĐ-UBND', date: '2999-01-01' }, admin);
      assert.deepEqual(issuesOf(future), [['publication.futureDate', 'date']], 'units without a total are asked for a reason in the preview, not refused');
      const rows = await server.request('POST', CHECK, { decision: '15/QĐ-UBND', date: '2025-05-15' }, admin);
      assert.equal(rows.status, 200, JSON.stringify(rows.body));
      const unknown = (rows.body as { unit: string; total: string | null }[]).filter((r) => r.total === null).map((r) => r.unit);
      assert.ok(unknown.length >= 2, JSON.stringify(rows.body));
      const [first, ...others] = unknown;
      const refused = await server.request('POST', PUBLISH, { decision: '15/QĐ-UBND', date: '2999-01-01', excluded: [{ unit: first, reason: ' ' }] }, admin);
      assert.equal(refused.status, 422);
      assert.deepEqual(issuesOf(refused), [
        ['publication.exclusionReason', 'excluded.0.reason'],
        ...others.map(() => ['publication.unknownTotal', 'excluded']),
        ['publication.futureDate', 'date'],
      ]);
      const excluded = unknown.map((unit) => ({ unit, reason: 'Chưa đủ hồ sơ' }));
      const published = await server.request('POST', PUBLISH, { decision: '15/QĐ-UBND', date: '2025-05-15', excluded }, admin);
      assert.equal(published.status, 201, JSON.stringify(published.body));
      // A correction: the decision number already used, no reason and a future date, in one answer at the preview and at the confirmation.
      for (const url of [CHECK, PUBLISH]) {
        const again = await server.request('POST', url, { decision: '15/QĐ-UBND', date: '2999-01-01' }, admin);
        assert.deepEqual(
          issuesOf(again),
          [
            ['publication.reasonRequired', 'reason'],
            ['publication.duplicateDecision', 'decision'],
            ['publication.futureDate', 'date'],
          ],
          url,
        );
      }
      assert.equal((await server.request('GET', PUBLISH, undefined, admin)).body.length, 1, 'nothing more published');
    });
  });
}
