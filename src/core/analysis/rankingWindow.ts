/**
 * A ranking answered in pieces a person reads: a page of rows sorted and searched (name without
 * diacritics, unit type, peer group, a rank range), a summary without the rows (distributions, a
 * heat map aggregated by rank decile and by peer group), and the trend of a group as its median
 * and quartiles over the years with a few chosen units on top. Works on the province view's
 * JSON (provinceToJson), which the server keeps per data revision.
 */
import { groupOf, type Dataset } from '../dataset.ts';
import { searchKey } from '../text.ts';
import { summaryOfFigures, type provinceToJson } from './province.ts';

export type ProvinceJson = ReturnType<typeof provinceToJson>;
type Row = ProvinceJson['units'][number];

/** What a page is asked for. */
export interface RankingQuery {
  /** Words of the name (accents ignored). */
  q?: string;
  /** A unit type as written (xã, phường…). */
  type?: string;
  /** A peer group (in a ranking of several). */
  peerGroup?: string;
  /** Ranks from…to (a heat map decile drilled into). */
  rankFrom?: number;
  rankTo?: number;
  /** Only these units (the ones a reader picked). */
  units?: string[];
  /** rank | name | total | a component's code. */
  sort?: string;
  down?: boolean;
  offset?: number;
  limit?: number;
}

/** The view with what searching and sorting it needs, built once per view. */
export interface RankingIndex {
  view: ProvinceJson;
  keys: string[];
  types: (string | undefined)[];
  groups: string[];
  groupNames: Map<string, string>;
  /** Whether each unit has predecessors (its trend follows them back through a reform). */
  lineage: boolean[];
  /** Units sharing each total rank; per component, units sharing each component rank. */
  tiedTotal: Map<number, number>;
  tiedComponent: Map<number, number>[];
  /** Each row's place among the names (equal names share one), so that no sort compares names again. */
  namePlace: Int32Array;
  /** Each row's place by rank, then name: how rows tied in any order are put. */
  tiePlace: Int32Array;
  orders: Map<string, Int32Array>;
}

const collator = new Intl.Collator('vi');

/** The two places of every row (`namePlace`, `tiePlace`): the only sorts that compare names, once per view. */
function places(rows: readonly Row[]): { namePlace: Int32Array; tiePlace: Int32Array } {
  const byName = Int32Array.from(rows.keys()).sort((a, b) => collator.compare(rows[a]!.unit.name, rows[b]!.unit.name));
  const namePlace = new Int32Array(rows.length);
  byName.forEach((row, i) => {
    const previous = byName[i - 1];
    namePlace[row] = i > 0 && collator.compare(rows[previous!]!.unit.name, rows[row]!.unit.name) === 0 ? namePlace[previous!]! : i;
  });
  const rank = (i: number) => rows[i]!.rank ?? Number.MAX_SAFE_INTEGER;
  const byRank = Int32Array.from(rows.keys()).sort((a, b) => rank(a) - rank(b) || namePlace[a]! - namePlace[b]!);
  const tiePlace = new Int32Array(rows.length);
  byRank.forEach((row, i) => (tiePlace[row] = i));
  return { namePlace, tiePlace };
}

export function rankingIndex(dataset: Dataset, view: ProvinceJson): RankingIndex {
  const units = view.units.map((row) => dataset.units.get(row.unit.id));
  const tiedTotal = new Map<number, number>();
  const tiedComponent = view.components.map(() => new Map<number, number>());
  for (const row of view.units) {
    if (row.rank !== null) tiedTotal.set(row.rank, (tiedTotal.get(row.rank) ?? 0) + 1);
    row.components.forEach((c, k) => c.rank !== null && tiedComponent[k]!.set(c.rank, (tiedComponent[k]!.get(c.rank) ?? 0) + 1));
  }
  const groupNames = new Map<string, string>();
  for (const id of new Set(units.map((u) => u?.peerGroup ?? ''))) {
    try {
      groupNames.set(id, groupOf(dataset, id).name);
    } catch {
      groupNames.set(id, id);
    }
  }
  return {
    view,
    keys: view.units.map((row, i) => searchKey([row.unit.name, row.unit.fullName, ...(units[i]?.aliases ?? [])].join(' '))),
    types: units.map((u) => u?.type),
    groups: units.map((u) => u?.peerGroup ?? ''),
    groupNames,
    lineage: units.map((u) => (u?.predecessors.length ?? 0) > 0),
    tiedTotal,
    tiedComponent,
    ...places(view.units),
    orders: new Map(),
  };
}

/**
 * Row positions in the order asked (ties broken by rank, then name); kept for the next page. Each
 * row's figure is read once and the comparisons are between numbers: a first sort of 4,000 rows
 * took 20–57 ms comparing names and parsing figures at each step (issue 16.4, sort ≤ 150 ms).
 */
function orderOf(index: RankingIndex, sort: string, down: boolean): Int32Array {
  const key = `${sort}:${down}`;
  const known = index.orders.get(key);
  if (known) return known;
  const rows = index.view.units;
  const { namePlace, tiePlace } = index;
  const k = index.view.components.findIndex((c) => c.code === sort);
  // Figures are decimal texts of at most 15 significant digits: their doubles order them exactly.
  // A row without a figure (NaN) comes last, whichever way the column is sorted.
  const value = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const figure = sort === 'name' ? namePlace[i]! : sort === 'total' ? r.total : k >= 0 ? r.components[k]!.percent : r.rank;
    value[i] = figure === null ? Number.NaN : Number(figure);
  });
  const positions = Int32Array.from(rows.keys());
  positions.sort((a, b) => {
    const p = value[a]!;
    const q = value[b]!;
    if (Number.isNaN(p) || Number.isNaN(q)) return Number.isNaN(p) === Number.isNaN(q) ? tiePlace[a]! - tiePlace[b]! : Number.isNaN(p) ? 1 : -1;
    return (down ? q - p : p - q) || tiePlace[a]! - tiePlace[b]!;
  });
  index.orders.set(key, positions);
  return positions;
}

/** Whether a row is one the query keeps. */
function keeps(index: RankingIndex, i: number, query: RankingQuery, words: string[], picked: Set<string> | undefined): boolean {
  const row = index.view.units[i]!;
  if (picked && !picked.has(row.unit.id)) return false;
  if (query.type && index.types[i] !== query.type) return false;
  if (query.peerGroup && index.groups[i] !== query.peerGroup) return false;
  if (query.rankFrom !== undefined && (row.rank === null || row.rank < query.rankFrom)) return false;
  if (query.rankTo !== undefined && (row.rank === null || row.rank > query.rankTo)) return false;
  const key = words.length ? ` ${index.keys[i]} ` : '';
  return words.every((w) => key.includes(w));
}

/** A row as the view gives it, with how many others share its rank (`tied`), per component whether it is shared, and `lineage` for a unit with predecessors. */
function withTies(index: RankingIndex, i: number) {
  const row = index.view.units[i]!;
  return {
    ...row,
    ...(index.lineage[i] && { lineage: true as const }),
    tied: row.rank === null ? 0 : (index.tiedTotal.get(row.rank) ?? 1) - 1,
    components: row.components.map((c, k) => ({ ...c, tied: c.rank !== null && (index.tiedComponent[k]!.get(c.rank) ?? 1) > 1 })),
  };
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/** One page of the rows the query keeps, in its order, and how many it keeps in all. */
export function rankingPage(index: RankingIndex, query: RankingQuery) {
  const sort = query.sort && (['rank', 'name', 'total'].includes(query.sort) || index.view.components.some((c) => c.code === query.sort)) ? query.sort : 'rank';
  const down = query.down ?? false;
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(MAX_PAGE, Math.max(1, query.limit ?? DEFAULT_PAGE));
  const words = query.q ? searchKey(query.q).split(' ').filter(Boolean) : [];
  const picked = query.units && new Set(query.units);
  const rows: ReturnType<typeof withTies>[] = [];
  let matched = 0;
  for (const i of orderOf(index, sort, down)) {
    if (!keeps(index, i, query, words, picked)) continue;
    if (matched >= offset && rows.length < limit) rows.push(withTies(index, i));
    matched++;
  }
  return { year: index.view.year, level: index.view.level, group: index.view.group, of: index.view.of, sort, down, offset, limit, matched, rows };
}

/** The exact mean of the known figures, as decimal text. */
const mean = (values: (string | null)[]) => summaryOfFigures(values).mean;

/** Mean percent per component of some rows: a heat map line. */
const heatLine = (rows: Row[], components: number) => Array.from({ length: components }, (_, k) => mean(rows.map((r) => r.components[k]!.percent)));

/**
 * The view without its rows: what the page needs besides them — the unit types and peer groups
 * to filter by, and a heat map by component aggregated by rank decile (ranks from…to, to drill
 * into) and, when the ranking spans several peer groups, by group.
 */
export function rankingSummary(index: RankingIndex) {
  const { units: rows, ...rest } = index.view;
  const count = <K>(keys: K[]) => {
    const counts = new Map<K, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return counts;
  };
  const ranked = rows.filter((r) => r.rank !== null);
  const buckets = Math.min(10, ranked.length);
  const deciles = Array.from({ length: buckets }, (_, b) => {
    const part = ranked.slice(Math.floor((b * ranked.length) / buckets), Math.floor(((b + 1) * ranked.length) / buckets));
    return {
      from: part[0]!.rank!,
      to: part.at(-1)!.rank!,
      count: part.length,
      components: heatLine(part, rest.components.length),
      total: mean(part.map((r) => r.total)),
    };
  });
  const byGroup = new Map<string, Row[]>();
  rows.forEach((r, i) => byGroup.set(index.groups[i]!, [...(byGroup.get(index.groups[i]!) ?? []), r]));
  const groups =
    byGroup.size > 1
      ? [...byGroup].map(([id, part]) => ({
          id,
          name: index.groupNames.get(id) ?? id,
          count: part.length,
          components: heatLine(part, rest.components.length),
          total: mean(part.map((r) => r.total)),
        }))
      : [];
  return {
    ...rest,
    count: rows.length,
    types: [...count(index.types.filter((t): t is string => !!t))].map(([type, n]) => ({ type, count: n })).sort((a, b) => collator.compare(a.type, b.type)),
    peerGroups: [...count(index.groups)].map(([id, n]) => ({ id, name: index.groupNames.get(id) ?? id, count: n })),
    heat: { deciles, groups },
  };
}

/** A group over the years: each year's quartiles of the totals, and the chosen units' totals and ranks. */
export function trendBand(views: ProvinceJson[], unitIds: string[]) {
  const wanted = new Set(unitIds);
  return views
    .sort((a, b) => a.year - b.year)
    .map((view) => ({
      year: view.year,
      of: view.of,
      precision: view.precision,
      ...(({ count: _, mean: __, ...q }) => q)(summaryOfFigures(view.units.map((u) => u.total))),
      units: view.units.filter((u) => wanted.has(u.unit.id)).map((u) => ({ id: u.unit.id, name: u.unit.name, total: u.total, rank: u.rank })),
    }));
}
