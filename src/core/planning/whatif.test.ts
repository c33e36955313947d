import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset } from '../../io/dataFolder.ts';
import { ParError } from '../errors.ts';
import { parsePoints, type Points } from '../points.ts';
import { whatIf } from './index.ts';

const dataset = loadDataset();
const p = (text: string) => parsePoints(text);
const code = (e: unknown) => (e instanceof ParError ? e.issues.map((i) => `${i.code}@${i.field}`).join() : String(e));

test('what-if: 7.3.6 at 46/46 and 1.7 at 2 points give the new total, component percents and rank against the peers', () => {
  const result = whatIf(dataset, 'tam-duong', 2023, [
    { code: '7.3.6', indicator: { numerator: 46, denominator: 46 } },
    { code: '1.7', score: p('2') },
  ]);
  assert.equal(result.before.total, p('78.119875'));
  assert.equal(result.after.total, p('80.902484'));
  assert.deepEqual([result.before.rank, result.after.rank, result.after.of], [4, 3, 8]);
  const one = result.after.components.find((c) => c.code === '1')!;
  assert.equal(one.score, p('11.52'));
  assert.deepEqual(result.gains, [
    { code: '7.3.6', before: p('0.217391'), after: p('1') },
    { code: '1.7', before: p('0'), after: p('2') },
  ]);
  // Nothing stored changed: the dataset still gives the published figure.
  assert.equal(whatIf(dataset, 'tam-duong', 2023, [{ code: '1.4', score: p('0') }]).before.total, p('78.119875'));
});

test('what-if refuses a score outside 0…maximum, an indicator on a criterion without a rule, an unknown code', () => {
  const cases: [Parameters<typeof whatIf>[3][number], string][] = [
    [{ code: '1.7', score: p('5') }, 'whatif.scoreRange@score'],
    [{ code: '1.7', score: -1 as Points }, 'whatif.scoreRange@score'],
    [{ code: '1.4', indicator: { numerator: 1, denominator: 2 } }, 'whatif.noRule@indicator'],
    [{ code: '9.9', score: p('1') }, 'whatif.unknownCriterion@code'],
    [{ code: '7.3.6', indicator: { numerator: 50, denominator: 46 } }, 'indicator.invalid@indicators'],
  ];
  for (const [change, expected] of cases)
    assert.throws(
      () => whatIf(dataset, 'tam-duong', 2023, [change]),
      (e: unknown) => code(e) === expected,
      `${JSON.stringify(change)} → ${expected}`,
    );
  assert.match(
    (() => {
      try {
        whatIf(dataset, 'tam-duong', 2023, [{ code: '1.7', score: p('5') }]);
      } catch (e) {
        return (e as ParError).issues[0]!.message.vi;
      }
      return '';
    })(),
    /điểm của 1\.7 phải từ 0 đến 2/,
  );
});
