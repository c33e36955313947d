/** The changes an import would make, for the terminal: a count line and one line per value. */
import { countChanges, foldScoreParts, formatDate, formatNumber, type Change, type Locale } from '../core/index.ts';

const WORDS: Record<Locale, Record<string, string>> = {
  vi: {
    added: 'thêm',
    changed: 'sửa',
    removed: 'xóa',
    unit: 'đơn vị',
    score: 'điểm',
    indicator: 'chỉ tiêu',
    deduction: 'điểm trừ',
    published: 'số công bố',
    notes: 'ghi chú',
    illustrative: 'minh họa',
    publication: 'quyết định công bố',
    assessedOn: 'ngày đánh giá',
    node: 'tiêu chí',
    framework: 'bộ tiêu chí',
    task: 'nhiệm vụ',
    report: 'báo cáo',
    tracking: 'theo dõi chỉ tiêu',
  },
  en: {
    added: 'added',
    changed: 'changed',
    removed: 'removed',
    unit: 'unit',
    score: 'score',
    indicator: 'indicator',
    deduction: 'deduction',
    published: 'published',
    notes: 'notes',
    illustrative: 'illustrative',
    publication: 'publication',
    assessedOn: 'assessment date',
    node: 'node',
    framework: 'framework',
    task: 'task',
    report: 'report',
    tracking: 'tracking',
  },
};

// A criterion marked not applicable to the unit (results' notApplicable), with its reason.
WORDS.vi.notApplicable = 'không áp dụng';
WORDS.en.notApplicable = 'not applicable';
// A units file's province data (seat, body) and its peer groups.
Object.assign(WORDS.vi, { province: 'tỉnh', group: 'nhóm' });
Object.assign(WORDS.en, { province: 'province', group: 'group' });

/** A figure of a change («10.75», «−0.5: lý do») in the reader's style: 10,75 and −0,5 in Vietnamese. */
function shown(value: string, locale: Locale): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  return value.replace(/^([−-]?)(\d+(?:\.\d+)?)(?=$|:)/, (_, sign: string, digits: string) => `${sign}${formatNumber(Number(digits), { locale })}`);
}

/** The parts of a value, in Vietnamese (English keeps the field names). */
const PARTS_VI: Record<string, string> = {
  // A unit's document header data (`document.signerTitle`), a province's seat and body, a group's names.
  document: 'văn bản:',
  issuingBody: 'cơ quan ban hành',
  parentBody: 'cơ quan chủ quản',
  abbreviation: 'ký hiệu',
  place: 'địa danh',
  signerTitle: 'chức danh người ký',
  seat: 'địa danh',
  body: 'cơ quan của tỉnh',
  nameEn: 'tên tiếng Anh',
  total: 'tổng',
  appraisal: 'thẩm định',
  survey: 'điều tra XHH',
  rank: 'xếp hạng',
  of: 'số đơn vị xếp hạng',
  classification: 'xếp loại',
  score: 'điểm',
  percent: 'tỷ lệ %',
  numerator: 'tử số',
  denominator: 'mẫu số',
  value: 'giá trị đo',
  count: 'số lần',
  achieved: 'đạt',
  grade: 'mức xếp loại',
  answers: 'số phiếu',
  items: 'báo cáo phải gửi',
  note: 'ghi chú',
  decision: 'số quyết định',
  date: 'ngày',
  issuedBy: 'cơ quan ban hành',
  title: 'trích yếu',
  name: 'tên',
  kind: 'loại',
  criterion: 'tiêu chí',
  due: 'hạn gửi',
  sent: 'ngày gửi',
  // A new framework against the one it replaces, through the crosswalk.
  code: 'đổi mã',
  split: 'tách thành',
  merged: 'gộp từ',
  derivedFrom: 'kế thừa bộ tiêu chí',
  dropped: 'tiêu chí bỏ',
  maxPoints: 'điểm tối đa',
  year: 'năm',
};

/**
 * A score of a single-source criterion changes its total and that part alike: one line, without
 * the part («điểm · 1: 10,75 → 10,8»); a mixed criterion keeps a line per part (foldScoreParts).
 */
export function renderChanges(all: Change[], locale: Locale, limit = 200): string {
  // In the diff's order (a province's first load lists 1,2 million changes) counted on the whole
  // list and folded for the lines shown only: countChanges then counts each change once, as
  // foldScoreParts keeps it. In any other order, the whole list folded.
  const ordered = inDiffOrder(all);
  const changes = foldScoreParts(ordered ? headOf(all, limit) : all);
  const counts = countChanges(ordered ? all : changes);
  const total = ordered ? counts.added + counts.changed + counts.removed : changes.length;
  const w = WORDS[locale];
  const head =
    locale === 'vi'
      ? `Thay đổi: ${counts.added} thêm, ${counts.changed} sửa, ${counts.removed} xóa`
      : `Changes: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
  if (!changes.length) return locale === 'vi' ? 'Không có thay đổi so với dữ liệu đã lưu.' : 'No change against the stored data.';
  const lines = changes.slice(0, limit).map((c) => {
    const part =
      c.part && locale === 'vi'
        ? c.part
            .split('.')
            .map((p) => PARTS_VI[p] ?? p)
            .join(' ')
        : c.part;
    const where = [c.unitId, w[c.item] ?? c.item, c.code, part].filter(Boolean).join(' · ');
    // Criterion codes of a crosswalk line (renumbered, split, merged) stay codes, a year a year: 1.7 and 2025, not 1,7 and 2.025.
    const asCode = (c.item === 'node' && (c.part === 'code' || c.part === 'split' || c.part === 'merged')) || (c.item === 'framework' && c.part === 'year');
    const show = (v: string) => (asCode ? v : shown(v, locale));
    const value = c.change === 'changed' ? `${show(c.before ?? '')} → ${show(c.after ?? '')}` : show((c.change === 'added' ? c.after : c.before) ?? '');
    return `  ${c.change === 'added' ? '+' : c.change === 'removed' ? '−' : '~'} ${where}${value ? `: ${value.length > 120 ? `${value.slice(0, 117)}…` : value}` : ''}`;
  });
  const more =
    total > limit ? [locale === 'vi' ? `  … và ${total - limit} thay đổi khác (--all để xem hết)` : `  … and ${total - limit} more (--all to see them)`] : [];
  return [head, ...lines, ...more].join('\n');
}

/**
 * The changes that fold into at least the first `limit` lines: a score's total and parts come
 * together in the diff's order (core/results/diff.ts, as countChanges reads them), so the list is
 * cut after `limit` × 3 changes, never inside one criterion's score changes.
 */
function headOf(all: Change[], limit: number): Change[] {
  let cut = Math.min(all.length, limit * 3);
  const sameScore = (a: Change, b: Change) => a.item === 'score' && b.item === 'score' && a.unitId === b.unitId && a.code === b.code;
  while (cut > 0 && cut < all.length && sameScore(all[cut - 1]!, all[cut]!)) cut++;
  return cut === all.length ? all : all.slice(0, cut);
}

/**
 * Whether each criterion's score changes (total, appraisal, survey) come together, the total
 * first, each unit's together: the order core/results/diff.ts writes and countChanges reads.
 */
function inDiffOrder(all: Change[]): boolean {
  const doneUnits = new Set<string | undefined>();
  const doneCodes = new Set<string | undefined>();
  let unit: string | undefined;
  let code: string | undefined;
  let inRun = false;
  for (const c of all) {
    if (c.item !== 'score' || (c.part !== 'total' && c.part !== 'appraisal' && c.part !== 'survey')) {
      if (inRun) doneCodes.add(code);
      inRun = false;
      continue;
    }
    if (!inRun || c.unitId !== unit) {
      if (c.unitId !== unit) {
        if (doneUnits.has(c.unitId)) return false;
        if (inRun || unit !== undefined) doneUnits.add(unit);
        doneCodes.clear();
        unit = c.unitId;
      } else if (doneCodes.has(c.code)) return false;
      code = c.code;
      inRun = true;
      continue;
    }
    if (c.code !== code) {
      if (doneCodes.has(c.code)) return false;
      doneCodes.add(code);
      code = c.code;
      continue;
    }
    // A later change of the same criterion: a total after a part is out of order.
    if (c.part === 'total') return false;
  }
  return true;
}
