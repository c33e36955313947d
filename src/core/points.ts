/**
 * Points are exact: an integer number of micro-points (1 point = 1 000 000 micro-points),
 * because the sources carry up to 6 decimals (7,409775) and float sums drift.
 * Derived quantities that are not whole micro-points (percentages, differences of
 * percentages) are exact fractions; see `fraction.ts`. Rounding happens only for display.
 */
import { readDecimalText } from './decimal.ts';
import { ParError, issue } from './errors.ts';

declare const microPoints: unique symbol;
/** An exact number of points, stored as integer micro-points. */
export type Points = number & { readonly [microPoints]: true };

export const POINT_DECIMALS = 6;
export const MICRO = 1_000_000;
export const ZERO = 0 as Points;

/** Largest magnitude accepted: far above any framework, far below 2^53 micro-points. */
const LIMIT = 1_000_000_000 * MICRO;

/**
 * Reads points from a JSON number or a decimal string ("7,409775", "7.409775", "78,12").
 * Rejects more than 6 decimals instead of rounding silently.
 */
export function parsePoints(input: unknown, field?: string): Points {
  // A number of at most 6 decimals is the double nearest to micro ÷ 1 000 000, and below 2^53
  // micro-points no other such decimal is nearest to it: found without going through text.
  if (typeof input === 'number' && Math.abs(input) <= LIMIT / MICRO) {
    const micro = Math.round(input * MICRO);
    if (micro / MICRO === input) return (micro + 0) as Points;
  }
  const text = typeof input === 'number' ? numberToPlainString(input) : typeof input === 'string' ? input.trim() : undefined;
  const digits = text === undefined ? undefined : readDecimalText(text, { mark: 'either' });
  if (!digits) {
    throw new ParError(
      issue(
        'points.notANumber',
        { vi: `"${String(input)}" không phải là số điểm hợp lệ`, en: `"${String(input)}" is not a valid number of points` },
        { field },
      ),
    );
  }
  const { negative, whole, fraction: fractionDigits } = digits;
  if (fractionDigits.replace(/0+$/, '').length > POINT_DECIMALS) {
    throw new ParError(
      issue(
        'points.tooManyDecimals',
        {
          vi: `"${text}" có quá ${POINT_DECIMALS} chữ số thập phân`,
          en: `"${text}" has more than ${POINT_DECIMALS} decimals`,
        },
        { field },
      ),
    );
  }
  const micro = Number(whole) * MICRO + Number(fractionDigits.slice(0, POINT_DECIMALS).padEnd(POINT_DECIMALS, '0'));
  if (!Number.isSafeInteger(micro) || micro > LIMIT) {
    throw new ParError(issue('points.outOfRange', { vi: `"${text}" quá lớn`, en: `"${text}" is too large` }, { field }));
  }
  return (negative ? -micro : micro) as Points;
}

function numberToPlainString(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // 1e-7 and the like: more decimals than we accept, or huge; give the parser a plain form.
  return Math.abs(value) < 1 ? value.toFixed(20).replace(/0+$/, '') : value.toFixed(0);
}

export function fromMicro(micro: number): Points {
  if (!Number.isSafeInteger(micro)) throw new RangeError(`not an integer number of micro-points: ${micro}`);
  return micro as Points;
}

/** Nearest double, for JSON output and charts: never for further arithmetic. */
export function toNumber(p: Points): number {
  return p / MICRO;
}

export function add(a: Points, b: Points): Points {
  return (a + b) as Points;
}

export function subtract(a: Points, b: Points): Points {
  return (a - b) as Points;
}

export function sum(values: Iterable<Points>): Points {
  let total = 0;
  for (const v of values) total += v;
  return total as Points;
}

export function clamp(p: Points, low: Points, high: Points): Points {
  return Math.min(Math.max(p, low), high) as Points;
}

export function negate(p: Points): Points {
  return -p as Points;
}

/** Exact decimal text with trailing zeros trimmed, using a dot: "7.409775", "5", "-0.5". */
export function toDecimalString(p: Points): string {
  const sign = p < 0 ? '-' : '';
  const abs = Math.abs(p);
  const whole = Math.trunc(abs / MICRO);
  const rest = String(abs % MICRO)
    .padStart(POINT_DECIMALS, '0')
    .replace(/0+$/, '');
  return rest ? `${sign}${whole}.${rest}` : `${sign}${whole}`;
}
