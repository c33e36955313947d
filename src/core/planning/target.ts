/**
 * "What does it take to reach rank N / X points": the smallest set of recoverable criteria
 * whose recovery gets there. Smallest = fewest criteria; among sets of that size, the one that
 * recovers the fewest points (the least over-achievement), then the lowest codes. Exact:
 * branch and bound over the criteria sorted by points (the count bound is tight because the
 * largest items give the fewest criteria).
 */
import { analyzeUnit, computationFor } from '../analysis/index.ts';
import { rankingFigures } from '../compute/score.ts';
import { peersOf } from '../compute/year.ts';
import { resultsOf, type Dataset } from '../dataset.ts';
import type { TieRule } from '../framework/types.ts';
import { ParError, issue } from '../errors.ts';
import type { Points } from '../points.ts';
import { recoverablePoints, type RecoverableItem } from './recoverable.ts';

export interface Goal {
  rank?: number;
  /** Points to reach on the figure the unit is ranked on (its total, or its rescaled appraisal when it has no survey). */
  points?: Points;
}

/** Indices of the chosen values (sorted high to low is not required), or undefined when even all do not reach `need`. */
export function smallestCover(values: readonly number[], need: number, budget = 2_000_000): number[] | undefined {
  if (need <= 0) return [];
  const order = values
    .map((_, i) => i)
    .filter((i) => values[i]! > 0)
    .sort((a, b) => values[b]! - values[a]! || a - b);
  const sorted = order.map((i) => values[i]!);
  const suffix = new Float64Array(sorted.length + 1);
  for (let i = sorted.length - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + sorted[i]!;
  if (suffix[0]! < need) return undefined;
  // Fewest items: the k largest reach it and k − 1 largest do not.
  let k = 0;
  for (let sum = 0; sum < need; k++) sum += sorted[k]!;
  let best: number[] = order.slice(0, k);
  let bestSum = sorted.slice(0, k).reduce((s, v) => s + v, 0);
  const chosen: number[] = [];
  let steps = 0;
  const n = sorted.length;
  const search = (start: number, left: number, sum: number) => {
    if (++steps > budget) return;
    if (left === 0) {
      if (sum >= need && (sum < bestSum || (sum === bestSum && chosen.join() < best.join()))) {
        bestSum = sum;
        best = [...chosen];
      }
      return;
    }
    for (let i = start; i <= n - left; i++) {
      // Upper bound: the `left` largest items from i on. Later i only get smaller: stop.
      let reach = sum;
      for (let j = 0; j < left; j++) reach += sorted[i + j]!;
      if (reach < need) return;
      // Lower bound: item i plus the smallest items after it; already worse than the best: try a smaller i.
      const lowest = sum + sorted[i]! + (left > 1 ? suffix[n - (left - 1)]! : 0);
      if (lowest > bestSum) continue;
      chosen.push(order[i]!);
      search(i + 1, left - 1, sum + sorted[i]!);
      chosen.pop();
    }
  };
  search(0, k, 0);
  return best.sort((a, b) => a - b);
}

export interface TargetPlan {
  /** Points the unit must add to reach the goal (0 when it already does). */
  needed: Points;
  reachable: boolean;
  items: RecoverableItem[];
  /** The result with those items recovered, computed by the core. */
  total?: Points;
  /** The figure it is ranked on, when not the total (no survey, rescaled as the framework says). */
  rankingTotal?: Points;
  rank?: number;
  of: number;
}

/**
 * The lowest total that gets rank `rank` or better against the other units' totals, under the
 * framework's tie rule (a tie shares the rank): competition (1, 1, 3) counts the units strictly
 * ahead, dense (1, 1, 2) counts the distinct totals strictly ahead.
 */
export function totalForRank(others: readonly number[], rank: number, tieRule: TieRule): number | undefined {
  const ahead = tieRule === 'dense' ? [...new Set(others)] : [...others];
  ahead.sort((a, b) => b - a);
  // Tying the rank-th highest leaves rank − 1 ahead: rank `rank`. Fewer than `rank` others: any total does.
  return rank <= ahead.length ? ahead[rank - 1] : undefined;
}

export function rankAgainst(others: readonly number[], total: number, tieRule: TieRule): number {
  const ahead = others.filter((t) => t > total);
  return 1 + (tieRule === 'dense' ? new Set(ahead).size : ahead.length);
}

export function targetSearch(dataset: Dataset, unitId: string, year: number, goal: Goal): TargetPlan {
  if (goal.rank === undefined && goal.points === undefined) {
    throw new ParError(
      issue('target.goal', { vi: 'cần nêu thứ hạng hoặc số điểm muốn đạt', en: 'give a rank or a number of points to reach' }, { field: 'goal' }),
    );
  }
  const analysis = analyzeUnit(dataset, unitId, year);
  if (goal.rank !== undefined && (!Number.isInteger(goal.rank) || goal.rank < 1 || goal.rank > analysis.of)) {
    throw new ParError(
      issue(
        'target.rank',
        { vi: `thứ hạng muốn đạt phải là số nguyên từ 1 đến ${analysis.of}`, en: `the rank to reach must be a whole number from 1 to ${analysis.of}` },
        { field: 'rank' },
      ),
    );
  }
  if (goal.points !== undefined && (!Number.isSafeInteger(goal.points) || goal.points < 0)) {
    throw new ParError(
      issue('target.points', { vi: 'số điểm muốn đạt phải là số không âm', en: 'the points to reach must be a non-negative number' }, { field: 'points' }),
    );
  }
  const found = resultsOf(dataset, analysis.unit.id, year)!;
  const computation = computationFor(dataset, found.set);
  const settings = computation.framework.settings;
  const own = computation.scores.get(analysis.unit.id)!;
  // Ranks are on the ranking figure, which is not the total for a unit without survey in a
  // framework that rescales (65/70 → 92,857143): the peers' figures and the unit's own come
  // from the core's one rule (rankingFigures), so the search is exact for every framework.
  const others = peersOf(computation, analysis.unit.id)
    .filter((p) => p.unitId !== analysis.unit.id)
    .map((p) => computation.scores.get(p.unitId)!.rankingTotal)
    .filter((t): t is Points => t !== undefined);
  const current = own.total ?? (0 as Points);
  const known = (v: Points | undefined) => (v === undefined ? NaN : v);
  const figureAfter = (gain: number) => rankingFigures(settings, current + gain, known(own.appraisalTotal) + gain, known(own.surveyTotal)).rankingTotal;
  let target = goal.points ?? (0 as Points);
  if (goal.rank !== undefined) target = Math.max(target, totalForRank(others, goal.rank, settings.tieRule) ?? 0) as Points;
  // Only criteria whose recovery the rule can compute, and that the unit's own work can win back
  // (not survey answers), are tried.
  const items = recoverablePoints(dataset, unitId, year).filter((i) => i.requirement && i.controllable);
  const all = items.reduce((s, i) => s + i.lost, 0);
  // The fewest points to add whose ranking figure reaches the target: the figure rises with the
  // points (a rescale multiplies, then rounds), so a binary search over whole micro-points.
  let needed: number;
  if (figureAfter(0) >= target) needed = 0;
  else if (figureAfter(all) < target) return { needed: Math.max(0, target - figureAfter(0)) as Points, reachable: false, items: [], of: analysis.of };
  else {
    let low = 0;
    let high = all;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (figureAfter(middle) >= target) high = middle;
      else low = middle;
    }
    needed = high;
  }
  const chosen = smallestCover(
    items.map((i) => i.lost),
    needed,
  );
  if (!chosen) return { needed: needed as Points, reachable: false, items: [], of: analysis.of };
  const picked = chosen.map((i) => items[i]!);
  // Totals are sums: the new total is the old one plus what the chosen criteria win back, ranked
  // on its ranking figure against the peers' (the planning tests check this against a full what-if).
  const gain = picked.reduce((s, i) => s + i.lost, 0);
  const total = (current + gain) as Points;
  const rankingTotal = figureAfter(gain) as Points;
  return {
    needed: needed as Points,
    reachable: true,
    items: picked,
    total,
    ...(rankingTotal !== total && { rankingTotal }),
    rank: rankAgainst(others, rankingTotal, settings.tieRule),
    of: analysis.of,
  };
}
