import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { buildDataset } from '../dataset.ts';
import { formatPoints } from '../format.ts';
import { parsePoints, type Points } from '../points.ts';
import { byDepartment, recoverablePoints, whatIf } from './index.ts';

const dataset = loadDataset();
const p = (text: string) => parsePoints(text);
const two = (x: Points) => formatPoints(x, { decimals: 2 });
const seed = () => new Map(recoverablePoints(dataset, 'tam-duong', 2023).map((i) => [i.code, i]));

test('the seed’s own numbers: 7.3.6 recovers 0,78 at 46/46, 7.3.7 recovers 0,26, 8.9 recovers 0,5 at 38/38', () => {
  const items = seed();
  assert.equal(two(items.get('7.3.6')!.lost), '0,78');
  assert.deepEqual(items.get('7.3.6')!.requirement, { numerator: 46, denominator: 46 });
  assert.equal(two(items.get('7.3.6')!.score!), '0,22');
  assert.equal(items.get('7.3.6')!.current.vi, '10/46 = 21,74% → 0,217391 điểm');
  assert.equal(two(items.get('7.3.7')!.lost), '0,26');
  assert.deepEqual(items.get('7.3.7')!.requirement, { numerator: 2818, denominator: 2818 });
  assert.equal(items.get('8.9')!.lost, p('0.5'));
  assert.deepEqual(items.get('8.9')!.requirement, { numerator: 38, denominator: 38 });
  assert.equal(items.get('7.3.6')!.department, 'Văn phòng HĐND-UBND huyện');
  // Sorted by points, highest first.
  const lost = [...items.values()].map((i) => i.lost);
  assert.deepEqual(
    lost,
    [...lost].sort((a, b) => b - a),
  );
  // Recovering a criterion by its requirement gives back exactly what it lost.
  for (const code of ['7.3.6', '7.3.7', '8.9']) {
    const after = whatIf(dataset, 'tam-duong', 2023, [{ code, indicator: items.get(code)!.requirement! }]);
    assert.equal(after.after.total! - after.before.total!, items.get(code)!.lost, code);
  }
});

test('what earns the points back is said in Vietnamese from the rule: ratio, bands, per occurrence, deadline, yes/no', () => {
  const items = seed();
  assert.equal(items.get('7.3.6')!.action.vi, 'Đạt 46/46, tức thêm 36 so với năm 2023 (10/46)');
  assert.equal(items.get('7.3.6')!.ruleLabel.vi, 'tỷ lệ');
  assert.equal(items.get('7.3.7')!.action.vi, 'Đạt 2.818/2.818, tức thêm 1.479 so với năm 2023 (1.339/2.818)');
  assert.equal(items.get('8.9')!.action.vi, 'Đạt 38/38 (≥ 100%) → 1 điểm (năm 2023: 35/38)');
  assert.equal(items.get('6.5')!.action.vi, 'Đạt ≥ 100% → 0,5 điểm (năm 2023: 62%)');
  assert.match(items.get('1.7')!.action.vi, /^Không để xảy ra vi phạm nào \(năm 2023: 1 trường hợp — Trưởng ban quản lý rừng phòng hộ bị kỷ luật\)$/);
  assert.equal(items.get('1.7')!.ruleLabel.vi, 'trừ theo số lần vi phạm');
  assert.equal(
    items.get('1.2.1')!.action.vi,
    'Nộp đúng hạn mọi báo cáo (theo dõi trên lịch báo cáo); năm 2023 trễ 1/1: Báo cáo sơ kết Nghị quyết số 08-NQ/TU: hạn 25/05/2023, gửi 26/05/2023',
  );
  assert.match(items.get('1.2.6')!.action.vi, /^Nộp đúng hạn mọi báo cáo .*năm 2023 trễ 2\/2: /);
  assert.match(items.get('6.2.2')!.action.vi, /^Đạt yêu cầu của tiêu chí \(năm 2023: Không có đơn vị sự nghiệp công lập nào tăng mức độ tự chủ\)$/);
  // The appraisal's reason travels with the item.
  assert.match(items.get('1.7')!.reason!, /Trưởng ban quản lý rừng phòng hộ/);
  for (const item of items.values()) {
    assert.ok(!/undefined|NaN|\[object/.test(item.action.vi + item.current.vi), `${item.code}: ${item.action.vi} / ${item.current.vi}`);
    assert.ok(item.ruleLabel.vi && item.ruleLabel.en);
  }
});

test('points lost with no rule are shown from the deduction’s reason; a component’s unexplained loss has its own line', () => {
  const items = seed();
  const inspection = items.get('6.1')!;
  assert.equal(inspection.rule, 'unknown');
  assert.equal(inspection.scope, 'criterion');
  assert.equal(inspection.lost, p('1'));
  assert.match(inspection.current.vi, /^Bị trừ 1 điểm theo kết quả thẩm định/);
  assert.match(inspection.action.vi, /^Khắc phục nguyên nhân bị trừ điểm: sai phạm thu hồi 50 triệu đồng/);
  assert.equal(inspection.requirement, undefined);
  // Component 3: a 0,02 deduction recorded on the component, plus 0,0047 not placed anywhere — one line, exact.
  const three = items.get('3')!;
  assert.equal(three.scope, 'component');
  assert.equal(three.lost, p('0.0247'));
  assert.match(three.current.vi, /ngoài ra mất 0,0047 điểm chưa rõ ở tiêu chí nào$/);
  // Component 8's survey part: not something the unit fixes directly, and said so.
  const eight = items.get('8')!;
  assert.equal(eight.controllable, false);
  assert.match(eight.current.vi, /điều tra xã hội học \(năm 2023 đạt 22,3 điểm\)/);
  assert.ok(new Set([...items.values()].map((i) => i.code)).size === items.size, 'one line per code');
});

test('grouped by department in charge, the biggest loss first and the unknown department last', () => {
  const groups = byDepartment(recoverablePoints(dataset, 'tam-duong', 2023));
  assert.deepEqual(groups.map((g) => g.department).slice(0, 2), ['Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ']);
  for (const g of groups)
    assert.equal(
      g.lost,
      g.items.reduce((s, i) => s + i.lost, 0),
    );
  const unknown = byDepartment(
    [{ ...recoverablePoints(dataset, 'tam-duong', 2023)[0]!, department: undefined }, ...recoverablePoints(dataset, 'tam-duong', 2023).slice(1)],
    'Chưa xác định',
  );
  assert.equal(unknown.at(-1)!.department, 'Chưa xác định');
});

function frameworkDoc(rule: object, source = 'appraisal') {
  return {
    kind: 'framework',
    id: 'f',
    name: 'f',
    level: 'district',
    year: 2024,
    totalPoints: 1,
    components: [{ code: '1', name: 'c', maxPoints: 1, source, children: [{ code: '1.1', name: 'x', maxPoints: 1, rule }] }],
  };
}

function single(rule: object, indicator: object, source = 'appraisal') {
  const set = { kind: 'results', year: 2024, framework: 'f', units: [{ unit: 'tam-duong', indicators: { '1.1': indicator } }] };
  const units = { kind: 'units', province: { id: 'p', name: 'P' }, units: [{ id: 'tam-duong', name: 'Tam Đường', level: 'district' }] };
  return buildDataset([
    { file: 'f', data: frameworkDoc(rule, source) },
    { file: 'u', data: units },
    { file: 'r', data: set },
  ]);
}

test('every rule type: the recovery requirement, put through the rule, gives full points', () => {
  const cases: [object, object][] = [
    [{ type: 'ratio' }, { numerator: 10, denominator: 46 }],
    [
      { type: 'ratio', targetPercent: 80 },
      { numerator: 10, denominator: 46 },
    ],
    [
      {
        type: 'bands',
        measure: 'percent',
        bands: [
          { atLeast: 100, points: 1 },
          { atLeast: 90, points: 0.5 },
        ],
      },
      { numerator: 35, denominator: 38 },
    ],
    [
      {
        type: 'bands',
        measure: 'percent',
        bands: [
          { atLeast: 100, points: 1 },
          { atLeast: 50, points: 0.5 },
        ],
      },
      { value: 62 },
    ],
    [
      {
        type: 'bands',
        measure: 'value',
        bands: [
          { atLeast: 10, points: 1 },
          { atLeast: 5, points: 0.5 },
        ],
      },
      { value: 6 },
    ],
    [{ type: 'perOccurrence', pointsEach: 0.5 }, { count: 1 }],
    [{ type: 'deadline', pointsPerLate: 0.5 }, { items: [{ name: 'q1', due: '2023-05-25', sent: '2023-05-26' }] }],
    [{ type: 'boolean' }, { achieved: false }],
    [{ type: 'grades', grades: { tot: 1, kha: 0.5 } }, { grade: 'kha' }],
    [{ type: 'surveyAnswers', options: { 'hai long': 100, 'binh thuong': 50 } }, { answers: { 'hai long': 3, 'binh thuong': 7 } }],
  ];
  for (const [rule, indicator] of cases) {
    const ds = single(rule, indicator);
    const [item] = recoverablePoints(ds, 'tam-duong', 2024).filter((i) => i.code === '1.1');
    assert.ok(item, JSON.stringify(rule));
    assert.ok(item.requirement, JSON.stringify(rule));
    assert.ok(item.action.vi.length > 10 && item.action.en.length > 10);
    const recovered = whatIf(ds, 'tam-duong', 2024, [{ code: '1.1', indicator: item.requirement! }]);
    assert.equal(recovered.gains[0]!.after, p('1'), `${JSON.stringify(rule)} → ${JSON.stringify(item.requirement)}`);
    assert.equal(recovered.gains[0]!.after - recovered.gains[0]!.before, item.lost);
  }
});

test('in English a band worth one point says “1 point”, and a half “0.5 points”', () => {
  const [item] = recoverablePoints(
    single(
      {
        type: 'bands',
        measure: 'percent',
        bands: [
          { atLeast: 100, points: 1 },
          { atLeast: 90, points: 0.5 },
        ],
      },
      { numerator: 33, denominator: 38 },
    ),
    'tam-duong',
    2024,
  );
  assert.deepEqual(
    item!.steps.map((s) => s.action.en),
    ['Reach 35/38 (≥ 90%) → 0.5 points (2024: 33/38)', 'Reach 38/38 (≥ 100%) → 1 point (2024: 33/38)'],
  );
  assert.equal(item!.current.en, 'Measured 86.84% → 0 points');
});

test('a ratio with nothing measured (0/0 scored 0) has no requirement to compute, and says why', () => {
  const [item] = recoverablePoints(single({ type: 'ratio', zeroDenominator: 'zero' }, { numerator: 0, denominator: 0 }), 'tam-duong', 2024);
  assert.equal(item!.requirement, undefined);
  assert.match(item!.action.vi, /mẫu số 0/);
});

test('survey answers are recoverable on paper only: the item says so and is not controllable', () => {
  const [item] = recoverablePoints(
    single({ type: 'surveyAnswers', options: { 'hài lòng': 100, 'bình thường': 50 } }, { answers: { 'hài lòng': 3, 'bình thường': 7 } }, 'survey'),
    'tam-duong',
    2024,
  );
  assert.equal(item!.controllable, false);
  assert.equal(item!.ruleLabel.vi, 'điều tra xã hội học');
  assert.match(item!.action.vi, /không tự khắc phục được.*"hài lòng".*\(năm 2024: 30%\)/);
});

test('band steps: each threshold above the current score is a step with its requirement and gain, the last recovers all', () => {
  const rule = {
    type: 'bands',
    measure: 'percent',
    bands: [
      { atLeast: 100, points: 1 },
      { atLeast: 95, points: 0.75 },
      { atLeast: 90, points: 0.5 },
      { atLeast: 0, points: 0 },
    ],
  };
  const [item] = recoverablePoints(single(rule, { numerator: 35, denominator: 38 }), 'tam-duong', 2024);
  assert.deepEqual(
    item!.steps.map((s) => [s.requirement, s.points, s.gain]),
    [
      [{ numerator: 37, denominator: 38 }, p('0.75'), p('0.25')],
      [{ numerator: 38, denominator: 38 }, p('1'), p('0.5')],
    ],
  );
  assert.deepEqual(item!.requirement, item!.steps.at(-1)!.requirement);
  assert.equal(item!.steps[0]!.action.vi, 'Đạt 37/38 (≥ 95%) → 0,75 điểm (năm 2024: 35/38)');
});

test('a penalty node’s score is the points it removes: all of it is recoverable, and no violation wins it back', () => {
  const framework = {
    kind: 'framework',
    id: 'f',
    name: 'f',
    level: 'district',
    year: 2024,
    totalPoints: 1,
    components: [
      { code: '1', name: 'c', maxPoints: 1, children: [{ code: '1.1', name: 'x', maxPoints: 1, rule: { type: 'manual' } }] },
      { code: '2', name: 'Vi phạm', kind: 'penalty', cap: 5, maxPoints: 5, rule: { type: 'perOccurrence', pointsEach: 1 } },
    ],
  };
  const units = { kind: 'units', province: { id: 'p', name: 'P' }, units: [{ id: 'tam-duong', name: 'Tam Đường', level: 'district' }] };
  const set = { kind: 'results', year: 2024, framework: 'f', units: [{ unit: 'tam-duong', scores: { '1.1': 1 }, indicators: { '2': { count: 2 } } }] };
  const ds = buildDataset([
    { file: 'f', data: framework },
    { file: 'u', data: units },
    { file: 'r', data: set },
  ]);
  const [item] = recoverablePoints(ds, 'tam-duong', 2024).filter((i) => i.code === '2');
  assert.equal(item!.lost, p('2'), 'two violations removed 2 points, not 5 − 2');
  assert.deepEqual(item!.requirement, { count: 0 });
  assert.equal(item!.steps[0]!.gain, p('2'));
  const recovered = whatIf(ds, 'tam-duong', 2024, [{ code: '2', indicator: item!.requirement! }]);
  assert.equal(recovered.after.total! - recovered.before.total!, item!.lost);
});
