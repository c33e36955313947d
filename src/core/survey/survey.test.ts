import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ParError } from '../errors.ts';
import { parseDocument } from '../document.ts';
import { parseFramework } from '../framework/index.ts';
import {
  checkAnswers,
  distributions,
  entryDifferences,
  flagResponses,
  parseQuestionnaire,
  pointsByNode,
  readQuestionnaire,
  samplePlan,
  scoreUnit,
  tallyResponses,
  type Answers,
  type Response,
} from './index.ts';

const framework = parseFramework(readFileSync(new URL('../../../frameworks/lai-chau/district-2024.yaml', import.meta.url), 'utf8'));
const text = readFileSync(new URL('../../../data/demo/surveys/lai-chau-district-2024.yaml', import.meta.url), 'utf8');
const demo = () => parseDocument(text) as Record<string, any>;
const questionnaire = parseQuestionnaire(text, framework);
const options = { rounding: 'halfUp' as const, precision: 2 };

const codes = (error: unknown) => (error as ParError).issues.map((i) => i.code);

test('the demo questionnaire: groups, questions and the survey criteria of component 8, illustrative', () => {
  assert.deepEqual(
    questionnaire.groups.map((g) => g.id),
    ['lanh-dao', 'cong-chuc', 'nguoi-dan'],
  );
  assert.deepEqual(
    questionnaire.criteria.map((c) => [c.code, c.node]),
    ['8.1', '8.2', '8.3', '8.4', '8.5', '8.6'].map((c) => [c, '8']),
  );
  assert.ok(questionnaire.criteria.every((c) => c.illustrative) && questionnaire.questions.every((q) => q.illustrative));
  assert.deepEqual(
    questionnaire.questions.find((q) => q.id === 'q1')!.options.map((o) => o.value),
    ['1', '2', '3', '4', '5'],
  );
});

test('a questionnaire is checked against its framework, every problem at once, in both languages', () => {
  const bad = demo();
  bad.criteria[0].parts[0].measure = { type: 'shareOf', question: 'q5', options: ['Z'] };
  bad.criteria[1].code = '7.1';
  bad.criteria[2].parts[0].group = 'khach';
  bad.criteria[3].maxPoints = 40;
  bad.questions[2].options = undefined;
  try {
    readQuestionnaire(bad, framework);
    assert.fail('accepted');
  } catch (error) {
    const found = codes(error);
    for (const code of [
      'questionnaire.measureType',
      'questionnaire.unknownOption',
      'questionnaire.notSurvey',
      'questionnaire.unknownGroup',
      'questionnaire.maxPointsSum',
      'questionnaire.options',
    ] as string[])
      assert.ok((found as string[]).includes(code), `${code} in ${found}`);
    const sum = (error as ParError).issues.find((i) => i.code === 'questionnaire.maxPointsSum')!;
    assert.match(sum.message.vi, /vượt 32 điểm dành cho điều tra xã hội học/);
    assert.match(sum.message.en, /above the 32 points left to the survey/);
  }
  const unknownField = demo();
  unknownField.groups[0].quota = 3;
  assert.throws(
    () => readQuestionnaire(unknownField, framework),
    (e: ParError) => e.issues[0]!.field === 'groups.0',
  );
  const otherFramework = demo();
  otherFramework.framework = 'lai-chau-district-2023';
  assert.throws(
    () => readQuestionnaire(otherFramework, framework),
    (e: ParError) => codes(e).includes('questionnaire.framework'),
  );
});

test('answers are checked at their question; form text is read as numbers and options', () => {
  assert.deepEqual(checkAnswers(questionnaire, 'nguoi-dan', { q1: '4', q2: 5, q3: 'A', q4: ['B', 'A'], q8: '2', q9: '' }), {
    q1: 4,
    q2: 5,
    q3: 'A',
    q4: ['A', 'B'],
    q8: 2,
  });
  try {
    checkAnswers(questionnaire, 'nguoi-dan', { q1: '6', q3: 'Z', q5: 3 });
    assert.fail('accepted');
  } catch (error) {
    const issues = (error as ParError).issues.map((i) => [i.code, i.field]);
    assert.deepEqual(issues.sort(), [
      ['survey.answerRequired', 'answers.q2'],
      ['survey.invalidAnswer', 'answers.q1'],
      ['survey.invalidAnswer', 'answers.q3'],
      ['survey.unknownQuestion', 'answers.q5'],
    ]);
  }
  assert.deepEqual(entryDifferences({ q1: 4, q3: 'A' }, { q1: 4, q3: 'B', q8: 1 }), ['q3', 'q8']);
});

test('the sample plan: the method’s number, its share of the unit’s figure within bounds, or the province’s own', () => {
  const plan = samplePlan(
    questionnaire,
    ['tam-duong'],
    [
      { unit: 'tam-duong', group: 'cong-chuc', basis: 412 },
      { unit: 'tam-duong', group: 'nguoi-dan', planned: 90 },
    ],
  );
  assert.deepEqual(
    plan.map((q) => [q.group, q.planned, q.source]),
    [
      ['lanh-dao', 10, 'method'],
      ['cong-chuc', 60, 'method'],
      ['nguoi-dan', 90, 'province'],
    ],
  );
  assert.equal(plan[1]!.how.vi, '20% của 412 (số cán bộ, công chức, viên chức) (trong khoảng 20–60) → 60 phiếu');
  const small = samplePlan(questionnaire, ['x'], [{ unit: 'x', group: 'cong-chuc', basis: 120 }]);
  assert.equal(small[1]!.planned, 24);
  assert.equal(samplePlan(questionnaire, ['x'], [])[2]!.planned, null);
});

const people = (n: number, q2: (i: number) => number): Answers[] => Array.from({ length: n }, (_, i) => ({ q1: 4, q2: q2(i), q3: i % 4 === 0 ? 'B' : 'A' }));

test('points per criterion from valid answers, explained as the province reads them', () => {
  // 126 valid answers, 90 of them satisfied or better on q2: 71,4% × 3 = 2,142857 → 2,14/3.
  const responses = [
    ...people(126, (i) => (i < 90 ? 4 + (i % 2) : 2)).map((answers) => ({ unit: 'tam-duong', group: 'nguoi-dan', answers })),
    ...Array.from({ length: 6 }, (_, i) => ({ unit: 'tam-duong', group: 'lanh-dao', answers: { q5: 5, q7: i < 3 ? 'A' : 'C' } as Answers })),
    ...Array.from({ length: 4 }, () => ({ unit: 'tam-duong', group: 'cong-chuc', answers: { q5: 3, q6: 4, q7: 'B' } as Answers })),
  ];
  const tally = tallyResponses(questionnaire, responses);
  const points = scoreUnit(questionnaire, tally.units.get('tam-duong'), options);
  const byCode = new Map(points.map((p) => [p.code, p]));
  assert.equal(byCode.get('8.3')!.explanation.vi, '8.3: 71,4% đánh giá hài lòng trở lên trên 126 phiếu hợp lệ → 2,14/3 điểm');
  assert.equal(byCode.get('8.3')!.explanation.en, '8.3: 71.4% at 4 or above on question q2 of 126 valid responses → 2.14/3 points');
  assert.equal(byCode.get('8.3')!.points, 2_142_857);
  assert.equal(byCode.get('8.2')!.points, 5_000_000);
  // Officials: 4 answers, below the minimum of 5: left out, the leaders' part alone counts.
  assert.equal(byCode.get('8.1')!.points, 4_000_000);
  assert.match(
    byCode.get('8.1')!.explanation.vi,
    /^8\.1: Lãnh đạo, quản lý: điểm trung bình 5,00\/5 \(câu q5\) trên 6 phiếu hợp lệ \(trọng số 100%\); Cán bộ, công chức, viên chức: 4 phiếu hợp lệ, dưới mức tối thiểu 5 nên không tính → 4\/4 điểm$/,
  );
  assert.equal(byCode.get('8.5')!.points, null);
  assert.match(byCode.get('8.5')!.explanation.vi, /chưa đủ phiếu hợp lệ để tính điểm/);
  assert.equal(pointsByNode(points).get('8'), null, 'a node with an unscored criterion has no survey part yet');
  // 8.4: 94 of 126 answered A.
  assert.equal(byCode.get('8.4')!.points, 4_476_190);
  const distribution = distributions(questionnaire, responses).find((d) => d.question === 'q3')!;
  assert.deepEqual(distribution.counts, { A: 94, B: 32, C: 0 });
});

test('weighted groups, and a node’s survey part as the sum of its criteria', () => {
  const responses = [
    ...Array.from({ length: 10 }, () => ({ unit: 'u', group: 'lanh-dao', answers: { q5: 5, q7: 'A' } as Answers })),
    ...Array.from({ length: 10 }, () => ({ unit: 'u', group: 'cong-chuc', answers: { q5: 1, q6: 3, q7: 'C' } as Answers })),
    ...people(10, () => 5).map((answers) => ({ unit: 'u', group: 'nguoi-dan', answers })),
  ];
  const points = scoreUnit(questionnaire, tallyResponses(questionnaire, responses).units.get('u'), options);
  const c81 = points.find((p) => p.code === '8.1')!;
  // 40% × 1 + 60% × 0 of 4 points.
  assert.equal(c81.points, 1_600_000);
  assert.match(c81.explanation.vi, /trọng số 40%.*trọng số 60%.*→ 1,6\/4 điểm/);
  assert.equal(points.find((p) => p.code === '8.5')!.points, 3_000_000);
  assert.equal(pointsByNode(points).get('8'), 1_600_000 + 5_000_000 + 3_000_000 + 4_200_000 + 3_000_000 + 3_000_000);
});

test('flags: identical answers, bursts from one network, answers outside the window', () => {
  const at = (minute: number) => new Date(Date.UTC(2024, 9, 15, 2, minute)).toISOString();
  const responses: Response[] = [
    ...Array.from({ length: 3 }, (_, i) => ({
      id: i + 1,
      unit: 'u',
      group: 'nguoi-dan',
      answers: { q1: 5, q2: 5, q3: 'A' } as Answers,
      channel: 'paper' as const,
      at: at(i * 100),
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      id: 10 + i,
      unit: 'u',
      group: 'nguoi-dan',
      answers: { q1: (i % 5) + 1, q2: (i % 3) + 1, q3: 'A', q8: i } as Answers,
      channel: 'online' as const,
      network: 'n1',
      at: at(i % 9),
    })),
    { id: 99, unit: 'v', group: 'lanh-dao', answers: { q5: 4, q7: 'A' }, channel: 'online', network: 'n2', at: '2024-12-01T03:00:00.000Z' },
  ];
  const flags = flagResponses(questionnaire, responses);
  assert.deepEqual(
    flags.map((f) => [f.id, f.responses.length]),
    [
      ['identical:u:nguoi-dan:1', 3],
      ['burst:u:n1:10', 30],
      ['window:v:99', 1],
    ],
  );
  assert.equal(flags[2]!.message.vi, '1 phiếu nộp ngoài thời gian khảo sát (01/10/2024–30/11/2024)');
});
