/**
 * A figure as printed in a document ("22,30", "60,51", "+9,99"): its exact value and how
 * many decimals were printed, so a checker can tell rounding from truncation from error.
 */
import { readDecimalText } from './decimal.ts';
import { ParError, issue } from './errors.ts';
import { fraction, type Fraction } from './fraction.ts';

export interface Printed {
  value: Fraction;
  /** Decimals as printed: "22,30" → 2, "70,5" → 1, 5 → 0. */
  decimals: number;
  text: string;
}

/**
 * Reads a printed figure. JSON numbers are plain decimals. Strings follow the Vietnamese
 * convention: a comma is the decimal separator and dots group thousands ("36.370.000",
 * "1.339", "13,4753"); a string without a comma whose dot is not followed by exactly three
 * digits is read as a plain decimal ("13.4753", "8.17"), and so is one led by a lone zero
 * ("0.339": a group of thousands never starts with 0). The syntax is core/decimal.ts's.
 */
export function parsePrinted(input: unknown, field?: string): Printed {
  let text: string | undefined;
  if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
  else if (typeof input === 'string')
    text = input
      .trim()
      .replace(/%$/, '')
      .replace(/\u2212/g, '-')
      .replace(/\s+/g, '');
  const digits =
    text === undefined
      ? undefined
      : typeof input === 'number'
        ? readDecimalText(text, { mark: '.' })
        : (readDecimalText(text, { mark: ',', grouping: true }) ?? readDecimalText(text, { mark: '.' }));
  if (!digits) {
    throw new ParError(issue('printed.invalid', { vi: `"${String(input)}" không phải là một số`, en: `"${String(input)}" is not a number` }, { field }));
  }
  const { negative, whole, fraction: frac } = digits;
  const n = BigInt(whole + frac) * (negative ? -1n : 1n);
  return { value: fraction(n, 10n ** BigInt(frac.length)), decimals: frac.length, text: String(input) };
}
