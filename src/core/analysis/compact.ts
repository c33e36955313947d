/**
 * A unit's analysis sized for a screen (issue 16): the peers around the unit (the first few and
 * its neighbours in the ranking) with the group's summary instead of every peer, and tie and
 * "ranked ahead" lists cut to a few names with their counts. The full analysis stays the
 * report's and the consistency checker's (server-side).
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
    components: a.components.map((c) => ({ ...c, tiedWith: cut(c.tiedWith), tiedCount: c.tiedWith.length, ahead: [] as string[], aheadCount: c.ahead.length })),
    peers: near,
    /** The whole group: how many peers, and the quartiles of their totals. */
    peerSummary: (({ mean: _, ...s }) => s)(summaryOfFigures(a.peers.map((p) => p.total))),
    /** Names of the units the tie lists give. */
    names: named,
  };
}
