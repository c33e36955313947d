import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDocuments } from '../io/dataFolder.ts';
import { buildDataset } from './dataset.ts';
import { ParError } from './errors.ts';

const plan = (extra: object) => ({ file: 'ke-hoach.yaml', data: { kind: 'plan', unit: 'tam-duong', year: 2025, basedOn: 2024, ...extra } });
const others = () => demoDocuments().filter((d) => (d.data as { kind?: string }).kind !== 'plan');

function refusal(documents: { file: string; data: unknown }[]): { file?: string; field?: string; node?: string; code: string }[] {
  try {
    buildDataset(documents);
  } catch (error) {
    if (error instanceof ParError) return error.issues.map(({ file, field, node, code }) => ({ file, field, node, code }));
    throw error;
  }
  assert.fail('expected the documents to be refused');
}

test('a plan is read against its framework: tasks, tracking and reports naming criteria it does not have are refused at their field', () => {
  const issues = refusal([
    ...others(),
    plan({
      tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7', '9.9.9'] }],
      tracking: [{ criterion: '9.8', values: [{ period: '2025-03', numerator: 1, denominator: 2 }] }, { criterion: '7.3.6', values: [{ period: '2025-03', numerator: 50, denominator: 46 }] }],
      reports: [{ name: 'Báo cáo quý I', kind: 'quarterly', due: '2025-03-15', criterion: '1.2.9' }],
    }),
  ]);
  assert.deepEqual(issues, [
    { file: 'ke-hoach.yaml', field: 'tasks.0.criteria.1', node: '9.9.9', code: 'plan.unknownCriterion' },
    { file: 'ke-hoach.yaml', field: 'tracking.0.criterion', node: '9.8', code: 'plan.unknownCriterion' },
    { file: 'ke-hoach.yaml', field: 'tracking.1.values.0.numerator', node: '7.3.6', code: 'indicator.invalid' },
    { file: 'ke-hoach.yaml', field: 'reports.0.criterion', node: '1.2.9', code: 'plan.unknownCriterion' },
  ]);
});

test('the demo’s plans, and a plan whose criteria all exist, are accepted', () => {
  const dataset = buildDataset([...demoDocuments(), plan({ tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7'] }] })]);
  assert.ok(dataset.plans.some((p) => p.year === 2025 && p.tasks[0]!.criteria![0] === '1.7'));
});
