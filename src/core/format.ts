/**
 * The one formatter for numbers and dates shown to people. Vietnamese by default:
 * decimal comma, dot between thousands (78,12 · 70,52% · 36.370.000 · 15/05/2024).
 * Rounding happens here and only here, with an explicit mode.
 */
import type { Locale } from './errors.ts';
import { fraction, fromDecimalText, fromDouble, fromPoints, toFixedString, type Fraction, type RoundingMode } from './fraction.ts';
import { toDecimalString, type Points } from './points.ts';

export interface NumberFormat {
  /** Digits after the decimal separator; omitted: the exact value, trailing zeros trimmed. */
  decimals?: number;
  mode?: RoundingMode;
  /** Drop trailing zeros after rounding: 5,00 → 5; 4,50 → 4,5. */
  trimZeros?: boolean;
  /** Always write the sign: +9,99 / -12,5 / 0. */
  signed?: boolean;
  locale?: Locale;
}

const SEPARATORS: Record<Locale, { decimal: string; group: string }> = {
  vi: { decimal: ',', group: '.' },
  en: { decimal: '.', group: ',' },
};

/** A fraction, points, a double, or a decimal text as the API sends figures ("9.52"). */
export type Numeric = Fraction | Points | number | string;

function asFraction(value: Numeric, isPoints: boolean): Fraction {
  if (typeof value === 'object') return value;
  if (typeof value === 'string') return fromDecimalText(value);
  if (isPoints) return fromPoints(value as Points);
  // A plain double (an indicator value typed by a person): the decimal its shortest text names.
  return fromDouble(value);
}

function render(plain: string, options: NumberFormat): string {
  const { decimal, group } = SEPARATORS[options.locale ?? 'vi'];
  let text = plain;
  if (options.trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  const [whole, frac] = text.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = frac ? `${grouped}${decimal}${frac}` : grouped;
  const isZero = !/[1-9]/.test(text);
  if (negative && !isZero) return `-${body}`;
  return options.signed && !isZero ? `+${body}` : body;
}

function plainDecimal(value: Fraction, options: NumberFormat): string {
  if (options.decimals !== undefined) return toFixedString(value, options.decimals, options.mode ?? 'halfUp');
  // Exact: fractions in this platform are decimal unless they repeat; cap at 6 digits then.
  return toFixedString(value, 6, options.mode ?? 'halfUp').replace(/\.?0+$/, '') || '0';
}

const MIB = 1024 * 1024;

/**
 * A size in megabytes (MiB) as the reader writes numbers, with at most 2 decimals: a limit
 * rounded down and a file's size up, so that rounding never shows a refused file within its
 * limit (20 MB; 0,06 MB; «tệp 20,01 MB, vượt giới hạn 20 MB»).
 */
export function formatMegabytes(bytes: number, options: { of: 'limit' | 'size'; locale?: Locale }): string {
  const hundredths = (bytes / MIB) * 100;
  return formatNumber((options.of === 'limit' ? Math.floor(hundredths) : Math.ceil(hundredths)) / 100, { locale: options.locale ?? 'vi' });
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * A decimal text ("72.245") rounded half up to `decimals` on its digits: what toFixedString gives
 * for its exact value, without big-integer arithmetic (a screen formats hundreds of figures a
 * drawing; the web app's province table spent a fifth of its first render there).
 */
export function roundDecimalText(text: string, decimals: number): string | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, whole, frac = ''] = match;
  let digits = whole! + frac.slice(0, decimals).padEnd(decimals, '0');
  // Half up on the magnitude: the first digit dropped decides (5 and over: up), the sign is kept.
  if (frac.length > decimals && frac.charCodeAt(decimals) >= 53) {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === '9') i--;
    digits = i < 0 ? `1${'0'.repeat(digits.length)}` : `${digits.slice(0, i)}${Number(digits[i]) + 1}${'0'.repeat(digits.length - i - 1)}`;
  }
  digits = digits.replace(/^0+/, '').padStart(decimals + 1, '0');
  const point = digits.length - decimals;
  const plain = decimals > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : digits;
  return sign && /[1-9]/.test(digits) ? `-${plain}` : plain;
}

/** A number: formatNumber(fraction(7812n, 100n)) = "78,12". */
export function formatNumber(value: Numeric, options: NumberFormat = {}): string {
  if (typeof value === 'string' && options.decimals !== undefined && (options.mode ?? 'halfUp') === 'halfUp') {
    const plain = roundDecimalText(value, options.decimals);
    if (plain !== undefined) return render(plain, options);
  }
  return render(plainDecimal(asFraction(value, false), options), options);
}

/** Points: exact by default (13,4753; 7,409775; 5); formatPoints(p, {decimals: 2}) = "9,52". */
export function formatPoints(p: Points, options: NumberFormat = {}): string {
  if (options.decimals === undefined) return render(toDecimalString(p), options);
  return render(plainDecimal(fromPoints(p), options), options);
}

/** A percentage (already ×100): formatPercent(percentOf(9.52, 13.5)) = "70,52%". */
export function formatPercent(value: Fraction, options: NumberFormat = {}): string {
  return `${formatNumber(value, { decimals: 2, ...options })}%`;
}

/**
 * An ISO date (YYYY-MM-DD) as people read it: dd/mm/yyyy in both languages (31/03/2025). English
 * readers get the form they type in the app's date fields, so what they read is what they enter;
 * ISO stays in data files and JSON.
 */
export function formatDate(iso: string, _locale: Locale = 'vi'): string {
  const [y, m, d] = splitIsoDate(iso);
  return `${d}/${m}/${y}`;
}

/**
 * Points with their noun in English: "1 point", "0.5 points", "2 points", "1.00 points" — the
 * singular only when the figure shown is "1". Vietnamese nouns do not change ("1 điểm", "2 điểm").
 */
export function formatPointsInEnglish(p: Points, options: Omit<NumberFormat, 'locale'> = {}): string {
  const shown = formatPoints(p, { ...options, locale: 'en' });
  return `${shown} ${shown === '1' ? 'point' : 'points'}`;
}

/** An English count with its noun: countInEnglish(1, 'day') = "1 day", countInEnglish(3, 'day') = "3 days". */
export function countInEnglish(count: number | bigint, one: string, many = `${one}s`): string {
  const n = BigInt(count);
  return `${formatNumber(fraction(n), { locale: 'en' })} ${n === 1n || n === -1n ? one : many}`;
}

/**
 * The place-and-date line of an official document (Nghị định 30/2020/NĐ-CP): days below 10
 * and the months January and February take a leading zero: "ngày 05 tháng 7 năm 2024".
 */
export function formatOfficialDate(iso: string): string {
  const [y, m, d] = splitIsoDate(iso);
  const month = Number(m);
  return `ngày ${d} tháng ${month <= 2 ? m : String(month)} năm ${y}`;
}

function splitIsoDate(iso: string): [string, string, string] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date: ${iso}`);
  return [match[1]!, match[2]!, match[3]!];
}

/** "4/8" */
export function formatRank(rank: number | undefined, of: number, locale: Locale = 'vi'): string {
  if (rank === undefined) return locale === 'vi' ? 'chưa xếp hạng' : 'not ranked';
  return `${rank}/${of}`;
}
