/** What the import/export screen's parts share: the API's shapes, the kinds of file, who may do what with them, changes in words. */
import { exact } from '../../format.ts';
import { formatMegabytes } from '../../../../src/core/format.ts';
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

/** What changed, in words: the item and which of its values ("Điểm (thẩm định)", "Chỉ tiêu: tử số"). */
export function changeLabel(c: Change): string {
  // A tracked value's part is its period and field ("2024-03.numerator").
  const [period, field] =
    c.part && /^\d{4}-/.test(c.part) && c.part.includes('.')
      ? [c.part.slice(0, c.part.indexOf('.')), c.part.slice(c.part.indexOf('.') + 1)]
      : [undefined, c.part];
  const named = field ? (PARTS[field]?.() ?? field) : '';
  const part = period ? `${period}, ${named}` : named;
  const item = ITEMS[c.item]?.() ?? c.item;
  return part ? `${item} (${part})` : item;
}

const ITEMS: Record<string, () => string> = {
  score: () => tx('Điểm', 'Score'),
  indicator: () => tx('Chỉ tiêu', 'Indicator'),
  deduction: () => tx('Điểm trừ', 'Deduction'),
  published: () => tx('Số liệu công bố', 'Published figure'),
  notes: () => tx('Ghi chú', 'Notes'),
  illustrative: () => tx('Số liệu minh họa', 'Illustrative'),
  publication: () => tx('Quyết định công bố', 'Publication decision'),
  assessedOn: () => tx('Ngày đánh giá', 'Assessed on'),
  unit: () => tx('Đơn vị', 'Unit'),
  node: () => tx('Tiêu chí', 'Criterion'),
  framework: () => tx('Bộ tiêu chí', 'Framework'),
  task: () => tx('Nhiệm vụ', 'Task'),
  tracking: () => tx('Theo dõi chỉ tiêu', 'Tracked indicator'),
  report: () => tx('Báo cáo', 'Report'),
  province: () => tx('Tỉnh', 'Province'),
  group: () => tx('Nhóm xếp hạng', 'Peer group'),
};

const PARTS: Record<string, () => string> = {
  total: () => tx('tổng', 'total'),
  appraisal: () => tx('thẩm định', 'appraisal'),
  survey: () => tx('điều tra XHH', 'survey'),
  rank: () => tx('xếp hạng', 'rank'),
  of: () => tx('số đơn vị', 'of'),
  score: () => tx('điểm', 'score'),
  percent: () => tx('tỷ lệ', 'percent'),
  classification: () => tx('xếp loại', 'classification'),
  numerator: () => tx('tử số', 'numerator'),
  denominator: () => tx('mẫu số', 'denominator'),
  value: () => tx('giá trị đo', 'measured value'),
  count: () => tx('số lần', 'occurrences'),
  achieved: () => tx('đạt', 'met'),
  grade: () => tx('mức xếp loại', 'grade'),
  items: () => tx('báo cáo phải gửi', 'reports due'),
  answers: () => tx('số phiếu theo phương án', 'answers'),
  note: () => tx('ghi chú', 'note'),
  maxPoints: () => tx('điểm tối đa', 'max points'),
  name: () => tx('tên', 'name'),
  source: () => tx('nguồn điểm', 'source'),
  department: () => tx('cơ quan phụ trách', 'department'),
  rule: () => tx('cách tính', 'rule'),
  kind: () => tx('loại', 'kind'),
  due: () => tx('hạn gửi', 'due'),
  sent: () => tx('ngày gửi', 'sent'),
  criterion: () => tx('tiêu chí', 'criterion'),
  fullName: () => tx('tên đầy đủ', 'full name'),
  level: () => tx('cấp', 'level'),
  type: () => tx('loại đơn vị', 'type'),
  peerGroup: () => tx('nhóm xếp hạng', 'peer group'),
  parentId: () => tx('đơn vị cấp trên', 'parent'),
  validFrom: () => tx('hiệu lực từ ngày', 'valid from'),
  validTo: () => tx('hiệu lực đến ngày', 'valid to'),
  predecessors: () => tx('đơn vị tiền thân', 'predecessors'),
  successors: () => tx('đơn vị kế thừa', 'successors'),
  aliases: () => tx('tên gọi khác', 'other names'),
  'document.issuingBody': () => tx('cơ quan ban hành', 'issuing body'),
  'document.parentBody': () => tx('cơ quan chủ quản', 'parent body'),
  'document.abbreviation': () => tx('ký hiệu văn bản', 'abbreviation'),
  'document.place': () => tx('địa danh', 'place'),
  'document.signerTitle': () => tx('chức danh người ký', 'signer title'),
  seat: () => tx('địa danh', 'seat'),
  body: () => tx('cơ quan của tỉnh', 'body'),
  nameEn: () => tx('tên tiếng Anh', 'English name'),
  // A new framework against the one it replaces, through the crosswalk.
  code: () => tx('đổi mã', 'code changed'),
  split: () => tx('tách thành', 'split into'),
  merged: () => tx('gộp từ', 'merged from'),
  derivedFrom: () => tx('kế thừa bộ tiêu chí', 'derived from'),
  dropped: () => tx('tiêu chí bỏ', 'dropped nodes'),
  id: () => tx('mã bộ tiêu chí', 'framework id'),
  year: () => tx('năm', 'year'),
};

const CODE_PARTS = new Set(['code', 'split', 'merged', 'year']);

/** A value of a change as the reader writes numbers: exact decimals (4.5 → 4,5), JSON texts without their quotes. */
export function shownValue(value: string | undefined, part?: string): string {
  if (value === undefined) return '—';
  // Criterion codes (a crosswalk's renumbered, split or merged nodes) and years are not decimals: 1.7 stays 1.7, 2025 stays 2025.
  if (part && CODE_PARTS.has(part)) return value;
  // A list (a framework's dropped codes): its items, as written.
  if (/^\[.*\]$/.test(value)) {
    try {
      return (JSON.parse(value) as unknown[]).join(', ');
    } catch {}
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) return exact(value);
  if (/^".*"$/.test(value)) {
    try {
      return String(JSON.parse(value));
    } catch {}
  }
  return value;
}

/** Query string of the defined options (the API refuses unknown or empty parameters). */
export function query(options: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export const megabytes = (bytes: number, of: 'limit' | 'size') => formatMegabytes(bytes, { of, locale: currentLocale() });
