/**
 * The reporting calendar: each mandatory report's status on a given day, and what a late or
 * missing one will cost — the criterion it feeds (1.2.1, 1.2.6) and the points at stake under
 * that criterion's rule (the seed lost 0,5 points for a report sent one day late).
 */
import type { Message } from '../errors.ts';
import { countInEnglish, formatDate, formatPoints, formatPointsInEnglish } from '../format.ts';
import type { Framework } from '../framework/types.ts';
import type { Points } from '../points.ts';
import type { Plan, ReportDeadline } from './plan.ts';

export type ReportStatus = 'sent' | 'sentLate' | 'upcoming' | 'dueSoon' | 'dueToday' | 'late';

export const REPORT_STATUS_LABELS: Record<ReportStatus, Message> = {
  sent: { vi: 'Đã gửi đúng hạn', en: 'Sent on time' },
  sentLate: { vi: 'Gửi trễ hạn', en: 'Sent late' },
  upcoming: { vi: 'Chưa đến hạn', en: 'Upcoming' },
  dueSoon: { vi: 'Sắp đến hạn', en: 'Due soon' },
  dueToday: { vi: 'Đến hạn', en: 'Due' },
  late: { vi: 'Quá hạn, chưa gửi', en: 'Late, not sent' },
};

export interface CalendarEntry extends ReportDeadline {
  status: ReportStatus;
  /** Days until due (negative: days late). */
  daysLeft: number;
  /** Points this report costs (late or missing) or will cost if it is late. */
  atStake?: Points;
  criterionName?: string;
  /** The status and what is at stake in words ("Còn 5 ngày; gửi trễ sẽ bị trừ 0,5 điểm ở tiêu chí 1.2.1"). */
  message: Message;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

function describe(status: ReportStatus, daysLeft: number, report: ReportDeadline, atStake: Points | undefined): Message {
  if (atStake === 0 && report.criterion !== undefined && status !== 'sent') {
    const head = describe(status, daysLeft, report, undefined);
    return {
      vi: `${head.vi} (tiêu chí ${report.criterion} đã mất hết điểm vì báo cáo trễ trước đó)`,
      en: `${head.en} (criterion ${report.criterion} has already lost all its points to earlier late reports)`,
    };
  }
  const cost = atStake !== undefined && report.criterion !== undefined;
  const vi = cost ? `${formatPoints(atStake!)} điểm ở tiêu chí ${report.criterion}` : '';
  const en = cost ? `${formatPointsInEnglish(atStake!)} on criterion ${report.criterion}` : '';
  switch (status) {
    case 'sent':
      return { vi: `Đã gửi ngày ${formatDate(report.sent!)}`, en: `Sent on ${formatDate(report.sent!, 'en')}` };
    case 'sentLate': {
      const late = days(report.due, report.sent!);
      return {
        vi: `Gửi ngày ${formatDate(report.sent!)}, trễ ${late} ngày${cost ? `: bị trừ ${vi}` : ''}`,
        en: `Sent on ${formatDate(report.sent!, 'en')}, ${countInEnglish(late, 'day')} late${cost ? `: costs ${en}` : ''}`,
      };
    }
    case 'late':
      return {
        vi: `Quá hạn ${-daysLeft} ngày, chưa gửi${cost ? `: bị trừ ${vi}` : ''}`,
        en: `${countInEnglish(-daysLeft, 'day')} overdue, not sent${cost ? `: costs ${en}` : ''}`,
      };
    case 'dueToday':
      if (daysLeft < 0)
        return {
          vi: `Qua hạn ${-daysLeft} ngày, còn trong số ngày cho phép${cost ? `; gửi ngay để không bị trừ ${vi}` : ''}`,
          en: `${countInEnglish(-daysLeft, 'day')} past due, within the grace days${cost ? `; send now to avoid losing ${en}` : ''}`,
        };
      return { vi: `Đến hạn hôm nay${cost ? `; gửi trễ sẽ bị trừ ${vi}` : ''}`, en: `Due today${cost ? `; late costs ${en}` : ''}` };
    default:
      return {
        vi: `Còn ${daysLeft} ngày${cost ? `; gửi trễ sẽ bị trừ ${vi}` : ''}`,
        en: `${countInEnglish(daysLeft, 'day')} left${cost ? `; late costs ${en}` : ''}`,
      };
  }
}

/** The plan's reports on `today` (YYYY-MM-DD; no clock in the core), by due date; `warnDays` before the due date a report is "due soon". */
export function calendarOf(plan: Plan, framework: Framework | undefined, today: string, warnDays = 7): CalendarEntry[] {
  // Points a criterion has already lost to earlier late reports: a deadline rule cannot take more than the criterion's maximum.
  const lostSoFar = new Map<string, Points>();
  return [...plan.reports]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((report) => {
      const node = report.criterion ? framework?.nodes.get(report.criterion) : undefined;
      const rule = node?.rule;
      const graceDays = rule?.type === 'deadline' ? rule.graceDays : 0;
      const daysLeft = days(today, report.due);
      let status: ReportStatus;
      if (report.sent) status = days(report.due, report.sent) > graceDays ? 'sentLate' : 'sent';
      else if (daysLeft < -graceDays) status = 'late';
      else if (daysLeft <= 0) status = 'dueToday';
      else status = daysLeft <= warnDays ? 'dueSoon' : 'upcoming';
      // A deadline rule says what one late report costs; otherwise the whole criterion is at stake.
      const perLate = rule?.type === 'deadline' ? rule.pointsPerLate : node?.maxPoints;
      let atStake: Points | undefined;
      if (perLate !== undefined && status !== 'sent') {
        const left = node?.maxPoints === undefined ? perLate : ((node.maxPoints - (lostSoFar.get(node.code) ?? 0)) as Points);
        atStake = Math.max(0, Math.min(perLate, left)) as Points;
        if ((status === 'sentLate' || status === 'late') && node) lostSoFar.set(node.code, ((lostSoFar.get(node.code) ?? 0) + atStake) as Points);
      }
      return {
        ...report,
        status,
        daysLeft,
        ...(atStake !== undefined && { atStake }),
        ...(node && { criterionName: node.name }),
        message: describe(status, daysLeft, report, atStake),
      };
    });
}
