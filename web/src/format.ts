/**
 * Numbers and dates the Vietnamese way (78,12 · 70,52% · 15/05/2024): the core's own
 * formatter, so the app shows exactly what the reports print. The API sends points and derived
 * figures as exact decimal texts ("9.52", "3.625"); they are rounded here, for display only.
 */
import { formatDate, formatNumber } from '../../src/core/format.ts';
import { fraction, fromDecimalText, multiplyFractions, toDecimalText } from '../../src/core/fraction.ts';
import { currentLocale } from './i18n.ts';

/** A figure as the API sends it: decimal text ("9.52"), or a plain number (a count, a value typed). */
export type Figure = string | number;

/**
 * Figures already written, by locale, decimals and value: the core's formatter is exact (a
 * fraction of the double), so a table of a few hundred cells drawn again (a sort, a page) would
 * otherwise spend most of its time here.
 */
const written = new Map<string, string>();

/** A figure with `decimals` digits: "3.625" → 3,63. */
export function num(value: Figure | null | undefined, decimals = 2): string {
  if (value === null || value === undefined) return '—';
  const key = `${currentLocale()}|${decimals}|${value}`;
  let text = written.get(key);
  if (text === undefined) {
    if (written.size >= 20_000) written.clear();
    text = formatNumber(value, { decimals, locale: currentLocale() });
    written.set(key, text);
  }
  return text;
}

/**
 * A count in a given language's way (4.000 · 4,000): the core's formatter, not
 * `toLocaleString('vi')`, whose first call loads ICU's number data for the locale (≈ 50–150 ms
 * of one main-thread task on the province view's first drawing).
 */
export function count(value: number, locale: 'vi' | 'en'): string {
  return formatNumber(value, { decimals: 0, locale });
}

/** A percentage from the API (decimal text, already × 100): "3.625" → 3,63%. */
export function pct(value: Figure | null | undefined, decimals = 2): string {
  return value === null || value === undefined ? '—' : `${num(value, decimals)}%`;
}

/** A share the API sends as decimal text (0–1, a probability) as a percentage, exactly: "0.8125" → "81.25". */
export function shareToPercent(share: string): string {
  return toDecimalText(multiplyFractions(fromDecimalText(share), fraction(100)));
}

/** Exact points as the source gave them (13,4753; 7,409775). */
export function exact(value: Figure | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, { locale: currentLocale() });
}

export function signed(value: Figure | null | undefined, decimals = 2): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, { decimals, signed: true, locale: currentLocale() });
}

/** A figure for a chart (ECharts plots numbers): the nearest double, never shown as text. */
export function plotted(value: Figure | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** A calendar date (YYYY-MM-DD…) as dd/mm/yyyy. */
export function date(iso: string | null | undefined): string {
  return iso ? formatDate(iso.slice(0, 10), currentLocale()) : '—';
}

/** A moment (an ISO timestamp, UTC) in the reader's time zone: 15/05/2024 08:30. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(`${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`, currentLocale())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** Text from the data put into chart tooltips (ECharts renders them as HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
