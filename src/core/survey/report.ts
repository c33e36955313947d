/**
 * The survey report's figures: per question and group the distribution of answers, per unit
 * and group the responses achieved against the plan.
 */
import type { Answers, Questionnaire } from './types.ts';

export interface Distribution {
  question: string;
  group: string;
  answered: number;
  /** Option value (or scale point) → count; numbers and texts give only `answered`. */
  counts: Record<string, number>;
}

export function distributions(questionnaire: Questionnaire, responses: Iterable<{ group: string; answers: Answers }>): Distribution[] {
  const table = new Map<string, Distribution>();
  for (const q of questionnaire.questions) {
    for (const group of q.groups) {
      table.set(`${q.id}\u0000${group}`, { question: q.id, group, answered: 0, counts: Object.fromEntries(q.options.map((o) => [o.value, 0])) });
    }
  }
  for (const r of responses) {
    for (const [question, answer] of Object.entries(r.answers)) {
      const row = table.get(`${question}\u0000${r.group}`);
      if (!row) continue;
      row.answered++;
      for (const value of Array.isArray(answer) ? answer : [answer]) {
        const key = String(value);
        if (key in row.counts) row.counts[key]!++;
      }
    }
  }
  return [...table.values()];
}

/** What a survey report lays out (io/survey/report.ts as tables, report/survey.ts as a document). */
export interface SurveyReportInput {
  questionnaire: Questionnaire;
  unitNames: Map<string, string>;
  distributions: Distribution[];
  points: { unit: string; code: string; points: string | null; maxPoints: string; valid: number; explanation: { vi: string } }[];
  sample: { unit: string; group: string; planned: number | null; valid: number; excluded: number }[];
}
