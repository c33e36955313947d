import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ParError } from './errors.ts';
import { add, parsePoints, sum, toDecimalString, toNumber, type Points } from './points.ts';

test('points keep up to 6 decimals exactly, from numbers and Vietnamese or dotted strings', () => {
  assert.equal(parsePoints(7.409775), 7_409_775);
  assert.equal(parsePoints('7,409775'), 7_409_775);
  assert.equal(parsePoints('78.12'), 78_120_000);
  assert.equal(parsePoints('-0,5'), -500_000);
  assert.equal(parsePoints('5'), 5_000_000);
  assert.equal(parsePoints('1.500000000'), 1_500_000, 'trailing zeros beyond 6 decimals are harmless');
});

test('more than 6 decimals, text and non-finite numbers are refused with a bilingual message', () => {
  for (const bad of ['1.2345678', 'abc', '', Number.NaN, Infinity, '1,2,3', 1e-7]) {
    assert.throws(
      () => parsePoints(bad, 'scores.1'),
      (error: unknown) => {
        assert.ok(error instanceof ParError);
        assert.equal(error.issues[0]!.field, 'scores.1');
        assert.ok(error.issues[0]!.message.vi.length > 0 && error.issues[0]!.message.en.length > 0);
        return true;
      },
    );
  }
});

test('sums of points never drift: ten times 0,1 is exactly 1', () => {
  const tenth = parsePoints('0,1');
  assert.equal(sum(Array(10).fill(tenth)), parsePoints(1));
  assert.notEqual(
    Array(10)
      .fill(0.1)
      .reduce((a, b) => a + b, 0),
    1,
    'whereas floats drift',
  );
});

test('the seed components add up to exactly 78,119875', () => {
  const total = sum(['9,52', '5', '13,4753', '7,409775', '5,5', '2,5371', '10,8734', '23,8043'].map((s) => parsePoints(s)));
  assert.equal(toDecimalString(total), '78.119875');
});

test('property: parsing the decimal text of any micro-point value gives it back', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (micro) => {
      const p = micro as Points;
      assert.equal(parsePoints(toDecimalString(p)), p);
      assert.equal(parsePoints(toNumber(p)), p);
    }),
  );
});

test('property: a number is read as its decimal text is, or refused as it is (more than 6 decimals, too large)', () => {
  const read = (input: number | string) => {
    try {
      return parsePoints(input);
    } catch (error) {
      return (error as ParError).issues[0]!.code;
    }
  };
  const decimals = fc.tuple(fc.integer({ min: -2e9, max: 2e9 }), fc.integer({ min: 0, max: 8 })).map(([n, d]) => n / 10 ** d);
  fc.assert(
    fc.property(fc.oneof(decimals, fc.double({ min: -2e9, max: 2e9, noNaN: true })), (n) => {
      // (Numbers JavaScript writes as 1e-7 are refused as such: pinned above.)
      fc.pre(!/e/i.test(String(n)));
      assert.equal(read(n), read(String(n)));
    }),
    { numRuns: 5000 },
  );
  assert.equal(Object.is(parsePoints(-0), 0), true, 'minus zero is zero');
});

test('property: addition of points is exact and associative', () => {
  const micro = fc.integer({ min: 0, max: 100_000_000 }).map((n) => n as Points);
  fc.assert(fc.property(micro, micro, micro, (a, b, c) => add(add(a, b), c) === add(a, add(b, c))));
});
