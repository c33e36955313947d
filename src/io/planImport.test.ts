import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDocument, planOf, TASK_STATUS_LABELS, type PlanFile } from '../core/index.ts';
import { loadDataset } from './dataFolder.ts';
import { exportTables, importWorkbook, readWorkbook, writeTables, type PlanImport } from './index.ts';

const dataset = loadDataset();
const withoutPlans = { ...dataset, plans: [] };
const target = { kind: 'plan', unit: 'tam-duong', year: 2024 } as const;
const stored = planDocument(planOf(dataset, 'tam-duong', 2024)!);

const importCsv = async (lines: string[], store = dataset) =>
  importWorkbook(await readWorkbook(new TextEncoder().encode(lines.join('\r\n')), { format: 'csv', file: 'nhap.csv' }), store, target) as PlanImport;

async function refused(lines: string[]): Promise<{ field?: string; message: { vi: string } }[]> {
  try {
    await importCsv(lines);
  } catch (error) {
    return (error as { issues: { field?: string; message: { vi: string } }[] }).issues;
  }
  assert.fail('expected the import to be refused');
}

test('the action plan round-trips through Excel unchanged: tasks, tracking values per period and the reporting calendar, into an empty store too', async () => {
  const tables = exportTables(dataset, { what: 'plan', unit: 'tam-duong', year: 2024 });
  assert.deepEqual(
    tables.map((t) => t.name),
    ['Nhiệm vụ', 'Theo dõi chỉ tiêu', 'Lịch báo cáo'],
  );
  const workbook = await readWorkbook(await writeTables(tables, { format: 'xlsx' }), { file: 'ke-hoach.xlsx' });
  const over = importWorkbook(workbook, dataset, target) as PlanImport;
  assert.deepEqual(over.changes, []);
  assert.deepEqual(over.document, stored);
  const fresh = importWorkbook(workbook, withoutPlans, target) as PlanImport;
  assert.deepEqual(fresh.document, stored, 'everything the plan holds is in the workbook');
  assert.deepEqual(fresh.ignoredColumns, []);
  assert.equal(fresh.changes.filter((c) => c.item === 'tracking').length, 12, '6 periods × numerator and denominator');
  assert.equal(fresh.changes.filter((c) => c.item === 'report' && c.part === 'sent').length, 3);
});

test('each table of the plan round-trips through CSV on its own', async () => {
  const tables = exportTables(dataset, { what: 'plan', unit: 'tam-duong', year: 2024 });
  for (const sheet of ['Nhiệm vụ', 'Theo dõi chỉ tiêu', 'Lịch báo cáo']) {
    const bytes = await writeTables(tables, { format: 'csv', sheet });
    const outcome = importWorkbook(await readWorkbook(bytes, { format: 'csv', file: 'ke-hoach.csv' }), withoutPlans, target) as PlanImport;
    const part = sheet === 'Nhiệm vụ' ? 'tasks' : sheet === 'Lịch báo cáo' ? 'reports' : 'tracking';
    assert.deepEqual(outcome.document[part], stored[part], sheet);
    assert.deepEqual(importWorkbook(await readWorkbook(bytes, { format: 'csv' }), dataset, target).changes, [], sheet);
  }
});

test('tracking values typed by hand: periods as people write them, merged by criterion and period into the stored plan', async () => {
  const outcome = await importCsv([
    'Mã tiêu chí;Kỳ;Tử số;Mẫu số;Ghi chú',
    '7.3.6;2024-09;30;46;',
    '7.3.6;Tháng 10/2024;33;46;số liệu cổng DVC',
    '7.3.7;Quý IV/2024;1900;2900;',
    '7.3.7.;;;;', // a template row: criterion, nothing else
  ]);
  const tracking = (outcome.document as PlanFile).tracking!;
  const t736 = tracking.find((t) => t.criterion === '7.3.6')!.values;
  assert.deepEqual(
    t736.map((v) => [v.period, v.numerator]),
    [
      ['2024-03', 14],
      ['2024-06', 21],
      ['2024-09', 30],
      ['2024-10', 33],
    ],
  );
  assert.equal(t736.at(-1)!.note, 'số liệu cổng DVC');
  assert.deepEqual(tracking.find((t) => t.criterion === '7.3.7')!.values.at(-1), { period: '2024-Q4', numerator: 1900, denominator: 2900 });
  assert.deepEqual(
    outcome.changes.map((c) => [c.change, c.item, c.code, c.part, c.before, c.after]),
    [
      ['changed', 'tracking', '7.3.6', '2024-09.numerator', '27', '30'],
      ['added', 'tracking', '7.3.6', '2024-10.numerator', undefined, '33'],
      ['added', 'tracking', '7.3.6', '2024-10.denominator', undefined, '46'],
      ['added', 'tracking', '7.3.6', '2024-10.note', undefined, 'số liệu cổng DVC'],
      ['added', 'tracking', '7.3.7', '2024-Q4.numerator', undefined, '1900'],
      ['added', 'tracking', '7.3.7', '2024-Q4.denominator', undefined, '2900'],
    ],
  );
});

test('tracking rows the rule cannot read, unknown criteria and periods outside the plan year are refused at their cell, all at once', async () => {
  const issues = await refused([
    'Mã tiêu chí;Kỳ;Tử số;Mẫu số',
    '7.3.6;2024-11;50;46',
    '9.9;2024-11;1;2',
    '7.3.7;2023-Q4;1;2',
    '7.3.7;tháng mười;1;2',
    '7.3.7;;1;2',
    '7.3.6;2024-03;x;46',
  ]);
  assert.deepEqual(
    issues.map((i) => i.field!.split('!')[1]),
    ['C2', 'A3', 'B4', 'B5', 'B6', 'C7'],
  );
  assert.match(issues[0]!.message.vi, /tử số 50 lớn hơn mẫu số 46/);
  assert.match(issues[1]!.message.vi, /không có tiêu chí 9\.9/);
  assert.match(issues[2]!.message.vi, /kỳ 2023-Q4 không thuộc năm kế hoạch 2024/);
  assert.match(issues[3]!.message.vi, /«tháng mười» không phải kỳ theo dõi/);
  assert.match(issues[4]!.message.vi, /thiếu kỳ/);
});

test('report sent dates recorded in «Lịch báo cáo»: a row without an id is the stored report of the same name and due date; problems at their cell', async () => {
  const outcome = await importCsv([
    'Báo cáo;Loại báo cáo;Tiêu chí;Hạn gửi;Ngày gửi',
    'Báo cáo CCHC năm 2024;Báo cáo năm;1.2.1;15/12/2024;13/12/2024',
    'Báo cáo đột xuất về TTHC;Báo cáo đột xuất;;20/11/2024;',
  ]);
  const reports = (outcome.document as PlanFile).reports!;
  const yearly = reports.find((r) => r.name === 'Báo cáo CCHC năm 2024')!;
  assert.deepEqual([yearly.id, yearly.kind, yearly.sent], ['bao-cao-2024-12-15', 'yearly', '2024-12-13']);
  assert.equal(reports.length, 6);
  assert.deepEqual(reports.at(-1), { id: 'bao-cao-2024-11-20', name: 'Báo cáo đột xuất về TTHC', kind: 'adHoc', due: '2024-11-20' });
  assert.deepEqual(
    outcome.changes.filter((c) => c.code === 'bao-cao-2024-12-15').map((c) => [c.change, c.part, c.after]),
    [['added', 'sent', '2024-12-13']],
  );
  const issues = await refused([
    'Báo cáo;Loại báo cáo;Tiêu chí;Hạn gửi;Ngày gửi',
    'Báo cáo A;hàng tuần;1.2.1;15/12/2024;',
    'Báo cáo B;Báo cáo quý;7.7.7;;',
    'Báo cáo C;;;01/12/2024;32/12/2024',
  ]);
  assert.deepEqual(
    issues.map((i) => i.field!.split('!')[1]),
    ['B2', 'C3', 'D3', 'E4'],
  );
  assert.match(issues[0]!.message.vi, /«hàng tuần» không phải một trong: «Báo cáo quý»/);
  assert.match(issues[2]!.message.vi, /thiếu hạn gửi/);
});

test('tasks typed in a spreadsheet: a status label, a new row, problems named by their cell', async () => {
  const outcome = await importCsv([
    'Mã nhiệm vụ;Nhiệm vụ;Cơ quan chủ trì;Tiêu chí liên quan;Hạn hoàn thành;Trạng thái',
    'nv-2-1;Chủ trì kế hoạch CCHC;Phòng Nội vụ;1.2.1;31/12/2024;Đã xong',
    ';Tăng thanh toán trực tuyến;Văn phòng HĐND-UBND huyện;7.3.6, 7.3.7;30/09/2024;đang làm',
  ]);
  const tasks = (outcome.document as PlanFile).tasks!;
  assert.equal(tasks.find((t) => t.id === 'nv-2-1')!.status, 'done');
  const added = tasks.at(-1)!;
  assert.deepEqual([added.status, added.criteria, added.deadline], ['doing', ['7.3.6', '7.3.7'], '2024-09-30']);
  assert.deepEqual(
    outcome.changes.map((c) => c.change),
    ['changed', 'added'],
  );
  const issues = await refused([
    'Nhiệm vụ;Cơ quan chủ trì;Trạng thái;Tiêu chí liên quan',
    'Làm gì đó;;Đã xong;',
    'Việc khác;Phòng Tư pháp;xong rồi;',
    'Việc nữa;Phòng Tư pháp;;7.3.66',
  ]);
  assert.equal(issues.length, 3);
  assert.match(issues[0]!.message.vi, /thiếu cơ quan chủ trì/);
  assert.match(issues[1]!.message.vi, /xong rồi/);
  assert.match(issues[2]!.message.vi, /không có tiêu chí 7\.3\.66/);
});

test('task statuses are the core’s names both ways: written in Vietnamese, read back in either language', async () => {
  const tasks = exportTables(dataset, { what: 'plan', unit: 'tam-duong', year: 2024 }).find((t) => t.name === 'Nhiệm vụ')!;
  const status = tasks.columns.findIndex((c) => c.header.at(-1) === 'Trạng thái');
  const plan = planOf(dataset, 'tam-duong', 2024)!;
  assert.deepEqual(
    tasks.rows.map((r) => r[status]),
    plan.tasks.map((t) => TASK_STATUS_LABELS[t.status].vi),
  );
  const outcome = await importCsv(
    ['Mã nhiệm vụ;Nhiệm vụ;Cơ quan chủ trì;Trạng thái', 'nv-a;Việc A;Phòng Nội vụ;Đã xong', 'nv-b;Việc B;Phòng Nội vụ;In progress'],
    withoutPlans,
  );
  assert.deepEqual(
    (outcome.document as PlanFile).tasks!.map((t) => t.status),
    ['done', 'doing'],
  );
});

test('a deadline criterion’s reports tracked in a period travel in «Theo dõi chỉ tiêu» both ways: one report a line, dates dd/mm/yyyy', async () => {
  const items = [
    { name: 'Báo cáo CCHC quý I', due: '2024-03-15', sent: '2024-03-16' },
    { name: 'Báo cáo CCHC quý II', due: '2024-06-15' },
  ];
  const plan = planOf(dataset, 'tam-duong', 2024)!;
  const withItems = {
    ...dataset,
    plans: dataset.plans.map((p) =>
      p === plan ? { ...plan, tracking: [...plan.tracking, { criterion: '1.2.1', values: [{ period: '2024-Q2', items }] }] } : p,
    ),
  };
  const tables = exportTables(withItems, { what: 'plan', unit: 'tam-duong', year: 2024 });
  const tracking = tables.find((t) => t.name === 'Theo dõi chỉ tiêu')!;
  const column = tracking.columns.findIndex((c) => c.header.at(-1) === 'Báo cáo (tên: hạn, ngày gửi)');
  assert.ok(column > 0);
  assert.equal(
    tracking.rows.find((r) => r[0] === '1.2.1')![column],
    'Báo cáo CCHC quý I: hạn 15/03/2024, gửi 16/03/2024\nBáo cáo CCHC quý II: hạn 15/06/2024, chưa gửi',
  );
  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await writeTables(tables, { format, ...(format === 'csv' && { sheet: 'Theo dõi chỉ tiêu' }) });
    const back = importWorkbook(await readWorkbook(bytes, { format, file: `ke-hoach.${format}` }), withoutPlans, target) as PlanImport;
    assert.deepEqual(back.document.tracking!.find((t) => t.criterion === '1.2.1')!.values, [{ period: '2024-Q2', items }], format);
  }
  const typed = await importCsv(
    [
      'Mã tiêu chí;Kỳ;Báo cáo (tên: hạn, ngày gửi)',
      '1.2.1;Quý I/2024;"Báo cáo quý I: han 2024-03-15, gui 14/03/2024; Báo cáo đột xuất: hạn 20/03/2024, chưa gửi"',
    ],
    withoutPlans,
  );
  assert.deepEqual((typed.document as PlanFile).tracking![0]!.values[0]!.items, [
    { name: 'Báo cáo quý I', due: '2024-03-15', sent: '2024-03-14' },
    { name: 'Báo cáo đột xuất', due: '2024-03-20' },
  ]);
  assert.ok(
    typed.changes.some(
      (c) => c.part === '2024-Q1.items' && c.after === 'Báo cáo quý I: hạn 15/03/2024, gửi 14/03/2024; Báo cáo đột xuất: hạn 20/03/2024, chưa gửi',
    ),
  );
  const issues = await refused([
    'Mã tiêu chí;Kỳ;Báo cáo (tên: hạn, ngày gửi)',
    '1.2.1;2024-03;Báo cáo quý I gửi ngày 14/03',
    '1.2.1;2024-04;Báo cáo: hạn 31/04/2024',
  ]);
  assert.equal(issues.length, 2);
  assert.match(issues[0]!.message.vi, /^«Báo cáo quý I gửi ngày 14\/03» phải có dạng «tên báo cáo: hạn dd\/mm\/yyyy, gửi dd\/mm\/yyyy»/);
  assert.match(issues[1]!.message.vi, /^«31\/04\/2024» không phải là ngày \(dạng dd\/mm\/yyyy\)/);
  assert.deepEqual(
    issues.map((i) => i.field),
    ['nhap!C2', 'nhap!C3'],
  );
});

test('progress notes are dated as people read them in the tasks sheet (dd/mm/yyyy)', () => {
  const plan = planOf(dataset, 'tam-duong', 2024)!;
  const noted = {
    ...dataset,
    plans: dataset.plans.map((p) =>
      p === plan ? { ...plan, tasks: plan.tasks.map((t, i) => (i === 0 ? { ...t, progress: [{ date: '2024-05-10', note: 'Đã họp triển khai' }] } : t)) } : p,
    ),
  };
  const tasks = exportTables(noted, { what: 'plan', unit: 'tam-duong', year: 2024 }).find((t) => t.name === 'Nhiệm vụ')!;
  const progress = tasks.columns.findIndex((c) => c.header.at(-1) === 'Tiến độ');
  assert.equal(tasks.rows[0]![progress], '10/05/2024: Đã họp triển khai');
});
