import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { planOf } from '../dataset.ts';
import { ParError } from '../errors.ts';
import { parsePoints } from '../points.ts';
import {
  addReport,
  calendarOf,
  checkPlan,
  checkTrackedValue,
  planDocument,
  planFramework,
  projectPlan,
  readPlan,
  recoverablePoints,
  setTrackedValue,
  suggestTasks,
  taskGroups,
  tasksOf,
  trackIndicators,
  updateReport,
  updateTask,
  whatIf,
} from './index.ts';

const dataset = loadDataset();
const p = (text: string) => parsePoints(text);
const demo = () => planOf(dataset, 'tam-duong', 2024)!;
const code = (e: unknown) => (e instanceof ParError ? e.issues.map((i) => `${i.code}@${i.field}`).join() : String(e));

test('the demo plan: part II groups by department in the plan’s order; a department’s view includes the tasks it helps with', () => {
  const plan = demo();
  assert.deepEqual(
    taskGroups(plan)
      .map((g) => g.department)
      .slice(0, 2),
    ['Thủ trưởng các cơ quan, ban, ngành huyện, Chủ tịch Ủy ban nhân dân các xã, thị trấn', 'Phòng Nội vụ'],
  );
  assert.equal(tasksOf(plan, 'Phòng Nội vụ', '2024-06-01').length, 5);
  const helped = updateTask(plan, 'nv-3-1', { collaborators: ['Phòng Nội vụ'] }, '2024-06-01');
  assert.ok(tasksOf(helped, 'Phòng Nội vụ', '2024-06-01').some((t) => t.id === 'nv-3-1'));
  const cancelled = updateTask(plan, 'nv-2-5', { status: 'cancelled' }, '2024-06-01');
  assert.ok(
    !taskGroups(cancelled)
      .find((g) => g.department === 'Phòng Nội vụ')!
      .tasks.some((t) => t.startsWith('Tham mưu UBND huyện triển khai đánh giá')),
  );
});

test('overdue: past the deadline and neither done nor cancelled', () => {
  const plan = demo();
  assert.ok(tasksOf(plan, 'Phòng Nội vụ', '2025-01-05').every((t) => t.overdue));
  assert.ok(
    tasksOf(plan, undefined, '2024-12-31').every((t) => !t.overdue),
    'due today is not overdue',
  );
  const done = updateTask(plan, 'nv-2-1', { status: 'done' }, '2025-01-05');
  assert.equal(tasksOf(done, 'Phòng Nội vụ', '2025-01-05').find((t) => t.id === 'nv-2-1')!.overdue, false);
});

test('a task edit changes only what it names: owner, collaborators, criteria, deadline (null removes it), a dated progress note', () => {
  const plan = demo();
  const edited = updateTask(
    plan,
    'nv-2-1',
    { department: 'Văn phòng HĐND-UBND huyện', collaborators: ['Phòng Nội vụ'], criteria: ['1.2.1', '1.2.6'], note: 'Đã gửi báo cáo quý I' },
    '2024-04-02',
  );
  const task = edited.tasks.find((t) => t.id === 'nv-2-1')!;
  assert.equal(task.department, 'Văn phòng HĐND-UBND huyện');
  assert.deepEqual(task.criteria, ['1.2.1', '1.2.6']);
  assert.deepEqual(task.progress, [{ date: '2024-04-02', note: 'Đã gửi báo cáo quý I' }]);
  assert.equal(task.deadline, '2024-12-31');
  assert.equal(task.title, plan.tasks.find((t) => t.id === 'nv-2-1')!.title);
  const noDeadline = updateTask(edited, 'nv-2-1', { deadline: null }, '2024-04-02').tasks.find((t) => t.id === 'nv-2-1')!;
  assert.equal('deadline' in noDeadline, false);
  assert.throws(
    () => updateTask(plan, 'khong-co', { status: 'done' }, '2024-04-02'),
    (e: unknown) => code(e) === 'plan.task.notFound@task',
  );
});

test('suggestions: one per criterion that lost points and has no task yet — from the rule or from the deduction’s reason — never for an unplaced component loss', () => {
  const plan = demo();
  const suggestions = suggestTasks(recoverablePoints(dataset, 'tam-duong', 2023), plan, '2024-12-31');
  const linked = new Set(plan.tasks.flatMap((t) => t.criteria ?? []));
  assert.ok(suggestions.length > 0 && suggestions.every((t) => !linked.has(t.criteria![0]!)));
  const perOccurrence = suggestions.find((t) => t.criteria?.[0] === '1.7')!;
  assert.equal(perOccurrence.department, 'Phòng Nội vụ');
  assert.match(perOccurrence.title, /^Khắc phục tiêu chí 1\.7 ".*" \(năm 2023 mất 2 điểm\)\. Không để xảy ra vi phạm nào/);
  assert.ok(
    suggestions.some((t) => t.criteria?.[0] === '8.7' && /thấp hơn năm 2022/.test(t.title)),
    'a deduction without a rule is suggested from its reason',
  );
  assert.ok(!suggestions.some((t) => t.criteria?.[0] === '7.3.6'), 'a task already covers 7.3.6');
  assert.ok(!suggestions.some((t) => ['1', '4', '7', '8'].includes(t.criteria![0]!)), 'no draft for a loss the data does not place');
  // Every draft is a valid task, and ids do not collide with the plan's.
  const withAll = readPlan({ ...planDocument(plan), tasks: [...plan.tasks, ...suggestions] });
  assert.equal(withAll.tasks.length, plan.tasks.length + suggestions.length);
});

test('projection: tracked criteria at their trend, criteria whose tasks are all done won back, the rest as last year', () => {
  const plan = demo();
  const framework = planFramework(dataset, plan)!;
  const tracks = new Map(trackIndicators(plan, framework).map((t) => [t.criterion, t]));
  const before = projectPlan(dataset, plan);
  // Only the tracked indicators move the projection while no task is done.
  const tracked = whatIf(
    dataset,
    'tam-duong',
    2023,
    [...tracks.values()].map((t) => ({ code: t.criterion, indicator: t.projectedValues! })),
  );
  assert.equal(before.projected, tracked.after.total);
  assert.deepEqual(
    before.recovered.map((r) => r.by),
    ['tracking', 'tracking'],
  );
  // Tasks on 1.7 (no tracking) done: its 2 points come back on top.
  const done = readPlan({
    ...planDocument(plan),
    tasks: [...plan.tasks, { id: 'kp-1-7', title: 'Không để xảy ra vi phạm', department: 'Phòng Nội vụ', criteria: ['1.7'], status: 'done' }],
  });
  const after = projectPlan(dataset, done);
  assert.equal(after.projected! - before.projected!, p('2'));
  assert.deepEqual(
    after.recovered.find((r) => r.code === '1.7'),
    { code: '1.7', points: p('2'), by: 'task' },
  );
  // A criterion with a task still open is not counted.
  const open = readPlan({
    ...planDocument(done),
    tasks: [...done.tasks, { id: 'kp-1-7-b', title: 'x', department: 'Phòng Nội vụ', criteria: ['1.7'], status: 'doing' }],
  });
  assert.equal(projectPlan(dataset, open).projected, before.projected);
});

test('indicator tracking: points per period under the rule, the latest, and a least-squares trend to December', () => {
  const plan = demo();
  const [track] = trackIndicators(plan, planFramework(dataset, plan)!);
  assert.equal(track!.criterion, '7.3.6');
  assert.deepEqual(
    track!.series.map((s) => s.period),
    ['2024-03', '2024-06', '2024-09'],
  );
  assert.equal(track!.latest, p('0.586957'));
  // 14, 21, 27 of 46 at months 3, 6, 9: the line gives 33,67/46 at month 12 → 34/46.
  assert.deepEqual(track!.projectedValues, { numerator: 34, denominator: 46 });
  assert.equal(track!.projected, p('0.73913'));
});

test('entering a period replaces that period only, keeps periods in order, and can be removed; values are checked by the rule', () => {
  const plan = demo();
  const framework = planFramework(dataset, plan)!;
  const added = setTrackedValue(plan, '7.3.6', { period: '2024-12', numerator: 40, denominator: 46 });
  const replaced = setTrackedValue(added, '7.3.6', { period: '2024-06', numerator: 22, denominator: 46 });
  const values = replaced.tracking.find((t) => t.criterion === '7.3.6')!.values;
  assert.deepEqual(
    values.map((v) => [v.period, v.numerator]),
    [
      ['2024-03', 14],
      ['2024-06', 22],
      ['2024-09', 27],
      ['2024-12', 40],
    ],
  );
  assert.equal(setTrackedValue(replaced, '7.3.6', { period: '2024-12' }, true).tracking.find((t) => t.criterion === '7.3.6')!.values.length, 3);
  assert.throws(
    () => setTrackedValue(plan, '7.3.6', { period: '2024-11' }, true),
    (e: unknown) => code(e) === 'plan.period.notFound@period',
  );
  assert.equal(checkTrackedValue(framework, '8.9', { numerator: 36, denominator: 38 }), p('0.5'));
  assert.throws(
    () => checkTrackedValue(framework, '7.3.6', { numerator: 50, denominator: 46 }),
    (e: unknown) => code(e) === 'indicator.invalid@numerator',
  );
  assert.throws(
    () => checkTrackedValue(framework, '9.9', { numerator: 1, denominator: 2 }),
    (e: unknown) => code(e) === 'tracking.unknownCriterion@criterion',
  );
  assert.throws(
    () => checkTrackedValue(framework, '1.4', { numerator: 1, denominator: 2 }),
    (e: unknown) => code(e) === 'tracking.noRule@criterion',
  );
});

test('a plan file is refused whole for a period outside its year, a period given twice, or a date that does not exist', () => {
  const base = { kind: 'plan', unit: 'tam-duong', year: 2024 };
  assert.throws(
    () => readPlan({ ...base, tracking: [{ criterion: '7.3.6', values: [{ period: '2023-12', numerator: 1, denominator: 2 }] }] }),
    (e: unknown) => code(e) === 'plan.periodYear@tracking.0.values.0.period',
  );
  assert.throws(
    () =>
      readPlan({
        ...base,
        tracking: [
          {
            criterion: '7.3.6',
            values: [
              { period: '2024-03', numerator: 1, denominator: 2 },
              { period: '2024-03', numerator: 2, denominator: 2 },
            ],
          },
        ],
      }),
    (e: unknown) => code(e) === 'plan.duplicatePeriod@tracking.0.values.1.period',
  );
  assert.throws(
    () => readPlan({ ...base, tasks: [{ id: 'a', title: 'x', department: 'y', deadline: '2024-02-30' }] }),
    (e: unknown) => /tasks\.0\.deadline/.test(code(e)),
  );
  assert.throws(
    () => readPlan({ ...base, reports: [{ name: 'x', kind: 'yearly', due: '2024-13-01' }] }),
    (e: unknown) => /reports\.0\.due/.test(code(e)),
  );
});

test('the reporting calendar: sent, sent late, due soon, late — the criterion at stake, and no more than the criterion still has', () => {
  const plan = demo();
  const framework = planFramework(dataset, plan);
  const byName = (entries: ReturnType<typeof calendarOf>) => new Map(entries.map((e) => [e.name, e]));
  const early = byName(calendarOf(plan, framework, '2024-12-10'));
  assert.equal(early.get('Báo cáo CCHC quý I năm 2024')!.status, 'sent');
  assert.equal(early.get('Báo cáo CCHC quý I năm 2024')!.atStake, undefined);
  const halfYear = early.get('Báo cáo CCHC 6 tháng đầu năm 2024')!;
  assert.equal(halfYear.status, 'sentLate');
  assert.equal(halfYear.atStake, p('0.5'));
  assert.equal(halfYear.message.vi, 'Gửi ngày 17/06/2024, trễ 2 ngày: bị trừ 0,5 điểm ở tiêu chí 1.2.1');
  const yearly = early.get('Báo cáo CCHC năm 2024')!;
  assert.equal(yearly.status, 'dueSoon');
  // 1.2.1 (0,5 points) was already lost to the half-year report: nothing more at stake, and said so.
  assert.equal(yearly.atStake, 0);
  assert.equal(yearly.message.vi, 'Còn 5 ngày (tiêu chí 1.2.1 đã mất hết điểm vì báo cáo trễ trước đó)');
  const autonomy = early.get('Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (gửi Sở Tài chính)')!;
  assert.equal(autonomy.status, 'upcoming');
  assert.equal(autonomy.message.vi, 'Còn 21 ngày; gửi trễ sẽ bị trừ 0,5 điểm ở tiêu chí 1.2.6');
  const later = byName(calendarOf(plan, framework, '2025-01-03'));
  assert.equal(later.get('Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (gửi Sở Tài chính)')!.status, 'late');
  assert.equal(
    later.get('Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (gửi Sở Tài chính)')!.message.vi,
    'Quá hạn 3 ngày, chưa gửi: bị trừ 0,5 điểm ở tiêu chí 1.2.6',
  );
  assert.equal(byName(calendarOf(plan, framework, '2024-12-15')).get('Báo cáo CCHC năm 2024')!.status, 'dueToday');
});

test('a plan file’s date that does not exist is one issue, and an empty text names what is missing', () => {
  const base = { kind: 'plan', unit: 'tam-duong', year: 2024 };
  const issues = (raw: object) => {
    try {
      readPlan(raw);
    } catch (error) {
      if (error instanceof ParError) return error.issues;
    }
    return [];
  };
  assert.deepEqual(
    issues({ ...base, reports: [{ name: 'x', kind: 'yearly', due: '2024-02-30' }] }).map((i) => [i.field, i.message.vi]),
    [['reports.0.due', 'ngày không có thật (YYYY-MM-DD)']],
  );
  assert.deepEqual(
    issues({ ...base, reports: [{ name: ' ', kind: 'yearly', due: '2024-02-28' }] }).map((i) => [i.field, i.message.en]),
    [['reports.0.name', 'the report name cannot be empty']],
  );
});

test('a tracked value the rule refuses is placed at its own field in the plan file', () => {
  const plan = readPlan({
    kind: 'plan',
    unit: 'tam-duong',
    year: 2024,
    tracking: [
      {
        criterion: '7.3.6',
        values: [
          { period: '2024-03', numerator: 50, denominator: 46 },
          { period: '2024-06', numerator: 5 },
        ],
      },
    ],
  });
  const found = checkPlan(plan, planFramework(dataset, plan)!, 'ke-hoach.yaml');
  assert.deepEqual(
    found.map((i) => [i.code, i.field]),
    [
      ['indicator.invalid', 'tracking.0.values.0.numerator'],
      ['indicator.missing', 'tracking.0.values.1.denominator'],
    ],
  );
});

test('the calendar in English: dates as dd/mm/yyyy, one day and one point in the singular', () => {
  const plan = demo();
  const framework = planFramework(dataset, plan);
  const en = (today: string, name: string) => calendarOf(plan, framework, today).find((e) => e.name === name)!.message.en;
  const autonomy = 'Báo cáo kết quả thực hiện cơ chế tự chủ năm 2024 (gửi Sở Tài chính)';
  assert.equal(en('2024-12-10', 'Báo cáo CCHC 6 tháng đầu năm 2024'), 'Sent on 17/06/2024, 2 days late: costs 0.5 points on criterion 1.2.1');
  assert.equal(en('2024-12-10', 'Báo cáo CCHC quý I năm 2024'), 'Sent on 14/03/2024');
  assert.equal(en('2024-12-30', autonomy), '1 day left; late costs 0.5 points on criterion 1.2.6');
  assert.equal(en('2025-01-01', autonomy), '1 day overdue, not sent: costs 0.5 points on criterion 1.2.6');
  const onePoint = { ...plan, reports: plan.reports.map((r) => (r.name === autonomy ? r : { ...r, sent: r.due })) };
  const node = framework!.nodes.get('1.2.6')!;
  assert.equal(node.rule?.type, 'deadline');
  const frameworkOfOnePoint = {
    ...framework!,
    nodes: new Map(framework!.nodes).set('1.2.6', { ...node, maxPoints: p('1'), rule: { type: 'deadline', graceDays: 0, pointsPerLate: p('1') } }),
  };
  assert.equal(
    calendarOf(onePoint, frameworkOfOnePoint, '2025-01-01').find((e) => e.name === autonomy)!.message.en,
    '1 day overdue, not sent: costs 1 point on criterion 1.2.6',
  );
});

test('reports have stable ids; recording a sent date (or taking it back) and adding an ad hoc request', () => {
  const plan = demo();
  assert.deepEqual(
    plan.reports.map((r) => r.id),
    ['bao-cao-2024-03-15', 'bao-cao-2024-06-15', 'bao-cao-2024-09-15', 'bao-cao-2024-12-15', 'bao-cao-2024-12-31'],
  );
  const sent = updateReport(plan, 'bao-cao-2024-12-15', { sent: '2024-12-14' });
  assert.equal(calendarOf(sent, planFramework(dataset, plan), '2024-12-20').find((e) => e.id === 'bao-cao-2024-12-15')!.status, 'sent');
  assert.equal(updateReport(sent, 'bao-cao-2024-12-15', { sent: null }).reports.find((r) => r.id === 'bao-cao-2024-12-15')!.sent, undefined);
  assert.equal(updateReport(sent, 'bao-cao-2024-12-15', { criterion: null }).reports.find((r) => r.id === 'bao-cao-2024-12-15')!.criterion, undefined);
  const adHoc = addReport(plan, { id: 'bao-cao-dot-xuat', name: 'Báo cáo đột xuất về Đề án 06', kind: 'adHoc', criterion: '1.2.1', due: '2024-08-20' });
  assert.equal(readPlan(planDocument(adHoc)).reports.length, 6);
  assert.throws(
    () => addReport(adHoc, { ...adHoc.reports.at(-1)! }),
    (e: unknown) => code(e) === 'plan.duplicateReport@report.id',
  );
  assert.throws(
    () => updateReport(plan, 'khong-co', { sent: '2024-01-01' }),
    (e: unknown) => code(e) === 'plan.report.notFound@report',
  );
  // The ids survive a round trip through the stored document.
  assert.deepEqual(readPlan(planDocument(plan)).reports, plan.reports);
});
