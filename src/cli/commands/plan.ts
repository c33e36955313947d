import { byDepartment, calendarOf, formatPoints, planOf, projectPlan, recoverablePoints, resolveUnit, suggestTasks, tasksOf, type Points } from '../../core/index.ts';
import { stringify } from 'yaml';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';

const pts = (p: Points | undefined) => (p === undefined ? '—' : formatPoints(p, { decimals: 2 }));

export const plan: Command = {
  name: 'plan',
  summary: { vi: 'Kế hoạch nâng cao chỉ số: điểm có thể lấy lại, gợi ý nhiệm vụ, kế hoạch và dự báo, lịch báo cáo', en: 'Improvement plan: recoverable points, suggested tasks, the plan and its projection, the reporting calendar' },
  usage: 'parindex plan recoverable|suggest --unit <mã|tên> --year <năm kết quả>  |  parindex plan show|calendar --unit … --year <năm kế hoạch> [--today YYYY-MM-DD]',
  run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { unit: { type: 'string' }, year: { type: 'string' }, today: { type: 'string' }, ...dataOption });
    if (!values.unit) throw new UsageError('--unit is required');
    const dataset = datasetFrom(values.data);
    const unit = resolveUnit(dataset, values.unit);
    const year = requireYear(values.year);
    const today = values.today ?? new Date().toISOString().slice(0, 10);
    switch (sub) {
      case 'recoverable': {
        for (const group of byDepartment(recoverablePoints(dataset, unit.id, year))) {
          io.out(`${group.department} — ${pts(group.lost)} ${t(io, 'điểm', 'points')}`);
          for (const i of group.items) io.out(`  ${i.code.padEnd(7)} ${pts(i.lost).padStart(6)}  ${i.rule.padEnd(13)} ${t(io, i.action.vi, i.action.en)}`);
        }
        return EXIT.ok;
      }
      case 'suggest': {
        io.out(stringify(suggestTasks(recoverablePoints(dataset, unit.id, year), planOf(dataset, unit.id, year + 1), `${year + 1}-12-31`), { lineWidth: 0 }));
        return EXIT.ok;
      }
      case 'show': {
        const plan = planOf(dataset, unit.id, year);
        if (!plan) {
          io.err(t(io, `${unit.name} chưa có kế hoạch năm ${year}`, `${unit.name} has no plan for ${year}`));
          return EXIT.notFound;
        }
        for (const task of tasksOf(plan, undefined, today)) {
          io.out(`[${task.status}${task.overdue ? t(io, ', QUÁ HẠN', ', OVERDUE') : ''}] ${task.department}: ${task.title.slice(0, 110)}${task.criteria ? ` (${task.criteria.join(', ')})` : ''}`);
        }
        const projection = projectPlan(dataset, plan);
        io.out(t(io, `Dự báo (các tiêu chí có nhiệm vụ đã xong): ${pts(projection.current)} → ${pts(projection.projected)} điểm, hạng ${projection.currentRank} → ${projection.projectedRank}/${projection.of}`, `Projection (criteria whose tasks are done): ${pts(projection.current)} → ${pts(projection.projected)}, rank ${projection.currentRank} → ${projection.projectedRank}/${projection.of}`));
        return EXIT.ok;
      }
      case 'calendar': {
        const plan = planOf(dataset, unit.id, year);
        if (!plan) return EXIT.notFound;
        for (const e of calendarOf(plan, [...dataset.frameworks.values()].find((f) => f.year === year), today)) {
          io.out(`${e.due}  ${e.status.padEnd(9)} ${e.name}${e.criterion ? ` → ${e.criterion}${e.atStake ? ` (${pts(e.atStake)})` : ''}` : ''}`);
        }
        return EXIT.ok;
      }
      default:
        throw new UsageError('plan recoverable | suggest | show | calendar');
    }
  },
};
