/**
 * Which reminders and notices are due on a day, from stored dates and events only (no clock, no
 * I/O): a cycle's deadlines approaching (7 days, 1 day) and missed, a plan's reports due in 7 days,
 * in 1 day and overdue (with the criterion and the points at stake), tasks overdue for their
 * department, and what happened to a unit's file (returned for explanation, re-check answered)
 * or to a cycle (published). Each notice has a key that names it once and for all — the stage,
 * the date it is about, the unit — so that whoever stores them never sends one twice.
 */
import type { Message } from '../errors.ts';
import { formatDate } from '../format.ts';
import type { Framework } from '../framework/types.ts';
import { calendarOf } from '../planning/calendar.ts';
import type { Plan } from '../planning/plan.ts';
import { DEADLINE_LABELS, type CycleDeadlines, type DeadlineKind } from './deadlines.ts';

export const NOTICE_KINDS = ['cycleDeadline', 'reportDue', 'taskOverdue', 'returned', 'recheckAnswered', 'published'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_LABELS: Record<NoticeKind, Message> = {
  cycleDeadline: { vi: 'Hạn của kỳ đánh giá sắp đến, đã qua', en: 'Cycle deadlines approaching or missed' },
  reportDue: { vi: 'Báo cáo sắp đến hạn, quá hạn', en: 'Reports due or overdue' },
  taskOverdue: { vi: 'Nhiệm vụ quá hạn', en: 'Tasks overdue' },
  returned: { vi: 'Hồ sơ bị trả lại để giải trình', en: 'File returned for explanation' },
  recheckAnswered: { vi: 'Đề nghị phúc tra đã được trả lời', en: 'Re-check answered' },
  published: { vi: 'Kết quả được công bố', en: 'Results published' },
};

/** Who a notice is for: the users of these roles (of this unit, when one is named). */
export interface Audience {
  roles: ('admin' | 'appraiser' | 'unitEditor' | 'unitViewer')[];
  unitId?: string;
}

export interface Notice {
  /** Names the notice once and for all: stored once per person. */
  key: string;
  kind: NoticeKind;
  audience: Audience;
  message: Message;
  /** The screen it is about (an app address). */
  link: string;
}

export interface ReminderCycle {
  id: string;
  year: number;
  phase: string;
  deadlines: CycleDeadlines;
  units: { unit: string; name: string; state: string }[];
}

/** An entry of the audit trail that may concern people (a transition, a publication). */
export interface TrailEvent {
  sequence: number;
  action: string;
  subject: string;
  reason?: string | null;
  after?: unknown;
}

export interface ReminderInput {
  /** YYYY-MM-DD, in the province's time zone. */
  today: string;
  cycles: ReminderCycle[];
  plans: { plan: Plan; unitName: string; framework?: Framework }[];
  events: TrailEvent[];
  /** Units' names, for the events. */
  unitNames: Map<string, string>;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

type Stage = '7d' | '1d' | 'late';
/** The reminder stage a date is in today: a week before, the day before or the day itself, and once it has passed. */
function stageOf(today: string, due: string): Stage | undefined {
  const left = daysBetween(today, due);
  if (left < 0) return 'late';
  if (left <= 1) return '1d';
  if (left <= 7) return '7d';
  return undefined;
}

const UNIT_USERS: Audience['roles'] = ['unitEditor', 'unitViewer'];

function when(today: string, due: string): Message {
  const left = daysBetween(today, due);
  const [vi, en] = [formatDate(due), formatDate(due, 'en')];
  if (left < 0) return { vi: `đã quá hạn ${-left} ngày (hạn ${vi})`, en: `is ${-left} day(s) overdue (due ${en})` };
  if (left === 0) return { vi: `đến hạn hôm nay, ${vi}`, en: `is due today, ${en}` };
  if (left === 1) return { vi: `đến hạn ngày mai, ${vi}`, en: `is due tomorrow, ${en}` };
  return { vi: `đến hạn ngày ${vi} (còn ${left} ngày)`, en: `is due on ${en} (${left} days left)` };
}

/** Which units a deadline still concerns, and who is told: the units not yet past that step. */
const CONCERNS: Record<DeadlineKind, { states: string[]; roles: Audience['roles']; perUnit: boolean }> = {
  selfAssessmentDue: { states: ['draft'], roles: UNIT_USERS, perUnit: true },
  appraisalDue: { states: ['submitted', 'underAppraisal'], roles: ['appraiser', 'admin'], perUnit: false },
  recheckUntil: { states: ['appraised'], roles: UNIT_USERS, perUnit: true },
  publication: { states: ['draft', 'submitted', 'underAppraisal', 'appraised', 'recheckRequested', 'recheckAnswered'], roles: ['admin'], perUnit: false },
};

function cycleNotices(cycle: ReminderCycle, today: string): Notice[] {
  if (cycle.phase === 'published') return [];
  const notices: Notice[] = [];
  for (const [kind, due] of Object.entries(cycle.deadlines) as [DeadlineKind, string][]) {
    const stage = stageOf(today, due);
    if (!stage) continue;
    const concern = CONCERNS[kind];
    const units = cycle.units.filter((u) => concern.states.includes(u.state));
    if (!units.length) continue;
    const label = DEADLINE_LABELS[kind];
    const phrase = when(today, due);
    if (concern.perUnit) {
      for (const u of units) {
        notices.push({
          key: `cycle:${cycle.id}:${kind}:${due}:${stage}:${u.unit}`,
          kind: 'cycleDeadline',
          audience: { roles: concern.roles, unitId: u.unit },
          message: {
            vi: `${label.vi} của ${u.name}, kỳ đánh giá năm ${cycle.year}, ${phrase.vi}.`,
            en: `${label.en} of ${u.name}, ${cycle.year} cycle, ${phrase.en}.`,
          },
          link: `#/assess/${cycle.id}/${u.unit}`,
        });
      }
    } else {
      notices.push({
        key: `cycle:${cycle.id}:${kind}:${due}:${stage}`,
        kind: 'cycleDeadline',
        audience: { roles: concern.roles },
        message: {
          vi: `${label.vi}, kỳ đánh giá năm ${cycle.year}, ${phrase.vi}: còn ${units.length} đơn vị chưa xong.`,
          en: `${label.en}, ${cycle.year} cycle, ${phrase.en}: ${units.length} unit(s) not done.`,
        },
        link: '#/',
      });
    }
  }
  return notices;
}

function planNotices({ plan, unitName, framework }: ReminderInput['plans'][number], today: string): Notice[] {
  const notices: Notice[] = [];
  const link = `#/plan/${plan.unitId}?year=${plan.year}`;
  for (const entry of calendarOf(plan, framework, today)) {
    if (entry.sent) continue;
    const stage = stageOf(today, entry.due);
    if (!stage) continue;
    notices.push({
      key: `report:${plan.unitId}:${plan.year}:${entry.id}:${entry.due}:${stage}`,
      kind: 'reportDue',
      audience: { roles: UNIT_USERS, unitId: plan.unitId },
      message: { vi: `${unitName}: báo cáo «${entry.name}» — ${entry.message.vi}.`, en: `${unitName}: report “${entry.name}” — ${entry.message.en}.` },
      link,
    });
  }
  for (const task of plan.tasks) {
    if (!task.deadline || task.status === 'done' || task.status === 'cancelled' || task.deadline >= today) continue;
    notices.push({
      key: `task:${plan.unitId}:${plan.year}:${task.id}:${task.deadline}`,
      kind: 'taskOverdue',
      audience: { roles: UNIT_USERS, unitId: plan.unitId },
      message: {
        vi: `${unitName}: nhiệm vụ «${task.title}» (chủ trì: ${task.department}) quá hạn từ ${formatDate(task.deadline)}, chưa hoàn thành.`,
        en: `${unitName}: task “${task.title}” (lead: ${task.department}) overdue since ${formatDate(task.deadline, 'en')}, not done.`,
      },
      link,
    });
  }
  return notices;
}

/** The notices an audit entry gives: a file returned or a re-check answered (the unit's users), a publication (everyone). */
function eventNotices(event: TrailEvent, unitNames: Map<string, string>): Notice[] {
  const unitFile = /^cycle\/([^/]+)\/unit\/([^/]+)$/.exec(event.subject);
  const reason = event.reason ? `: ${event.reason}` : '';
  if (unitFile && (event.action === 'assessment.returnToUnit' || event.action === 'assessment.answerRecheck')) {
    const [, cycleId, unitId] = unitFile as unknown as [string, string, string];
    const name = unitNames.get(unitId) ?? unitId;
    const returned = event.action === 'assessment.returnToUnit';
    return [
      {
        key: `audit:${event.sequence}`,
        kind: returned ? 'returned' : 'recheckAnswered',
        audience: { roles: UNIT_USERS, unitId },
        message: returned
          ? { vi: `Hồ sơ của ${name} được trả lại để giải trình, bổ sung${reason}.`, en: `The file of ${name} was returned for explanation${reason}.` }
          : { vi: `Đề nghị phúc tra của ${name} đã được trả lời${reason}.`, en: `The re-check requested by ${name} was answered${reason}.` },
        link: `#/assess/${cycleId}/${unitId}`,
      },
    ];
  }
  const cycle = /^cycle\/([^/]+)$/.exec(event.subject);
  if (cycle && (event.action === 'publication.publish' || event.action === 'publication.correct')) {
    const after = (event.after ?? {}) as { decision?: string; date?: string | null; imported?: boolean };
    if (after.imported) return [];
    const decision = after.decision ? ` theo Quyết định ${after.decision}${after.date ? ` ngày ${formatDate(after.date)}` : ''}` : '';
    const decisionEn = after.decision ? ` under decision ${after.decision}${after.date ? ` of ${formatDate(after.date, 'en')}` : ''}` : '';
    const correction = event.action === 'publication.correct';
    return [
      {
        key: `audit:${event.sequence}`,
        kind: 'published',
        audience: { roles: ['admin', 'appraiser', 'unitEditor', 'unitViewer'] },
        message: {
          vi: `Kết quả kỳ đánh giá ${cycle[1]} đã được ${correction ? 'đính chính' : 'công bố'}${decision}.`,
          en: `The results of cycle ${cycle[1]} were ${correction ? 'corrected' : 'published'}${decisionEn}.`,
        },
        link: '#/province',
      },
    ];
  }
  return [];
}

export function remindersDue(input: ReminderInput): Notice[] {
  return [
    ...input.cycles.flatMap((c) => cycleNotices(c, input.today)),
    ...input.plans.flatMap((p) => planNotices(p, input.today)),
    ...input.events.flatMap((e) => eventNotices(e, input.unitNames)),
  ];
}
