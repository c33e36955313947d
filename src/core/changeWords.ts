/**
 * The words of an import's changes (changes.ts), in both languages, for every place a person
 * reads them: the command line's list, the import screen's table and the downloadable change
 * file. Items and parts are the diff's keys (`score`, `appraisal`, `document.signerTitle`, a
 * tracked period and field `2024-03.numerator`); a key without a word is shown as it is.
 */
import { formatDate, formatNumber } from './format.ts';
import type { ChangeKind } from './changes.ts';
import type { Locale, Message } from './errors.ts';

export const CHANGE_KINDS: Record<ChangeKind, Message> = {
  added: { vi: 'thêm', en: 'added' },
  changed: { vi: 'sửa', en: 'changed' },
  removed: { vi: 'xóa', en: 'removed' },
};

const ITEMS: Record<string, Message> = {
  unit: { vi: 'đơn vị', en: 'unit' },
  score: { vi: 'điểm', en: 'score' },
  indicator: { vi: 'chỉ tiêu', en: 'indicator' },
  deduction: { vi: 'điểm trừ', en: 'deduction' },
  notApplicable: { vi: 'không áp dụng', en: 'not applicable' },
  published: { vi: 'số liệu công bố', en: 'published figure' },
  notes: { vi: 'ghi chú', en: 'notes' },
  illustrative: { vi: 'số liệu minh họa', en: 'illustrative' },
  publication: { vi: 'quyết định công bố', en: 'publication decision' },
  assessedOn: { vi: 'ngày đánh giá', en: 'assessed on' },
  node: { vi: 'tiêu chí', en: 'criterion' },
  framework: { vi: 'bộ tiêu chí', en: 'framework' },
  task: { vi: 'nhiệm vụ', en: 'task' },
  tracking: { vi: 'theo dõi chỉ tiêu', en: 'tracked indicator' },
  report: { vi: 'báo cáo', en: 'report' },
  province: { vi: 'tỉnh', en: 'province' },
  group: { vi: 'nhóm xếp hạng', en: 'peer group' },
};

/** Parts by key; `item.part` first where an item names a part its own way. */
const PARTS: Record<string, Message> = {
  // A score's parts, a published figure's.
  total: { vi: 'tổng', en: 'total' },
  appraisal: { vi: 'thẩm định', en: 'appraisal' },
  survey: { vi: 'điều tra XHH', en: 'survey' },
  rank: { vi: 'xếp hạng', en: 'rank' },
  of: { vi: 'số đơn vị xếp hạng', en: 'units ranked' },
  score: { vi: 'điểm', en: 'score' },
  percent: { vi: 'tỷ lệ %', en: 'percent' },
  classification: { vi: 'xếp loại', en: 'classification' },
  // An indicator's measured values.
  numerator: { vi: 'tử số', en: 'numerator' },
  denominator: { vi: 'mẫu số', en: 'denominator' },
  value: { vi: 'giá trị đo', en: 'measured value' },
  count: { vi: 'số lần', en: 'occurrences' },
  achieved: { vi: 'đạt', en: 'met' },
  grade: { vi: 'mức xếp loại', en: 'grade' },
  items: { vi: 'báo cáo phải gửi', en: 'reports due' },
  answers: { vi: 'số phiếu theo phương án', en: 'answers' },
  note: { vi: 'ghi chú', en: 'note' },
  // A publication decision.
  'publication.decision': { vi: 'số quyết định', en: 'decision number' },
  'publication.date': { vi: 'ngày ban hành', en: 'date' },
  'publication.issuedBy': { vi: 'cơ quan ban hành', en: 'issued by' },
  'publication.title': { vi: 'trích yếu', en: 'title' },
  // A plan's tasks and reports.
  title: { vi: 'tên', en: 'title' },
  department: { vi: 'cơ quan phụ trách', en: 'department' },
  'task.department': { vi: 'cơ quan chủ trì', en: 'lead department' },
  collaborators: { vi: 'cơ quan phối hợp', en: 'collaborators' },
  criteria: { vi: 'tiêu chí', en: 'criteria' },
  deadline: { vi: 'hạn hoàn thành', en: 'deadline' },
  status: { vi: 'trạng thái', en: 'status' },
  progress: { vi: 'tiến độ', en: 'progress' },
  evidence: { vi: 'tài liệu kiểm chứng', en: 'evidence' },
  kind: { vi: 'loại', en: 'kind' },
  criterion: { vi: 'tiêu chí', en: 'criterion' },
  due: { vi: 'hạn gửi', en: 'due' },
  sent: { vi: 'ngày gửi', en: 'sent' },
  // A framework's nodes.
  maxPoints: { vi: 'điểm tối đa', en: 'max points' },
  name: { vi: 'tên', en: 'name' },
  source: { vi: 'nguồn điểm', en: 'source' },
  rule: { vi: 'cách tính', en: 'rule' },
  // A new framework against the one it replaces, through the crosswalk.
  code: { vi: 'đổi mã', en: 'code changed' },
  split: { vi: 'tách thành', en: 'split into' },
  merged: { vi: 'gộp từ', en: 'merged from' },
  derivedFrom: { vi: 'kế thừa bộ tiêu chí', en: 'derived from' },
  dropped: { vi: 'tiêu chí bỏ', en: 'dropped nodes' },
  id: { vi: 'mã bộ tiêu chí', en: 'framework id' },
  year: { vi: 'năm', en: 'year' },
  // A units file: a unit, its document header, its province and peer groups.
  fullName: { vi: 'tên đầy đủ', en: 'full name' },
  level: { vi: 'cấp', en: 'level' },
  type: { vi: 'loại đơn vị', en: 'type' },
  peerGroup: { vi: 'nhóm xếp hạng', en: 'peer group' },
  parentId: { vi: 'đơn vị cấp trên', en: 'parent' },
  validFrom: { vi: 'hiệu lực từ ngày', en: 'valid from' },
  validTo: { vi: 'hiệu lực đến ngày', en: 'valid to' },
  predecessors: { vi: 'đơn vị tiền thân', en: 'predecessors' },
  successors: { vi: 'đơn vị kế thừa', en: 'successors' },
  aliases: { vi: 'tên gọi khác', en: 'other names' },
  'document.issuingBody': { vi: 'cơ quan ban hành', en: 'issuing body' },
  'document.parentBody': { vi: 'cơ quan chủ quản', en: 'parent body' },
  'document.abbreviation': { vi: 'ký hiệu văn bản', en: 'abbreviation' },
  'document.place': { vi: 'địa danh', en: 'place' },
  'document.signerTitle': { vi: 'chức danh người ký', en: 'signer title' },
  seat: { vi: 'địa danh', en: 'seat' },
  body: { vi: 'cơ quan của tỉnh', en: 'body' },
  nameEn: { vi: 'tên tiếng Anh', en: 'English name' },
};

/** Parts whose values are codes or years, not decimals: 1.7 stays 1.7, 2025 stays 2025. */
const CODE_PARTS = new Set(['code', 'split', 'merged', 'year']);

/** What changed (`score`, `indicator` …) in words: «điểm», «score». */
export function changeItemWord(item: string, locale: Locale): string {
  return ITEMS[item]?.[locale] ?? item;
}

/**
 * Which value of the item changed, in words: «thẩm định», «chức danh người ký»; a key that leads
 * with a period or a task's id keeps it («2024-03, tử số», «NV-3, trạng thái»).
 */
export function changePartWords(part: string, locale: Locale, item?: string): string {
  const word = (item && PARTS[`${item}.${part}`]) ?? PARTS[part];
  if (word) return word[locale];
  const dot = part.indexOf('.');
  if (dot < 0) return part;
  return `${part.slice(0, dot)}, ${changePartWords(part.slice(dot + 1), locale, item)}`;
}

/** A change's value as the reader writes it: decimals exact in their style (4,5), dates as dates, lists and texts without JSON's marks. */
export function changeValueText(value: string | undefined, locale: Locale, part?: string): string {
  if (value === undefined) return '—';
  if (part && CODE_PARTS.has(part.slice(part.lastIndexOf('.') + 1))) return value;
  // A list (a framework's dropped codes): its items, as written.
  if (/^\[.*\]$/.test(value)) {
    try {
      return (JSON.parse(value) as unknown[]).join(', ');
    } catch {}
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  // A figure, alone or before its reason (a deduction's «−0.5: lý do»).
  const figure = /^([−-]?)(\d+(?:\.\d+)?)(?=$|:)/.exec(value);
  if (figure) return `${figure[1]}${formatNumber(figure[2]!, { locale })}${value.slice(figure[0].length)}`;
  if (/^".*"$/.test(value)) {
    try {
      return String(JSON.parse(value));
    } catch {}
  }
  return value;
}
