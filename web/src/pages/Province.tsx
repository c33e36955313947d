/**
 * All units of a level and peer group in a year: the ranking (a page at a time, searched,
 * filtered and sorted — in the browser for a group held whole, on the server beyond), the heat
 * map (the table's cells; aggregated by rank band and group for a large ranking), distributions,
 * the group's trend as median and quartiles with chosen units, and rank robustness.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { hasLineage, LineageTrend, type TrendPointJson } from '../components/LineageTrend.tsx';
import { Failure, Loading } from '../components/Notice.tsx';
import { replaceHash } from '../components/keptScroll.ts';
import { cachedAnswer, prefetch, useCachedFetch } from '../components/useCachedFetch.ts';
import { count, num } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { levelLabel } from '../labels.ts';
import { href } from '../router.ts';
import { publishedYears, type CycleRow } from './Home.tsx';
import { AGGREGATE_FROM, HeatSummary } from './province/HeatSummary.tsx';
import { Pager, RankingTable } from './province/RankingTable.tsx';
import { Robustness } from './province/Robustness.tsx';
import { Trend } from './province/Trend.tsx';
import { Distribution } from './province/Distribution.tsx';
import { firstPagePath, readQuery, rowsPathOf } from './province/paths.ts';
import { localPage, PAGE_SIZE, type Page, type Summary, type TableQuery, type TrendYear } from './province/types.ts';
import type { ResultGroupsResponse } from '../../../src/server/responses.ts';

/** A level and peer group with results in a year (GET /api/results/groups). */
type GroupRow = ResultGroupsResponse[number];

/** Every unit of the level ranked together (across groups and provinces). */
const NATIONAL = '*';
/** Units drawn in the trend without being picked: a small group whole, or the first ones a search finds. */
const DRAWN = 10;

/**
 * Each unit's trend followed back through its lineage (GET /api/units/:unit/trend), for the units
 * of the view; only those with predecessors' years are kept (the others are in the ranking trend).
 */
function useLineageTrends(units: { id: string; name: string }[] | undefined): { id: string; name: string; points: TrendPointJson[] }[] | undefined {
  const [data, setData] = useState<{ id: string; name: string; points: TrendPointJson[] }[]>();
  const key = units?.map((u) => u.id).join(',') ?? '';
  useEffect(() => {
    if (!units) return;
    let live = true;
    Promise.all(
      units.map((u) =>
        api<TrendPointJson[]>('GET', `/api/units/${u.id}/trend`)
          .then((points) => ({ ...u, points }))
          .catch(() => undefined),
      ),
    ).then((all) => live && setData(all.filter((x): x is { id: string; name: string; points: TrendPointJson[] } => !!x && hasLineage(x.points))));
    return () => {
      live = false;
    };
  }, [key]);
  return data;
}

/**
 * What to show of a year: the level and group asked in the address when the year has them,
 * else the first level and group it has — choosing a year never leads to "no results".
 */
export function chooseGroup(groups: GroupRow[], level: string | undefined, group: string | undefined): { level?: string; group?: string } {
  const levels = [...new Set(groups.map((g) => g.level))];
  const chosenLevel = level && levels.includes(level) ? level : (groups.find((g) => g.group === group)?.level ?? levels[0]);
  const ofLevel = groups.filter((g) => g.level === chosenLevel);
  const chosenGroup = group === NATIONAL && ofLevel.length > 1 ? NATIONAL : (ofLevel.find((g) => g.group === group) ?? ofLevel[0])?.group;
  return { level: chosenLevel, group: chosenGroup };
}

export function Province({ year, level: askedLevel, group: askedGroup }: { year?: number; level?: string; group?: string }) {
  // A year in the address needs no list of cycles first (one round trip less on a slow line).
  const cycles = useCachedFetch<CycleRow[]>('/api/cycles');
  const years = publishedYears(cycles.data);
  const chosen = year ?? years[0];
  const groups = useCachedFetch<GroupRow[]>(chosen ? `/api/results/groups?year=${chosen}` : undefined);
  const { level, group } =
    askedLevel && askedGroup && !groups.data ? { level: askedLevel, group: askedGroup } : chooseGroup(groups.data ?? [], askedLevel, askedGroup);
  const where = chosen && level && group ? `year=${chosen}&level=${level}&group=${encodeURIComponent(group)}` : undefined;
  const summary = useCachedFetch<Summary>(where && `/api/results/summary?${where}`);
  const [query, setQuery] = useState<TableQuery>(() => readQuery());
  const s = summary.data;
  // The first page is asked with the summary, not after it (one round trip less on a slow line). When it
  // holds the whole group (up to a page), the group is sorted and searched here at once; a larger one
  // page by page on the server.
  const held = where ? cachedAnswer<Page>(firstPagePath(where, query)) : undefined;
  const whole = !!held && held.matched <= held.rows.length;
  const pathOf = (q: TableQuery) => where && rowsPathOf(where, q, whole);
  const rowsPath = pathOf(query);
  /** Asks ahead for the page a query would show (nothing for a group held whole: it is sorted here). */
  const askAhead = (q: TableQuery) => !whole && prefetch(pathOf(q));
  const fetched = useCachedFetch<Page>(rowsPath, { keep: where });
  const page = fetched.data && s ? (whole ? localPage(fetched.data.rows, query) : fetched.data) : undefined;
  const drawn = [
    ...new Set([...query.picked, ...(page && (query.q.trim() || (s && s.count <= DRAWN)) ? page.rows.slice(0, DRAWN).map((r) => r.unit.id) : [])]),
  ].slice(0, 20);
  // In a fixed order: a sort of the same page asks nothing new.
  const trendUnits = [...new Set([...drawn, ...(page?.rows.map((r) => r.unit.id) ?? [])])].slice(0, 100).sort();
  const trend = useCachedFetch<TrendYear[]>(
    level && group && page
      ? `/api/results/trend?level=${level}&group=${encodeURIComponent(group)}${trendUnits.length ? `&units=${trendUnits.join(',')}` : ''}`
      : undefined,
    { keep: where },
  );
  // Only units formed by a reform have predecessors' years to follow (the rows say which).
  const lineage = useLineageTrends(page?.rows.filter((r) => r.lineage).map((r) => ({ id: r.unit.id, name: r.unit.name })));

  const levels = [...new Set((groups.data ?? []).map((g) => g.level))];
  const ofLevel = (groups.data ?? []).filter((g) => g.level === level);
  const groupName = (g: { name: string; nameEn?: string }) => tx(g.name, g.nameEn ?? g.name);
  /** Another year, level or group: a new address (bookmarkable), the table's query reset. */
  const show = (next: { year?: number | string; level?: string; group?: string }) => {
    setQuery({ q: '', type: '', peerGroup: '', sort: 'rank', down: false, page: 0, picked: [] });
    location.hash = href('/province', { year: chosen, level, group, ...next });
  };
  /** The table's query changed: kept in the address without a new history entry. */
  const change = (next: Partial<TableQuery>) => {
    const merged = { ...query, page: 0, ...next };
    // Asked now, not after the next drawing (the page's effect then finds it in flight).
    askAhead(merged);
    setQuery(merged);
    replaceHash(
      href('/province', {
        year: chosen,
        level,
        group,
        q: merged.q || undefined,
        type: merged.type || undefined,
        peer: merged.peerGroup || undefined,
        sort: merged.sort === 'rank' ? undefined : merged.sort,
        down: merged.down ? 'true' : undefined,
        page: merged.page || undefined,
        from: merged.from,
        to: merged.to,
        pick: merged.picked.join(',') || undefined,
      }),
    );
  };
  /** A click on a column's header: by it (a figure from the highest), or the other way when it is the order already. */
  const sorted = (key: string) => ({ sort: key, down: query.sort === key ? !query.down : key !== 'rank' && key !== 'name' });
  // The parts that do not change with a sort or a page are drawn again only with their data (a
  // sort at 4,000 units redraws the table's rows, not the heat map, the charts or the trend);
  // their buttons reach the current query through `act`.
  const act = useRef(change);
  act.current = change;
  const locale = currentLocale();
  // The table first, in a task of its own; the heat map, the charts and the trend in the next one
  // (one long task at first sight would otherwise hold the page).
  const ready = !!(s && page);
  const [rest, setRest] = useState(false);
  useEffect(() => {
    if (!ready || rest) return;
    const later = setTimeout(() => setRest(true), 0);
    return () => clearTimeout(later);
  }, [ready]);
  const heat = useMemo(
    () =>
      s && s.count > AGGREGATE_FROM ? (
        <HeatSummary
          summary={s}
          onDecile={(from, to) => act.current({ from, to, sort: 'rank', down: false })}
          onGroup={(id) => act.current({ peerGroup: id })}
        />
      ) : null,
    [s, locale],
  );
  const distribution = useMemo(() => s && <Distribution summary={s} />, [s, locale]);
  // The trend's table of the page's units changes with its answer, not with the rows: a sort
  // draws the table's new rows at once, the trend (further down) when its figures are there.
  const trendRowsKept = useRef<typeof page>(undefined);
  if (!trend.loading || !trendRowsKept.current) trendRowsKept.current = page;
  const trendRows = trendRowsKept.current?.rows;
  const trendView = useMemo(
    () => s && trendRows && <Trend years={trend.data} drawn={drawn} rows={trendRows} precision={s.precision} />,
    [trend.data, drawn.join(','), trendRows, s, locale],
  );
  const error = summary.error ?? groups.error ?? fetched.error;
  if (error) return <Failure error={error} />;
  if ((cycles.data && !chosen) || (groups.data && !groups.data.length))
    return <p class="card">{tx('Chưa có kết quả nào được công bố.', 'No results are published yet.')}</p>;
  if (!s || !page) return <Loading />;
  const d = s.precision;
  const sortBy = (key: string) => change(sorted(key));
  const pick = (unit: string) =>
    change({ page: query.page, picked: query.picked.includes(unit) ? query.picked.filter((u) => u !== unit) : [...query.picked, unit] });
  const large = s.count > AGGREGATE_FROM;
  return (
    <article class="province">
      <div class="title-row">
        <h1>
          {tx(`Xếp hạng ${s.index.vi.label}`, `${s.index.en.label} ranking`)} — {levelLabel(s.level)}
          {levels.length > 1 || ofLevel.length > 1 ? ` — ${groupName({ name: s.groupName, ...(s.groupNameEn && { nameEn: s.groupNameEn }) })}` : ''} — {s.year}
        </h1>
        <label class="inline">
          {t('year')}{' '}
          <select name="year" value={s.year} onChange={(e) => show({ year: e.currentTarget.value })}>
            {(years.length ? years : [s.year]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {levels.length > 1 && (
          <label class="inline">
            {tx('Cấp', 'Level')}{' '}
            <select name="level" value={s.level} onChange={(e) => show({ level: e.currentTarget.value, group: undefined })}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l)}
                </option>
              ))}
            </select>
          </label>
        )}
        {ofLevel.length > 1 && (
          <label class="inline">
            {tx('Nhóm', 'Group')}{' '}
            <select name="group" value={s.group} onChange={(e) => show({ group: e.currentTarget.value })}>
              {ofLevel.map((g) => (
                <option key={g.group} value={g.group}>
                  {groupName(g)} ({g.count})
                </option>
              ))}
              <option value={NATIONAL}>{tx('Tất cả các nhóm (xếp hạng chung)', 'All groups (ranked together)')}</option>
            </select>
          </label>
        )}
      </div>
      <section class="card">
        <h2>{tx(`Xếp hạng ${s.of} đơn vị — ${s.groupName}`, `Ranking of ${s.of} units — ${s.groupNameEn ?? s.groupName}`)}</h2>
        {large && (
          // biome-ignore lint/a11y/useSemanticElements: the <search> element is too new for the browsers of some offices; the role says the same.
          <div class="filters" role="search">
            <label class="inline">
              {tx('Tìm đơn vị', 'Find a unit')}{' '}
              <input
                type="search"
                name="q"
                value={query.q}
                placeholder={tx('tên, không cần dấu', 'name, accents optional')}
                onInput={(e) => change({ q: e.currentTarget.value })}
              />
            </label>
            {s.types.length > 1 && (
              <label class="inline">
                {tx('Loại', 'Type')}{' '}
                <select name="type" value={query.type} onChange={(e) => change({ type: e.currentTarget.value })}>
                  <option value="">{tx('Tất cả', 'All')}</option>
                  {s.types.map((x) => (
                    <option key={x.type} value={x.type}>
                      {x.type} ({x.count})
                    </option>
                  ))}
                </select>
              </label>
            )}
            {s.peerGroups.length > 1 && (
              <label class="inline">
                {tx('Nhóm', 'Group')}{' '}
                <select name="peer" value={query.peerGroup} onChange={(e) => change({ peerGroup: e.currentTarget.value })}>
                  <option value="">{tx('Tất cả', 'All')}</option>
                  {s.peerGroups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name} ({g.count})
                    </option>
                  ))}
                </select>
              </label>
            )}
            {query.from !== undefined && (
              <button type="button" class="chip" onClick={() => change({ from: undefined, to: undefined })} data-testid="rank-range">
                {tx(`Hạng ${query.from}–${query.to ?? ''}`, `Ranks ${query.from}–${query.to ?? ''}`)} ✕
              </button>
            )}
            <span class="muted" role="status">
              {tx(`${count(page.matched, 'vi')} đơn vị`, `${count(page.matched, 'en')} units`)}
            </span>
          </div>
        )}
        <RankingTable
          summary={s}
          rows={page.rows}
          query={query}
          busy={fetched.loading}
          onSort={sortBy}
          onPick={pick}
          onIntent={(key) => askAhead({ ...query, page: 0, ...sorted(key) })}
        />
        <Pager
          matched={page.matched}
          offset={page.offset}
          size={PAGE_SIZE}
          onPage={(n) => change({ page: n })}
          onIntent={(n) => askAhead({ ...query, page: n })}
        />
        <p class="muted scroll-hint" aria-hidden="true" data-testid="scroll-hint">
          {tx('← Kéo ngang bảng để xem các lĩnh vực →', '← Swipe the table sideways to see the components →')}
        </p>
        <p class="muted">
          {t('heatmap')}. {s.illustrative ? t('illustrativeNote') : ''}
        </p>
        <details class="legend">
          <summary>{tx('Tên các lĩnh vực', 'Component names')}</summary>
          <ol>
            {s.components.map((c) => (
              <li key={c.code} value={Number(c.code)}>
                {c.name} ({t('max')} {num(c.max, d)})
              </li>
            ))}
          </ol>
        </details>
      </section>
      {rest && (
        <>
          {heat}
          {distribution}
          <section class="card">
            <h2>{t('trend')}</h2>
            {large && (
              <p class="muted">
                {tx(
                  'Đánh dấu ô bên tên đơn vị (hoặc tìm theo tên) để vẽ đơn vị đó trên nền trung vị và khoảng tứ phân vị của nhóm.',
                  'Tick the box by a unit’s name (or search for it) to draw it over the group’s median and quartile band.',
                )}
              </p>
            )}
            {trendView}
            {/* Units formed by the reform: their years followed back to their predecessors', the break said. */}
            {lineage && lineage.length > 0 && <LineageTrend units={lineage} precision={d} testId="province-lineage-trend" />}
          </section>
          {s.hasSurvey && <Robustness where={where!} of={s.of} rows={page.rows} />}
        </>
      )}
    </article>
  );
}
