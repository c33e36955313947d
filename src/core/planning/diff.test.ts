import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffPlans } from './diff.ts';
import { futurePlanDates } from './check.ts';
import { readPlan } from './plan.ts';

const plan = (tasks: unknown[], reports: unknown[] = []) => readPlan({ kind: 'plan', unit: 'xa-a', year: 2026, tasks, reports });
const task = { id: 'nv-1', title: 'Rà soát thủ tục', department: 'Văn phòng', status: 'todo' };

test('a plan diff lists a changed task field, an added task and a changed report, once each', () => {
  const before = plan([task], [{ id: 'q1', name: 'Báo cáo quý I', kind: 'quarterly', due: '2026-03-15' }]);
  const after = plan(
    [
      { ...task, status: 'done', progress: [{ date: '2026-03-01', note: 'Xong' }] },
      { id: 'nv-2', title: 'Tuyên truyền', department: 'Văn phòng' },
    ],
    [{ id: 'q1', name: 'Báo cáo quý I', kind: 'quarterly', due: '2026-03-15', sent: '2026-03-14' }],
  );
  const changes = diffPlans(before, after).map((c) => [c.change, c.item, c.part, c.before, c.after]);
  assert.deepEqual(changes, [
    ['changed', 'task', 'nv-1.status', 'todo', 'done'],
    ['added', 'task', 'nv-1.progress', undefined, '2026-03-01: Xong'],
    ['added', 'task', 'nv-2.title', undefined, 'Tuyên truyền'],
    ['added', 'task', 'nv-2.department', undefined, 'Văn phòng'],
    ['added', 'task', 'nv-2.status', undefined, 'todo'],
    ['added', 'report', 'q1.sent', undefined, '2026-03-14'],
  ]);
  assert.deepEqual(diffPlans(after, after), []);
});

test('a report sent or a progress note dated after today is refused at its field, with both dates', () => {
  const p = plan(
    [{ ...task, progress: [{ date: '2026-12-07', note: 'Sẽ xong' }] }],
    [{ id: 'q4', name: 'Báo cáo năm', kind: 'quarterly', due: '2026-12-15', sent: '2099-01-01' }],
  );
  const issues = futurePlanDates(p, '2026-12-06');
  assert.deepEqual(
    issues.map((i) => [i.code, i.field]),
    [
      ['plan.futureDate', 'reports.0.sent'],
      ['plan.futureDate', 'tasks.0.progress.0.date'],
    ],
  );
  assert.match(issues[0]!.message.vi, /ngày gửi báo cáo «Báo cáo năm» 01\/01\/2099 là ngày trong tương lai \(hôm nay là 06\/12\/2026\)/);
  assert.deepEqual(futurePlanDates(p, '2099-01-01'), []);
});
