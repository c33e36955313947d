/**
 * Checking a state change of an assessment: is it legal from the current state, and are the
 * rules of the step met (evidence or explanation for every self-score before submitting; a
 * reason for every appraised score below the self score before completing the appraisal).
 */
import { formatPoints, issue, ParError, type Issue, type Points } from '../core/index.ts';
import { STATE_LABELS, TRANSITIONS, type AssessmentState, type Transition } from './states.ts';

/** What the checks need to know about each criterion row of the assessment. */
export interface CriterionRow {
  code: string;
  selfScore?: Points;
  /** Written explanation of how the unit scored itself. */
  explanation?: string;
  evidenceCount: number;
  appraisedScore?: Points;
  /** The appraisal's reason for a score below the self score. */
  appraisalReason?: string;
}

export interface TransitionRequest {
  transition: Transition;
  from: AssessmentState;
  rows: readonly CriterionRow[];
  reason?: string;
  /** Submit: the criteria still missing a self score or a not-applicable mark (core missingSelfAssessment). */
  missing?: readonly { code: string; name: string }[];
}

const blank = (text: string | undefined) => !text?.trim();

/** The state the assessment moves to, or a ParError listing every reason it cannot. */
export function checkTransition(request: TransitionRequest): AssessmentState {
  const rule = TRANSITIONS[request.transition];
  if (!rule.from.includes(request.from)) {
    const allowed = rule.from.map((s) => STATE_LABELS[s]);
    throw new ParError(
      issue(
        'workflow.illegalTransition',
        {
          vi: `Không thể "${rule.label.vi.toLowerCase()}" khi hồ sơ ở trạng thái "${STATE_LABELS[request.from].vi}"; chỉ được khi ở trạng thái ${allowed.map((s) => `"${s.vi}"`).join(' hoặc ')}`,
          en: `Cannot "${rule.label.en.toLowerCase()}" while the assessment is "${STATE_LABELS[request.from].en}"; only when ${allowed.map((s) => `"${s.en}"`).join(' or ')}`,
        },
        { field: 'state' },
      ),
    );
  }
  const issues: Issue[] = [];
  if (rule.needsReason && blank(request.reason)) {
    issues.push(issue('workflow.reasonRequired', { vi: 'Phải ghi lý do', en: 'A reason is required' }, { field: 'reason' }));
  }
  if (request.transition === 'submit') {
    for (const node of request.missing ?? []) {
      issues.push(
        issue(
          'workflow.criterionMissing',
          {
            vi: `Tiêu chí ${node.code} (${node.name}) chưa tự chấm điểm, cũng chưa ghi không áp dụng kèm lý do`,
            en: `Criterion ${node.code} (${node.name}) has neither a self score nor a not-applicable mark with its reason`,
          },
          { node: node.code, field: 'self' },
        ),
      );
    }
    for (const row of request.rows) {
      if (row.selfScore !== undefined && row.evidenceCount === 0 && blank(row.explanation)) {
        issues.push(
          issue(
            'workflow.evidenceRequired',
            {
              vi: `Tiêu chí ${row.code} đã tự chấm ${formatPoints(row.selfScore)} điểm nhưng chưa có tài liệu kiểm chứng hoặc giải trình cách chấm`,
              en: `Criterion ${row.code} is self-scored ${formatPoints(row.selfScore, { locale: 'en' })} but has neither evidence nor a written explanation`,
            },
            { node: row.code, field: 'evidence' },
          ),
        );
      }
    }
  }
  if (request.transition === 'completeAppraisal' || request.transition === 'answerRecheck') {
    for (const row of request.rows) {
      if (row.appraisedScore !== undefined && row.selfScore !== undefined && row.appraisedScore < row.selfScore && blank(row.appraisalReason)) {
        issues.push(
          issue(
            'workflow.deductionReasonRequired',
            {
              vi: `Tiêu chí ${row.code}: điểm thẩm định ${formatPoints(row.appraisedScore)} thấp hơn điểm tự chấm ${formatPoints(row.selfScore)} nên phải ghi lý do trừ điểm`,
              en: `Criterion ${row.code}: the appraised score ${formatPoints(row.appraisedScore, { locale: 'en' })} is below the self score ${formatPoints(row.selfScore, { locale: 'en' })}, so a reason is required`,
            },
            // The field of the score row the reason is written in.
            { node: row.code, field: 'reason' },
          ),
        );
      }
    }
  }
  if (issues.length) throw new ParError(issues);
  return rule.to;
}

/** Transitions that are legal from a state (for showing the right buttons). */
export function transitionsFrom(state: AssessmentState): Transition[] {
  return (Object.keys(TRANSITIONS) as Transition[]).filter((t) => TRANSITIONS[t].from.includes(state));
}
