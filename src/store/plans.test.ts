import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addReport, type ParError, type Plan } from '../core/index.ts';
import { demoDocuments } from '../io/dataFolder.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { changePlan, createStore, listAudit, planRow, type Store } from './index.ts';
import { testEngines } from './testing.ts';

const plan = (status: string, sent?: string) => ({
  kind: 'plan',
  unit: 'tam-duong',
  year: 2025,
  basedOn: 2024,
  tasks: [{ id: 'nv-1', title: 'Rà soát thủ tục hành chính', department: 'Phòng Nội vụ', status }],
  reports: [{ id: 'q1', name: 'Báo cáo CCHC quý I', kind: 'quarterly', due: '2025-03-15', ...(sent && { sent }) }],
});

for (const engine of testEngines()) {
  describe(`plans in the store on ${engine.name}`, () => {
    let store: Store;
    before(async () => {
      store = createStore(await engine.open());
      await store.importDocuments(demoDocuments(), SYSTEM);
    });
    after(() => store.close());

    test('a plan import lists and audits what it changed (a task’s status), not an empty list', async () => {
      await store.importDocuments([{ file: 'ke-hoach.yaml', data: plan('todo') }], SYSTEM);
      const result = await store.importDocuments([{ file: 'ke-hoach.yaml', data: plan('done', '2025-03-14') }], SYSTEM);
      assert.deepEqual(
        result.changes.map((c) => [c.change, c.item, c.part, c.before, c.after]),
        [
          ['changed', 'task', 'nv-1.status', 'todo', 'done'],
          ['added', 'report', 'q1.sent', undefined, '2025-03-14'],
        ],
      );
      const audited = (await listAudit(store.db, 'plan/tam-duong/2025')).at(-1)!;
      assert.equal(audited.action, 'import.plan');
      assert.deepEqual((audited.after as { counts: unknown }).counts, { added: 1, changed: 1, removed: 0 });
    });

    test('a sent date in the future is refused, by import and by an edit, and nothing is stored', async () => {
      const stored = await planRow(store.db, 'tam-duong', 2025);
      await assert.rejects(store.importDocuments([{ file: 'ke-hoach.yaml', data: plan('done', '2099-01-01') }], SYSTEM), (e: ParError) =>
        e.issues.some((i) => i.code === 'plan.futureDate' && i.field === 'reports.0.sent'),
      );
      await assert.rejects(
        changePlan(
          store.db,
          'tam-duong',
          2025,
          stored!.version,
          (p: Plan) => addReport(p, { id: 'dot-xuat', name: 'Báo cáo đột xuất', kind: 'adHoc', due: '2025-05-01', sent: '2099-01-01' }),
          SYSTEM,
          'plan.addReport',
        ),
        (e: ParError) => e.issues.some((i) => i.code === 'plan.futureDate'),
      );
      assert.deepEqual(await planRow(store.db, 'tam-duong', 2025), stored);
    });
  });
}
