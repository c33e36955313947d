/**
 * Ranks with ties. Equal scores share a rank; what comes next is the framework's tie rule:
 * `competition` skips (1, 1, 3: "cùng xếp hạng thứ 1", then third), `dense` does not (1, 1, 2).
 * Values are exact micro-points, so "equal" means equal, never "equal after rounding".
 */
import { compareFractions, type Fraction } from '../fraction.ts';
import type { TieRule } from '../framework/types.ts';

/**
 * Rank of each value (1 = highest); 0 for a missing value (NaN/undefined), which is not ranked.
 * Stable and O(n log n).
 */
export function rankValues(values: ArrayLike<number | undefined>, tieRule: TieRule): Int32Array {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== undefined && !Number.isNaN(v)) order.push(i);
  }
  if (!sortByPackedKeys(values, order)) order.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const ranks = new Int32Array(values.length);
  let rank = 0;
  let distinct = 0;
  for (let position = 0; position < order.length; position++) {
    const i = order[position]!;
    if (position === 0 || values[i] !== values[order[position - 1]!]) {
      distinct += 1;
      rank = tieRule === 'competition' ? position + 1 : distinct;
    }
    ranks[i] = rank;
  }
  return ranks;
}

/**
 * The fast path for integer values (micro-points): each (value, index) is packed into one exact
 * double, −value × 2^k + index, so a plain numeric sort of a Float64Array orders by value
 * descending, then by index — the same order as the comparator, without calling a function per
 * comparison. Returns false (and leaves `order` alone) when a value is not an integer or the
 * packed keys would not be exact.
 */
function sortByPackedKeys(values: ArrayLike<number | undefined>, order: number[]): boolean {
  const n = order.length;
  let span = 1;
  while (span < values.length) span *= 2;
  let largest = 0;
  for (let k = 0; k < n; k++) {
    const v = values[order[k]!] as number;
    if (!Number.isInteger(v)) return false;
    const a = Math.abs(v);
    if (a > largest) largest = a;
  }
  if ((largest + 1) * span >= Number.MAX_SAFE_INTEGER) return false;
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    keys[k] = -(values[i] as number) * span + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) order[k] = ((keys[k]! % span) + span) % span;
  return true;
}

/** Number of values that take part in the ranking. */
export function rankedCount(values: ArrayLike<number | undefined>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== undefined && !Number.isNaN(v)) count++;
  }
  return count;
}

/**
 * Ranks of exact fractions (percent of each unit's applicable maximum), 1 = highest; 0 for a
 * missing value. Equal means equal as fractions (68,32/84 and 17,08/21 tie), never as floats.
 */
export function rankFractions(values: readonly (Fraction | undefined)[], tieRule: TieRule): Int32Array {
  const order: number[] = [];
  values.forEach((v, i) => {
    if (v !== undefined) order.push(i);
  });
  order.sort((a, b) => compareFractions(values[b]!, values[a]!) || a - b);
  const ranks = new Int32Array(values.length);
  let rank = 0;
  let distinct = 0;
  for (let position = 0; position < order.length; position++) {
    const i = order[position]!;
    if (position === 0 || compareFractions(values[i]!, values[order[position - 1]!]!) !== 0) {
      distinct += 1;
      rank = tieRule === 'competition' ? position + 1 : distinct;
    }
    ranks[i] = rank;
  }
  return ranks;
}
