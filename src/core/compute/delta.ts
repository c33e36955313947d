/**
 * Year-over-year changes for every unit and component at once: points and percentage
 * points, exact. Percentage points are kept as a fraction numerator/denominator of integers;
 * when both years have the same maximum (the usual case) both fit in a double exactly, so the
 * bulk path needs no BigInt.
 */
import { fraction, type Fraction } from '../fraction.ts';
import type { YearComputation } from './year.ts';

export interface DeltaMatrix {
  unitIds: string[];
  components: string[];
  /** [unit × component] micro-points now − before; NaN when either is unknown or the maxima differ. */
  points: Float64Array;
  /** [unit × component] percentage points as numerator / denominator (NaN when unknown). */
  numerator: Float64Array;
  denominator: Float64Array;
  /** Exact fractions for components whose maxima changed between the years (numerators may exceed 2^53). */
  wide: Map<number, Fraction>;
}

export function componentDeltas(previous: YearComputation, current: YearComputation): DeltaMatrix {
  const codes = current.framework.components.filter((c) => c.kind === 'regular').map((c) => c.code);
  const { matrix } = current;
  const before = previous.matrix;
  const rowBefore = new Map(before.unitIds.map((id, u) => [id, u]));
  const units = matrix.unitIds.length;
  const width = codes.length;
  const delta: DeltaMatrix = {
    unitIds: matrix.unitIds,
    components: codes,
    points: new Float64Array(units * width).fill(NaN),
    numerator: new Float64Array(units * width).fill(NaN),
    denominator: new Float64Array(units * width).fill(NaN),
    wide: new Map(),
  };
  codes.forEach((code, k) => {
    const i = matrix.compiled.index.get(code)!;
    const j = before.compiled.index.get(code);
    if (j === undefined) return;
    for (let u = 0; u < units; u++) {
      const b = rowBefore.get(matrix.unitIds[u]!);
      if (b === undefined) continue;
      const now = matrix.score[u * matrix.size + i]!;
      const then = before.score[b * before.size + j]!;
      if (Number.isNaN(now) || Number.isNaN(then)) continue;
      // Each year's percent is on the unit's applicable maximum (less its not-applicable criteria).
      const maxNow = matrix.applicableMax[u * matrix.size + i]!;
      const maxBefore = before.applicableMax[b * before.size + j]!;
      if (!(maxNow > 0) || !(maxBefore > 0)) continue;
      const sameMax = maxNow === maxBefore;
      const cell = u * width + k;
      if (sameMax) {
        delta.points[cell] = now - then;
        delta.numerator[cell] = (now - then) * 100;
        delta.denominator[cell] = maxNow;
      } else {
        delta.wide.set(cell, fraction(100n * (BigInt(now) * BigInt(maxBefore) - BigInt(then) * BigInt(maxNow)), BigInt(maxNow) * BigInt(maxBefore)));
      }
    }
  });
  return delta;
}

/** The exact percentage-point change of one cell, or undefined when unknown. */
export function deltaPercentagePoints(delta: DeltaMatrix, unit: number, component: number): Fraction | undefined {
  const cell = unit * delta.components.length + component;
  const wide = delta.wide.get(cell);
  if (wide) return wide;
  const n = delta.numerator[cell]!;
  return Number.isNaN(n) ? undefined : fraction(n, delta.denominator[cell]!);
}
