import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../errors.ts';
import { readPlan } from '../planning/plan.ts';
import { readDeadlines } from './deadlines.ts';
import { remindersDue, type ReminderInput } from './due.ts';

const cycle = {
  id: 'c-2025',
  year: 2025,
  phase: 'assessment',
  deadlines: { selfAssessmentDue: '2026-01-15', appraisalDue: '2026-02-28' },
  units: [
    { unit: 'xa-a', name: 'Xã A', state: 'draft' },
    { unit: 'xa-b', name: 'Xã B', state: 'submitted' },
  ],
};
const input = (today: string, extra: Partial<ReminderInput> = {}): ReminderInput => ({
  today,
  cycles: [cycle],
  plans: [],
  events: [],
  unitNames: new Map([['xa-a', 'Xã A']]),
  ...extra,
});

test('a cycle deadline reminds the units still concerned a week before, the day before, and once missed — each stage its own key', () => {
  assert.deepEqual(remindersDue(input('2026-01-07')), []);
  const week = remindersDue(input('2026-01-08'));
  assert.equal(week.length, 1);
  assert.equal(week[0]!.audience.unitId, 'xa-a', 'only the unit still drafting');
  assert.equal(week[0]!.message.vi, 'Hạn nộp kết quả tự đánh giá của Xã A, kỳ đánh giá năm 2025, đến hạn ngày 15/01/2026 (còn 7 ngày).');
  const tomorrow = remindersDue(input('2026-01-14'))[0]!;
  assert.match(tomorrow.message.vi, /đến hạn ngày mai, 15\/01\/2026/);
  const late = remindersDue(input('2026-01-17'))[0]!;
  assert.match(late.message.vi, /đã quá hạn 2 ngày \(hạn 15\/01\/2026\)/);
  assert.equal(new Set([week[0]!.key, tomorrow.key, late.key]).size, 3);
  // The same stage on another day is the same notice.
  assert.equal(remindersDue(input('2026-01-09'))[0]!.key, week[0]!.key);
  // The appraisal deadline goes to the appraisers and the province, once for the cycle.
  const appraisal = remindersDue(input('2026-02-27')).find((n) => n.key.includes('appraisalDue'))!;
  assert.deepEqual(appraisal.audience, { roles: ['appraiser', 'admin'] });
  assert.match(appraisal.message.vi, /còn 1 đơn vị chưa xong/);
  // A published cycle reminds nobody.
  assert.deepEqual(remindersDue({ ...input('2026-01-14'), cycles: [{ ...cycle, phase: 'published' }] }), []);
});

test('a plan report due in 7 days and overdue is said in the calendar’s words (with what is at stake); an overdue task names its department', () => {
  const plan = readPlan({
    kind: 'plan',
    unit: 'xa-a',
    year: 2026,
    tasks: [
      { id: 'ke-hoach', title: 'Ban hành kế hoạch CCHC', department: 'Văn phòng HĐND và UBND', deadline: '2026-03-01' },
      { id: 'xong', title: 'Đã xong', department: 'Phòng Văn hóa', deadline: '2026-02-01', status: 'done' },
    ],
    reports: [{ name: 'Báo cáo CCHC quý I', kind: 'quarterly', criterion: '1.2.1', due: '2026-03-15' }],
  });
  const on = (today: string) => remindersDue(input(today, { cycles: [], plans: [{ plan, unitName: 'Xã A' }] }));
  assert.deepEqual(on('2026-02-20'), []);
  const soon = on('2026-03-08').filter((n) => n.kind === 'reportDue');
  assert.equal(soon.length, 1);
  assert.match(soon[0]!.message.vi, /^Xã A: báo cáo «Báo cáo CCHC quý I» — Còn 7 ngày/);
  const overdue = on('2026-03-20');
  const task = overdue.find((n) => n.kind === 'taskOverdue')!;
  assert.equal(task.message.vi, 'Xã A: nhiệm vụ «Ban hành kế hoạch CCHC» (chủ trì: Văn phòng HĐND và UBND) quá hạn từ 01/03/2026, chưa hoàn thành.');
  assert.ok(overdue.some((n) => n.kind === 'reportDue' && /Quá hạn 5 ngày, chưa gửi/.test(n.message.vi)));
  assert.ok(!overdue.some((n) => n.message.vi.includes('Đã xong')), 'a finished task is not overdue');
});

test('a file returned, a re-check answered and a publication become notices keyed by their audit entry', () => {
  const events = [
    { sequence: 41, action: 'assessment.returnToUnit', subject: 'cycle/c-2025/unit/xa-a', reason: 'thiếu Báo cáo số 12/BC-UBND' },
    { sequence: 42, action: 'score.write', subject: 'cycle/c-2025/unit/xa-a/score/1.1' },
    { sequence: 43, action: 'publication.publish', subject: 'cycle/c-2025', after: { decision: '123/QĐ-UBND', date: '2026-04-20' } },
  ];
  const notices = remindersDue(input('2026-04-21', { cycles: [], events }));
  assert.deepEqual(
    notices.map((n) => [n.key, n.kind]),
    [
      ['audit:41', 'returned'],
      ['audit:43', 'published'],
    ],
  );
  assert.equal(notices[0]!.message.vi, 'Hồ sơ của Xã A được trả lại để giải trình, bổ sung: thiếu Báo cáo số 12/BC-UBND.');
  assert.equal(notices[1]!.message.vi, 'Kết quả kỳ đánh giá c-2025 đã được công bố theo Quyết định 123/QĐ-UBND ngày 20/04/2026.');
});

test('deadlines are checked: real dates, in the cycle’s order, within the year and the next', () => {
  assert.deepEqual(readDeadlines({ selfAssessmentDue: '2026-01-15', publication: null }, 2025), { selfAssessmentDue: '2026-01-15' });
  const refused = (data: unknown) => {
    try {
      readDeadlines(data, 2025);
    } catch (e) {
      assert.ok(e instanceof ParError);
      return e.issues.map((i) => `${i.field}: ${i.message.vi}`);
    }
    assert.fail('accepted');
  };
  assert.deepEqual(refused({ selfAssessmentDue: '2026-02-10', appraisalDue: '2026-01-31' }), [
    'appraisalDue: Hạn hoàn thành thẩm định (2026-01-31) phải sau hạn nộp kết quả tự đánh giá (2026-02-10)',
  ]);
  assert.match(refused({ publication: '2029-05-01' })[0]!, /nằm ngoài năm 2025 và năm 2026/);
  assert.match(refused({ appraisalDue: '2026-02-30' })[0]!, /không có ngày này/);
  assert.match(refused({ due: '2026-01-01' })[0]!, /due/);
  // A date that does not read is said with the other dates' problems, each at its field, in one refusal.
  assert.deepEqual(
    refused({ selfAssessmentDue: '2026-02-30', appraisalDue: '2029-01-01', recheckUntil: '2026-01-01' }).map((line) => line.split(':')[0]),
    ['selfAssessmentDue', 'appraisalDue', 'recheckUntil'],
  );
});
