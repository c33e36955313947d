/** The province view's answers (GET /api/results/summary, /rows, /trend) and what the page asks for. */
import { searchKey } from '../../../../src/core/text.ts';
import { PAGE_SIZE } from './paths.ts';

export { PAGE_SIZE };

export interface Summary {
  year: number;
  level: string;
  group: string;
  groupName: string;
  groupNameEn?: string;
  illustrative: boolean;
  of: number;
  /** Units in the view (ranked or not). */
  count: number;
  /** What the framework measures, in words (core/framework/words.ts). */
  index: Record<'vi' | 'en', { name: string; shortName?: string; label: string; phrase: string }>;
  /** Decimals the framework shows points with; its total maximum. */
  precision: number;
  max: number;
  /** Whether the framework has a survey part: the survey's rank robustness only then. */
  hasSurvey: boolean;
  components: { code: string; name: string; max: number }[];
  distributions: { code: string; min: number | null; q1: number | null; median: number | null; q3: number | null; max: number | null }[];
  types: { type: string; count: number }[];
  peerGroups: { id: string; name: string; count: number }[];
  heat: {
    deciles: { from: number; to: number; count: number; total: number | null; components: (number | null)[] }[];
    groups: { id: string; name: string; count: number; total: number | null; components: (number | null)[] }[];
  };
}

export interface Row {
  unit: { id: string; name: string; illustrative: boolean };
  total: number | null;
  /** The maximum less the unit's not-applicable criteria (= max when none). */
  applicableMax: number;
  rank: number | null;
  /** Other units at the same rank. */
  tied: number;
  /** The unit has predecessors (a reform merged or split them): its trend follows them back. */
  lineage?: boolean;
  components: { code: string; percent: number | null; rank: number | null; tied: boolean }[];
}

export interface Page {
  matched: number;
  offset: number;
  limit: number;
  rows: Row[];
}

export interface TrendYear {
  year: number;
  of: number;
  precision: number;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
  units: { id: string; name: string; total: number | null; rank: number | null }[];
}

/** What the reader asked of the table: kept in the address. */
export interface TableQuery {
  q: string;
  type: string;
  peerGroup: string;
  sort: string;
  down: boolean;
  page: number;
  from?: number;
  to?: number;
  /** Units picked to compare in the trend. */
  picked: string[];
}

/** The rows a query keeps, in its order: the server's rules (core/analysis/rankingWindow.ts), for a group held whole in one page (type and group filtered by the server). */
export function localPage(rows: Row[], query: TableQuery): Page {
  const words = searchKey(query.q).split(' ').filter(Boolean);
  const collator = new Intl.Collator('vi');
  const k = rows[0]?.components.findIndex((c) => c.code === query.sort) ?? -1;
  const value = (r: Row) => (query.sort === 'total' ? r.total : query.sort === 'rank' ? r.rank : k >= 0 ? r.components[k]!.percent : r.rank);
  const rank = (r: Row) => r.rank ?? Number.MAX_SAFE_INTEGER;
  const kept = rows.filter(
    (r) =>
      (query.from === undefined || (r.rank !== null && r.rank >= query.from)) &&
      (query.to === undefined || (r.rank !== null && r.rank <= query.to)) &&
      (!words.length || words.every((w) => ` ${searchKey(r.unit.name)} `.includes(w))),
  );
  kept.sort((x, y) => {
    let order = 0;
    if (query.sort === 'name') order = collator.compare(x.unit.name, y.unit.name);
    else {
      const p = value(x);
      const q = value(y);
      if (p === null || q === null) return p === q ? rank(x) - rank(y) : p === null ? 1 : -1;
      order = p - q;
    }
    return (query.down ? -order : order) || rank(x) - rank(y) || collator.compare(x.unit.name, y.unit.name);
  });
  const offset = query.page * PAGE_SIZE;
  return { matched: kept.length, offset, limit: PAGE_SIZE, rows: kept.slice(offset, offset + PAGE_SIZE) };
}
