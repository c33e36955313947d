import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crosswalkDocuments } from '../../io/testCrosswalk.ts';
import { buildDataset, planOf } from '../dataset.ts';
import { carryPlan, planProblems } from './index.ts';

const plan = {
  kind: 'plan',
  unit: 'huyen-a',
  year: 2025,
  basedOn: 2024,
  tasks: [
    { id: 'phan-cap', title: 'Rà soát phân cấp quản lý', department: 'Phòng Nội vụ', criteria: ['4.3'] },
    { id: 'cong-tac', title: 'Gắn CCHC với Chỉ số của tỉnh', department: 'Phòng Nội vụ', criteria: ['1.7'] },
    { id: 'van-ban', title: 'Xử lý văn bản trái pháp luật', department: 'Phòng Tư pháp', criteria: ['2.3'] },
  ],
};

test("a plan written on last year's criteria carries over the crosswalk: a renumbered criterion is followed, a dropped one flagged", () => {
  const dataset = buildDataset([...crosswalkDocuments(), { file: 'plan.yaml', data: plan }]);
  const stored = planOf(dataset, 'huyen-a', 2025)!;
  const carried = carryPlan(dataset, stored);
  assert.deepEqual(
    carried.tasks.map((t) => t.criteria),
    [['4.4'], ['1.7'], ['2.3']],
  );
  const problems = planProblems(dataset, stored);
  assert.deepEqual(
    problems.map((p) => [p.code, p.field, p.node]),
    [['plan.unknownCriterion', 'tasks.2.criteria.0', '2.3']],
  );
  assert.match(problems[0]!.message.vi, /bộ tiêu chí lai-chau-district-2025-test không có tiêu chí 2\.3 \(đã bỏ so với bộ tiêu chí lai-chau-district-2024\)/);
  assert.match(problems[0]!.message.en, /dropped since framework lai-chau-district-2024/);
});

test('a plan on the framework it was written on is read as it is', () => {
  const dataset = buildDataset([...crosswalkDocuments(), { file: 'plan.yaml', data: { ...plan, year: 2024, basedOn: 2023 } }]);
  const stored = planOf(dataset, 'huyen-a', 2024)!;
  assert.equal(carryPlan(dataset, stored), stored);
  assert.deepEqual(planProblems(dataset, stored), []);
});
