/**
 * A plan carried over a framework change: a plan written on last year's criteria (the framework
 * of the results it answers) is read against the new year's framework through the crosswalk
 * between the two — a task linked to a renumbered criterion follows it, one linked to a split
 * criterion links its successors, one linked to a dropped criterion keeps the code and is flagged
 * (`planProblems`) for the unit to relink.
 */
import { resultsOf, type Dataset } from '../dataset.ts';
import { resolveCrosswalk } from '../framework/crosswalk.ts';
import type { Framework } from '../framework/types.ts';
import type { Plan } from './plan.ts';
import { planFramework } from './tracking.ts';

/** The framework a plan's codes were written on: that of the results it answers, else that year's for the unit's level. */
export function planSourceFramework(dataset: Dataset, plan: Pick<Plan, 'unitId' | 'basedOn'>): Framework | undefined {
  const found = resultsOf(dataset, plan.unitId, plan.basedOn);
  if (found) return dataset.frameworks.get(found.set.frameworkId);
  const level = dataset.units.get(plan.unitId)?.level;
  return [...dataset.frameworks.values()].find((f) => f.year === plan.basedOn && (level === undefined || f.level === level));
}

/**
 * The codes a plan's code becomes in `framework`: itself when the framework has it, else its
 * successors through the crosswalk (none known: itself, to be flagged).
 */
export function carriedCodes(framework: Framework, source: Framework | undefined, code: string): string[] {
  if (framework.nodes.has(code) || !source || source.id === framework.id) return [code];
  const next = resolveCrosswalk(source, framework).successors.get(code);
  return next?.length ? next : [code];
}

/** The previous framework's code that the new framework dropped, when that is why a plan's code is unknown. */
export function droppedFrom(framework: Framework, source: Framework | undefined, code: string): Framework | undefined {
  if (!source || source.id === framework.id || framework.nodes.has(code) || !source.nodes.has(code)) return undefined;
  return resolveCrosswalk(source, framework).dropped.includes(code) ? source : undefined;
}

/** The plan with every criterion code carried into the framework it is measured by now. */
export function carryPlan(dataset: Dataset, plan: Plan): Plan {
  const framework = planFramework(dataset, plan);
  const source = planSourceFramework(dataset, plan);
  if (!framework || !source || source.id === framework.id) return plan;
  const carry = (code: string) => carriedCodes(framework, source, code);
  const carryOne = (code: string) => {
    const next = carry(code);
    return next.length === 1 ? next[0]! : code;
  };
  return {
    ...plan,
    tasks: plan.tasks.map((task) => (task.criteria ? { ...task, criteria: [...new Set(task.criteria.flatMap(carry))] } : task)),
    // A tracked indicator or a report follows a renumbered criterion; a split one keeps its code (flagged).
    tracking: plan.tracking.map((t) => ({ ...t, criterion: carryOne(t.criterion) })),
    reports: plan.reports.map((r) => (r.criterion === undefined ? r : { ...r, criterion: carryOne(r.criterion) })),
  };
}
