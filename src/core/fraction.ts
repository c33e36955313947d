/**
 * Exact fractions for derived figures (percentages, percentage-point differences, ratios)
 * and explicit rounding. A percentage like 8,17/13,5 = 60,5185…% is kept exact so that
 * rounding to 60,52 (or spotting a printed 60,51 as a truncation) is never a float accident.
 */
import { MICRO, toDecimalString, type Points } from './points.ts';

export interface Fraction {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

/**
 * `halfUp`: halves away from zero (the usual "làm tròn"); `halfEven`: banker's rounding;
 * `truncate`: drop digits toward zero (what some published tables did).
 */
export type RoundingMode = 'halfUp' | 'halfEven' | 'truncate';

const MICRO_N = BigInt(MICRO);

export function fraction(n: bigint | number, d: bigint | number = 1n): Fraction {
  let num = BigInt(n);
  let den = BigInt(d);
  if (den === 0n) throw new RangeError('fraction with zero denominator');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num < 0n ? -num : num, den);
  return g > 1n ? { n: num / g, d: den / g } : { n: num, d: den };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * A double as the exact decimal its shortest text names: 0.1 is 1/10, 1e-7 is 1/10,000,000 and
 * 1.5e21 is 1,500,000,000,000,000,000,000 (String() writes those in exponent form).
 */
export function fromDouble(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [mantissa = '', exponent = '0'] = String(value).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '', frac = ''] = mantissa.replace('-', '').split('.');
  const shift = Number(exponent) - frac.length;
  const digits = BigInt(whole + frac) * (negative ? -1n : 1n);
  return shift >= 0 ? fraction(digits * 10n ** BigInt(shift)) : fraction(digits, 10n ** BigInt(-shift));
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal text as the API sends figures ("9.52", "-0.5", "62"): its exact value. A dot only, no
 * grouping (texts people type go through parsePoints or parsePrinted).
 */
export function fromDecimalText(text: string): Fraction {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new RangeError(`not a decimal text: ${text}`);
  const [, sign, whole, frac = ''] = match;
  return fraction(BigInt(whole! + frac) * (sign ? -1n : 1n), 10n ** BigInt(frac.length));
}

export function fromPoints(p: Points): Fraction {
  return fraction(BigInt(p), MICRO_N);
}

/** score / max × 100, exact; undefined when max is zero (a node worth nothing has no percentage). */
export function percentOf(score: Points, max: Points): Fraction | undefined {
  if (max === 0) return undefined;
  return fraction(BigInt(score) * 100n, BigInt(max));
}

/** score / max, exact, in [0, 1] for valid scores. */
export function ratioOf(numerator: bigint | number, denominator: bigint | number): Fraction | undefined {
  if (BigInt(denominator) === 0n) return undefined;
  return fraction(numerator, denominator);
}

export function subtractFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.n, a.d * b.d);
}

export function compareFractions(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The exact sum. Each value's denominator is brought to the common one (their least common
 * multiple, one gcd per new denominator) and the sum reduced once at the end: reduced at every
 * step, a 4,000-unit ranking's distributions spent ≈ 30 ms in gcds.
 */
export function sumFractions(values: readonly Fraction[]): Fraction {
  let n = 0n;
  let d = 1n;
  for (const v of values) {
    if (v.d === d) n += v.n;
    else if (d % v.d === 0n) n += v.n * (d / v.d);
    else {
      const g = gcd(d, v.d);
      const scale = v.d / g;
      n = n * scale + v.n * (d / g);
      d *= scale;
    }
  }
  return fraction(n, d);
}

/**
 * Sorts in place, ascending, exactly. Two values whose doubles lie clearly apart (more than a
 * millionth of a millionth, far beyond the doubles' own error) are ordered by them; the others by
 * the exact comparison.
 */
export function sortFractions(values: Fraction[]): Fraction[] {
  const keyed = values.map((f) => ({ f, x: Number(f.n) / Number(f.d) }));
  keyed.sort((a, b) => {
    const gap = a.x - b.x;
    // NaN and infinities (values beyond a double) fail the test and are compared exactly.
    return Math.abs(gap) > 1e-12 * Math.max(Math.abs(a.x), Math.abs(b.x)) ? (gap < 0 ? -1 : 1) : compareFractions(a.f, b.f);
  });
  for (let k = 0; k < keyed.length; k++) values[k] = keyed[k]!.f;
  return values;
}

export function signOf(a: Fraction): -1 | 0 | 1 {
  return a.n < 0n ? -1 : a.n > 0n ? 1 : 0;
}

/**
 * The fraction scaled by 10^decimals and rounded to an integer with the given mode.
 * round({n:1,d:3}, 2) = 33n, i.e. 0,33.
 */
export function roundScaled(a: Fraction, decimals: number, mode: RoundingMode): bigint {
  const scale = 10n ** BigInt(decimals);
  const num = a.n * scale;
  const negative = num < 0n;
  const abs = negative ? -num : num;
  let q = abs / a.d;
  const r = abs % a.d;
  if (mode !== 'truncate' && r !== 0n) {
    const twice = 2n * r;
    if (twice > a.d || (twice === a.d && (mode === 'halfUp' || q % 2n === 1n))) q += 1n;
  }
  return negative ? -q : q;
}

/** Rounds to a fraction with the given number of decimals. */
export function roundFraction(a: Fraction, decimals: number, mode: RoundingMode): Fraction {
  return fraction(roundScaled(a, decimals, mode), 10n ** BigInt(decimals));
}

/** Rounds an exact fraction to whole micro-points (used by rules such as ratio × max). */
export function toPoints(a: Fraction, mode: RoundingMode = 'halfUp'): Points {
  return Number(roundScaled(a, 6, mode)) as Points;
}

/** Nearest double (to ~15 significant digits) for JSON output: full precision, no display rounding. */
export function fractionToNumber(a: Fraction): number {
  const whole = a.n / a.d;
  const rest = a.n - whole * a.d;
  return Number(whole) + Number((rest * 10n ** 15n) / a.d) / 1e15;
}

/** Plain decimal text with a dot, rounded as asked: "60.52". */
export function toFixedString(a: Fraction, decimals: number, mode: RoundingMode): string {
  const scaled = roundScaled(a, decimals, mode);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Number of decimals needed to write the fraction exactly, or undefined when it repeats. */
export function exactDecimals(a: Fraction, limit = 12): number | undefined {
  for (let k = 0; k <= limit; k++) {
    if ((a.n * 10n ** BigInt(k)) % a.d === 0n) return k;
  }
  return undefined;
}

/**
 * The fraction as a plain decimal string with a dot ("0.8", "62", "92.105263"): exact when it
 * has a finite decimal expansion (every fraction read from a decimal does), else to 12 decimals.
 */
export function toDecimalText(a: Fraction): string {
  const decimals = exactDecimals(a) ?? 12;
  return toFixedString(a, decimals, 'halfUp');
}

/** Points as the API sends them: exact decimal text ("9.52"), null when unknown. */
export function pointsJson(p: Points | undefined): string | null {
  return p === undefined ? null : toDecimalString(p);
}

/** A derived figure (a percentage, a mean) as the API sends it: decimal text, exact or to 12 decimals; null when unknown. */
export function figureJson(f: Fraction | undefined): string | null {
  return f === undefined ? null : toDecimalText(f);
}

/**
 * A figure the core computes as a double (a weight, a mean of ranks under noise, a share) as the
 * API sends it: decimal text rounded to 12 decimals (0.3333333333333333 → "0.333333333333"), null when unknown.
 */
export function doubleJson(value: number | undefined): string | null {
  return value === undefined ? null : toDecimalText(roundFraction(fromDouble(value), 12, 'halfUp'));
}
