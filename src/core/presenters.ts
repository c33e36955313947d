/**
 * The core's figures as the JSON the HTTP API and the command line send: one place for every
 * presenter (the analysis and province views are in analysis/, re-exported here; the planning
 * answers are here). Points and derived figures are exact decimal texts ("9.52"); a presenter
 * never rounds for display.
 */
import type { Dataset } from './dataset.ts';
import { calendarOf } from './planning/calendar.ts';
import { carryPlan } from './planning/carry.ts';
import { planProblemMessage, planProblems } from './planning/check.ts';
import { tasksOf, type Plan } from './planning/plan.ts';
import type { RecoverableItem } from './planning/recoverable.ts';
import { projectPlan } from './planning/suggest.ts';
import { planFramework, pointsPrecision, trackIndicators } from './planning/tracking.ts';
import { figureJson, pointsJson, subtractFractions } from './fraction.ts';
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
  const projection = dataset.results.some((s) => s.year === plan.basedOn && s.units.some((u) => u.unitId === plan.unitId))
    ? projectPlan(dataset, plan)
    : undefined;
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
          series: t.series.map((s) => ({ ...s, points: n(s.points) })),
        }))
      : [],
    /** What no longer fits the framework the plan is measured by (a criterion the new year's framework dropped): to relink. */
    problems: planProblems(dataset, stored).map((found) => ({ field: found.field, node: found.node, message: planProblemMessage(stored, found) })),
  };
}
