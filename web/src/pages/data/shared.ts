/** What the import/export screen's parts share: the API's shapes, the kinds of file, who may do what with them, changes in words. */
import { changeItemWord, changePartWords, changeValueText } from '../../../../src/core/changeWords.ts';
import { formatMegabytes } from '../../../../src/core/format.ts';
import { capitalized } from '../../../../src/core/text.ts';
import { currentLocale, tx } from '../../i18n.ts';

export { KINDS, importableKinds, isResultsKind, readsEveryPlan, type Kind } from './kinds.ts';
import type { Kind } from './kinds.ts';
import type { CycleSummaryJson, FrameworksResponse, ImportResponse } from '../../../../src/server/responses.ts';

export const kindLabel = (kind: Kind): string =>
  ({
    results: tx('Kết quả (điểm theo lĩnh vực, tiêu chí)', 'Results (scores by component, criterion)'),
    survey: tx('Điểm điều tra xã hội học', 'Survey scores'),
    indicators: tx('Chỉ tiêu (tử số, mẫu số, số lần…)', 'Indicator values'),
    framework: tx('Bộ tiêu chí', 'Criteria framework'),
    plan: tx('Kế hoạch nhiệm vụ của đơn vị', 'A unit’s action plan'),
    units: tx('Danh sách đơn vị (thêm, sửa, kết thúc, sáp nhập)', 'Units (add, change, end, merge)'),
  })[kind];

/** The API's answers, inferred from the routes' response schemas (types only). */
export type Framework = FrameworksResponse[number];
export type Cycle = CycleSummaryJson;
/** The whole list kept on the server for review (GET /api/import/changes/:id…) rides along. */
export type ImportResult = ImportResponse & { changeList?: string };
export type Change = ImportResponse['changes'][number];

/** What changed, in words: the item and which of its values ("Điểm (thẩm định)", "Chỉ tiêu (2024-03, tử số)"), in the core's words. */
export function changeLabel(c: Change): string {
  const locale = currentLocale();
  const named = capitalized(changeItemWord(c.item, locale));
  return c.part ? `${named} (${changePartWords(c.part, locale, c.item)})` : named;
}

/** A value of a change as the reader writes numbers: exact decimals (4.5 → 4,5), dates, JSON texts without their quotes. */
export function shownValue(value: string | undefined, part?: string): string {
  return changeValueText(value, currentLocale(), part);
}

/** Query string of the defined options (the API refuses unknown or empty parameters). */
export function query(options: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export const megabytes = (bytes: number, of: 'limit' | 'size') => formatMegabytes(bytes, { of, locale: currentLocale() });
