/**
 * One year's computation for a results set: every unit's scores, then ranks by total and
 * by component within each peer group (units of one level of one province, by default).
 */
import type { Framework } from '../framework/types.ts';
import type { ResultsSet } from '../results/types.ts';
import { rankedCount, rankValues } from './rank.ts';
import { scoreUnit, type ScoreOptions, type UnitScores } from './score.ts';

export interface PeerRanking {
  group: string;
  unitIds: string[];
  /** Rank per unit (same order as unitIds), 0 when unranked. */
  total: Int32Array;
  totalOf: number;
  components: Map<string, { ranks: Int32Array; of: number }>;
}

export interface YearComputation {
  set: ResultsSet;
  framework: Framework;
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
  const scores = new Map<string, UnitScores>();
  for (const result of set.units) scores.set(result.unitId, scoreUnit(framework, result, options));

  const groupOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const unitId of scores.keys()) {
    const group = peerGroupOf(unitId);
    groupOf.set(unitId, group);
    members.set(group, [...(members.get(group) ?? []), unitId]);
  }
  const tieRule = framework.settings.tieRule;
  const groups = new Map<string, PeerRanking>();
  for (const [group, unitIds] of members) {
    const unitScores = unitIds.map((id) => scores.get(id)!);
    const totals = unitScores.map((s) => s.rankingTotal);
    const components = new Map<string, { ranks: Int32Array; of: number }>();
    for (const node of framework.components) {
      const i = unitScores[0]?.compiled.index.get(node.code);
      if (i === undefined) continue;
      const values = unitScores.map((s) => s.score[i]!);
      components.set(node.code, { ranks: rankValues(values, tieRule), of: rankedCount(values) });
    }
    groups.set(group, { group, unitIds, total: rankValues(totals, tieRule), totalOf: rankedCount(totals), components });
  }
  return { set, framework, scores, groups, groupOf };
}

/** Rank of a unit by total, or by a component when `component` is given. */
export function rankOf(computation: YearComputation, unitId: string, component?: string): RankInfo {
  const group = computation.groups.get(computation.groupOf.get(unitId) ?? '');
  if (!group) return { of: 0 };
  const position = group.unitIds.indexOf(unitId);
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
