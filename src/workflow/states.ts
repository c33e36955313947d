/**
 * The assessment of one unit in one cycle moves through these states. The province opens the
 * cycle; the unit self-assesses (draft) and submits (its scores lock); the appraisal council
 * appraises, may return it for explanation, and completes; the unit may ask for a re-check;
 * the council answers; the province publishes (results frozen as a snapshot). A correction
 * after publication is a new published version with its own decision, never a silent edit.
 */
import type { Message } from '../core/index.ts';

export const STATES = ['draft', 'submitted', 'underAppraisal', 'appraised', 'recheckRequested', 'recheckAnswered', 'published'] as const;
export type AssessmentState = (typeof STATES)[number];

export const STATE_LABELS: Record<AssessmentState, Message> = {
  draft: { vi: 'Đang tự đánh giá', en: 'Self-assessment' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  underAppraisal: { vi: 'Đang thẩm định', en: 'Under appraisal' },
  appraised: { vi: 'Đã thẩm định', en: 'Appraised' },
  recheckRequested: { vi: 'Đề nghị phúc tra', en: 'Re-check requested' },
  recheckAnswered: { vi: 'Đã trả lời phúc tra', en: 'Re-check answered' },
  published: { vi: 'Đã công bố', en: 'Published' },
};

export type Transition = 'submit' | 'startAppraisal' | 'returnToUnit' | 'completeAppraisal' | 'requestRecheck' | 'answerRecheck' | 'publish' | 'correct';

export interface TransitionRule {
  from: readonly AssessmentState[];
  to: AssessmentState;
  label: Message;
  /** The transition needs a written reason (returning a unit's file, asking for a re-check, correcting). */
  needsReason: boolean;
}

export const TRANSITIONS: Record<Transition, TransitionRule> = {
  submit: { from: ['draft'], to: 'submitted', label: { vi: 'Nộp kết quả tự đánh giá', en: 'Submit the self-assessment' }, needsReason: false },
  startAppraisal: { from: ['submitted'], to: 'underAppraisal', label: { vi: 'Bắt đầu thẩm định', en: 'Start the appraisal' }, needsReason: false },
  returnToUnit: {
    from: ['submitted', 'underAppraisal'],
    to: 'draft',
    label: { vi: 'Trả lại để giải trình, bổ sung', en: 'Return for explanation' },
    needsReason: true,
  },
  completeAppraisal: { from: ['underAppraisal'], to: 'appraised', label: { vi: 'Hoàn thành thẩm định', en: 'Complete the appraisal' }, needsReason: false },
  requestRecheck: { from: ['appraised'], to: 'recheckRequested', label: { vi: 'Đề nghị phúc tra', en: 'Request a re-check' }, needsReason: true },
  answerRecheck: { from: ['recheckRequested'], to: 'recheckAnswered', label: { vi: 'Trả lời phúc tra', en: 'Answer the re-check' }, needsReason: true },
  publish: { from: ['appraised', 'recheckAnswered'], to: 'published', label: { vi: 'Công bố kết quả', en: 'Publish the results' }, needsReason: false },
  correct: { from: ['published'], to: 'published', label: { vi: 'Đính chính kết quả đã công bố', en: 'Correct published results' }, needsReason: true },
};

/** States in which the unit may still change its self-assessment. */
export const EDITABLE_BY_UNIT: readonly AssessmentState[] = ['draft'];
/** States in which the appraisal council may change appraised scores. */
export const EDITABLE_BY_APPRAISER: readonly AssessmentState[] = ['underAppraisal', 'recheckRequested'];
