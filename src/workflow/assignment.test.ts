import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decide, type Actor } from './policy.ts';

const agency: Actor = { userId: '7', role: 'appraiser', agencyId: 'so-tu-phap' };
const council: Actor = { userId: '2', role: 'appraiser' };
const at = (code: string, assignedTo: string | null) => ({ unitId: 'tam-duong', state: 'underAppraisal' as const, code, assignedTo });

test("an agency's appraiser appraises and answers only the criteria assigned to its agency", () => {
  for (const action of ['appraise', 'answerExplanation'] as const) {
    assert.equal(decide(agency, action, at('2.1', 'so-tu-phap')).allowed, true);
    const other = decide(agency, action, at('6', 'so-tai-chinh'));
    assert.equal(other.allowed, false);
    assert.match(other.reason!.vi, /không được phân công cho cơ quan của bạn/);
    assert.equal(decide(agency, action, at('1', null)).allowed, false, 'what is not assigned is the council’s');
  }
});

test('the council appraises what no agency was given, and takes the steps no agency takes', () => {
  assert.equal(decide(council, 'appraise', at('1', null)).allowed, true);
  assert.match(decide(council, 'appraise', at('2', 'so-tu-phap')).reason!.vi, /hội đồng không chấm điểm thẩm định thay/);
  for (const action of ['startAppraisal', 'returnToUnit', 'completeAppraisal', 'answerRecheck', 'leadAppraisal'] as const) {
    assert.equal(decide(agency, action, { unitId: 'tam-duong' }).allowed, false, action);
    assert.equal(decide(council, action, { unitId: 'tam-duong' }).allowed, true, action);
  }
  // Without a criterion (a screen deciding which buttons to show) the role decides, as before.
  assert.equal(decide(agency, 'appraise', { unitId: 'tam-duong', state: 'underAppraisal' }).allowed, true);
});

test('a unit explains its own file while it is under appraisal; nobody else does', () => {
  const unit: Actor = { userId: '3', role: 'unitEditor', unitId: 'tam-duong' };
  assert.equal(decide(unit, 'explain', { unitId: 'tam-duong', state: 'underAppraisal' }).allowed, true);
  assert.equal(decide(unit, 'explain', { unitId: 'than-uyen', state: 'underAppraisal' }).allowed, false);
  assert.equal(decide(unit, 'explain', { unitId: 'tam-duong', state: 'appraised' }).allowed, false);
  assert.equal(decide(council, 'explain', { unitId: 'tam-duong', state: 'underAppraisal' }).allowed, false);
});
