/**
 * Names of a node's source of points and of its scoring rule as people say them, in both
 * languages. Free of packages, so the browser app imports them instead of keeping copies.
 */
import type { Message } from '../errors.ts';
import type { NodeSource, RuleType } from './types.ts';

export const SOURCE_LABELS: Record<NodeSource, Message> = {
  appraisal: { vi: 'thẩm định', en: 'appraisal' },
  survey: { vi: 'điều tra xã hội học', en: 'survey' },
  mixed: { vi: 'hỗn hợp (cả thẩm định và điều tra xã hội học)', en: 'mixed (appraisal and survey)' },
};

export const RULE_LABELS: Record<RuleType | 'unknown', Message> = {
  ratio: { vi: 'tỷ lệ', en: 'ratio' },
  bands: { vi: 'theo mức đạt', en: 'bands' },
  perOccurrence: { vi: 'trừ theo số lần vi phạm', en: 'per occurrence' },
  deadline: { vi: 'đúng hạn', en: 'deadline' },
  boolean: { vi: 'đạt / không đạt', en: 'met or not' },
  grades: { vi: 'theo mức xếp loại', en: 'grades' },
  surveyAnswers: { vi: 'điều tra xã hội học', en: 'survey answers' },
  manual: { vi: 'chấm thủ công', en: 'manual' },
  unknown: { vi: 'chưa có quy tắc', en: 'no rule' },
};
