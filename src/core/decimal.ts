/**
 * The one reader of written decimals ("9,52", "9.52", "1.339,5", "−0,5" once signs are
 * normalised): every other place that reads a number people or documents write — points
 * (points.ts), printed figures (printed.ts), spreadsheet cells (io/table/values.ts), query
 * values (server/routes/schemas.ts), command options (cli) and the web's score fields — calls
 * it with the syntax it accepts, so the grammar lives here only (decimal.test.ts lists what each
 * syntax accepts and refuses; oneOfEach.test.ts fails when another parser appears).
 * It reads digits, never doubles: the caller builds exact points or a fraction from them.
 */

/** The separator of decimals; the other mark then groups thousands where grouping is allowed. */
export type DecimalMark = ',' | '.';

export interface DecimalSyntax {
  /** The decimal mark; 'either': one "," or "." (then nothing groups thousands). */
  mark: DecimalMark | 'either';
  /** Thousands grouped with the other mark ("1.339,5" with ","), groups of three never led by 0 ("0.339" is not 339). */
  grouping?: boolean;
  /** A leading + or − allowed (default: yes). */
  signed?: boolean;
  /** A mark with nothing after it ("9,") or before it (",5"), as cells are typed. */
  loose?: boolean;
}

/** A decimal as written, without grouping: `whole` and `fraction` are digits ("1339" and "5"). */
export interface DecimalDigits {
  negative: boolean;
  whole: string;
  fraction: string;
  /** The same decimal as plain text with a dot: "-1339.5", "9" (no fraction when none was written). */
  plain: string;
}

const OTHER: Record<DecimalMark, DecimalMark> = { ',': '.', '.': ',' };
const escaped = (mark: DecimalMark) => (mark === '.' ? '\\.' : ',');
const patterns = new Map<string, RegExp>();

function pattern(syntax: DecimalSyntax): RegExp {
  const key = `${syntax.mark}|${!!syntax.grouping}|${syntax.signed !== false}|${!!syntax.loose}`;
  let found = patterns.get(key);
  if (found) return found;
  const mark = syntax.mark === 'either' ? '[.,]' : escaped(syntax.mark);
  const grouped = syntax.mark !== 'either' && syntax.grouping ? `|[1-9]\\d{0,2}(?:${escaped(OTHER[syntax.mark])}\\d{3})+` : '';
  const whole = `(\\d+${grouped})`;
  const body = syntax.loose ? `(?:${whole}(?:${mark}(\\d*))?|${mark}(\\d+))` : `${whole}(?:${mark}(\\d+))?()`;
  found = new RegExp(`^(${syntax.signed === false ? '' : '[+-]?'})${body}$`);
  patterns.set(key, found);
  return found;
}

/** The digits of `text` (trimmed by the caller) written with `syntax`, or undefined when it is not such a decimal. */
export function readDecimalText(text: string, syntax: DecimalSyntax): DecimalDigits | undefined {
  const match = pattern(syntax).exec(text);
  if (!match) return undefined;
  const [, sign, grouped = '0', written = '', fractionOnly = ''] = match;
  const whole = grouped.replace(/[.,]/g, '');
  const fraction = written || fractionOnly;
  const negative = sign === '-';
  return { negative, whole, fraction, plain: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}` };
}

/** A written decimal as a double, for quantities that are not points (megabytes, a share, a target): undefined when it is not one. */
export function decimalNumber(text: string, syntax: DecimalSyntax = { mark: 'either' }): number | undefined {
  const digits = readDecimalText(text.trim(), syntax);
  return digits && Number(digits.plain);
}
