import { formatPercent, formatPoints, resolveUnit, targetSearch, whatIf, type Points, type WhatIfChange } from '../../core/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';

const pts = (p: Points | undefined) => (p === undefined ? '—' : formatPoints(p, { decimals: 2 }));

/** "7.3.6=46/46" (an indicator ratio), "6.5=100%" (a measured percent) or "1.7=2" (a score). */
export function parseChange(text: string): WhatIfChange {
  const match = /^(\d+(?:\.\d+)*)=(.+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--set ${text}: write code=value, e.g. 7.3.6=46/46, 6.5=100% or 1.7=2`);
  const [, code, value] = match as unknown as [string, string, string];
  const ratio = /^(\d+)\/(\d+)$/.exec(value);
  if (ratio) return { code, indicator: { numerator: Number(ratio[1]), denominator: Number(ratio[2]) } };
  if (value.endsWith('%')) return { code, indicator: { value: value.slice(0, -1).replace(',', '.') } };
  return { code, score: Math.round(Number(value.replace(',', '.')) * 1e6) as Points };
}

export const whatif: Command = {
  name: 'whatif',
  summary: { vi: 'Giả định: đổi chỉ tiêu/điểm và xem tổng điểm, thứ hạng mới; cần gì để đạt hạng N', en: 'What-if: change indicators or scores and see the new total and rank; what it takes to reach rank N' },
  usage: 'parindex whatif --unit <mã|tên> --year <năm> [--set 7.3.6=46/46 …] [--target-rank N | --target-points X]',
  run(args, io) {
    const { values } = parse(args, { unit: { type: 'string' }, year: { type: 'string' }, set: { type: 'string', multiple: true }, 'target-rank': { type: 'string' }, 'target-points': { type: 'string' }, ...dataOption });
    if (!values.unit) throw new UsageError('--unit is required');
    const dataset = datasetFrom(values.data);
    const unit = resolveUnit(dataset, values.unit);
    const year = requireYear(values.year);
    const changes = (values.set ?? []).map(parseChange);
    if (changes.length) {
      const result = whatIf(dataset, unit.id, year, changes);
      io.out(t(io, `Tổng điểm: ${pts(result.before.total)} → ${pts(result.after.total)}; hạng ${result.before.rank}/${result.before.of} → ${result.after.rank}/${result.after.of}`, `Total: ${pts(result.before.total)} → ${pts(result.after.total)}; rank ${result.before.rank}/${result.before.of} → ${result.after.rank}/${result.after.of}`));
      for (const [i, c] of result.after.components.entries()) {
        const old = result.before.components[i]!;
        if (old.score !== c.score) io.out(`  ${c.code}: ${pts(old.score)} → ${pts(c.score)} (${old.percent ? formatPercent(old.percent) : '—'} → ${c.percent ? formatPercent(c.percent) : '—'})`);
      }
    }
    const rank = values['target-rank'] ? Number(values['target-rank']) : undefined;
    const target = values['target-points'] ? (Math.round(Number(values['target-points'].replace(',', '.')) * 1e6) as Points) : undefined;
    if (rank !== undefined || target !== undefined) {
      const plan = targetSearch(dataset, unit.id, year, { ...(rank !== undefined && { rank }), ...(target !== undefined && { points: target }) });
      if (!plan.reachable) {
        io.out(t(io, `Không đạt được: cần thêm ${pts(plan.needed)} điểm, các tiêu chí tính được không đủ`, `Not reachable: ${pts(plan.needed)} more points needed, the computable criteria are not enough`));
        return EXIT.ok;
      }
      io.out(t(io, `Cần thêm ${pts(plan.needed)} điểm: ${plan.items.length} tiêu chí → ${pts(plan.total)} điểm, hạng ${plan.rank}/${plan.of}`, `${pts(plan.needed)} more points: ${plan.items.length} criteria → ${pts(plan.total)}, rank ${plan.rank}/${plan.of}`));
      for (const i of plan.items) io.out(`  ${i.code.padEnd(7)} +${pts(i.lost)}  ${t(io, i.action.vi, i.action.en)}`);
    }
    if (!changes.length && rank === undefined && target === undefined) throw new UsageError('give --set and/or --target-rank / --target-points');
    return EXIT.ok;
  },
};
