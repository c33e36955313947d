import {
  ParError,
  decimalNumber,
  formatPercent,
  issue,
  parsePoints,
  pointsPrecision,
  readDecimalText,
  resolveUnit,
  targetSearch,
  whatIf,
  type Locale,
  type Points,
  type WhatIfChange,
} from '../../core/index.ts';
import { datasetFor, sourceOptions } from '../data.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';
import { shownPoints } from './plan.ts';
import { about } from './list.ts';

const bad = (text: string, why: { vi: string; en: string }) =>
  new ParError(issue('cli.whatif.set', { vi: `${text}: ${why.vi}`, en: `${text}: ${why.en}` }, { field: 'set' }));

const EXAMPLES = {
  vi: 'viết mã=giá trị, vd. 7.3.6=46/46 (tử số/mẫu số), 6.5=100% (tỷ lệ đo được) hoặc 1.7=2 (điểm)',
  en: 'write code=value, e.g. 7.3.6=46/46 (numerator/denominator), 6.5=100% (a measured percent) or 1.7=2 (a score)',
};

/** "7.3.6=46/46" (an indicator ratio), "6.5=100%" (a measured percent) or "1.7=2" / "1.7=1,5" (a score). */
export function parseChange(text: string): WhatIfChange {
  const match = /^(\d+(?:\.\d+)*)=(.+)$/.exec(text.trim());
  if (!match) throw bad(text, EXAMPLES);
  const [, code, value] = match as unknown as [string, string, string];
  const ratio = /^(\d+)\/(\d+)$/.exec(value.replace(/\./g, ''));
  if (ratio) return { code, indicator: { numerator: Number(ratio[1]), denominator: Number(ratio[2]) } };
  if (value.endsWith('%')) {
    const percent = readDecimalText(value.slice(0, -1).trim(), { mark: 'either', signed: false });
    if (!percent) throw bad(text, { vi: `"${value}" không phải một tỷ lệ phần trăm (vd. 92,5%)`, en: `"${value}" is not a percentage (e.g. 92.5%)` });
    return { code, indicator: { value: percent.plain } };
  }
  const score = readDecimalText(value.trim(), { mark: 'either', signed: false });
  if (!score || score.fraction.length > 6)
    throw bad(text, {
      vi: `"${value}" không phải số điểm, tỷ lệ hay tử số/mẫu số; ${EXAMPLES.vi}`,
      en: `"${value}" is not a score, a percentage or numerator/denominator; ${EXAMPLES.en}`,
    });
  return { code, score: parsePoints(score.plain, 'set') };
}

function parseTarget(option: string, value: string, locale: Locale): number {
  const number = decimalNumber(value) ?? Number.NaN;
  if (!value.trim() || !Number.isFinite(number) || number < 0) {
    throw new ParError(
      issue(
        'cli.whatif.target',
        { vi: `--${option}: "${value}" không phải một số hợp lệ`, en: `--${option}: "${value}" is not a valid number` },
        { field: option },
      ),
    );
  }
  void locale;
  return number;
}

export const whatif: Command = {
  ...about('whatif'),
  async run(args, io) {
    const { values } = parse(args, {
      unit: { type: 'string' },
      year: { type: 'string' },
      set: { type: 'string', multiple: true },
      'target-rank': { type: 'string' },
      'target-points': { type: 'string' },
      ...sourceOptions,
    });
    if (!values.unit) throw new UsageError(t(io, 'thiếu --unit (mã hoặc tên đơn vị)', '--unit is required (unit id or name)'));
    const changes = (values.set ?? []).map(parseChange);
    const rank = values['target-rank'] !== undefined ? parseTarget('target-rank', values['target-rank'], io.locale) : undefined;
    const target =
      values['target-points'] !== undefined
        ? (parsePoints(String(parseTarget('target-points', values['target-points'], io.locale)), 'target-points') as Points)
        : undefined;
    if (!changes.length && rank === undefined && target === undefined)
      throw new UsageError(t(io, 'cần --set và/hoặc --target-rank / --target-points', 'give --set and/or --target-rank / --target-points'));
    const year = requireYear(values.year);
    const dataset = await datasetFor(values);
    const unit = resolveUnit(dataset, values.unit);
    const pts = (p: Points | undefined) => shownPoints(p, io.locale, pointsPrecision(dataset, unit.id, year));
    const pct = (f: Parameters<typeof formatPercent>[0] | undefined) => (f ? formatPercent(f, { locale: io.locale }) : '—');
    if (changes.length) {
      const result = whatIf(dataset, unit.id, year, changes);
      const { before, after } = result;
      io.out(t(io, `${unit.fullName}, năm ${year} — giả định:`, `${unit.fullName}, ${year} — what-if:`));
      for (const g of result.gains)
        io.out(`  ${g.code.padEnd(7)} ${pts(g.before)} → ${pts(g.after)} (${g.after >= g.before ? '+' : '−'}${pts(Math.abs(g.after - g.before) as Points)})`);
      io.out(
        t(
          io,
          `Tổng điểm: ${pts(before.total)} → ${pts(after.total)}; hạng ${before.rank ?? '—'}/${before.of} → ${after.rank ?? '—'}/${after.of} (so với kết quả năm ${year} của các đơn vị cùng cấp)`,
          `Total: ${pts(before.total)} → ${pts(after.total)}; rank ${before.rank ?? '—'}/${before.of} → ${after.rank ?? '—'}/${after.of} (against the peers' ${year} results)`,
        ),
      );
      for (const [i, c] of after.components.entries()) {
        const old = before.components[i]!;
        if (old.score !== c.score)
          io.out(
            `  ${c.code}: ${pts(old.score)} → ${pts(c.score)} (${pct(old.percent)} → ${pct(c.percent)}); ${t(io, 'hạng', 'rank')} ${old.rank ?? '—'} → ${c.rank ?? '—'}`,
          );
      }
    }
    if (rank !== undefined || target !== undefined) {
      const goal = { ...(rank !== undefined && { rank }), ...(target !== undefined && { points: target }) };
      const plan = targetSearch(dataset, unit.id, year, goal);
      const wanted = [
        rank !== undefined ? t(io, `hạng ${rank}`, `rank ${rank}`) : '',
        target !== undefined ? t(io, `${pts(target)} điểm`, `${pts(target)} points`) : '',
      ]
        .filter(Boolean)
        .join(t(io, ' và ', ' and '));
      if (plan.needed === 0) {
        io.out(
          t(
            io,
            `Đã đạt ${wanted} với kết quả năm ${year}: không cần thêm điểm.`,
            `${wanted} is already reached with the ${year} results: no more points needed.`,
          ),
        );
        return EXIT.ok;
      }
      if (!plan.reachable) {
        io.out(
          t(
            io,
            `Không đạt được ${wanted}: cần thêm ${pts(plan.needed)} điểm, các tiêu chí lấy lại được theo quy tắc chấm không đủ.`,
            `${wanted} is out of reach: ${pts(plan.needed)} more points needed, the criteria the rules can win back are not enough.`,
          ),
        );
        return EXIT.ok;
      }
      io.out(
        t(
          io,
          `Để đạt ${wanted}: cần thêm ${pts(plan.needed)} điểm; ít nhất ${plan.items.length} tiêu chí → ${pts(plan.total)} điểm${plan.rankingTotal !== undefined ? ` (không có điều tra XHH: quy đổi ${pts(plan.rankingTotal)} để xếp hạng)` : ''}, hạng ${plan.rank}/${plan.of}`,
          `To reach ${wanted}: ${pts(plan.needed)} more points; at least ${plan.items.length} criteria → ${pts(plan.total)}${plan.rankingTotal !== undefined ? ` (no survey: rescaled to ${pts(plan.rankingTotal)} for ranking)` : ''}, rank ${plan.rank}/${plan.of}`,
        ),
      );
      for (const i of plan.items) io.out(`  ${i.code.padEnd(7)} +${pts(i.lost)}  ${i.action[io.locale]}`);
    }
    return EXIT.ok;
  },
};
