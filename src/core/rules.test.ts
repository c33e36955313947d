import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from './errors.ts';
import { fraction } from './fraction.ts';
import { parseFramework } from './framework/index.ts';
import { parsePoints, toDecimalString } from './points.ts';
import { evaluateRule, type IndicatorValue } from './rules.ts';

const framework = parseFramework(`kind: framework
id: rules
name: Quy tắc
level: commune
year: 2025
components:
  - code: "1"
    name: Tất cả quy tắc
    maxPoints: 100
    incomplete: true
    children:
      - { code: "1.1", name: Thủ công, maxPoints: 1, rule: { type: manual } }
      - { code: "1.2", name: Có/không, maxPoints: 1.5, rule: { type: boolean, falsePoints: 0.25 } }
      - { code: "1.3", name: Tỷ lệ, maxPoints: 1, rule: { type: ratio } }
      - { code: "1.4", name: Tỷ lệ có mục tiêu, maxPoints: 2, rule: { type: ratio, targetPercent: 80, zeroDenominator: zero } }
      - code: "1.5"
        name: Mức
        maxPoints: 1
        rule: { type: bands, bands: [{ atLeast: 80, points: 0.5 }, { atLeast: 100, points: 1 }, { atLeast: 0, points: 0 }] }
      - { code: "1.6", name: Vi phạm, maxPoints: 2, rule: { type: perOccurrence, pointsEach: 0.5, floor: 0.5 } }
      - { code: "1.7", name: Đúng hạn, maxPoints: 1, rule: { type: deadline, pointsPerLate: 0.5, graceDays: 1 } }
      - { code: "1.8", name: Xếp loại, maxPoints: 1, rule: { type: grades, grades: { tot: 1, dat: 0.5, chuaDat: 0 } } }
      - { code: "1.9", name: Khảo sát, maxPoints: 1, rule: { type: surveyAnswers, options: { A: 100, B: 60, C: 20, D: 0 } } }
      - { code: "1.10", name: Giá trị, maxPoints: 1, rule: { type: bands, measure: value, bands: [{ atLeast: 5, points: 1 }, { atLeast: 1, points: 0.5 }] } }
`);

const score = (code: string, input: IndicatorValue, asOf?: string) =>
  toDecimalString(evaluateRule(framework.nodes.get(code)!, input, { rounding: 'halfUp', asOf }).score);

const refuses = (code: string, input: IndicatorValue, pattern: RegExp) =>
  assert.throws(
    () => score(code, input),
    (e: unknown) => e instanceof ParError && e.issues[0]!.node === code && pattern.test(e.issues[0]!.message.en),
  );

test('manual criteria take a score, not indicator values', () => refuses('1.1', { count: 1 }, /manually/));

test('boolean: yes gives the maximum, no gives the stated points', () => {
  assert.equal(score('1.2', { achieved: true }), '1.5');
  assert.equal(score('1.2', { achieved: false }), '0.25');
  refuses('1.2', {}, /yes\/no/);
});

test('ratio: max × numerator/denominator, rounded half up to micro-points (seed 7.3.6: 10/46 → 0,217391)', () => {
  assert.equal(score('1.3', { numerator: 10, denominator: 46 }), '0.217391');
  assert.equal(score('1.3', { numerator: 46, denominator: 46 }), '1');
  assert.equal(score('1.3', { numerator: 0, denominator: 0 }), '1', 'nothing to measure counts as full by default');
  refuses('1.3', { numerator: 47, denominator: 46 }, /exceeds/);
  refuses('1.3', { numerator: 3 }, /numerator and a denominator/);
});

test('ratio with a target: full at or above it, else max × ratio / target', () => {
  assert.equal(score('1.4', { numerator: 80, denominator: 100 }), '2');
  assert.equal(score('1.4', { numerator: 95, denominator: 100 }), '2');
  assert.equal(score('1.4', { numerator: 40, denominator: 100 }), '1');
  assert.equal(score('1.4', { numerator: 0, denominator: 0 }), '0', 'zeroDenominator: zero');
});

test('bands: the highest threshold reached, whatever order they were written in (seed 8.9: 35/38 = 92,1%)', () => {
  assert.equal(score('1.5', { numerator: 35, denominator: 38 }), '0.5');
  assert.equal(score('1.5', { numerator: 38, denominator: 38 }), '1');
  assert.equal(score('1.5', { value: fraction(7999, 100) }), '0');
  assert.equal(score('1.5', { value: fraction(80) }), '0.5', 'a threshold is inclusive');
  assert.equal(score('1.10', { count: 0 }), '0', 'below every band scores 0');
  assert.equal(score('1.10', { value: fraction(3) }), '0.5');
});

test('per occurrence: max − k × count, never below the floor', () => {
  assert.equal(score('1.6', { count: 0 }), '2');
  assert.equal(score('1.6', { count: 1 }), '1.5');
  assert.equal(score('1.6', { count: 10 }), '0.5');
  refuses('1.6', { count: -1 }, /non-negative integer/);
});

test('deadline: each report late beyond the grace days costs points; unsent ones count once past due (seed 1.2.1)', () => {
  assert.equal(score('1.7', { items: [{ name: 'Quý I', due: '2023-05-25', sent: '2023-05-26' }] }), '1', 'one day late is within 1 grace day');
  assert.equal(score('1.7', { items: [{ name: 'Quý I', due: '2023-05-25', sent: '2023-05-27' }] }), '0.5');
  assert.equal(score('1.7', { items: [{ name: 'Năm', due: '2023-12-31' }] }, '2023-12-20'), '1', 'not yet due');
  assert.equal(
    score(
      '1.7',
      {
        items: [
          { name: 'Năm', due: '2023-12-31' },
          { name: 'Quý III', due: '2023-09-30' },
        ],
      },
      '2024-01-15',
    ),
    '0',
  );
});

test('grades: categories give fixed points; an unknown grade is refused', () => {
  assert.equal(score('1.8', { grade: 'dat' }), '0.5');
  refuses('1.8', { grade: 'xuatSac' }, /not one of tot, dat, chuaDat/);
});

test('survey answers: each option is worth a share of the points, averaged over respondents', () => {
  assert.equal(score('1.9', { answers: { A: 50, B: 30, C: 20 } }), '0.72');
  assert.equal(score('1.9', { answers: {} }), '0');
  refuses('1.9', { answers: { E: 1 } }, /option "E"/);
});

test('rules read the maxima as exact points', () => {
  assert.equal(framework.nodes.get('1.2')!.maxPoints, parsePoints('1,5'));
});

test('on a penalty node counting rules give the points removed, up to the cap: 2 violations × 1 → −2, not 5 − 2', () => {
  const penalties = parseFramework(`kind: framework
id: penalties
name: Điểm trừ
level: commune
year: 2025
components:
  - { code: "1", name: A, maxPoints: 100 }
  - { code: "8", name: Vi phạm, kind: penalty, cap: 5, maxPoints: 5, rule: { type: perOccurrence, pointsEach: 1 } }
  - { code: "9", name: Trễ hạn, kind: penalty, cap: 1, maxPoints: 1, rule: { type: deadline, pointsPerLate: 0.5 } }
`);
  const removed = (code: string, input: IndicatorValue) => toDecimalString(evaluateRule(penalties.nodes.get(code)!, input, { rounding: 'halfUp' }).score);
  assert.equal(removed('8', { count: 0 }), '0');
  assert.equal(removed('8', { count: 2 }), '2');
  assert.equal(removed('8', { count: 9 }), '5', 'never more than the cap');
  const late = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Báo cáo ${i + 1}`, due: '2025-03-01', sent: '2025-03-05' }));
  assert.equal(removed('9', { items: late(1) }), '0.5');
  assert.equal(removed('9', { items: late(3) }), '1');
  assert.match(evaluateRule(penalties.nodes.get('8')!, { count: 2 }, { rounding: 'halfUp' }).explanation.vi, /trừ 2 điểm/);
});

test('a missing indicator value is named in Vietnamese words only (the English message names the field)', () => {
  const english = /\b(numerator|denominator|count|items|achieved|grade|answers|value)\b/;
  for (const code of ['1.2', '1.3', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10']) {
    assert.throws(
      () => score(code, {}),
      (e: unknown) =>
        e instanceof ParError && e.issues[0]!.code === 'indicator.missing' && !english.test(e.issues[0]!.message.vi) && /cần/.test(e.issues[0]!.message.vi),
      code,
    );
  }
});
