import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDocuments } from '../io/dataFolder.ts';
import { nextYearFramework } from '../io/testFiles.ts';
import { buildDataset, planOf } from './dataset.ts';
import { ParError } from './errors.ts';
import { planProblems } from './planning/check.ts';

const plan = (extra: object) => ({ file: 'ke-hoach.yaml', data: { kind: 'plan', unit: 'tam-duong', year: 2025, basedOn: 2024, ...extra } });
const others = () => demoDocuments().filter((d) => (d.data as { kind?: string }).kind !== 'plan');

/** The problems of Tam Đường's 2025 plan against the framework it is measured by. */
function problemsOf(documents: { file: string; data: unknown }[]): { file?: string; field?: string; node?: string; code: string }[] {
  const dataset = buildDataset(documents);
  return planProblems(dataset, planOf(dataset, 'tam-duong', 2025)!, 'ke-hoach.yaml').map(({ file, field, node, code }) => ({ file, field, node, code }));
}

test('a plan is read against its framework: tasks, tracking and reports naming criteria it does not have are found at their field', () => {
  const issues = problemsOf([
    ...others(),
    plan({
      tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7', '9.9.9'] }],
      tracking: [
        { criterion: '9.8', values: [{ period: '2025-03', numerator: 1, denominator: 2 }] },
        { criterion: '7.3.6', values: [{ period: '2025-03', numerator: 50, denominator: 46 }] },
      ],
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

test('the demo’s plans, and a plan whose criteria all exist, have no problem', () => {
  const documents = [...demoDocuments(), plan({ tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7'] }] })];
  const dataset = buildDataset(documents);
  assert.ok(dataset.plans.some((p) => p.year === 2025 && p.tasks[0]!.criteria![0] === '1.7'));
  for (const p of dataset.plans) assert.deepEqual(planProblems(dataset, p), [], `${p.unitId} ${p.year}`);
});

test('a plan written on last year’s criteria stays when the new year’s framework comes without one of them, which it then names', () => {
  const documents = [...others(), plan({ tasks: [{ id: 'nv-1', title: 'Việc', department: 'Phòng Nội vụ', criteria: ['1.7'] }] })];
  assert.deepEqual(problemsOf(documents), [], 'measured by the 2024 framework while 2025 has none');
  assert.deepEqual(problemsOf([...documents, nextYearFramework({ without: '1.7' })]), [
    { file: 'ke-hoach.yaml', field: 'tasks.0.criteria.0', node: '1.7', code: 'plan.unknownCriterion' },
  ]);
  assert.throws(() => buildDataset([{ file: 'x', data: { kind: 'nothing' } }]), ParError, 'other documents are still refused');
});
