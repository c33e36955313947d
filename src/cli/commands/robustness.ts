import { formatPercent, fraction, provinceRobustness } from '../../core/index.ts';
import { dataOption, datasetFrom } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';

export const robustness: Command = {
  name: 'robustness',
  summary: { vi: 'Độ tin cậy của thứ hạng: mô phỏng Monte Carlo theo sai số điều tra xã hội học', en: 'Rank robustness: Monte Carlo over survey uncertainty' },
  usage: 'parindex robustness --year <năm> [--level district] [--runs 10000] [--seed 1] [--spread <điểm, độ lệch chuẩn>]',
  run(args, io) {
    const { values } = parse(args, { year: { type: 'string' }, level: { type: 'string' }, runs: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, spread: { type: 'string', default: '1' }, ...dataOption });
    const runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 100 || runs > 1_000_000) throw new UsageError('--runs: 100 to 1,000,000');
    const rows = provinceRobustness(datasetFrom(values.data), requireYear(values.year), values.level as 'district' | undefined, { runs, seed: Number(values.seed), spreadPoints: Number(values.spread) });
    io.out(t(io, `Hạng   Khoảng 90%   P(giữ hạng)  Đơn vị`, `Rank   90% interval P(same rank)  Unit`));
    for (const r of rows.sort((a, b) => a.rank - b.rank)) {
      const keep = r.probabilities ? formatPercent(fraction(Math.round(r.probabilities[r.rank - 1]! * 10000), 100), { decimals: 1 }) : '—';
      io.out(`${String(r.rank).padStart(4)}   ${`${r.low}–${r.high}`.padEnd(11)}  ${keep.padStart(10)}  ${r.name}${r.illustrative ? ' *' : ''}`);
    }
    return EXIT.ok;
  },
};
