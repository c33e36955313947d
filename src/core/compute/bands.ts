/**
 * Bands (xếp loại) as the decisions write them: the first band, best first, whose threshold the
 * unit reaches — in points or in percent, at or above it (inclusive) or only above it — and
 * whose component floor every regular component clears. Exact throughout: 12 of 18 points
 * written `atLeastPoints: 12` puts a unit with exactly 12 points in the band.
 *
 * A unit with not-applicable criteria is judged on its applicable maximum: a percent threshold
 * on its own maximum, a points threshold at the same share of it (12 of 18 is 10 of 15).
 */
import type { ClassificationBand, Framework } from '../framework/types.ts';
import type { UnitScores } from './score.ts';

/** The unit's band, or undefined when it reaches none (or its ranking total is unknown). */
export function classifyScores(framework: Framework, scores: UnitScores): string | undefined {
  return bandOf(framework, scores)?.label;
}

export function bandOf(framework: Framework, scores: UnitScores): ClassificationBand | undefined {
  const total = scores.rankingTotal;
  if (total === undefined) return undefined;
  const max = scores.applicableTotal;
  if (max <= 0) return undefined;
  return framework.settings.classification.find((band) => reaches(band, framework, BigInt(total), BigInt(max)) && clearsFloor(band, framework, scores));
}

/** Whether total (of an applicable maximum `max`) reaches the band's threshold. */
function reaches(band: ClassificationBand, framework: Framework, total: bigint, max: bigint): boolean {
  // Compare total / max with the threshold as a share of the whole, by cross-multiplying.
  let left: bigint;
  let right: bigint;
  if (band.atLeastPercent) {
    left = total * 100n * band.atLeastPercent.d;
    right = band.atLeastPercent.n * max;
  } else {
    left = total * BigInt(framework.totalPoints);
    right = BigInt(band.atLeastPoints!) * max;
  }
  return band.inclusive ? left >= right : left > right;
}

function clearsFloor(band: ClassificationBand, framework: Framework, scores: UnitScores): boolean {
  const floor = band.componentFloorPercent;
  if (!floor) return true;
  for (const node of framework.components) {
    if (node.kind !== 'regular') continue;
    const i = scores.compiled.index.get(node.code)!;
    const max = scores.applicableMax[i]!;
    if (Number.isNaN(max) || max <= 0) continue;
    const score = scores.score[i]!;
    if (Number.isNaN(score)) return false;
    if (BigInt(score) * 100n * floor.d < floor.n * BigInt(max)) return false;
  }
  return true;
}
