import {
  analyzeProvince,
  analyzeUnit,
  decimalNumber,
  formatNumber,
  formatPercent,
  fraction,
  provinceRobustness,
  resolveUnit,
  ParError,
  issue,
} from '../../core/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, levelOption, parse, requireYear, t, type Command } from '../io.ts';
import { about } from './list.ts';

function numberOption(name: string, value: string, min: number, max: number, integer = false): number {
  const number = decimalNumber(value) ?? Number.NaN;
  if (!value.trim() || !Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
    const kind = integer ? { vi: 'số nguyên', en: 'a whole number' } : { vi: 'số', en: 'a number' };
    throw new ParError(
      issue(
        'cli.robustness.option',
        {
          vi: `--${name} phải là ${kind.vi} từ ${formatNumber(min)} đến ${formatNumber(max)}, không phải "${value}"`,
          en: `--${name} must be ${kind.en} from ${min} to ${max}, not "${value}"`,
        },
        { field: name },
      ),
    );
  }
  return number;
}

const share = (p: number) => formatPercent(fraction(Math.round(p * 1000), 10), { decimals: 1 });

export const robustness: Command = {
  ...about('robustness'),
  async run(args, io) {
    const { values } = parse(args, {
      year: { type: 'string' },
      level: { type: 'string' },
      group: { type: 'string' },
      unit: { type: 'string' },
      runs: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      spread: { type: 'string', default: '1' },
      'weight-spread': { type: 'string', default: '0' },
      ...sourceOptions,
    });
    const runs = numberOption('runs', values.runs, 100, 1_000_000, true);
    const seed = numberOption('seed', values.seed, 0, 2 ** 32, true);
    const spreadPoints = numberOption('spread', values.spread, 0, 100);
    const weightSpread = numberOption('weight-spread', values['weight-spread'], 0, 1);
    const level = levelOption(values.level);
    const year = requireYear(values.year);
    const dataset = await datasetFor(values);
    const asked = values.unit === undefined ? undefined : resolveUnit(dataset, values.unit);
    // A year with several peer groups: the group asked, else the unit's own.
    const group = values.group ?? (asked ? analyzeUnit(dataset, asked.id, year).group.id : undefined);
    // A unit asked for gets its probability of each rank however many units there are (for all: up to ALL_PROBABILITIES_LIMIT).
    const rows = provinceRobustness(dataset, year, level, {
      runs,
      seed,
      spreadPoints,
      ...(weightSpread > 0 && { weightSpread }),
      ...(asked && { probabilitiesOf: [asked.id] }),
      ...(group && { group }),
    }).sort((a, b) => a.rank - b.rank);
    // The survey's noise only where the framework has a survey part.
    const hasSurvey = analyzeProvince(dataset, year, level, group).framework.hasSurvey;
    io.out(
      t(
        io,
        `Năm ${year}: ${formatNumber(runs)} lần mô phỏng, ${hasSurvey ? `điểm điều tra XHH lệch chuẩn ${formatNumber(spreadPoints)} điểm` : 'bộ tiêu chí không có phần điều tra XHH'}${weightSpread ? `, trọng số lệch ±${share(weightSpread)}` : ''}, hạt giống ${seed}`,
        `${year}: ${runs} runs, ${hasSurvey ? `survey standard deviation ${spreadPoints} points` : 'the framework has no survey part'}${weightSpread ? `, weights ±${share(weightSpread)}` : ''}, seed ${seed}`,
      ),
    );
    if (asked) {
      const unit = asked;
      const row = rows.find((r) => r.unitId === unit.id);
      if (!row)
        throw new ParError(
          issue('robustness.notFound', { vi: `${unit.name} không có kết quả năm ${year}`, en: `${unit.name} has no results for ${year}` }, { field: 'unit' }),
        );
      io.out(
        t(
          io,
          `${row.name}: hạng ${row.rank} theo kết quả công bố; khoảng 90%: ${row.low}–${row.high}; hạng bình quân ${formatNumber(fraction(Math.round(row.mean * 100), 100))}`,
          `${row.name}: rank ${row.rank} as published; 90% interval ${row.low}–${row.high}; mean rank ${row.mean.toFixed(2)}`,
        ),
      );
      row.probabilities?.forEach(
        (p, i) => p > 0 && io.out(`  ${t(io, 'hạng', 'rank')} ${String(i + 1).padStart(3)}  ${share(p).padStart(6)}  ${'█'.repeat(Math.round(p * 40))}`),
      );
      return EXIT.ok;
    }
    io.out(t(io, `Hạng   Khoảng 90%   P(giữ hạng)  Đơn vị`, `Rank   90% interval P(same rank)  Unit`));
    for (const r of rows) {
      const keep = r.probabilities ? share(r.probabilities[r.rank - 1]!) : '—';
      io.out(`${String(r.rank).padStart(4)}   ${`${r.low}–${r.high}`.padEnd(11)}  ${keep.padStart(10)}  ${r.name}${r.illustrative ? ' *' : ''}`);
    }
    if (rows.some((r) => r.illustrative)) io.out(t(io, '* số liệu minh họa, không phải số liệu thật', '* illustrative figures, not real data'));
    return EXIT.ok;
  },
};
