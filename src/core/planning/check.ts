/**
 * A plan read against the framework it is measured by: the criteria its tasks, tracked values
 * and reports name exist, and each period's values fit the criterion's rule (numerator ≤
 * denominator, a grade the rule knows …). Every problem at once, at its field in the document.
 */
import { ParError, issue, type Issue, type Message } from '../errors.ts';
import { formatDate } from '../format.ts';
import type { Dataset } from '../dataset.ts';
import type { Framework } from '../framework/types.ts';
import type { Plan } from './plan.ts';
import { checkTrackedValue, planFramework } from './tracking.ts';
import { carryPlan, droppedFrom, planSourceFramework } from './carry.ts';

/**
 * A plan against the framework it is measured by now (see planFramework): checked when a plan
 * is written, and shown with a stored plan. A plan written on last year's criteria can name
 * codes the new year's framework no longer has: the unit is told, and relinks its tasks.
 */
export function planProblems(dataset: Dataset, plan: Plan, file?: string): Issue[] {
  const framework = planFramework(dataset, plan);
  if (!framework) return [];
  // Read through the crosswalk from the framework the plan was written on: a renumbered criterion is followed, a dropped one said.
  const source = planSourceFramework(dataset, plan);
  return checkPlan(carryPlan(dataset, plan), framework, file).map((found) => {
    const dropped = found.code === 'plan.unknownCriterion' && found.node ? droppedFrom(framework, source, found.node) : undefined;
    if (!dropped) return found;
    // The same code as any unknown criterion (what to do is the same: relink), the reason in words.
    return {
      ...found,
      message: {
        vi: `${found.message.vi} (đã bỏ so với bộ tiêu chí ${dropped.id}): gắn lại với tiêu chí khác hoặc bỏ liên kết`,
        en: `${found.message.en} (dropped since framework ${dropped.id}): link another criterion or unlink it`,
      },
    };
  });
}

/** A plan problem as its reader names the place: the task, tracked indicator or report it is in. */
export function planProblemMessage(plan: Plan, found: Issue): Message {
  const [, part, index] = /^(tasks|tracking|reports)\.(\d+)/.exec(found.field ?? '') ?? [];
  const i = Number(index);
  const where =
    part === 'tasks' && plan.tasks[i]
      ? { vi: `Nhiệm vụ «${plan.tasks[i].title}»`, en: `Task "${plan.tasks[i].title}"` }
      : part === 'tracking' && plan.tracking[i]
        ? { vi: `Theo dõi chỉ tiêu ${plan.tracking[i].criterion}`, en: `Tracked indicator ${plan.tracking[i].criterion}` }
        : part === 'reports' && plan.reports[i]
          ? { vi: `Báo cáo «${plan.reports[i].name}»`, en: `Report "${plan.reports[i].name}"` }
          : undefined;
  return where ? { vi: `${where.vi}: ${found.message.vi}`, en: `${where.en}: ${found.message.en}` } : found.message;
}

export function checkPlan(plan: Plan, framework: Framework, file?: string): Issue[] {
  const issues: Issue[] = [];
  const unknown = (code: string, field: string) => {
    if (framework.nodes.has(code)) return false;
    issues.push(
      issue(
        'plan.unknownCriterion',
        { vi: `bộ tiêu chí ${framework.id} không có tiêu chí ${code}`, en: `framework ${framework.id} has no criterion ${code}` },
        { file, field, node: code },
      ),
    );
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

/**
 * Dates a plan cannot hold yet: a report sent, or a progress note written, after `today` (the
 * caller's clock; the core has none). 01/01/2099 as a sent date is a typing error, not a plan.
 */
export function futurePlanDates(plan: Plan, today: string, file?: string): Issue[] {
  const issues: Issue[] = [];
  const future = (date: string, what: Message, field: string) =>
    issues.push(
      issue(
        'plan.futureDate',
        {
          vi: `${what.vi} ${formatDate(date)} là ngày trong tương lai (hôm nay là ${formatDate(today)})`,
          en: `${what.en} ${formatDate(date, 'en')} is in the future (today is ${formatDate(today, 'en')})`,
        },
        { file, field },
      ),
    );
  plan.reports.forEach((r, i) => {
    if (r.sent && r.sent > today) future(r.sent, { vi: `ngày gửi báo cáo «${r.name}»`, en: `the sent date of report "${r.name}"` }, `reports.${i}.sent`);
  });
  plan.tasks.forEach((task, i) =>
    task.progress?.forEach((p, j) => {
      if (p.date > today)
        future(
          p.date,
          { vi: `ngày ghi tiến độ của nhiệm vụ «${task.title}»`, en: `the progress note date of task "${task.title}"` },
          `tasks.${i}.progress.${j}.date`,
        );
    }),
  );
  return issues;
}
