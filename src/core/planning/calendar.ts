/**
 * The reporting calendar: each mandatory report's status on a given day, and what a late or
 * missing one will cost — the criterion it feeds (1.2.1, 1.2.6) and the points at stake under
 * that criterion's rule (the seed lost 0,5 points for a report sent one day late).
 */
import type { Framework } from '../framework/types.ts';
import type { Points } from '../points.ts';
import type { Plan, ReportDeadline } from './plan.ts';

export type ReportStatus = 'sent' | 'sentLate' | 'upcoming' | 'dueSoon' | 'dueToday' | 'late';

export interface CalendarEntry extends ReportDeadline {
  status: ReportStatus;
  /** Days until due (negative: days late). */
  daysLeft: number;
  /** Points this report costs (late or missing) or will cost if it is late. */
  atStake?: Points;
  criterionName?: string;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export function calendarOf(plan: Plan, framework: Framework | undefined, today: string, warnDays = 7): CalendarEntry[] {
  return [...plan.reports]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((report) => {
      const node = report.criterion ? framework?.nodes.get(report.criterion) : undefined;
      const rule = node?.rule;
      const graceDays = rule?.type === 'deadline' ? rule.graceDays : 0;
      const atStake = rule?.type === 'deadline' ? rule.pointsPerLate : node?.maxPoints;
      const daysLeft = days(today, report.due);
      let status: ReportStatus;
      if (report.sent) status = days(report.due, report.sent) > graceDays ? 'sentLate' : 'sent';
      else if (daysLeft < -graceDays) status = 'late';
      else if (daysLeft <= 0) status = 'dueToday';
      else status = daysLeft <= warnDays ? 'dueSoon' : 'upcoming';
      return { ...report, status, daysLeft, ...(atStake !== undefined && status !== 'sent' && { atStake }), ...(node && { criterionName: node.name }) };
    });
}
