/** Names of the domain's codes (roles, levels, audit actions; rules and sources from the core) for people, in both languages. */
import { RULE_LABELS, SOURCE_LABELS } from '../../src/core/framework/labels.ts';
import { componentShortName } from '../../src/core/framework/words.ts';
import type { NodeSource, RuleType } from '../../src/core/framework/types.ts';
import { currentLocale } from './i18n.ts';

type Pairs = Record<string, readonly [string, string]>;
const pick = (pairs: Pairs, key: string) => pairs[key]?.[currentLocale() === 'vi' ? 0 : 1] ?? key;

const ROLES: Pairs = {
  admin: ['Quản trị (Sở Nội vụ)', 'Administrator'],
  appraiser: ['Thành viên hội đồng thẩm định', 'Appraiser'],
  unitEditor: ['Cán bộ đơn vị (nhập liệu)', 'Unit editor'],
  unitViewer: ['Lãnh đạo, cán bộ đơn vị (xem)', 'Unit viewer'],
};
export const ROLE_NAMES = Object.keys(ROLES);
export const roleLabel = (role: string) => pick(ROLES, role);

// The known levels; any other level (a province's own) is shown by its slug.
const LEVELS: Pairs = {
  province: ['Cấp tỉnh', 'Province'],
  ministry: ['Bộ, ngành Trung ương', 'Ministry'],
  department: ['Sở, ban, ngành', 'Department'],
  district: ['Cấp huyện', 'District'],
  commune: ['Cấp xã', 'Commune'],
};
export const levelLabel = (level: string) => pick(LEVELS, level);

/** A component as a chart's axis and a narrow column name it: "3. TTHC", "1. Công tác chỉ đạo, điều hành CCHC" (the same words as the report's chart). */
export const componentLabel = (code: string, name: string) => `${code}. ${componentShortName(name)}`;

/**
 * One colour per unit, the same in every chart of the app: taken from the unit's id (not its
 * place in a list, which changes with the sort, the year or the group).
 */
const UNIT_COLOURS = ['#1f4e8c', '#c0504d', '#4f8a3c', '#8064a2', '#f79646', '#2c9fa8', '#7f6000', '#d4508f', '#5b6770', '#9bbb59', '#4bacc6', '#b65708'];
export function unitColour(unitId: string): string {
  let hash = 0;
  for (const char of unitId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return UNIT_COLOURS[hash % UNIT_COLOURS.length]!;
}

// Rule and source names are the core's (the plan page shows the same words from the API).
export const ruleLabel = (rule: string) => RULE_LABELS[rule as RuleType]?.[currentLocale()] ?? rule;
export const sourceLabel = (source: string) => SOURCE_LABELS[source as NodeSource]?.[currentLocale()] ?? source;

const ACTIONS: Pairs = {
  'score.write': ['Ghi điểm', 'Score written'],
  'score.correct': ['Đính chính điểm', 'Score corrected'],
  'evidence.upload': ['Tải lên tài liệu kiểm chứng', 'Evidence uploaded'],
  'cycle.open': ['Mở kỳ đánh giá', 'Cycle opened'],
  'publication.publish': ['Công bố kết quả', 'Results published'],
  'publication.correct': ['Đính chính kết quả', 'Results corrected'],
  'import.results': ['Nhập kết quả', 'Results imported'],
  'user.create': ['Tạo người dùng', 'User created'],
  'user.update': ['Sửa người dùng', 'User changed'],
  'explanation.submit': ['Đơn vị giải trình', 'Unit explained'],
  'explanation.answer': ['Trả lời giải trình', 'Explanation answered'],
  'document.link': ['Gắn văn bản kiểm chứng', 'Document linked'],
  'document.upload': ['Lưu văn bản kiểm chứng', 'Document stored'],
  'appraisal.assign': ['Phân công cơ quan thẩm định', 'Agencies assigned'],
  'appraisal.settings': ['Đặt lịch thẩm định, giải trình', 'Appraisal calendar set'],
  'appraisal.closeRound': ['Kết thúc vòng giải trình', 'Explanation round closed'],
  'appraisal.agency': ['Cập nhật cơ quan thẩm định', 'Appraising agency saved'],
  'council.record': ['Ghi biên bản Hội đồng thẩm định', 'Council recorded'],
};
export const actionLabel = (action: string, transition: (name: string) => string) =>
  action.startsWith('assessment.') ? transition(action.slice('assessment.'.length)) : pick(ACTIONS, action);
