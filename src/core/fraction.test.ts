import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compareFractions, fraction, fractionToNumber, percentOf, roundScaled, sortFractions, sumFractions, toFixedString } from './fraction.ts';
import { parsePoints } from './points.ts';

test('percentages are exact fractions: 8,17/13,5 rounds to 60,52 and truncates to 60,51', () => {
  const p = percentOf(parsePoints('8,17'), parsePoints('13,5'))!;
  assert.equal(toFixedString(p, 2, 'halfUp'), '60.52');
  assert.equal(toFixedString(p, 2, 'truncate'), '60.51');
  assert.equal(toFixedString(p, 4, 'halfUp'), '60.5185');
});

test('halfUp rounds halves away from zero, halfEven to the even digit, truncate toward zero', () => {
  const half = fraction(125, 100); // 1.25
  assert.equal(roundScaled(half, 1, 'halfUp'), 13n);
  assert.equal(roundScaled(half, 1, 'halfEven'), 12n);
  assert.equal(roundScaled(half, 1, 'truncate'), 12n);
  const negative = fraction(-125, 100);
  assert.equal(roundScaled(negative, 1, 'halfUp'), -13n);
  assert.equal(roundScaled(negative, 1, 'truncate'), -12n);
  assert.equal(toFixedString(fraction(-1, 200), 2, 'halfUp'), '-0.01');
});

test('a node worth zero points has no percentage instead of a division by zero', () => {
  assert.equal(percentOf(parsePoints(0), parsePoints(0)), undefined);
});

test('fractionToNumber gives full precision for JSON', () => {
  assert.equal(fractionToNumber(fraction(1, 3)), 0.333333333333333);
  assert.equal(fractionToNumber(fraction(1339, 2818)), 0.475159687721788);
  assert.equal(fractionToNumber(fraction(-7, 2)), -3.5);
});

test('property: rounding is monotone, so it never reverses an order', () => {
  const f = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 })).map(([n, d]) => fraction(n, d));
  fc.assert(
    fc.property(
      f,
      f,
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom('halfUp', 'halfEven', 'truncate') as fc.Arbitrary<'halfUp' | 'halfEven' | 'truncate'>,
      (a, b, decimals, mode) => {
        if (compareFractions(a, b) <= 0) assert.ok(roundScaled(a, decimals, mode) <= roundScaled(b, decimals, mode));
      },
    ),
  );
});

test('sums and sorts of fractions are exact, whatever their denominators and sizes', () => {
  const huge = 10n ** 400n;
  // Values a double cannot tell apart or cannot hold, beside any others.
  const edges = [
    fraction(1n, 3n),
    fraction(333_333_333_333_333_333n, 10n ** 18n),
    fraction(huge + 1n, huge),
    fraction(huge, huge - 1n),
    fraction(-huge, 7n),
    fraction(0),
    fraction(1, 2),
  ];
  const value = fc.oneof(
    fc.record({ n: fc.bigInt(-(10n ** 8n), 10n ** 8n), d: fc.bigInt(1n, 13_500_000n) }).map(({ n, d }) => fraction(n, d)),
    fc.constantFrom(...edges),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 300 }), (values) => {
      let naive = fraction(0);
      for (const v of values) naive = fraction(naive.n * v.d + v.n * naive.d, naive.d * v.d);
      assert.deepEqual(sumFractions(values), naive);
      const sorted = sortFractions([...values]);
      assert.deepEqual(sorted, [...values].sort(compareFractions));
    }),
  );
});
