/**
 * The core's figures as the JSON the HTTP API and the command line send: one place for every
 * presenter (the analysis and province views are in analysis/, re-exported here; the planning
 * answers are here). Points and derived figures are exact decimal texts ("9.52"); a presenter
 * never rounds for display.
 */
import { resultsOf, type Dataset } from './dataset.ts';
import { calendarOf } from './planning/calendar.ts';
import { carryPlan } from './planning/carry.ts';
import { planProblemMessage, planProblems } from './planning/check.ts';
import { tasksOf, type Plan } from './planning/plan.ts';
import { byDepartment, type RecoverableItem } from './planning/recoverable.ts';
import type { CalendarEntry } from './planning/calendar.ts';
import type { TargetPlan } from './planning/target.ts';
import type { WhatIf } from './planning/whatif.ts';
import type { Framework } from './framework/types.ts';
import { decimalTexts, frameworkDocument, type DecimalTexts } from './framework/document.ts';
import type { FrameworkFile } from './framework/schema.ts';
import type { Questionnaire } from './survey/types.ts';
import type { TrendPoint } from './analysis/province.ts';
import { projectPlan } from './planning/suggest.ts';
import { planFramework, pointsPrecision, trackIndicators } from './planning/tracking.ts';
import { doubleJson, figureJson, pointsJson, subtractFractions } from './fraction.ts';
import { toDecimalString } from './points.ts';
import type { UnitAnalysis } from './analysis/types.ts';

export { analysisToJson, provinceToJson } from './analysis/index.ts';

/** Points as exact decimal text ("9.52"), null when unknown. */
const n = pointsJson;

/** A criterion with lost points: what it is worth, what was scored, the steps to recover them. */
export const recoverableItemJson = (i: RecoverableItem) => ({
  ...i,
  lost: toDecimalString(i.lost),
  score: n(i.score),
  maxPoints: n(i.maxPoints),
  steps: i.steps.map((s) => ({ ...s, points: toDecimalString(s.points), gain: toDecimalString(s.gain) })),
});

/**
 * A unit's total, rank and component scores in a what-if (before or after); after, with each
 * component's change in percentage points from `before`, exact.
 */
export const whatIfSummaryJson = (a: UnitAnalysis, before?: UnitAnalysis) => ({
  total: n(a.total),
  rank: a.rank ?? null,
  of: a.of,
  components: a.components.map((c) => {
    const was = before?.components.find((b) => b.code === c.code)?.percent;
    return {
      code: c.code,
      score: n(c.score),
      percent: figureJson(c.percent),
      ...(before && { deltaPercentagePoints: figureJson(c.percent && was ? subtractFractions(c.percent, was) : undefined) }),
      rank: c.rank ?? null,
    };
  }),
});

/** A unit's action plan with its projection, calendar, tracking and problems, on `day`. */
export function planJson(stored: Plan, version: number, dataset: Dataset, day: string, department?: string) {
  const framework = planFramework(dataset, stored);
  // Tasks follow their criteria through the framework crosswalk (a renumbered criterion); the problems are read on the stored plan.
  const plan = carryPlan(dataset, stored);
  const projection = resultsOf(dataset, plan.unitId, plan.basedOn) ? projectPlan(dataset, plan) : undefined;
  const departments = [...new Set(plan.tasks.flatMap((t) => [t.department, ...(t.collaborators ?? [])]))];
  return {
    unit: plan.unitId,
    year: plan.year,
    basedOn: plan.basedOn,
    /** Decimals to show points with: the precision of the framework the plan's figures are scored on. */
    precision: pointsPrecision(dataset, plan.unitId, plan.basedOn),
    version,
    today: day,
    ...(department && { department }),
    /** Every department named by a task (owner or collaborator): the values `?department=` takes. */
    departments,
    tasks: tasksOf(plan, department, day),
    projection: projection && {
      ...projection,
      current: n(projection.current),
      projected: n(projection.projected),
      recovered: projection.recovered.map((r) => ({ ...r, points: n(r.points) })),
    },
    calendar: calendarOf(plan, framework, day).map((e) => ({ ...e, atStake: n(e.atStake) })),
    tracking: framework
      ? trackIndicators(plan, framework).map((t) => ({
          ...t,
          maxPoints: n(t.maxPoints),
          latest: n(t.latest),
          projected: n(t.projected),
          // The measured ratio (0–1) as decimal text, as every derived figure: the web shows it as a percent exactly.
          series: t.series.map(({ ratio, ...s }) => ({ ...s, points: n(s.points), ...(ratio !== undefined && { ratio: doubleJson(ratio)! }) })),
        }))
      : [],
    /** What no longer fits the framework the plan is measured by (a criterion the new year's framework dropped): to relink. */
    problems: planProblems(dataset, stored).map((found) => ({ field: found.field, node: found.node, message: planProblemMessage(stored, found) })),
  };
}

/** A plan's report deadline as the calendar shows it: the points at stake as decimal text. */
export const calendarEntryJson = (e: CalendarEntry) => ({ ...e, atStake: n(e.atStake) });

/** The points a unit can recover, item by item and by the department in charge, with the precision to show them at. */
export const recoverableJson = (precision: number, items: readonly RecoverableItem[]) => ({
  precision,
  items: items.map(recoverableItemJson),
  departments: byDepartment(items).map((g) => ({ department: g.department, lost: n(g.lost), codes: g.items.map((i) => i.code) })),
});

/** A what-if: the unit before and after the changes, and the points each changed criterion gains. */
export const whatIfJson = (precision: number, result: WhatIf) => ({
  precision,
  before: whatIfSummaryJson(result.before),
  after: whatIfSummaryJson(result.after, result.before),
  gains: result.gains.map((g) => ({ code: g.code, before: n(g.before), after: n(g.after) })),
});

/** What it takes to reach a rank or a score: the points needed and the fewest items that give them. */
export const targetJson = (precision: number, plan: TargetPlan) => ({
  precision,
  ...plan,
  needed: n(plan.needed),
  total: n(plan.total),
  rankingTotal: n(plan.rankingTotal),
  items: plan.items.map(recoverableItemJson),
});

/** A framework in the list of frameworks: its total points as decimal text. */
export const frameworkSummaryJson = (f: Framework) => ({
  id: f.id,
  name: f.name,
  year: f.year,
  level: f.level,
  province: f.province,
  totalPoints: toDecimalString(f.totalPoints),
});

/**
 * A framework as the API sends it: the framework document (the file format's shape) with every
 * maximum, rule point and threshold as exact decimal text ("9.52"), where a file writes numbers.
 */
export const frameworkJson = (f: Framework): DecimalTexts<FrameworkFile> => frameworkDocument(f, decimalTexts) as DecimalTexts<FrameworkFile>;

/**
 * A unit's rank under noise (Monte Carlo): its rank and 90% interval as numbers (ranks), its mean
 * rank and the probability of each rank (a share, 0–1) as decimal text.
 */
export const robustnessJson = <T extends { mean: number; probabilities: readonly number[] | null }>(d: T) => ({
  ...d,
  mean: doubleJson(d.mean)!,
  probabilities: d.probabilities?.map((p) => doubleJson(p)!),
});

/** A unit's results over the years (followed back through its lineage): totals as decimal text. */
export const trendJson = (points: readonly TrendPoint[]) => points.map((p) => ({ ...p, total: n(p.total) }));

/** A cycle's survey as the province designs and runs it: the questionnaire as written, its groups and criteria (maxima as decimal text). */
export const surveyJson = (survey: {
  cycleId: string;
  state: 'design' | 'open' | 'closed';
  version: number;
  questionnaireVersion: number;
  document: unknown;
  questionnaire: Questionnaire;
}) => ({
  cycle: survey.cycleId,
  state: survey.state,
  version: survey.version,
  questionnaireVersion: survey.questionnaireVersion,
  document: survey.document,
  groups: survey.questionnaire.groups.map((g) => ({ id: g.id, name: g.name })),
  criteria: survey.questionnaire.criteria.map((c) => ({
    code: c.code,
    node: c.node,
    name: c.name,
    maxPoints: toDecimalString(c.maxPoints),
    illustrative: c.illustrative,
  })),
});
