/**
 * The survey as the province watches and reports it: per unit and group the plan against the
 * valid and excluded responses (by channel), the flags with where each stands, and the report's
 * figures (distributions of the valid answers, the stored points, the sample). Read here once for
 * the monitoring screen, the report route and the CLI.
 */
import { distributions, flagResponses, samplePlan, type Distribution, type Flag } from '../core/survey/index.ts';
import { cycleUnits, type CycleUnit } from './cycles.ts';
import type { Queryable } from './database.ts';
import { quotaInputs, type SurveyRecord } from './survey.ts';
import { storedPoints, type StoredPoints } from './surveyPoints.ts';
import { currentResponses, type StoredResponse } from './surveyResponses.ts';

type Counts = { valid: number; excluded: number; online: number; paper: number; file: number };

export async function surveyMonitor(q: Queryable, survey: SurveyRecord) {
  const units = await cycleUnits(q, survey.cycleId);
  const responses = await currentResponses(q, survey.cycleId);
  const plan = samplePlan(
    survey.questionnaire,
    units.map((u) => u.unit),
    await quotaInputs(q, survey.cycleId),
  );
  const counts = new Map<string, Counts>();
  for (const r of responses) {
    const key = `${r.unit}/${r.group}`;
    const c = counts.get(key) ?? { valid: 0, excluded: 0, online: 0, paper: 0, file: 0 };
    if (r.decision?.decision === 'exclude') c.excluded++;
    else c.valid++;
    c[r.channel]++;
    counts.set(key, c);
  }
  const flags = flagResponses(survey.questionnaire, responses);
  const byId = new Map(responses.map((r) => [r.id, r]));
  return {
    units,
    responses,
    flags,
    quotas: plan.map((p) => ({
      ...p,
      name: units.find((u) => u.unit === p.unit)?.name ?? p.unit,
      ...(counts.get(`${p.unit}/${p.group}`) ?? { valid: 0, excluded: 0, online: 0, paper: 0, file: 0 }),
    })),
    flagRows: flags.map((f) => flagRow(f, byId)),
  };
}

function flagRow(flag: Flag, byId: Map<number, StoredResponse>) {
  const decisions = flag.responses.map((id) => byId.get(id)?.decision);
  const decided = decisions.every((d) => d !== undefined);
  const same = decided && decisions.every((d) => d!.decision === decisions[0]!.decision);
  return {
    ...flag,
    status: !decided ? ('pending' as const) : same ? decisions[0]!.decision : ('mixed' as const),
    ...(decided && { reason: decisions[0]!.reason }),
  };
}

export interface SurveyReportFigures {
  units: CycleUnit[];
  distributions: Distribution[];
  points: StoredPoints[];
  sample: { unit: string; group: string; planned: number | null; valid: number; excluded: number }[];
}

/** The report's figures: from the valid (not excluded) answers, the points last computed, the sample against the plan. */
export async function surveyReportFigures(q: Queryable, survey: SurveyRecord): Promise<SurveyReportFigures> {
  const m = await surveyMonitor(q, survey);
  const valid = m.responses.filter((r) => r.decision?.decision !== 'exclude');
  return {
    units: m.units,
    distributions: distributions(survey.questionnaire, valid),
    points: await storedPoints(q, survey.cycleId),
    sample: m.quotas.map((p) => ({ unit: p.unit, group: p.group, planned: p.planned, valid: p.valid, excluded: p.excluded })),
  };
}
