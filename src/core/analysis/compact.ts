/**
 * A unit's analysis sized for a screen (issue 16): the peers around the unit (the first few and
 * its neighbours in the ranking) with the group's summary instead of every peer, and tie and
 * "ranked ahead" lists cut to a few names with their counts, and each criterion sparse (what is
 * not said keeps its default). The full analysis stays the report's, the criteria tree's and the
 * consistency checker's.
 */
import type { AnalysisJson } from './index.ts';
import { summaryOfFigures } from './province.ts';

/** A group this size or smaller is listed whole. */
export const PEERS_LISTED = 30;
/** Neighbours on each side of the unit; leaders listed above them. */
const NEIGHBOURS = 5;
const LEADERS = 3;
/** Names given in a tie list; the rest are counted. */
export const NAMED_TIES = 5;

type Criterion = AnalysisJson['components'][number]['criteria'][number];
/** A criterion's figures and words, each key present only when it says something. */
export type SparseCriterion = Pick<Criterion, 'code' | 'name'> & { [K in Exclude<keyof Criterion, 'code' | 'name'>]?: Exclude<Criterion[K], null | false> };

/**
 * A criterion without its defaults (issue 16: at 150 criteria these were half the answer): no key
 * whose value is null or false, and no `applicableMax` equal to `max`. Every figure stays the
 * exact decimal text of the full answer.
 */
export function sparseCriterion(k: Criterion): SparseCriterion {
  const sparse: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(k)) if (value !== null && value !== false && !(key === 'applicableMax' && value === k.max)) sparse[key] = value;
  return sparse as SparseCriterion;
}

export function compactAnalysis(a: AnalysisJson) {
  const ranked = [...a.peers].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || x.name.localeCompare(y.name, 'vi'));
  const at = ranked.findIndex((p) => p.unit === a.unit.id);
  const kept = (i: number) => ranked.length <= PEERS_LISTED || i < LEADERS || Math.abs(i - at) <= NEIGHBOURS;
  // `gap`: peers are left out before this one.
  const near = ranked.flatMap((p, i) => (kept(i) ? [i > 0 && !kept(i - 1) ? { ...p, gap: true } : p] : []));
  const names = new Map(a.peers.map((p) => [p.unit, p.name]));
  const named: Record<string, string> = {};
  const cut = (ids: string[]) => {
    const kept = ids.slice(0, NAMED_TIES);
    for (const id of kept) named[id] = names.get(id) ?? id;
    return kept;
  };
  return {
    ...a,
    tiedWith: cut(a.tiedWith),
    /** Peers sharing the unit's rank, in all (tiedWith names the first few). */
    tiedCount: a.tiedWith.length,
    components: a.components.map((c) => ({
      ...c,
      criteria: c.criteria.map(sparseCriterion),
      tiedWith: cut(c.tiedWith),
      tiedCount: c.tiedWith.length,
      ahead: [] as string[],
      aheadCount: c.ahead.length,
    })),
    peers: near,
    /** The whole group: how many peers, and the quartiles of their totals. */
    peerSummary: (({ mean: _, ...s }) => s)(summaryOfFigures(a.peers.map((p) => p.total))),
    /** Names of the units the tie lists give. */
    names: named,
  };
}
