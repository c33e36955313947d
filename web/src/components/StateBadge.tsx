import { currentLocale } from '../i18n.ts';

const LABELS: Record<string, [string, string]> = {
  draft: ['Đang tự đánh giá', 'Self-assessment'],
  submitted: ['Đã nộp', 'Submitted'],
  underAppraisal: ['Đang thẩm định', 'Under appraisal'],
  appraised: ['Đã thẩm định', 'Appraised'],
  recheckRequested: ['Đề nghị phúc tra', 'Re-check requested'],
  recheckAnswered: ['Đã trả lời phúc tra', 'Re-check answered'],
  published: ['Đã công bố', 'Published'],
};

export function StateBadge({ state }: { state: string }) {
  const label = LABELS[state]?.[currentLocale() === 'vi' ? 0 : 1] ?? state;
  return <span class={`badge state-${state}`} data-state={state}>{label}</span>;
}

export const TRANSITION_LABELS: Record<string, [string, string]> = {
  submit: ['Nộp kết quả tự đánh giá', 'Submit'],
  startAppraisal: ['Bắt đầu thẩm định', 'Start appraisal'],
  returnToUnit: ['Trả lại để giải trình', 'Return for explanation'],
  completeAppraisal: ['Hoàn thành thẩm định', 'Complete appraisal'],
  requestRecheck: ['Đề nghị phúc tra', 'Request re-check'],
  answerRecheck: ['Trả lời phúc tra', 'Answer re-check'],
  publish: ['Công bố', 'Publish'],
  correct: ['Đính chính', 'Correct'],
};
