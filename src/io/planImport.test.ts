import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDocument, planOf, type PlanFile } from '../core/index.ts';
import { loadDataset } from './dataFolder.ts';
import { exportTables, importWorkbook, readWorkbook, writeTables } from './index.ts';

const dataset = loadDataset();

test('the action plan round-trips through Excel and CSV unchanged', async () => {
  const tables = exportTables(dataset, { what: 'plan', unit: 'tam-duong', year: 2024 });
  for (const format of ['xlsx', 'csv'] as const) {
    const bytes = await writeTables(tables, { format });
    const outcome = importWorkbook(await readWorkbook(bytes, { format, file: `ke-hoach.${format}` }), dataset, { kind: 'plan', unit: 'tam-duong', year: 2024 });
    assert.deepEqual(outcome.changes, [], format);
    assert.deepEqual(outcome.document, planDocument(planOf(dataset, 'tam-duong', 2024)!), format);
  }
});

test('tasks typed in a spreadsheet: a status label, a new row, problems named by their cell', async () => {
  const csv = ['Mã nhiệm vụ;Nhiệm vụ;Cơ quan chủ trì;Tiêu chí liên quan;Hạn hoàn thành;Trạng thái', 'nv-2-1;Chủ trì kế hoạch CCHC;Phòng Nội vụ;1.2.1;31/12/2024;Đã xong', ';Tăng thanh toán trực tuyến;Văn phòng HĐND-UBND huyện;7.3.6, 7.3.7;30/09/2024;đang làm'].join('\r\n');
  const outcome = importWorkbook(await readWorkbook(new TextEncoder().encode(csv), { format: 'csv', file: 'nv.csv' }), dataset, { kind: 'plan', unit: 'tam-duong', year: 2024 });
  assert.equal(outcome.kind, 'plan');
  const tasks = (outcome.document as PlanFile).tasks!;
  assert.equal(tasks.find((t) => t.id === 'nv-2-1')!.status, 'done');
  const added = tasks.at(-1)!;
  assert.deepEqual([added.status, added.criteria, added.deadline], ['doing', ['7.3.6', '7.3.7'], '2024-09-30']);
  assert.deepEqual(outcome.changes.map((c) => c.change), ['changed', 'added']);
  const bad = ['Nhiệm vụ;Cơ quan chủ trì;Trạng thái', 'Làm gì đó;;Đã xong', 'Việc khác;Phòng Tư pháp;xong rồi'].join('\r\n');
  await assert.rejects(
    async () => importWorkbook(await readWorkbook(new TextEncoder().encode(bad), { format: 'csv', file: 'sai.csv' }), dataset, { kind: 'plan', unit: 'tam-duong', year: 2024 }),
    (e: { issues: { field?: string; message: { vi: string } }[] }) => {
      assert.equal(e.issues.length, 2);
      assert.match(e.issues[0]!.message.vi, /thiếu cơ quan chủ trì/);
      assert.match(e.issues[1]!.message.vi, /xong rồi/);
      return true;
    },
  );
});
