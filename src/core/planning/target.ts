/**
 * "What does it take to reach rank N / X points": the smallest set of recoverable criteria
 * whose recovery gets there. Smallest = fewest criteria; among sets of that size, the one that
 * recovers the fewest points (the least over-achievement), then the lowest codes. Exact:
 * branch and bound over the criteria sorted by points (the count bound is tight because the
 * largest items give the fewest criteria).
 */
import { analyzeUnit } from '../analysis/index.ts';
import type { Dataset } from '../dataset.ts';
import { ParError, issue } from '../errors.ts';
import type { Points } from '../points.ts';
import { recoverablePoints, type RecoverableItem } from './recoverable.ts';

export interface Goal {
  rank?: number;
  points?: Points;
}

/** Indices of the chosen values (sorted high to low is not required), or undefined when even all do not reach `need`. */
export function smallestCover(values: readonly number[], need: number, budget = 2_000_000): number[] | undefined {
  if (need <= 0) return [];
  const order = values.map((v, i) => i).filter((i) => values[i]! > 0).sort((a, b) => values[b]! - values[a]! || a - b);
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
  rank?: number;
  of: number;
}

export function targetSearch(dataset: Dataset, unitId: string, year: number, goal: Goal): TargetPlan {
  if (goal.rank === undefined && goal.points === undefined) {
    throw new ParError(issue('target.goal', { vi: 'cần nêu thứ hạng hoặc số điểm muốn đạt', en: 'give a rank or a number of points to reach' }, { field: 'goal' }));
  }
  const analysis = analyzeUnit(dataset, unitId, year);
  const current = analysis.total ?? (0 as Points);
  let target = goal.points ?? (0 as Points);
  if (goal.rank !== undefined) {
    const others = analysis.peers.filter((p) => p.unit.id !== analysis.unit.id && p.total !== undefined).map((p) => p.total!).sort((a, b) => b - a);
    // Competition ranking: rank = 1 + peers strictly ahead, so tying the N-th best other total gives rank N.
    if (goal.rank <= others.length) target = Math.max(target, others[goal.rank - 1]!) as Points;
  }
  const needed = Math.max(0, target - current) as Points;
  // Only criteria whose recovery the rule can compute can be tried in the what-if.
  const items = recoverablePoints(dataset, unitId, year).filter((i) => i.requirement);
  const chosen = smallestCover(items.map((i) => i.lost), needed);
  if (!chosen) return { needed, reachable: false, items: [], of: analysis.of };
  const picked = chosen.map((i) => items[i]!);
  // Totals are sums: the new total is the old one plus what the chosen criteria win back, and the
  // rank follows from the peers' totals (the planning tests check this against a full what-if).
  const total = (current + picked.reduce((s, i) => s + i.lost, 0)) as Points;
  const rank = 1 + analysis.peers.filter((p) => p.unit.id !== analysis.unit.id && p.total !== undefined && p.total > total).length;
  return { needed, reachable: true, items: picked, total, rank, of: analysis.of };
}
