/**
 * The words of the sheets, in one place for both directions: exporters write `label`,
 * importers recognise the label and its common variants (compared without diacritics, case
 * or punctuation, as whole leading words: "Điểm tối đa (điểm)" is "Điểm tối đa").
 */
import { ParError, issue } from '../../core/index.ts';
import { headerKey, startsWithPhrase } from './cells.ts';

export interface Term<K extends string = string> {
  key: K;
  label: string;
  aliases?: string[];
}

const keysOf = (term: Term) => [headerKey(term.label), ...(term.aliases ?? []).map(headerKey)];

/** The term whose label or alias is the longest leading phrase of the text. */
export function matchTerm<T extends Term>(terms: readonly T[], text: string, exact = false): T | undefined {
  const key = headerKey(text);
  let best: T | undefined;
  let length = -1;
  for (const term of terms) {
    for (const candidate of keysOf(term)) {
      const hit = exact ? key === candidate : startsWithPhrase(key, candidate);
      if (hit && candidate.length > length) {
        best = term;
        length = candidate.length;
      }
    }
  }
  return best;
}

export function termLabel<K extends string>(terms: readonly Term<K>[], key: K): string {
  return terms.find((t) => t.key === key)!.label;
}

/** Reads a value of a closed list ("Thẩm định", "điều tra xhh", "survey"), or throws naming the choices. */
export function readChoice<K extends string>(terms: readonly Term<K>[], text: string): K {
  const term = matchTerm(terms, text, true);
  if (term) return term.key;
  const choices = terms.map((t) => `«${t.label}»`).join(', ');
  throw new ParError(issue('import.choice', { vi: `«${text}» không phải một trong: ${choices}`, en: `"${text}" is not one of: ${choices}` }));
}

// Sheets ---------------------------------------------------------------------------------

export type SheetRole = 'info' | 'results' | 'survey' | 'indicators' | 'deadlines' | 'deductions' | 'framework' | 'ranking' | 'summary';

export const SHEETS: Term<SheetRole>[] = [
  { key: 'info', label: 'Thông tin', aliases: ['info', 'metadata'] },
  { key: 'results', label: 'Kết quả', aliases: ['bang diem', 'diem', 'results', 'tong hop diem', 'ket qua chi so'] },
  { key: 'survey', label: 'Điều tra XHH', aliases: ['dieu tra', 'xhh', 'survey', 'diem dieu tra'] },
  { key: 'indicators', label: 'Chỉ tiêu', aliases: ['indicators'] },
  { key: 'deadlines', label: 'Hạn báo cáo', aliases: ['bao cao', 'deadlines'] },
  { key: 'deductions', label: 'Điểm trừ', aliases: ['tru diem', 'deductions'] },
  { key: 'framework', label: 'Bộ tiêu chí', aliases: ['tieu chi', 'framework', 'criteria'] },
  { key: 'ranking', label: 'Xếp hạng', aliases: ['ranking'] },
  { key: 'summary', label: 'Tổng hợp (tính toán)', aliases: ['tong hop', 'summary'] },
];

// Columns shared by the unit tables ------------------------------------------------------

export const UNIT_COLUMNS = [
  { key: 'stt', label: 'STT', aliases: ['tt', 'so thu tu'] },
  { key: 'unitId', label: 'Mã đơn vị', aliases: ['unit id'] },
  {
    key: 'unit',
    label: 'Đơn vị',
    aliases: ['ten don vi', 'don vi duoc danh gia', 'co quan don vi', 'co quan', 'ten co quan', 'dia phuong', 'huyen thanh pho', 'so ban nganh', 'unit'],
  },
  { key: 'illustrative', label: 'Minh họa', aliases: ['so lieu minh hoa', 'illustrative'] },
  { key: 'notes', label: 'Ghi chú', aliases: ['notes', 'note'] },
  { key: 'notApplicableReason', label: 'Lý do không áp dụng', aliases: ['ly do kad', 'not applicable reason', 'reason not applicable'] },
] as const satisfies Term[];

/**
 * A score cell that says the criterion does not apply to the unit: «Không áp dụng», «KAD»,
 * optionally with its reason («Không áp dụng: Sở không có thủ tục thuộc lĩnh vực này»).
 */
export const NOT_APPLICABLE = { label: 'Không áp dụng', short: 'KAD' } as const;
const NOT_APPLICABLE_CELL = /^\s*(?:KAD|K\.A\.D\.?|Không áp dụng|Khong ap dung|N\/?A|not applicable)\s*(?:[:\-–—(]\s*(.*?)\)?)?\s*$/iu;

/** The reason of a «Không áp dụng» cell ('' when it gives none), or undefined when the cell says something else. */
export function notApplicableIn(text: string): string | undefined {
  const match = NOT_APPLICABLE_CELL.exec(text.normalize('NFC'));
  return match ? (match[1] ?? '').trim() : undefined;
}

/** A score cell for a criterion that does not apply, as the export writes it (and the import reads it back). */
export const notApplicableCell = (reason: string) => `${NOT_APPLICABLE.label}: ${reason}`;

export const CODE_COLUMN = { key: 'code', label: 'Mã tiêu chí', aliases: ['ma', 'ma so', 'tieu chi', 'code', 'criterion'] } as const satisfies Term;
export const CRITERION_NAME_COLUMN = { key: 'criterionName', label: 'Tên tiêu chí', aliases: ['noi dung'] } as const satisfies Term;

/** Words of the results table's header outside the criterion columns. */
export const RESULT_WORDS = {
  published: 'Công bố (theo quyết định)',
  total: 'Tổng điểm',
  appraisal: 'Điểm thẩm định',
  survey: 'Điểm điều tra XHH',
  rank: 'Xếp hạng',
  of: 'Số đơn vị xếp hạng',
  classification: 'Xếp loại',
  partTotal: 'Tổng',
  partAppraisal: 'Thẩm định',
  partSurvey: 'Điều tra XHH',
  componentScores: 'Điểm chỉ số thành phần (công bố)',
  componentPercents: 'Tỷ lệ % chỉ số thành phần (công bố)',
  componentRanks: 'Xếp hạng chỉ số thành phần (công bố)',
  max: 'Điểm tối đa',
} as const;

export const INDICATOR_COLUMNS = [
  ...UNIT_COLUMNS.filter((c) => c.key === 'unitId' || c.key === 'unit'),
  CODE_COLUMN,
  CRITERION_NAME_COLUMN,
  { key: 'numerator', label: 'Tử số', aliases: ['numerator'] },
  { key: 'denominator', label: 'Mẫu số', aliases: ['denominator'] },
  { key: 'value', label: 'Giá trị đo (%)', aliases: ['gia tri', 'ty le', 'ti le', 'phan tram', 'value'] },
  { key: 'count', label: 'Số lần', aliases: ['so truong hop', 'so luong', 'count'] },
  { key: 'achieved', label: 'Đạt (Có/Không)', aliases: ['dat', 'achieved'] },
  { key: 'grade', label: 'Mức xếp loại', aliases: ['muc', 'grade'] },
  { key: 'answers', label: 'Số phiếu theo phương án', aliases: ['so phieu', 'phuong an', 'answers'] },
  { key: 'note', label: 'Ghi chú', aliases: ['thuyet minh', 'note'] },
] as const satisfies Term[];

export const DEADLINE_COLUMNS = [
  ...UNIT_COLUMNS.filter((c) => c.key === 'unitId' || c.key === 'unit'),
  CODE_COLUMN,
  CRITERION_NAME_COLUMN,
  { key: 'name', label: 'Báo cáo phải gửi', aliases: ['bao cao', 'ten bao cao', 'van ban', 'name'] },
  { key: 'due', label: 'Hạn gửi', aliases: ['han', 'thoi han', 'due'] },
  { key: 'sent', label: 'Ngày gửi', aliases: ['ngay nhan', 'ngay nop', 'sent'] },
] as const satisfies Term[];

export const DEDUCTION_COLUMNS = [
  ...UNIT_COLUMNS.filter((c) => c.key === 'unitId' || c.key === 'unit'),
  CODE_COLUMN,
  CRITERION_NAME_COLUMN,
  { key: 'points', label: 'Điểm trừ', aliases: ['so diem tru', 'diem bi tru', 'tru', 'points'] },
  { key: 'reason', label: 'Lý do', aliases: ['ly do tru diem', 'nguyen nhan', 'reason'] },
  { key: 'docNumber', label: 'Số văn bản', aliases: ['so hieu van ban', 'so hieu', 'document'] },
  { key: 'docTitle', label: 'Trích yếu văn bản', aliases: ['trich yeu', 'ten van ban'] },
  { key: 'docDate', label: 'Ngày văn bản', aliases: ['ngay ban hanh'] },
  { key: 'docIssuer', label: 'Cơ quan ban hành', aliases: ['noi ban hanh', 'issuer'] },
  { key: 'note', label: 'Ghi chú', aliases: ['note'] },
] as const satisfies Term[];

export const FRAMEWORK_COLUMNS = [
  { key: 'code', label: 'Mã', aliases: ['ma tieu chi', 'ma so', 'code'] },
  { key: 'stt', label: 'STT', aliases: ['tt'] },
  { key: 'name', label: 'Tên chỉ số, tiêu chí', aliases: ['ten', 'ten tieu chi', 'noi dung', 'tieu chi', 'chi so tieu chi', 'linh vuc tieu chi', 'name'] },
  { key: 'maxPoints', label: 'Điểm tối đa', aliases: ['toi da', 'diem chuan', 'thang diem', 'max points'] },
  { key: 'source', label: 'Nguồn điểm', aliases: ['nguon', 'source'] },
  { key: 'kind', label: 'Loại', aliases: ['kind'] },
  { key: 'cap', label: 'Mức trần', aliases: ['tran', 'cap'] },
  { key: 'department', label: 'Cơ quan chủ trì', aliases: ['don vi chu tri', 'chu tri', 'department'] },
  { key: 'incomplete', label: 'Chưa đủ tiêu chí con', aliases: ['chua du', 'incomplete'] },
  { key: 'rule', label: 'Quy tắc chấm', aliases: ['quy tac', 'cach cham', 'phuong phap cham', 'rule'] },
  { key: 'levels', label: 'Các mức', aliases: ['muc diem', 'levels'] },
  { key: 'target', label: 'Mục tiêu (%)', aliases: ['muc tieu', 'target'] },
  { key: 'zeroDenominator', label: 'Khi mẫu số bằng 0', aliases: ['mau so bang 0', 'zero denominator'] },
  { key: 'measure', label: 'Thước đo', aliases: ['measure'] },
  { key: 'pointsEach', label: 'Điểm trừ mỗi lần', aliases: ['moi lan', 'points each'] },
  { key: 'floor', label: 'Điểm sàn', aliases: ['san', 'floor'] },
  { key: 'falsePoints', label: 'Điểm khi không đạt', aliases: ['khi khong dat'] },
  { key: 'graceDays', label: 'Số ngày ân hạn', aliases: ['an han', 'grace days'] },
  { key: 'assumption', label: 'Giả định', aliases: ['assumption'] },
  { key: 'note', label: 'Ghi chú', aliases: ['note'] },
  // Crosswalk (a framework with «Kế thừa bộ tiêu chí»): the node's code(s) in that framework, or «mới».
  { key: 'from', label: 'Mã trong bộ tiêu chí trước', aliases: ['ma nam truoc', 'ma trong bo truoc', 'ma cu', 'from'] },
] as const satisfies Term[];

// Key/value rows of the "Thông tin" sheet --------------------------------------------------

export const KIND_FIELD = { key: 'kind', label: 'Loại dữ liệu', aliases: ['kind'] } as const satisfies Term;

export const RESULTS_INFO = [
  KIND_FIELD,
  { key: 'year', label: 'Năm đánh giá', aliases: ['nam', 'year'] },
  { key: 'framework', label: 'Mã bộ tiêu chí', aliases: ['bo tieu chi', 'framework'] },
  { key: 'frameworkName', label: 'Tên bộ tiêu chí' },
  // The day the results were assessed: reports never sent by then count as late.
  { key: 'assessedOn', label: 'Ngày đánh giá', aliases: ['ngay tham dinh', 'assessed on'] },
  { key: 'decision', label: 'Quyết định công bố', aliases: ['so quyet dinh', 'quyet dinh', 'decision'] },
  { key: 'date', label: 'Ngày công bố', aliases: ['ngay quyet dinh', 'ngay ban hanh', 'date'] },
  { key: 'issuedBy', label: 'Cơ quan ban hành', aliases: ['issued by'] },
  { key: 'title', label: 'Trích yếu', aliases: ['title'] },
  // Written by the server when it publishes (sequence:hash): kept so that a file read back changes nothing.
  { key: 'auditHead', label: 'Nhật ký thay đổi đến mục', aliases: ['audit head'] },
  { key: 'illustrative', label: 'Số liệu minh họa', aliases: ['minh hoa', 'illustrative'] },
  { key: 'notes', label: 'Ghi chú', aliases: ['notes'] },
] as const satisfies Term[];

export const FRAMEWORK_INFO = [
  KIND_FIELD,
  { key: 'id', label: 'Mã bộ tiêu chí', aliases: ['id'] },
  { key: 'name', label: 'Tên bộ tiêu chí', aliases: ['ten', 'name'] },
  { key: 'province', label: 'Tỉnh', aliases: ['tinh thanh pho', 'province'] },
  { key: 'level', label: 'Cấp đơn vị', aliases: ['cap', 'level'] },
  { key: 'year', label: 'Năm đánh giá', aliases: ['nam', 'year'] },
  { key: 'decision', label: 'Quyết định ban hành', aliases: ['so quyet dinh', 'quyet dinh'] },
  { key: 'decisionDate', label: 'Ngày ban hành', aliases: ['ngay quyet dinh'] },
  { key: 'issuedBy', label: 'Cơ quan ban hành', aliases: ['issued by'] },
  { key: 'indexName', label: 'Tên chỉ số', aliases: ['ten chi so', 'index name'] },
  { key: 'indexShortName', label: 'Tên viết tắt của chỉ số', aliases: ['ten viet tat', 'short name'] },
  { key: 'indexNameEn', label: 'Tên chỉ số (tiếng Anh)', aliases: ['index name en'] },
  { key: 'indexShortNameEn', label: 'Tên viết tắt (tiếng Anh)', aliases: ['short name en'] },
  { key: 'levelSingular', label: 'Gọi một đơn vị là', aliases: ['danh tu don vi', 'unit noun'] },
  { key: 'levelPlural', label: 'Gọi các đơn vị là', aliases: ['danh tu cac don vi', 'units noun'] },
  { key: 'levelSingularEn', label: 'Gọi một đơn vị là (tiếng Anh)', aliases: ['unit noun en'] },
  { key: 'levelPluralEn', label: 'Gọi các đơn vị là (tiếng Anh)', aliases: ['units noun en'] },
  { key: 'totalPoints', label: 'Tổng điểm', aliases: ['total points'] },
  { key: 'precision', label: 'Số chữ số thập phân khi hiển thị', aliases: ['so chu so thap phan', 'precision'] },
  { key: 'tieRule', label: 'Cách xếp đồng hạng', aliases: ['xep dong hang', 'dong hang', 'tie rule'] },
  { key: 'rankBy', label: 'Xếp hạng theo', aliases: ['xep hang theo', 'rank by'] },
  { key: 'withoutSurvey', label: 'Khi không có điều tra XHH', aliases: ['khong co dieu tra', 'without survey'] },
  { key: 'splitAppraisal', label: 'Điểm thẩm định tối đa' },
  { key: 'splitSurvey', label: 'Điểm điều tra XHH tối đa', aliases: ['diem dieu tra toi da'] },
  { key: 'classification', label: 'Xếp loại', aliases: ['classification'] },
  { key: 'pointsRounding', label: 'Làm tròn điểm theo quy tắc', aliases: ['lam tron', 'rounding'] },
  { key: 'derivedFrom', label: 'Kế thừa bộ tiêu chí', aliases: ['ke thua', 'bo tieu chi truoc', 'derived from'] },
  { key: 'dropped', label: 'Tiêu chí bỏ so với bộ trước', aliases: ['tieu chi bo', 'dropped'] },
  { key: 'notes', label: 'Ghi chú', aliases: ['notes'] },
] as const satisfies Term[];

// Values of closed lists -----------------------------------------------------------------

export const DOCUMENT_KINDS: Term<'framework' | 'results' | 'survey' | 'indicators'>[] = [
  { key: 'framework', label: 'Bộ tiêu chí', aliases: ['framework'] },
  { key: 'results', label: 'Kết quả', aliases: ['results'] },
  { key: 'survey', label: 'Điều tra XHH', aliases: ['survey', 'dieu tra'] },
  { key: 'indicators', label: 'Chỉ tiêu', aliases: ['indicators'] },
];

/** A ranking's peer group as a column and a heading. */
export const GROUP_WORDS = { id: 'Mã nhóm', name: 'Nhóm xếp hạng' } as const;

/** The known levels with their words; any other lower-case slug is a level too (`readLevel`). */
export const LEVELS: Term<string>[] = [
  { key: 'province', label: 'Cấp tỉnh', aliases: ['province', 'tinh', 'cap tinh'] },
  { key: 'ministry', label: 'Bộ, ngành Trung ương', aliases: ['ministry', 'bo', 'bo nganh'] },
  { key: 'department', label: 'Sở, ban, ngành', aliases: ['department', 'cap so', 'so'] },
  { key: 'district', label: 'Cấp huyện', aliases: ['huyen', 'district', 'huyen thanh pho'] },
  { key: 'commune', label: 'Cấp xã', aliases: ['xa', 'commune', 'xa phuong thi tran'] },
];

/** A level as written in a sheet: a known level's words ("Cấp xã", "commune"), or the level's own slug. */
export function readLevel(text: string): string {
  const term = matchTerm(LEVELS, text, true);
  if (term) return term.key;
  if (/^[a-z][a-z0-9-]*$/.test(text)) return text;
  const choices = LEVELS.map((t) => `«${t.label}»`).join(', ');
  throw new ParError(
    issue('import.level', {
      vi: `«${text}» không phải một cấp: ${choices} hoặc một mã cấp chữ thường không dấu`,
      en: `"${text}" is not a level: ${choices} or a lower-case level slug`,
    }),
  );
}

/** A level's words for a sheet: the known level's label, else its slug. */
export const levelLabel = (level: string): string => LEVELS.find((t) => t.key === level)?.label ?? level;

export const SOURCES: Term<'appraisal' | 'survey' | 'mixed'>[] = [
  { key: 'appraisal', label: 'Thẩm định', aliases: ['appraisal', 'danh gia'] },
  { key: 'survey', label: 'Điều tra XHH', aliases: ['dieu tra', 'xhh', 'survey'] },
  { key: 'mixed', label: 'Hỗn hợp', aliases: ['ca hai', 'mixed'] },
];

export const NODE_KINDS: Term<'regular' | 'bonus' | 'penalty'>[] = [
  { key: 'regular', label: 'Thường', aliases: ['binh thuong', 'regular'] },
  { key: 'bonus', label: 'Điểm thưởng', aliases: ['cong diem', 'bonus'] },
  { key: 'penalty', label: 'Điểm trừ', aliases: ['tru diem', 'penalty'] },
];

export const RULE_TYPES: Term<'manual' | 'boolean' | 'ratio' | 'bands' | 'perOccurrence' | 'deadline' | 'grades' | 'surveyAnswers'>[] = [
  { key: 'manual', label: 'Chấm thủ công', aliases: ['thu cong', 'manual'] },
  { key: 'boolean', label: 'Đạt/không đạt', aliases: ['boolean'] },
  { key: 'ratio', label: 'Tỷ lệ', aliases: ['ti le', 'ratio'] },
  { key: 'bands', label: 'Theo mức', aliases: ['muc', 'bands'] },
  { key: 'perOccurrence', label: 'Trừ theo số lần', aliases: ['theo so lan', 'per occurrence', 'peroccurrence'] },
  { key: 'deadline', label: 'Đúng hạn', aliases: ['thoi han', 'deadline'] },
  { key: 'grades', label: 'Xếp loại', aliases: ['grades'] },
  { key: 'surveyAnswers', label: 'Phương án trả lời', aliases: ['survey answers', 'surveyanswers'] },
];

export const ZERO_DENOMINATOR: Term<'full' | 'zero'>[] = [
  { key: 'full', label: 'Đủ điểm', aliases: ['full'] },
  { key: 'zero', label: 'Không điểm', aliases: ['0 diem', 'zero'] },
];

export const MEASURES: Term<'percent' | 'value'>[] = [
  { key: 'percent', label: 'Phần trăm', aliases: ['ty le', 'percent'] },
  { key: 'value', label: 'Giá trị', aliases: ['value'] },
];

export const TIE_RULES: Term<'competition' | 'dense'>[] = [
  { key: 'competition', label: '1, 1, 3', aliases: ['competition'] },
  { key: 'dense', label: '1, 1, 2', aliases: ['dense'] },
];

export const RANK_BY: Term<'points' | 'percent'>[] = [
  { key: 'points', label: 'Điểm', aliases: ['points', 'tong diem'] },
  { key: 'percent', label: 'Tỷ lệ % trên điểm tối đa áp dụng', aliases: ['percent', 'ty le', 'phan tram', '%'] },
];

export const ROUNDING: Term<'halfUp' | 'halfEven' | 'truncate'>[] = [
  { key: 'halfUp', label: 'Làm tròn', aliases: ['half up', 'halfup'] },
  { key: 'halfEven', label: 'Làm tròn chẵn', aliases: ['half even', 'halfeven'] },
  { key: 'truncate', label: 'Cắt bớt', aliases: ['truncate'] },
];

/** Units rows that are not units: the table's total or average line. */
export const SUMMARY_ROWS = ['tong cong', 'tong so', 'cong', 'trung binh', 'binh quan', 'diem trung binh', 'total', 'average'];

// The action plan (kind: plan) -----------------------------------------------------------
// «Nhiệm vụ» is read with the labels of export/plan.ts; «Theo dõi chỉ tiêu» (one row per
// criterion and period) and «Lịch báo cáo» (one row per report) with these.

export const PLAN_SHEETS: Term<'tasks' | 'tracking' | 'reports'>[] = [
  { key: 'tasks', label: 'Nhiệm vụ', aliases: ['nhiem vu giai phap', 'ke hoach nhiem vu', 'tasks'] },
  { key: 'tracking', label: 'Theo dõi chỉ tiêu', aliases: ['chuoi chi tieu', 'so lieu theo ky', 'theo doi', 'tracking'] },
  { key: 'reports', label: 'Lịch báo cáo', aliases: ['bao cao dinh ky', 'che do bao cao', 'reports'] },
];

const indicatorColumn = (key: 'numerator' | 'denominator' | 'value' | 'count' | 'achieved' | 'grade' | 'answers' | 'note') =>
  INDICATOR_COLUMNS.find((c) => c.key === key)!;

export const TRACKING_COLUMNS = [
  CODE_COLUMN,
  CRITERION_NAME_COLUMN,
  { key: 'period', label: 'Kỳ (tháng hoặc quý)', aliases: ['ky', 'ky bao cao', 'thoi ky', 'thang', 'quy', 'period'] },
  ...(['numerator', 'denominator', 'value', 'count', 'achieved', 'grade', 'answers'] as const).map(indicatorColumn),
  // A deadline criterion's reports of the period, one per line: «Báo cáo quý I: hạn 15/03/2024, gửi 14/03/2024».
  { key: 'items', label: 'Báo cáo (tên: hạn, ngày gửi)', aliases: ['bao cao theo han', 'han bao cao', 'items'] },
  indicatorColumn('note'),
] as const satisfies Term[];

export const PLAN_REPORT_COLUMNS = [
  { key: 'id', label: 'Mã báo cáo', aliases: ['ma'] },
  { key: 'name', label: 'Báo cáo', aliases: ['ten bao cao', 'bao cao phai gui', 'name'] },
  { key: 'kind', label: 'Loại báo cáo', aliases: ['loai', 'kind'] },
  { key: 'criterion', label: 'Tiêu chí', aliases: ['ma tieu chi', 'tieu chi lien quan', 'criterion'] },
  { key: 'due', label: 'Hạn gửi', aliases: ['han', 'thoi han', 'due'] },
  { key: 'sent', label: 'Ngày gửi', aliases: ['ngay nhan', 'ngay nop', 'sent'] },
] as const satisfies Term[];

// The units of a province (kind: units) -------------------------------------------------
// One row per unit, with its lineage; written by the units export and template, read by the
// units import (units the file leaves out are kept; an end date ends a unit).

export const UNITS_SHEET: Term<'units'> = { key: 'units', label: 'Đơn vị', aliases: ['danh sach don vi', 'don vi danh gia', 'units'] };

export const UNITS_INFO = [
  KIND_FIELD,
  { key: 'province', label: 'Mã tỉnh', aliases: ['province id', 'province'] },
  { key: 'provinceName', label: 'Tên tỉnh', aliases: ['province name'] },
  // The province's seat ("…, ngày …" on its units' documents) and its body (parent of departments' headers).
  { key: 'seat', label: 'Địa danh', aliases: ['dia danh tren van ban', 'noi ban hanh', 'seat'] },
  { key: 'body', label: 'Cơ quan của tỉnh', aliases: ['co quan cap tinh', 'co quan chu quan cua cac so', 'body'] },
] as const satisfies Term[];

/** The «Nhóm» sheet of the units workbook: the province's peer groups, one per row. */
export const GROUPS_SHEET: Term<'groups'> = { key: 'groups', label: 'Nhóm', aliases: ['nhom xep hang', 'nhom don vi', 'khoi', 'groups'] };

export const GROUP_COLUMNS = [
  { key: 'stt', label: 'STT', aliases: ['tt', 'so thu tu'] },
  { key: 'id', label: 'Mã nhóm', aliases: ['ma', 'group id', 'id'] },
  { key: 'name', label: 'Tên nhóm', aliases: ['ten', 'nhom', 'khoi', 'name'] },
  { key: 'nameEn', label: 'Tên nhóm (tiếng Anh)', aliases: ['ten tieng anh', 'english name', 'name en', 'nameen'] },
] as const satisfies Term[];

export type GroupColumn = (typeof GROUP_COLUMNS)[number]['key'];

/** A «Cơ quan chủ quản» cell that says the unit has none (a company): written «(không có)». */
export const NO_PARENT_BODY_CELL = '(không có)';
const NO_PARENT_BODY_WORDS = new Set(['khong co', 'khong', 'none', 'null']);
export const isNoParentBody = (text: string) => NO_PARENT_BODY_WORDS.has(headerKey(text)) || /^[-–—]$/.test(text.trim());

export const UNIT_LIST_COLUMNS = [
  { key: 'stt', label: 'STT', aliases: ['tt', 'so thu tu'] },
  { key: 'id', label: 'Mã đơn vị', aliases: ['ma', 'unit id', 'id'] },
  { key: 'name', label: 'Tên đơn vị', aliases: ['ten', 'ten ngan', 'don vi', 'name'] },
  { key: 'fullName', label: 'Tên đầy đủ', aliases: ['ten co quan', 'ten chinh thuc', 'full name', 'fullname'] },
  { key: 'level', label: 'Cấp', aliases: ['cap don vi', 'level'] },
  { key: 'type', label: 'Loại đơn vị', aliases: ['loai', 'type'] },
  { key: 'peerGroup', label: 'Nhóm xếp hạng', aliases: ['nhom', 'khoi', 'peer group', 'peergroup', 'group'] },
  { key: 'parent', label: 'Đơn vị cấp trên', aliases: ['cap tren', 'parent'] },
  { key: 'validFrom', label: 'Hiệu lực từ ngày', aliases: ['tu ngay', 'ngay hieu luc', 'valid from', 'validfrom'] },
  { key: 'validTo', label: 'Hiệu lực đến ngày', aliases: ['den ngay', 'ngay het hieu luc', 'het hieu luc', 'valid to', 'validto'] },
  { key: 'predecessors', label: 'Đơn vị tiền thân', aliases: ['tien than', 'predecessors'] },
  { key: 'successors', label: 'Đơn vị kế thừa', aliases: ['ke thua', 'successors'] },
  { key: 'aliases', label: 'Tên gọi khác', aliases: ['ten khac', 'aliases'] },
  // Who issues and signs the unit's documents (its `document`): header, number, place, signature.
  { key: 'issuingBody', label: 'Cơ quan ban hành', aliases: ['co quan ban hanh van ban', 'issuing body', 'issuingbody'] },
  { key: 'parentBody', label: 'Cơ quan chủ quản', aliases: ['co quan cap tren', 'parent body', 'parentbody'] },
  { key: 'abbreviation', label: 'Ký hiệu (Số: …/BC-…)', aliases: ['ky hieu', 'ky hieu van ban', 'abbreviation'] },
  { key: 'place', label: 'Địa danh', aliases: ['dia danh tren van ban', 'place'] },
  { key: 'signerTitle', label: 'Chức danh người ký', aliases: ['chuc danh', 'nguoi ky', 'signer title', 'signertitle'] },
  { key: 'note', label: 'Ghi chú', aliases: ['notes', 'note'] },
] as const satisfies Term[];

export type UnitListColumn = (typeof UNIT_LIST_COLUMNS)[number]['key'];
