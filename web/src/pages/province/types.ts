/** The province view's answers (GET /api/results/summary, /rows, /trend) and what the page asks for. */
import { searchKey } from '../../../../src/core/text.ts';
import type { RankingPageResponse, RankingSummaryResponse, RankingTrendResponse } from '../../../../src/server/responses.ts';

/** The summary (the view without its rows): points, percentages, quartiles and heat as decimal texts. */
export type Summary = RankingSummaryResponse;
export type Row = RankingPageResponse['rows'][number];
export type Page = Pick<RankingPageResponse, 'matched' | 'offset' | 'limit' | 'rows'>;
export type TrendYear = RankingTrendResponse[number];
import { PAGE_SIZE } from './paths.ts';

export { PAGE_SIZE };

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
  // Figures are decimal texts: their doubles order them (at most 15 significant digits).
  const figure = (text: string | null) => (text === null ? null : Number(text));
  const value = (r: Row) => (query.sort === 'total' ? figure(r.total) : query.sort === 'rank' ? r.rank : k >= 0 ? figure(r.components[k]!.percent) : r.rank);
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
