/**
 * A cycle's dates, set by the province: when the units' self-assessments are due, when the
 * appraisal must be done, until when a unit may ask for a re-check, when the results are to be
 * published. Shown to every role and the source of the reminders (`due.ts`).
 */
import { bilingual } from '../validation.ts';
import { z } from 'zod';
import { issue, ParError, type Issue, type Message } from '../errors.ts';
import { parseWith } from '../validation.ts';

export const DEADLINE_KINDS = ['selfAssessmentDue', 'appraisalDue', 'recheckUntil', 'publication'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export type CycleDeadlines = Partial<Record<DeadlineKind, string>>;

export const DEADLINE_LABELS: Record<DeadlineKind, Message> = {
  selfAssessmentDue: { vi: 'Hạn nộp kết quả tự đánh giá', en: 'Self-assessment due' },
  appraisalDue: { vi: 'Hạn hoàn thành thẩm định', en: 'Appraisal due' },
  recheckUntil: { vi: 'Hạn đề nghị phúc tra', en: 'Re-check requests until' },
  publication: { vi: 'Dự kiến công bố kết quả', en: 'Publication planned' },
};

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: bilingual({ vi: 'ngày dạng YYYY-MM-DD', en: 'a date like 2025-03-31' }) })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: bilingual({ vi: 'không có ngày này', en: 'no such date' }),
  });

export const deadlinesSchema = z
  .object(Object.fromEntries(DEADLINE_KINDS.map((k) => [k, date.nullable().optional()])) as Record<DeadlineKind, z.ZodOptional<z.ZodNullable<typeof date>>>)
  .strict();

/**
 * The dates as a province writes them (a date or null to remove one), checked: each in the order
 * the cycle runs (self-assessment, appraisal, re-check, publication) and within the cycle's year
 * or the next one (results of a year are appraised and published the year after).
 */
export function readDeadlines(data: unknown, year: number): CycleDeadlines {
  const issues: Issue[] = [];
  // A date that does not read is said with the others' problems (outside the years, out of order), not alone.
  let raw: z.output<typeof deadlinesSchema>;
  try {
    raw = parseWith(deadlinesSchema, data, { file: 'body' });
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    issues.push(...error.issues);
    const given = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    raw = Object.fromEntries(DEADLINE_KINDS.filter((k) => date.safeParse(given[k]).success).map((k) => [k, given[k] as string]));
  }
  const dates: CycleDeadlines = {};
  for (const kind of DEADLINE_KINDS) if (raw[kind]) dates[kind] = raw[kind]!;
  for (const kind of DEADLINE_KINDS) {
    const at = dates[kind];
    if (at && (Number(at.slice(0, 4)) < year || Number(at.slice(0, 4)) > year + 1)) {
      issues.push(
        issue(
          'cycle.deadlineYear',
          {
            vi: `${DEADLINE_LABELS[kind].vi}: ngày ${at} nằm ngoài năm ${year} và năm ${year + 1}`,
            en: `${DEADLINE_LABELS[kind].en}: ${at} is outside ${year} and ${year + 1}`,
          },
          { field: kind },
        ),
      );
    }
  }
  const set = DEADLINE_KINDS.filter((k) => dates[k]);
  for (let i = 1; i < set.length; i++) {
    const [before, after] = [set[i - 1]!, set[i]!];
    if (dates[after]! < dates[before]!) {
      issues.push(
        issue(
          'cycle.deadlineOrder',
          {
            vi: `${DEADLINE_LABELS[after].vi} (${dates[after]}) phải sau ${DEADLINE_LABELS[before].vi.toLowerCase()} (${dates[before]})`,
            en: `${DEADLINE_LABELS[after].en} (${dates[after]}) must come after ${DEADLINE_LABELS[before].en.toLowerCase()} (${dates[before]})`,
          },
          { field: after },
        ),
      );
    }
  }
  if (issues.length) throw new ParError(issues);
  return dates;
}
