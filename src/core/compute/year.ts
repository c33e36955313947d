/**
 * One year's computation for a results set: every unit's scores (one matrix), then ranks by
 * total and by component within each peer group (units of one level of one province, by default).
 */
import type { Framework } from '../framework/types.ts';
import { referenceDateOf } from '../results/reference.ts';
import type { ResultsSet } from '../results/types.ts';
import { fraction, type Fraction } from '../fraction.ts';
import { rankedCount, rankFractions, rankValues } from './rank.ts';
import { scoreMatrix, unitScoresOf, type ScoreMatrix, type ScoreOptions, type UnitScores } from './score.ts';

export interface PeerRanking {
  group: string;
  unitIds: string[];
  /** Rows of these units in the matrix. */
  rows: Int32Array;
  /** Each unit's place in unitIds (and in the ranks below). */
  position: Map<string, number>;
  /** Rank per unit (same order as unitIds), 0 when unranked. */
  total: Int32Array;
  totalOf: number;
  components: Map<string, { ranks: Int32Array; of: number }>;
}

export interface YearComputation {
  set: ResultsSet;
  framework: Framework;
  matrix: ScoreMatrix;
  scores: Map<string, UnitScores>;
  groups: Map<string, PeerRanking>;
  groupOf: Map<string, string>;
}

export interface RankInfo {
  rank?: number;
  of: number;
}

/**
 * @param peerGroupOf which units are ranked together (default: all units of the set).
 */
export function computeYear(
  set: ResultsSet,
  framework: Framework,
  peerGroupOf: (unitId: string) => string = () => 'all',
  options: ScoreOptions = {},
): YearComputation {
  // Deadline rules judge reports never sent on the results' own reference date, unless told otherwise.
  const reference = referenceDateOf(set);
  const matrix = scoreMatrix(framework, set.units, options.asOf === undefined && reference !== undefined ? { ...options, asOf: reference } : options);
  const scores = new Map<string, UnitScores>();
  matrix.unitIds.forEach((id, u) => scores.set(id, unitScoresOf(matrix, u, set.year)));
  const groupOf = new Map<string, string>();
  const members = new Map<string, number[]>();
  matrix.unitIds.forEach((unitId, u) => {
    const group = peerGroupOf(unitId);
    groupOf.set(unitId, group);
    let rows = members.get(group);
    if (!rows) members.set(group, (rows = []));
    rows.push(u);
  });
  const groups = new Map<string, PeerRanking>();
  for (const [group, rows] of members) groups.set(group, rankGroup(matrix, group, Int32Array.from(rows)));
  return { set, framework, matrix, scores, groups, groupOf };
}

/** Ranks of a group of matrix rows by ranking total and by each component. */
export function rankGroup(matrix: ScoreMatrix, group: string, rows: Int32Array): PeerRanking {
  const { compiled, framework, size, score, applicableMax } = matrix;
  const tieRule = framework.settings.tieRule;
  const byPercent = framework.settings.rankBy === 'percent';
  const values = new Float64Array(rows.length);
  const maxima = new Float64Array(rows.length);
  // On percent, each unit's figure is exact points over its own applicable maximum (a fraction, never a float).
  const rankOn = () =>
    byPercent
      ? rankFractions(
          Array.from(values, (v, k) => shareOf(v, maxima[k]!)),
          tieRule,
        )
      : rankValues(values, tieRule);
  for (let k = 0; k < rows.length; k++) {
    values[k] = matrix.rankingTotal[rows[k]!]!;
    maxima[k] = matrix.applicableTotal[rows[k]!]!;
  }
  const total = rankOn();
  const totalOf = byPercent ? ranked(total) : rankedCount(values);
  const components = new Map<string, { ranks: Int32Array; of: number }>();
  for (const node of framework.components) {
    const i = compiled.index.get(node.code)!;
    for (let k = 0; k < rows.length; k++) {
      values[k] = score[rows[k]! * size + i]!;
      maxima[k] = applicableMax[rows[k]! * size + i]!;
    }
    const ranks = rankOn();
    components.set(node.code, { ranks, of: byPercent ? ranked(ranks) : rankedCount(values) });
  }
  const unitIds = new Array<string>(rows.length);
  for (let k = 0; k < rows.length; k++) unitIds[k] = matrix.unitIds[rows[k]!]!;
  const position = new Map<string, number>();
  for (let k = 0; k < unitIds.length; k++) position.set(unitIds[k]!, k);
  return { group, unitIds, position, rows, total, totalOf, components };
}

const ranked = (ranks: Int32Array) => ranks.reduce((n, r) => n + (r > 0 ? 1 : 0), 0);

/** Points over a maximum as an exact fraction; undefined when unknown, and 0 of a maximum of 0 (nothing applicable) is unranked too. */
function shareOf(points: number, max: number): Fraction | undefined {
  if (Number.isNaN(points) || Number.isNaN(max) || max <= 0) return undefined;
  return fraction(BigInt(points), BigInt(max));
}

/** Rank of a unit by total, or by a component when `component` is given. */
export function rankOf(computation: YearComputation, unitId: string, component?: string): RankInfo {
  const group = computation.groups.get(computation.groupOf.get(unitId) ?? '');
  if (!group) return { of: 0 };
  const position = group.position.get(unitId) ?? -1;
  if (component === undefined) return { rank: group.total[position] || undefined, of: group.totalOf };
  const ranking = group.components.get(component);
  if (!ranking) return { of: 0 };
  return { rank: ranking.ranks[position] || undefined, of: ranking.of };
}

/** Peers of the unit (same group) with their rank by total or by a component. */
export function peersOf(computation: YearComputation, unitId: string, component?: string): { unitId: string; rank?: number }[] {
  const group = computation.groups.get(computation.groupOf.get(unitId) ?? '');
  if (!group) return [];
  const ranks = component === undefined ? group.total : group.components.get(component)?.ranks;
  return group.unitIds.map((id, i) => ({ unitId: id, rank: ranks?.[i] || undefined }));
}
