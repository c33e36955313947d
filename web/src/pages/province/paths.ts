/**
 * The province view's query as the address keeps it, and the API paths it reads: shared by the
 * page and by the app's start-up (main.tsx asks for them while the page's code still loads).
 * Free of other modules, so that the main bundle takes it without the page.
 */
import type { TableQuery } from './types.ts';

export const PAGE_SIZE = 50;

/** The table's query as the address keeps it (q, type, peer, sort, down, page, from, to, pick). */
export function readQuery(hash = location.hash): TableQuery {
  const params = new URLSearchParams(hash.split('?')[1] ?? '');
  const number = (name: string) => (params.get(name) && Number.isFinite(Number(params.get(name))) ? Number(params.get(name)) : undefined);
  return {
    q: params.get('q') ?? '',
    type: params.get('type') ?? '',
    peerGroup: params.get('peer') ?? '',
    sort: params.get('sort') ?? 'rank',
    down: params.get('down') === 'true',
    page: number('page') ?? 0,
    ...(number('from') !== undefined && { from: number('from') }),
    ...(number('to') !== undefined && { to: number('to') }),
    picked: (params.get('pick') ?? '').split(',').filter(Boolean),
  };
}

export const queryString = (options: Record<string, string | number | boolean | undefined>) =>
  Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

/** The ranking shown: year, level and group. */
export const whereOf = (year: number, level: string, group: string) => `year=${year}&level=${level}&group=${encodeURIComponent(group)}`;

/** The first page of the ranking under the query's filters (all a small group has). */
export const firstPagePath = (where: string, query: TableQuery) =>
  `/api/results/rows?${where}&${queryString({ type: query.type || undefined, peerGroup: query.peerGroup || undefined, limit: PAGE_SIZE })}`;

/** The page the query asks of the server (`whole`: the first page holds the group, sorted and searched in the browser). */
export function rowsPathOf(where: string, query: TableQuery, whole: boolean): string {
  if (whole) return firstPagePath(where, query);
  return `/api/results/rows?${where}&${queryString({
    type: query.type || undefined,
    peerGroup: query.peerGroup || undefined,
    q: query.q.trim() || undefined,
    sort: query.sort === 'rank' ? undefined : query.sort,
    down: query.down || undefined,
    offset: query.page * PAGE_SIZE || undefined,
    limit: PAGE_SIZE,
    rankFrom: query.from,
    rankTo: query.to,
  })}`;
}

/**
 * What the view reads first when the address names the year, level and group (a link from a
 * dashboard, a bookmark, back from a unit): asked at start-up, beside the page's code.
 */
export function firstReads(query: URLSearchParams, hash = location.hash): string[] {
  const year = Number(query.get('year'));
  const level = query.get('level');
  const group = query.get('group');
  if (!year) return ['/api/cycles'];
  const reads = ['/api/cycles', `/api/results/groups?year=${year}`];
  if (!level || !group) return reads;
  const where = whereOf(year, level, group);
  return [...reads, `/api/results/summary?${where}`, rowsPathOf(where, readQuery(hash), false)];
}
