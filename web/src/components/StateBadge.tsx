/** The assessment's state as a coloured badge, with the workflow's own labels (src/workflow/states.ts). */
import { STATE_LABELS, TRANSITIONS, type AssessmentState, type Transition } from '../../../src/workflow/states.ts';
import { currentLocale } from '../i18n.ts';

export function StateBadge({ state }: { state: string }) {
  const label = STATE_LABELS[state as AssessmentState]?.[currentLocale()] ?? state;
  return (
    <span class={`badge state-${state}`} data-state={state}>
      {label}
    </span>
  );
}

export const transitionLabel = (name: string) => TRANSITIONS[name as Transition]?.label[currentLocale()] ?? name;
export const needsReason = (name: string) => TRANSITIONS[name as Transition]?.needsReason ?? false;

/** A cycle's phase (the cycles table: assessment | published). */
export function phaseLabel(phase: string): string {
  const vi = currentLocale() === 'vi';
  if (phase === 'published') return vi ? 'Đã công bố' : 'Published';
  if (phase === 'assessment') return vi ? 'Đang đánh giá' : 'Under assessment';
  return phase;
}
