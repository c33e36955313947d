import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseFramework } from '../framework/index.ts';
import { readResults, reportsWithoutReference } from '../results/index.ts';
import { formatPoints } from '../format.ts';
import { percentOf } from '../fraction.ts';
import { parsePoints, toDecimalString, type Points } from '../points.ts';
import { rankValues } from './rank.ts';
import { scoreOf, scoreUnit } from './score.ts';
import { computeYear, rankOf } from './year.ts';

test('ties share a rank and the next rank skips (competition: 1, 1, 3)', () => {
  assert.deepEqual([...rankValues([5, 7, 7, 3], 'competition')], [3, 1, 1, 4]);
});

test('dense ranking does not skip after a tie (1, 1, 2)', () => {
  assert.deepEqual([...rankValues([5, 7, 7, 3], 'dense')], [2, 1, 1, 3]);
});

test('units without a score are not ranked and do not count', () => {
  assert.deepEqual([...rankValues([5, Number.NaN, undefined, 9], 'competition')], [2, 0, 0, 1]);
  assert.deepEqual([...rankValues([], 'competition')], []);
});

test('property: ranks are a permutation-with-ties of the sorted order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
      fc.constantFrom('competition', 'dense') as fc.Arbitrary<'competition' | 'dense'>,
      (values, rule) => {
        const ranks = rankValues(values, rule);
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            if (values[i]! > values[j]!) assert.ok(ranks[i]! < ranks[j]!);
            if (values[i] === values[j]) assert.equal(ranks[i], ranks[j]);
          }
          const above = values.filter((v) => v > values[i]!);
          const expected = rule === 'competition' ? above.length + 1 : new Set(above).size + 1;
          assert.equal(ranks[i], expected);
        }
      },
    ),
  );
});

test('property: the packed-key sort for micro-points ranks exactly like the comparator sort', () => {
  // Adding 0,5 keeps order and ties but makes the values non-integers, which takes the comparator path.
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -1e12, max: 1e12 })), { maxLength: 300 }),
      fc.constantFrom('competition', 'dense') as fc.Arbitrary<'competition' | 'dense'>,
      (values, rule) => {
        assert.deepEqual(
          [...rankValues(values, rule)],
          [
            ...rankValues(
              values.map((v) => v + 0.5),
              rule,
            ),
          ],
        );
      },
    ),
  );
  assert.deepEqual([...rankValues([Number.MAX_SAFE_INTEGER, 1, Number.MAX_SAFE_INTEGER], 'competition')], [1, 3, 1], 'too large to pack: still ranked');
});

const framework = parseFramework(`kind: framework
id: tree
name: Cây
level: commune
year: 2025
totalPoints: 10
components:
  - code: "1"
    name: A
    maxPoints: 6
    children:
      - code: "1.1"
        name: A1
        maxPoints: 4
        children:
          - { code: "1.1.1", name: x, maxPoints: 1.5 }
          - { code: "1.1.2", name: y, maxPoints: 2.5, rule: { type: ratio } }
      - { code: "1.2", name: A2, maxPoints: 2 }
  - { code: "2", name: B, maxPoints: 4, source: survey }
  - { code: "9", name: Thưởng, kind: bonus, cap: 0.5 }
`);

function results(units: unknown[]) {
  return readResults({ kind: 'results', year: 2025, framework: 'tree', units }, () => framework);
}

test('scores known at any level: rules, sums of complete children, appraisal/survey split', () => {
  const set = results([{ unit: 'a', scores: { '1.1.1': 1.25, '1.2': 2, '2': 3.333333 }, indicators: { '1.1.2': { numerator: 1, denominator: 3 } } }]);
  const scores = scoreUnit(framework, set.units[0]!);
  assert.equal(toDecimalString(scoreOf(scores, '1.1.2')!), '0.833333');
  assert.equal(toDecimalString(scoreOf(scores, '1')!), '4.083333');
  assert.equal(toDecimalString(scores.total!), '7.416666');
  assert.equal(toDecimalString(scores.appraisalTotal!), '4.083333');
  assert.equal(toDecimalString(scores.surveyTotal!), '3.333333');
});

test('a missing child leaves its parent and the total unknown instead of guessing', () => {
  const set = results([{ unit: 'a', scores: { '1.1.1': 1, '1.2': 2, '2': 3 } }]);
  const scores = scoreUnit(framework, set.units[0]!);
  assert.equal(scoreOf(scores, '1'), undefined);
  assert.equal(scores.total, undefined);
});

test('a given score that disagrees with its children is kept and reported as a conflict', () => {
  const set = results([{ unit: 'a', scores: { '1': 5, '1.1': 3, '1.2': 1.5, '2': 4 } }]);
  const scores = scoreUnit(framework, set.units[0]!);
  assert.equal(scoreOf(scores, '1'), parsePoints(5));
  assert.deepEqual(
    scores.conflicts.map((c) => [c.code, c.kind, toDecimalString(c.computed)]),
    [['1', 'children', '4.5']],
  );
});

test('bonus points add to the total up to their cap', () => {
  const set = results([{ unit: 'a', scores: { '1': 6, '2': 4, '9': 0.5 } }]);
  assert.equal(toDecimalString(scoreUnit(framework, set.units[0]!).total!), '10.5');
  assert.throws(() => results([{ unit: 'a', scores: { '9': 0.75 } }]), /0,75.*0,5/);
});

test('property: a parent computed from its children is the exact sum of its children', () => {
  const part = (max: number) => fc.integer({ min: 0, max: max * 1e6 }).map((n) => n / 1e6);
  fc.assert(
    fc.property(part(1.5), fc.integer({ min: 0, max: 3 }), part(2), part(4), (x, n, a2, b) => {
      const set = results([{ unit: 'a', scores: { '1.1.1': x, '1.2': a2, '2': b }, indicators: { '1.1.2': { numerator: n, denominator: 3 } } }]);
      const s = scoreUnit(framework, set.units[0]!);
      const at = (c: string) => scoreOf(s, c)!;
      assert.equal(at('1.1'), at('1.1.1') + at('1.1.2'));
      assert.equal(at('1'), at('1.1') + at('1.2'));
      assert.equal(s.total, at('1') + at('2'));
    }),
  );
});

test('a year ranks units by total and by component with the framework tie rule', () => {
  const set = results([
    { unit: 'a', scores: { '1': 5, '2': 4 } },
    { unit: 'b', scores: { '1': 6, '2': 3 } },
    { unit: 'c', scores: { '1': 4, '2': 4 } },
  ]);
  const year = computeYear(set, framework);
  assert.deepEqual(
    ['a', 'b', 'c'].map((u) => rankOf(year, u).rank),
    [1, 1, 3],
  );
  assert.deepEqual(
    ['a', 'b', 'c'].map((u) => rankOf(year, u, '2').rank),
    [1, 3, 1],
  );
  assert.equal(rankOf(year, 'a').of, 3);
});

test('results are checked against the framework: unknown codes, scores above max or negative, reasons required', () => {
  assert.throws(() => results([{ unit: 'a', scores: { '7.7': 1 } }]), /7\.7/);
  assert.throws(() => results([{ unit: 'a', scores: { '1.2': 2.5 } }]), /2,5.*2/);
  assert.throws(() => results([{ unit: 'a', scores: { '1.2': -1 } }]), /âm/);
  assert.throws(() => results([{ unit: 'a', deductions: [{ criterion: '1.2', points: 0.5, reason: '  ' }] }]), /lý do/);
  assert.throws(() => results([{ unit: 'a' }, { unit: 'a' }]), /hai lần/);
  assert.throws(() => results([{ unit: 'a', scores: { '2': { appraisal: 1, survey: 1 } } }]), /chỉ lấy điểm từ điều tra xã hội học, không có phần thẩm định/);
});

test('property: rounding for display never reverses the rank order of exact scores', () => {
  // The real pipeline: scores read from results, summed by the core, ranked, then shown as the
  // formatter rounds them (2 decimals, every rounding mode). A unit ranked above another is never shown below it.
  const micro = (max: number) => fc.integer({ min: 0, max: max * 1e6 }).map((n) => (n / 1e6).toFixed(6));
  const unit = fc.record({ x: micro(1.5), n: fc.integer({ min: 0, max: 7 }), a2: micro(2), b: micro(4), bonus: micro(0.5) });
  fc.assert(
    fc.property(
      fc.array(unit, { minLength: 2, maxLength: 30 }),
      fc.constantFrom('halfUp', 'halfEven', 'truncate') as fc.Arbitrary<'halfUp' | 'halfEven' | 'truncate'>,
      (units, mode) => {
        const set = results(
          units.map((u, i) => ({
            unit: `u${i}`,
            scores: { '1.1.1': u.x, '1.2': u.a2, '2': u.b, '9': u.bonus },
            indicators: { '1.1.2': { numerator: u.n, denominator: 7 } },
          })),
        );
        const year = computeYear(set, framework);
        const rows = set.units.map((u) => ({
          rank: rankOf(year, u.unitId).rank!,
          shown: Number(formatPoints(year.scores.get(u.unitId)!.total!, { decimals: 2, mode, locale: 'en' })),
        }));
        for (const a of rows)
          for (const b of rows) if (a.rank < b.rank) assert.ok(a.shown >= b.shown, `rank ${a.rank} shown ${a.shown} below rank ${b.rank} shown ${b.shown}`);
      },
    ),
  );
});

const withSurveySplit = parseFramework(`kind: framework
id: split
name: Có điều tra
level: commune
year: 2025
settings:
  split: { appraisal: 70, survey: 30 }
  withoutSurvey: { mode: rescale, to: 100 }
components:
  - { code: "1", name: Thẩm định, maxPoints: 70 }
  - { code: "2", name: Điều tra, maxPoints: 30, source: survey }
`);

test('without a survey a unit is ranked on its appraisal rescaled to 100 (appraisal × 100 / 70), exactly', () => {
  const set = readResults(
    {
      kind: 'results',
      year: 2025,
      framework: 'split',
      units: [
        { unit: 'with', scores: { '1': 60, '2': 30 } },
        { unit: 'without', scores: { '1': 65 } },
        { unit: 'zero', scores: { '1': 66, '2': 0 } },
      ],
    },
    () => withSurveySplit,
  );
  const year = computeYear(set, withSurveySplit);
  const without = year.scores.get('without')!;
  assert.equal(toDecimalString(without.total!), '65', 'its points are its appraisal points');
  assert.equal(without.surveyTotal, undefined);
  assert.equal(toDecimalString(without.rankingTotal!), '92.857143', '65 × 100 / 70, half up to micro-points');
  assert.equal(toDecimalString(year.scores.get('zero')!.rankingTotal!), '66', 'a survey that scored 0 is a survey: no rescale');
  assert.deepEqual(
    ['without', 'with', 'zero'].map((u) => rankOf(year, u).rank),
    [1, 2, 3],
  );
});

test('a component worth 0 points ranks everyone equal and has no percentage; a unit with a missing component is not ranked on the total', () => {
  const zero = parseFramework(`kind: framework
id: zero
name: Không điểm
level: commune
year: 2025
components:
  - { code: "1", name: A, maxPoints: 100 }
  - { code: "2", name: Chưa chấm năm nay, maxPoints: 0 }
`);
  const set = readResults(
    {
      kind: 'results',
      year: 2025,
      framework: 'zero',
      units: [
        { unit: 'a', scores: { '1': 80, '2': 0 } },
        { unit: 'b', scores: { '1': 90, '2': 0 } },
        { unit: 'c', scores: { '2': 0 } },
      ],
    },
    () => zero,
  );
  const year = computeYear(set, zero);
  assert.deepEqual(
    ['a', 'b', 'c'].map((u) => rankOf(year, u, '2').rank),
    [1, 1, 1],
  );
  assert.deepEqual(
    ['a', 'b', 'c'].map((u) => rankOf(year, u).rank),
    [2, 1, undefined],
  );
  assert.equal(rankOf(year, 'a').of, 2, 'only ranked units count in "of"');
  assert.equal(percentOf(year.scores.get('a')!.score[1]! as Points, 0 as Points), undefined);
});

const mixed = parseFramework(`kind: framework
id: mixed
name: Có chỉ số hỗn hợp
level: district
year: 2025
components:
  - { code: "1", name: Chỉ đạo, maxPoints: 60 }
  - code: "2"
    name: Tác động
    maxPoints: 40
    children:
      - { code: "2.1", name: Thẩm định, maxPoints: 10, source: appraisal }
      - { code: "2.2", name: Điều tra, maxPoints: 30, source: survey }
`);

test('a survey part given before its appraisal part is accepted: the survey total counts, the total waits for the appraisal part', () => {
  const set = readResults(
    {
      kind: 'results',
      year: 2025,
      framework: 'mixed',
      units: [
        { unit: 'a', scores: { '1': 50, '2': { survey: 25 } } },
        { unit: 'b', scores: { '1': 40, '2': 30 } },
      ],
    },
    () => mixed,
  );
  assert.deepEqual(set.units[0]!.scores.get('2'), { survey: 25_000_000 });
  const year = computeYear(set, mixed);
  const a = year.scores.get('a')!;
  assert.equal(a.total, undefined, 'the total is not known while a part is missing');
  assert.equal(a.appraisalTotal, undefined);
  assert.equal(toDecimalString(a.surveyTotal!), '25');
  assert.equal(scoreOf(a, '2'), undefined);
  assert.deepEqual([rankOf(year, 'a').rank, rankOf(year, 'b').rank], [undefined, 1], 'a unit without a total is not ranked');

  const complete = readResults(
    { kind: 'results', year: 2025, framework: 'mixed', units: [{ unit: 'a', scores: { '1': 50, '2': { survey: 25, appraisal: 8 } } }] },
    () => mixed,
  );
  assert.equal(toDecimalString(computeYear(complete, mixed).scores.get('a')!.total!), '83');
});

test('a part given alone is completed by the children when they are all known, and a part that disagrees with them is a conflict', () => {
  const set = readResults(
    {
      kind: 'results',
      year: 2025,
      framework: 'mixed',
      units: [
        { unit: 'a', scores: { '1': 50, '2': { survey: 25 }, '2.1': 8, '2.2': 25 } },
        { unit: 'b', scores: { '1': 50, '2': { survey: 20 }, '2.1': 8, '2.2': 25 } },
      ],
    },
    () => mixed,
  );
  const year = computeYear(set, mixed);
  const a = year.scores.get('a')!;
  assert.equal(toDecimalString(a.total!), '83');
  assert.equal(toDecimalString(a.appraisal[a.compiled.index.get('2')!]! as Points), '8');
  assert.deepEqual(a.conflicts, []);
  assert.deepEqual(
    year.scores.get('b')!.conflicts.map((c) => [c.code, c.kind, toDecimalString(c.given), toDecimalString(c.computed)]),
    [['2', 'children', '20', '25']],
  );
});

test('a single-source node given by its own part only takes it as its score; one given nothing is refused', () => {
  const set = results([{ unit: 'a', scores: { '2': { survey: 3 } } }]);
  assert.deepEqual(set.units[0]!.scores.get('2'), { total: 3_000_000, survey: 3_000_000 });
  assert.throws(() => results([{ unit: 'a', scores: { '2': {} } }]), /chưa ghi điểm/);
  assert.throws(
    () => readResults({ kind: 'results', year: 2025, framework: 'mixed', units: [{ unit: 'a', scores: { '2': { survey: 41 } } }] }, () => mixed),
    /units.0.scores.2.survey: điểm 41 vượt điểm tối đa 40/,
  );
  assert.throws(
    () => readResults({ kind: 'results', year: 2025, framework: 'mixed', units: [{ unit: 'a', scores: { '2': { total: 20, survey: 25 } } }] }, () => mixed),
    /phần điều tra xã hội học 25 lớn hơn tổng 20/,
  );
});

const reports = parseFramework(`kind: framework
id: reports
name: Báo cáo
level: commune
year: 2025
components:
  - code: "1"
    name: Chỉ đạo
    maxPoints: 100
    children:
      - { code: "1.1", name: Báo cáo đúng hạn, maxPoints: 2, rule: { type: deadline, pointsPerLate: 0.5 } }
      - { code: "1.2", name: Khác, maxPoints: 98 }
`);

test("a report never sent is late once past due on the results' reference date: assessedOn, else the publication date; without either it cannot be judged", () => {
  const items = [
    { name: 'Quý I', due: '2025-03-15', sent: '2025-03-20' },
    { name: 'Năm', due: '2025-12-15' },
  ];
  const read = (extra: Record<string, unknown>) =>
    readResults(
      { kind: 'results', year: 2025, framework: 'reports', ...extra, units: [{ unit: 'a', scores: { '1.2': 98 }, indicators: { '1.1': { items } } }] },
      () => reports,
    );
  const lost = (set: ReturnType<typeof read>, asOf?: string) =>
    toDecimalString((2_000_000 - scoreOf(computeYear(set, reports, undefined, asOf ? { asOf } : {}).scores.get('a')!, '1.1')!) as Points);
  assert.equal(lost(read({})), '0.5', 'no reference date: only the report sent late counts');
  assert.equal(lost(read({ assessedOn: '2026-01-20' })), '1', 'not sent by the assessment: late');
  assert.equal(lost(read({ publication: { decision: '1/QĐ-UBND', date: '2026-05-15' } })), '1', 'the publication date when there is no assessment date');
  assert.equal(
    lost(read({ assessedOn: '2025-12-10', publication: { decision: '1/QĐ-UBND', date: '2026-05-15' } })),
    '0.5',
    'assessed before it was due: not late; assessedOn wins',
  );
  assert.equal(lost(read({ assessedOn: '2026-01-20' }), '2025-12-01'), '0.5', 'an explicit date (a what-if on another day) wins');
  assert.deepEqual(
    reportsWithoutReference(read({}), reports).map((w) => [w.code, w.unit, w.node, w.field]),
    [['results.unsentWithoutDate', 'a', '1.1', 'units.0.indicators.1.1.items.1.sent']],
  );
  assert.deepEqual(reportsWithoutReference(read({ assessedOn: '2026-01-20' }), reports), []);
});
