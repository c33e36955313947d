/**
 * A plan read against the framework it is measured by: the criteria its tasks, tracked values
 * and reports name exist, and each period's values fit the criterion's rule (numerator ≤
 * denominator, a grade the rule knows …). Every problem at once, at its field in the document.
 */
import { ParError, issue, type Issue } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import type { Plan } from './plan.ts';
import { checkTrackedValue } from './tracking.ts';

export function checkPlan(plan: Plan, framework: Framework, file?: string): Issue[] {
  const issues: Issue[] = [];
  const unknown = (code: string, field: string) => {
    if (framework.nodes.has(code)) return false;
    issues.push(issue('plan.unknownCriterion', { vi: `bộ tiêu chí ${framework.id} không có tiêu chí ${code}`, en: `framework ${framework.id} has no criterion ${code}` }, { file, field, node: code }));
    return true;
  };
  plan.tasks.forEach((task, i) => task.criteria?.forEach((code, k) => unknown(code, `tasks.${i}.criteria.${k}`)));
  plan.tracking.forEach((tracked, i) => {
    if (unknown(tracked.criterion, `tracking.${i}.criterion`)) return;
    tracked.values.forEach(({ period: _period, ...values }, j) => {
      try {
        checkTrackedValue(framework, tracked.criterion, values);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        issues.push(...error.issues.map((found) => ({ ...found, file, field: `tracking.${i}.values.${j}${found.field ? `.${found.field}` : ''}` })));
      }
    });
  });
  plan.reports.forEach((report, i) => {
    if (report.criterion !== undefined) unknown(report.criterion, `reports.${i}.criterion`);
  });
  return issues;
}
