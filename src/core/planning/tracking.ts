/**
 * Indicator tracking through the year: the points each monthly/quarterly value would give under
 * the criterion's rule, and the projection for the year — the latest value, and a straight-line
 * projection of the ratio to the last period of the year from the values so far (least squares
 * over the period index; clamped to 0–100%).
 */
import type { Framework } from '../framework/types.ts';
import { fraction } from '../fraction.ts';
import { parsePoints, type Points } from '../points.ts';
import { evaluateRule, type IndicatorValue } from '../rules.ts';
import type { Plan } from './plan.ts';

export interface TrackPoint {
  period: string;
  points: Points;
  ratio?: number;
}

export interface Track {
  criterion: string;
  name: string;
  maxPoints?: Points;
  series: TrackPoint[];
  /** Points if the year ended with the latest value. */
  latest?: Points;
  /** Points at the year's last period on the trend of the values so far. */
  projected?: Points;
}

function periodIndex(period: string): number {
  const [, part] = period.split('-');
  return part!.startsWith('Q') ? Number(part!.slice(1)) * 3 : Number(part);
}

export function trackIndicators(plan: Plan, framework: Framework): Track[] {
  return plan.tracking.map((tracked) => {
    const node = framework.nodes.get(tracked.criterion);
    const series: TrackPoint[] = [];
    if (node?.rule && node.rule.type !== 'manual') {
      for (const raw of tracked.values) {
        const { period, value, ...rest } = raw;
        const input = { ...rest, ...(value !== undefined && { value: fraction(BigInt(parsePoints(value)), 1_000_000n) }) } as IndicatorValue;
        const outcome = evaluateRule(node, input, { rounding: framework.settings.pointsRounding });
        const ratio = raw.numerator !== undefined && raw.denominator ? raw.numerator / raw.denominator : undefined;
        series.push({ period, points: outcome.score, ...(ratio !== undefined && { ratio }) });
      }
    }
    series.sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
    const last = tracked.values.at(-1);
    let projected: Points | undefined;
    const ratios = series.filter((p) => p.ratio !== undefined);
    if (node?.rule && ratios.length >= 2 && last?.denominator) {
      const xs = ratios.map((p) => periodIndex(p.period));
      const ys = ratios.map((p) => p.ratio!);
      const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
      const my = ys.reduce((s, y) => s + y, 0) / ys.length;
      const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / (xs.reduce((s, x) => s + (x - mx) ** 2, 0) || 1);
      const at12 = Math.min(1, Math.max(0, my + slope * (12 - mx)));
      const numerator = Math.round(at12 * last.denominator);
      projected = evaluateRule(node, { numerator, denominator: last.denominator }, { rounding: framework.settings.pointsRounding }).score;
    }
    return {
      criterion: tracked.criterion,
      name: node?.name ?? tracked.criterion,
      ...(node?.maxPoints !== undefined && { maxPoints: node.maxPoints }),
      series,
      ...(series.length > 0 && { latest: series.at(-1)!.points }),
      ...(projected !== undefined && { projected }),
    };
  });
}
