/**
 * Not-applicable criteria (không áp dụng), ranking on percent of the applicable maximum, and
 * bands as the decisions write them (points or percent, inclusive or strict, component floors).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { ParError } from '../errors.ts';
import { formatPercent } from '../format.ts';
import { parseFramework } from '../framework/index.ts';
import { readResults, resultsDocument } from '../results/index.ts';
import { diffResults } from '../results/diff.ts';
import { buildDataset } from '../dataset.ts';
import { analysisToJson, analyzeUnit } from '../analysis/index.ts';
import { classifyScores } from './bands.ts';
import { rankFractions } from './rank.ts';
import { applicableMaxOf, isNotApplicable, scoreOf, scoreUnit } from './score.ts';
import { computeYear, rankOf } from './year.ts';

const frameworkText = (settings = '') => `kind: framework
id: so-2025
name: Bộ tiêu chí thử cấp sở
level: department
year: 2025
totalPoints: 100
${settings}
components:
  - code: "1"
    name: Chỉ đạo, điều hành
    maxPoints: 40
    children:
      - { code: "1.1", name: Kế hoạch, maxPoints: 24 }
      - { code: "1.2", name: Báo cáo, maxPoints: 16 }
  - code: "2"
    name: Thủ tục hành chính
    maxPoints: 60
    children:
      - { code: "2.1", name: Công khai thủ tục, maxPoints: 44 }
      - code: "2.2"
        name: Thủ tục thuộc lĩnh vực riêng
        maxPoints: 16
        children:
          - { code: "2.2.1", name: Tiếp nhận, maxPoints: 10 }
          - { code: "2.2.2", name: Trả kết quả, maxPoints: 6 }
`;

const framework = parseFramework(frameworkText());
const results = (units: unknown[], fw = framework) =>
  readResults({ kind: 'results', year: 2025, framework: fw.id, units }, (id) => (id === fw.id ? fw : undefined));

test('a not-applicable criterion leaves the applicable maxima of its ancestors and of the total, and percent reads on them', () => {
  const set = results([
    { unit: 'so-a', scores: { '1': 40, '2.1': 28.32 }, notApplicable: [{ code: '2.2', reason: 'Sở không có thủ tục thuộc lĩnh vực này' }] },
  ]);
  const scores = scoreUnit(framework, set.units[0]!);
  assert.equal(scores.applicableTotal, 84_000_000);
  assert.equal(applicableMaxOf(scores, '2'), 44_000_000);
  assert.equal(applicableMaxOf(scores, '2.2'), 0);
  assert.equal(applicableMaxOf(scores, '1'), 40_000_000);
  assert.ok(isNotApplicable(scores, '2.2') && isNotApplicable(scores, '2.2.1') && !isNotApplicable(scores, '2.1'));
  // Component 2 sums what applies: 2.1 alone.
  assert.equal(scoreOf(scores, '2'), 28_320_000);
  assert.equal(scores.total, 68_320_000);

  const analysis = analyzeUnit(datasetOf(frameworkText(), set), 'so-a', 2025);
  assert.equal(formatPercent(analysis.percent!), '81,33%');
  assert.equal(analysis.applicableTotal, 84_000_000);
  assert.deepEqual(analysis.notApplicable, [
    { code: '2.2', name: 'Thủ tục thuộc lĩnh vực riêng', reason: 'Sở không có thủ tục thuộc lĩnh vực này', max: 16_000_000 },
  ]);
  const c2 = analysis.components.find((c) => c.code === '2')!;
  assert.equal(c2.applicableMax, 44_000_000);
  assert.equal(c2.pointsLost, 15_680_000);
  assert.equal(c2.criteria.find((k) => k.code === '2.2')!.notApplicable, true);
  const json = analysisToJson(analysis);
  assert.equal(json.max, '100');
  assert.equal(json.applicableMax, '84');
  assert.equal(json.components[1]!.applicableMax, '44');
  assert.equal(json.notApplicable[0]!.reason, 'Sở không có thủ tục thuộc lĩnh vực này');
});

test('a not-applicable mark round-trips through the results document and shows in the diff', () => {
  const set = results([{ unit: 'so-a', scores: { '1': 40, '2.1': 30 }, notApplicable: [{ code: '2.2', reason: 'Không có' }] }]);
  const doc = resultsDocument(set, framework);
  assert.deepEqual(doc.units[0]!.notApplicable, [{ code: '2.2', reason: 'Không có' }]);
  const again = readResults(parse(JSON.stringify(doc)), () => framework);
  assert.deepEqual([...again.units[0]!.notApplicable!], [['2.2', 'Không có']]);
  const changes = diffResults(results([{ unit: 'so-a', scores: { '1': 40, '2.1': 30 } }]), set);
  assert.deepEqual(changes, [{ change: 'added', unitId: 'so-a', item: 'notApplicable', code: '2.2', after: 'Không có' }]);
});

test('a score, indicator or deduction on a not-applicable criterion is refused naming the unit and the criterion', () => {
  const refused = (unit: Record<string, unknown>) => {
    try {
      results([{ unit: 'so-a', notApplicable: [{ code: '2.2', reason: 'Không có thủ tục' }], ...unit }]);
    } catch (error) {
      assert.ok(error instanceof ParError);
      return error.issues;
    }
    assert.fail('accepted');
  };
  const [onNode] = refused({ scores: { '2.2': 10 } });
  assert.equal(onNode!.code, 'results.scoreNotApplicable');
  assert.match(onNode!.message.vi, /so-a.*tiêu chí 2\.2 được ghi không áp dụng \(Không có thủ tục\)/);
  assert.equal(onNode!.field, 'units.0.scores.2.2');
  const [below] = refused({ scores: { '2.2.1': 5 } });
  assert.match(below!.message.vi, /tiêu chí 2\.2\.1 \(thuộc 2\.2\)/);
  assert.match(below!.message.en, /unit so-a: criterion 2\.2\.1 \(under 2\.2\) is marked not applicable/);
  assert.equal(refused({ deductions: [{ criterion: '2.2.2', points: 1, reason: 'Trễ' }] })[0]!.code, 'results.scoreNotApplicable');
});

test('a not-applicable mark needs a reason', () => {
  assert.throws(
    () => results([{ unit: 'so-a', notApplicable: [{ code: '2.2', reason: ' ' }] }]),
    (error: unknown) =>
      error instanceof ParError &&
      /phải ghi lý do không áp dụng/.test(error.issues[0]!.message.vi) &&
      /units\.0\.notApplicable\.0\.reason/.test(error.issues[0]!.field ?? ''),
  );
  assert.throws(() => results([{ unit: 'so-a', notApplicable: [{ code: '2.2' }] }]), ParError);
  assert.throws(() => results([{ unit: 'so-a', notApplicable: [{ code: '9', reason: 'x' }] }]), /không có tiêu chí 9/);
});

test('rankBy percent ranks on the percent of each applicable maximum, exactly, with the framework tie rule', () => {
  const fw = parseFramework(frameworkText('settings: { rankBy: percent, tieRule: competition }'));
  const set = results(
    [
      // 68,32 of 84 = 81,33%: ahead of 80 of 100 on percent, behind it on points.
      { unit: 'so-a', scores: { '1': 40, '2.1': 28.32 }, notApplicable: [{ code: '2.2', reason: 'Không có' }] },
      { unit: 'so-b', scores: { '1': 40, '2': 40 } },
      // 42 of 84 = 50%.
      { unit: 'so-c', scores: { '1.1': 12, '1.2': 10, '2.1': 20 }, notApplicable: [{ code: '2.2', reason: 'Không có' }] },
      { unit: 'so-d', scores: { '1': 40, '2': 44 } },
      // 70,56 of 84 = 84% exactly, as so-d's 84 of 100: a tie, never a float accident.
      { unit: 'so-e', scores: { '1': 40, '2.1': 30.56 }, notApplicable: [{ code: '2.2', reason: 'Không có' }] },
    ],
    fw,
  );
  const units = ['so-a', 'so-b', 'so-c', 'so-d', 'so-e'];
  const year = computeYear(set, fw);
  assert.deepEqual(
    units.map((u) => rankOf(year, u).rank),
    [3, 4, 5, 1, 1],
  );
  const byPoints = computeYear(set, framework);
  assert.deepEqual(
    units.map((u) => rankOf(byPoints, u).rank),
    [4, 2, 5, 1, 3],
  );
  const dense = computeYear(set, parseFramework(frameworkText('settings: { rankBy: percent, tieRule: dense }')));
  assert.deepEqual(
    units.map((u) => rankOf(dense, u).rank),
    [2, 3, 4, 1, 1],
  );
  // Components rank on percent too: so-a's component 2 is 28,32 of 44 (64,4%), below so-b's 40 of 60 (66,7%).
  assert.deepEqual(
    units.map((u) => rankOf(year, u, '2').rank),
    [4, 3, 5, 1, 2],
  );
});

test('percent ranks tie on equal fractions and skip or not per the tie rule', () => {
  const f = (n: number, d: number) => ({ n: BigInt(n), d: BigInt(d) });
  assert.deepEqual([...rankFractions([f(42, 50), f(84, 100), undefined, f(90, 100)], 'competition')], [2, 2, 0, 1]);
  assert.deepEqual([...rankFractions([f(42, 50), f(84, 100), f(1, 2), f(90, 100)], 'dense')], [2, 2, 3, 1]);
  assert.deepEqual([...rankFractions([f(42, 50), f(84, 100), f(1, 2), f(90, 100)], 'competition')], [2, 2, 4, 1]);
});

const bandsFramework = (bands: string) =>
  parseFramework(`kind: framework
id: ba-2025
name: Bộ tiêu chí 18 điểm
level: department
year: 2025
totalPoints: 18
settings:
  classification:
${bands}
components:
  - { code: "1", name: Một, maxPoints: 10 }
  - { code: "2", name: Hai, maxPoints: 8 }
`);

const bandOfScores = (fw: ReturnType<typeof parseFramework>, scores: Record<string, number>, notApplicable?: { code: string; reason: string }[]) =>
  classifyScores(fw, scoreUnit(fw, results([{ unit: 'u', scores, ...(notApplicable && { notApplicable }) }], fw).units[0]!));

test('a band in points is reached at exactly its threshold (12 of 18), where a percent one needed 66,666667', () => {
  const fw = bandsFramework(`    - { label: Xuất sắc, atLeastPoints: 16 }
    - { label: Tốt, atLeastPoints: 12 }`);
  assert.equal(bandOfScores(fw, { '1': 7, '2': 5 }), 'Tốt');
  assert.equal(bandOfScores(fw, { '1': 7, '2': 4.999 }), undefined);
  assert.equal(bandOfScores(fw, { '1': 10, '2': 6 }), 'Xuất sắc');
  // Component 2 out: an applicable maximum of 10, where 12 of 18 is 6,666… and 16 of 18 is 8,888…
  assert.equal(bandOfScores(fw, { '1': 10 }, [{ code: '2', reason: 'Không áp dụng' }]), 'Xuất sắc');
  assert.equal(bandOfScores(fw, { '1': 6.667 }, [{ code: '2', reason: 'Không áp dụng' }]), 'Tốt');
  assert.equal(bandOfScores(fw, { '1': 6.666 }, [{ code: '2', reason: 'Không áp dụng' }]), undefined);
});

test('an exclusive band needs more than its threshold', () => {
  const fw = bandsFramework(`    - { label: Tốt, atLeastPoints: 12, inclusive: false }
    - { label: Khá, atLeastPercent: 50 }`);
  assert.equal(bandOfScores(fw, { '1': 7, '2': 5 }), 'Khá');
  assert.equal(bandOfScores(fw, { '1': 7, '2': 5.001 }), 'Tốt');
  assert.equal(bandOfScores(fw, { '1': 4.5, '2': 4.5 }), 'Khá');
  assert.equal(bandOfScores(fw, { '1': 4.5, '2': 4.499 }), undefined);
});

test('a component floor drops a unit to the next band that holds', () => {
  const fw = bandsFramework(`    - { label: Xuất sắc, atLeastPercent: 90, componentFloorPercent: 80 }
    - { label: Tốt, atLeastPercent: 80, componentFloorPercent: 80 }
    - { label: Khá, atLeastPercent: 50 }`);
  // 17 of 18 = 94%; component 2 at 7 of 8 = 87,5%.
  assert.equal(bandOfScores(fw, { '1': 10, '2': 7 }), 'Xuất sắc');
  // Component 2 at 6,5 of 8 = 81,25% clears the floor; at 6,3 = 78,75% both floored bands fail → Khá.
  assert.equal(bandOfScores(fw, { '1': 10, '2': 6.5 }), 'Xuất sắc');
  assert.equal(bandOfScores(fw, { '1': 10, '2': 6.3 }), 'Khá');
  // Exactly at the floor holds (6,4 of 8 = 80%).
  assert.equal(bandOfScores(fw, { '1': 10, '2': 6.4 }), 'Xuất sắc');
});

test('old files with {label, atLeastPercent} keep working and are written back in the same form', async () => {
  const fw = bandsFramework(`    - { label: Tốt, atLeastPercent: 66.666667 }
    - { label: Khá, atLeastPercent: 50 }`);
  assert.deepEqual(
    fw.settings.classification.map((b) => [b.label, b.inclusive, b.atLeastPoints]),
    [
      ['Tốt', true, undefined],
      ['Khá', true, undefined],
    ],
  );
  assert.equal(fw.settings.rankBy, 'points');
  // The old trap: 12 of 18 is 66,6666…%, below 66,666667.
  assert.equal(bandOfScores(fw, { '1': 7, '2': 5 }), 'Khá');
  const { frameworkDocument } = await import('../framework/document.ts');
  assert.deepEqual(frameworkDocument(fw).settings!.classification, [
    { label: 'Tốt', atLeastPercent: 66.666667 },
    { label: 'Khá', atLeastPercent: 50 },
  ]);
});

test('a band gives one threshold, and bands are ordered best first whichever way they are written', () => {
  assert.throws(() => bandsFramework(`    - { label: Tốt, atLeastPoints: 12, atLeastPercent: 60 }`), /một ngưỡng/);
  assert.throws(() => bandsFramework(`    - { label: Tốt }`), /một ngưỡng/);
  const fw = bandsFramework(`    - { label: Khá, atLeastPercent: 50 }
    - { label: Xuất sắc, atLeastPoints: 16 }
    - { label: Tốt, atLeastPoints: 12, inclusive: false }`);
  assert.deepEqual(
    fw.settings.classification.map((b) => b.label),
    ['Xuất sắc', 'Tốt', 'Khá'],
  );
});

function datasetOf(framework: string, set: ReturnType<typeof results>) {
  const units = `kind: units
province: { id: thu, name: Tỉnh thử }
units:
${set.units.map((u) => `  - { id: ${u.unitId}, name: Đơn vị ${u.unitId}, level: department }`).join('\n')}
`;
  return buildDataset([
    { file: 'f.yaml', data: parse(framework) },
    { file: 'u.yaml', data: parse(units) },
    { file: 'r.yaml', data: resultsDocument(set, parseFramework(framework)) },
  ]);
}

test("a component's change from the year before is in percentage points of each year's applicable maximum", () => {
  const lastYear = frameworkText().replace('id: so-2025', 'id: so-2024').replace('year: 2025', 'year: 2024');
  const units = `kind: units
province: { id: thu, name: Tỉnh thử }
units:
  - { id: so-a, name: Sở A, level: department }
`;
  const dataset = buildDataset([
    { file: 'f24.yaml', data: parse(lastYear) },
    { file: 'f25.yaml', data: parse(frameworkText()) },
    { file: 'u.yaml', data: parse(units) },
    { file: 'r24.yaml', data: { kind: 'results', year: 2024, framework: 'so-2024', units: [{ unit: 'so-a', scores: { '1': 40, '2': 30 } }] } },
    {
      file: 'r25.yaml',
      data: {
        kind: 'results',
        year: 2025,
        framework: 'so-2025',
        units: [{ unit: 'so-a', scores: { '1': 40, '2.1': 28.6 }, notApplicable: [{ code: '2.2', reason: 'Không có' }] }],
      },
    },
  ]);
  const c2 = analyzeUnit(dataset, 'so-a', 2025).components.find((c) => c.code === '2')!;
  // 30 of 60 = 50% → 28,6 of 44 = 65%: +15 percentage points; points not compared (the maxima differ).
  assert.equal(formatPercent(c2.percent!), '65,00%');
  assert.deepEqual(c2.deltaPercentagePoints, { n: 15n, d: 1n });
  assert.equal(c2.deltaPoints, undefined);
});
