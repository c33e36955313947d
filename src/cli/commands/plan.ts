import {
  byDepartment,
  calendarOf,
  countInEnglish,
  formatDate,
  formatPoints,
  planFramework,
  planOf,
  planProblemMessage,
  planProblems,
  pointsPrecision,
  projectPlan,
  recoverablePoints,
  REPORT_STATUS_LABELS,
  resolveUnit,
  suggestTasks,
  TASK_STATUS_LABELS,
  tasksOf,
  pointsJson,
  trackIndicators,
  type Locale,
  type Points,
} from '../../core/index.ts';
import { recoverableItemJson } from '../../core/presenters.ts';
import { stringify } from 'yaml';
import { todayInVietnam } from '../../store/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command, type CommandIo } from '../io.ts';
import { about } from './list.ts';

/**
 * Points to the framework's precision (`decimals`); a loss that rounds to zero is shown as
 * "< 0,01" (2 decimals) or "< 0,001" (3), not as nothing.
 */
export function shownPoints(p: Points | undefined, locale: Locale = 'vi', decimals = 2): string {
  if (p === undefined) return '—';
  const step = 10 ** Math.max(0, 6 - decimals);
  return p > 0 && p < step / 2 ? `< ${formatPoints(step as Points, { decimals, locale })}` : formatPoints(p, { decimals, locale });
}

const isoDay = (value: string | undefined, io: CommandIo) => {
  if (value === undefined) return todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new UsageError(t(io, `--today: ngày dạng YYYY-MM-DD, không phải "${value}"`, `--today: a date YYYY-MM-DD, not "${value}"`));
  return value;
};

/** A recoverable item as the API sends it (core/presenters.ts: points as decimal texts). */
const itemJson = recoverableItemJson;

export const plan: Command = {
  ...about('plan'),
  async run(args, io) {
    const [sub, ...rest] = args;
    if (!['recoverable', 'suggest', 'show', 'calendar'].includes(sub ?? ''))
      throw new UsageError({ vi: 'cần lệnh con: plan recoverable | suggest | show | calendar', en: 'plan recoverable | suggest | show | calendar' });
    const { values } = parse(rest, {
      unit: { type: 'string' },
      year: { type: 'string' },
      today: { type: 'string' },
      department: { type: 'string' },
      format: { type: 'string', default: 'table' },
      ...sourceOptions,
    });
    if (!values.unit) throw new UsageError(t(io, 'thiếu --unit (mã hoặc tên đơn vị)', '--unit is required (unit id or name)'));
    if (values.format !== 'table' && values.format !== 'json') throw new UsageError(t(io, '--format: table hoặc json', '--format must be table or json'));
    const year = requireYear(values.year);
    const today = isoDay(values.today, io);
    const dataset = await datasetFor(values);
    const unit = resolveUnit(dataset, values.unit);
    const text = (m: { vi: string; en: string }) => m[io.locale];
    // Points to the precision of the framework the year is scored on (results year, or the plan's).
    const decimals = pointsPrecision(dataset, unit.id, year);
    const pts = (p: Points | undefined) => shownPoints(p, io.locale, decimals);
    const department = values.department;
    switch (sub) {
      case 'recoverable': {
        const items = recoverablePoints(dataset, unit.id, year).filter((i) => !department || i.department === department);
        if (values.format === 'json') {
          io.out(
            JSON.stringify(
              {
                unit: unit.id,
                year,
                precision: decimals,
                items: items.map(itemJson),
                departments: byDepartment(items).map((g) => ({ department: g.department, lost: pointsJson(g.lost), codes: g.items.map((i) => i.code) })),
              },
              null,
              2,
            ),
          );
          return EXIT.ok;
        }
        io.out(
          t(
            io,
            `${unit.fullName} — điểm có thể lấy lại (kết quả năm ${year}), theo cơ quan chủ trì`,
            `${unit.fullName} — recoverable points (${year} results), by department in charge`,
          ),
        );
        for (const group of byDepartment(items, t(io, 'Chưa xác định cơ quan chủ trì', 'No department in charge'))) {
          io.out('');
          io.out(`${group.department} — ${t(io, 'mất', 'lost')} ${pts(group.lost)} ${t(io, 'điểm', 'points')}`);
          for (const i of group.items) {
            const scope = i.scope === 'component' ? t(io, ' (cả lĩnh vực)', ' (whole component)') : '';
            io.out(`  ${i.code.padEnd(7)} ${pts(i.lost).padStart(6)}  ${i.name}${scope} [${text(i.ruleLabel)}]`);
            io.out(`  ${' '.repeat(15)}${t(io, 'Hiện tại', 'Now')}: ${text(i.current)}`);
            io.out(`  ${' '.repeat(15)}${t(io, 'Cần làm', 'To do')}: ${text(i.action)}`);
          }
        }
        return EXIT.ok;
      }
      case 'suggest': {
        const suggestions = suggestTasks(recoverablePoints(dataset, unit.id, year), planOf(dataset, unit.id, year + 1), `${year + 1}-12-31`).filter(
          (s) => !department || s.department === department,
        );
        io.out(values.format === 'json' ? JSON.stringify(suggestions, null, 2) : stringify(suggestions, { lineWidth: 0 }));
        return EXIT.ok;
      }
      case 'show': {
        const found = planOf(dataset, unit.id, year);
        if (!found) {
          io.err(t(io, `${unit.name} chưa có kế hoạch năm ${year}`, `${unit.name} has no plan for ${year}`));
          return EXIT.notFound;
        }
        const tasks = tasksOf(found, department, today);
        const projection = projectPlan(dataset, found);
        const framework = planFramework(dataset, found);
        const tracks = framework ? trackIndicators(found, framework) : [];
        if (values.format === 'json') {
          io.out(
            JSON.stringify(
              {
                unit: unit.id,
                year,
                today,
                tasks,
                projection: {
                  ...projection,
                  current: pointsJson(projection.current),
                  projected: pointsJson(projection.projected),
                  recovered: projection.recovered.map((r) => ({ ...r, points: pointsJson(r.points) })),
                },
              },
              null,
              2,
            ),
          );
          return EXIT.ok;
        }
        const overdue = tasks.filter((task) => task.overdue).length;
        // A criterion the framework of the year no longer has (a plan written on last year's): to relink.
        for (const problem of planProblems(dataset, found)) io.err(`${t(io, 'Cần gắn lại', 'To relink')}: ${planProblemMessage(found, problem)[io.locale]}`);
        io.out(
          t(
            io,
            `Kế hoạch năm ${year} của ${unit.fullName}: ${tasks.length} nhiệm vụ${department ? ` của ${department}` : ''}, ${overdue} quá hạn (ngày ${formatDate(today)})`,
            `${unit.fullName}'s ${year} plan: ${countInEnglish(tasks.length, 'task')}${department ? ` of ${department}` : ''}, ${overdue} overdue (on ${formatDate(today, io.locale)})`,
          ),
        );
        let previous: string | undefined;
        for (const task of tasks) {
          if (task.department !== previous) io.out(`\n${task.department}`);
          previous = task.department;
          const deadline = task.deadline ? `${t(io, 'hạn', 'due')} ${formatDate(task.deadline, io.locale)}` : t(io, 'chưa có hạn', 'no deadline');
          const flag = task.overdue ? t(io, ' — QUÁ HẠN', ' — OVERDUE') : '';
          const title = task.title.length > 110 ? `${task.title.slice(0, 109)}…` : task.title;
          io.out(
            `  [${text(TASK_STATUS_LABELS[task.status])}${flag}] ${task.id} (${deadline}${task.criteria?.length ? `; ${t(io, 'tiêu chí', 'criteria')} ${task.criteria.join(', ')}` : ''}): ${title}`,
          );
          const last = task.progress?.at(-1);
          if (last) io.out(`      ${formatDate(last.date, io.locale)}: ${last.note}`);
        }
        if (tracks.length) {
          io.out('');
          io.out(t(io, 'Theo dõi chỉ tiêu trong năm:', 'Indicators tracked this year:'));
          for (const track of tracks) {
            const series = track.series.map((p) => `${p.period} ${pts(p.points)}`).join(' → ');
            io.out(
              `  ${track.criterion} ${series}${track.projected !== undefined ? t(io, `; dự báo cuối năm ${pts(track.projected)}`, `; year-end trend ${pts(track.projected)}`) : ''}${track.maxPoints !== undefined ? `/${pts(track.maxPoints)}` : ''}`,
            );
          }
        }
        io.out('');
        io.out(
          t(
            io,
            `Dự báo năm ${year} (kết quả ${projection.year}, các chỉ tiêu theo xu hướng, tiêu chí có nhiệm vụ đã xong được tính lấy lại): ${pts(projection.current)} → ${pts(projection.projected)} điểm, hạng ${projection.currentRank ?? '—'} → ${projection.projectedRank ?? '—'}/${projection.of}`,
            `${year} projection (${projection.year} results, tracked indicators on their trend, criteria whose tasks are done won back): ${pts(projection.current)} → ${pts(projection.projected)}, rank ${projection.currentRank ?? '—'} → ${projection.projectedRank ?? '—'}/${projection.of}`,
          ),
        );
        return EXIT.ok;
      }
      default: {
        const found = planOf(dataset, unit.id, year);
        if (!found) {
          io.err(t(io, `${unit.name} chưa có kế hoạch năm ${year}`, `${unit.name} has no plan for ${year}`));
          return EXIT.notFound;
        }
        const entries = calendarOf(found, planFramework(dataset, found), today);
        if (values.format === 'json') {
          io.out(
            JSON.stringify(
              entries.map((e) => ({ ...e, atStake: pointsJson(e.atStake) })),
              null,
              2,
            ),
          );
          return EXIT.ok;
        }
        io.out(
          t(
            io,
            `Lịch báo cáo năm ${year} của ${unit.fullName} (ngày ${formatDate(today)})`,
            `${unit.fullName}'s ${year} reporting calendar (on ${formatDate(today, io.locale)})`,
          ),
        );
        for (const e of entries) {
          const alert = e.status === 'late' || e.status === 'sentLate' || e.status === 'dueSoon' || e.status === 'dueToday' ? '!' : ' ';
          io.out(`${alert} ${formatDate(e.due, io.locale)}  ${text(REPORT_STATUS_LABELS[e.status]).padEnd(17)} ${e.name}`);
          io.out(`  ${' '.repeat(12)}${text(e.message)}${e.status !== 'sent' && e.criterionName ? ` — ${e.criterion}: ${e.criterionName}` : ''}`);
        }
        return EXIT.ok;
      }
    }
  },
};
