/**
 * All units of a level and peer group in a year: the ranking (a page at a time, searched,
 * filtered and sorted — in the browser for a group held whole, on the server beyond), the heat
 * map (the table's cells; aggregated by rank band and group for a large ranking), distributions,
 * the group's trend as median and quartiles with chosen units, and rank robustness.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { hasLineage, LineageTrend, type TrendPointJson } from '../components/LineageTrend.tsx';
import { Failure, Loading } from '../components/Notice.tsx';
import { cachedAnswer, replaceHash, useCachedFetch, useKeptScroll } from '../components/useCachedFetch.ts';
import { escapeHtml, num, pct } from '../format.ts';
import { t, tx } from '../i18n.ts';
import { componentLabel, levelLabel, unitColour } from '../labels.ts';
import { href } from '../router.ts';
import { publishedYears, type CycleRow } from './Home.tsx';
import { AGGREGATE_FROM, HeatSummary } from './province/HeatSummary.tsx';
import { Pager, RankingTable } from './province/RankingTable.tsx';
import { Robustness } from './province/Robustness.tsx';
import { Trend } from './province/Trend.tsx';
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

/** The table's query as the address keeps it (q, type, peer, sort, down, page, from, to, pick). */
function readQuery(): TableQuery {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
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

const queryString = (options: Record<string, string | number | boolean | undefined>) =>
  Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

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
  const [query, setQuery] = useState<TableQuery>(readQuery);
  const s = summary.data;
  // The first page is asked with the summary, not after it (one round trip less on a slow line). When it
  // holds the whole group (up to a page), the group is sorted and searched here at once; a larger one
  // page by page on the server.
  const filters = { type: query.type || undefined, peerGroup: query.peerGroup || undefined };
  const firstPage = where && `/api/results/rows?${where}&${queryString({ ...filters, limit: PAGE_SIZE })}`;
  const held = firstPage ? cachedAnswer<Page>(firstPage) : undefined;
  const whole = !!held && held.matched <= held.rows.length;
  const rowsPath =
    where &&
    (whole
      ? firstPage
      : `/api/results/rows?${where}&${queryString({ ...filters, q: query.q.trim() || undefined, sort: query.sort === 'rank' ? undefined : query.sort, down: query.down || undefined, offset: query.page * PAGE_SIZE || undefined, limit: PAGE_SIZE, rankFrom: query.from, rankTo: query.to })}`);
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
  useKeptScroll(!!page);
  const lineage = useLineageTrends(page?.rows.map((r) => ({ id: r.unit.id, name: r.unit.name })));

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
  const error = summary.error ?? groups.error ?? fetched.error;
  if (error) return <Failure error={error} />;
  if ((cycles.data && !chosen) || (groups.data && !groups.data.length))
    return <p class="card">{tx('Chưa có kết quả nào được công bố.', 'No results are published yet.')}</p>;
  if (!s || !page) return <Loading />;
  const names = new Map(s.components.map((c) => [c.code, c.name]));
  const boxTooltip = {
    trigger: 'item',
    formatter: (item: { dataIndex: number }) => {
      const d = s.distributions[item.dataIndex]!;
      return `<strong>${escapeHtml(`${d.code}. ${names.get(d.code) ?? ''}`)}</strong><br>${tx('thấp nhất', 'min')} ${pct(d.min)} · Q1 ${pct(d.q1)} · ${tx('trung vị', 'median')} ${pct(d.median)} · Q3 ${pct(d.q3)} · ${tx('cao nhất', 'max')} ${pct(d.max)}`;
    },
  };
  const percentAxis = { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } };
  const d = s.precision;
  const sortBy = (key: string) => change({ sort: key, down: query.sort === key ? !query.down : key !== 'rank' && key !== 'name' });
  const pick = (unit: string) =>
    change({ page: query.page, picked: query.picked.includes(unit) ? query.picked.filter((u) => u !== unit) : [...query.picked, unit] });
  const large = s.count > AGGREGATE_FROM;
  return (
    <article>
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
              {tx(`${page.matched.toLocaleString('vi')} đơn vị`, `${page.matched.toLocaleString('en')} units`)}
            </span>
          </div>
        )}
        <RankingTable summary={s} rows={page.rows} query={query} busy={fetched.loading} onSort={sortBy} onPick={pick} />
        <Pager matched={page.matched} offset={page.offset} size={PAGE_SIZE} onPage={(n) => change({ page: n })} />
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
      {large && (
        <HeatSummary summary={s} onDecile={(from, to) => change({ from, to, sort: 'rank', down: false })} onGroup={(id) => change({ peerGroup: id })} />
      )}
      <section class="card">
        <h2>{t('distribution')}</h2>
        {/* Lying down: each component's short name beside its box. */}
        <Chart
          label={t('distribution')}
          height={40 + s.distributions.length * 36}
          option={{
            tooltip: boxTooltip,
            grid: { left: 48, right: 10, bottom: 30, top: 20 },
            xAxis: { type: 'category', data: s.distributions.map((d) => d.code) },
            yAxis: percentAxis,
            series: [
              {
                type: 'boxplot',
                data: s.distributions.map((d) => [d.min, d.q1, d.median, d.q3, d.max].map((v) => (v === null ? 0 : Math.round(Number(v) * 100) / 100))),
              },
            ],
          }}
        />
        {/* The chart's figures as a table: what a screen reader reads, and what a phone shows without hovering. */}
        <details class="chart-table">
          <summary>{tx('Số liệu của biểu đồ', 'The chart’s figures')}</summary>
          <div class="scroll">
            <table data-testid="distribution-table">
              <thead>
                <tr>
                  <th scope="col">{t('component')}</th>
                  <th class="num" scope="col">
                    {tx('Thấp nhất', 'Min')}
                  </th>
                  <th class="num" scope="col">
                    Q1
                  </th>
                  <th class="num" scope="col">
                    {tx('Trung vị', 'Median')}
                  </th>
                  <th class="num" scope="col">
                    Q3
                  </th>
                  <th class="num" scope="col">
                    {tx('Cao nhất', 'Max')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.distributions.map((x) => (
                  <tr key={x.code}>
                    <th scope="row">
                      {x.code}. {names.get(x.code)}
                    </th>
                    {[x.min, x.q1, x.median, x.q3, x.max].map((v, i) => (
                      <td key={i} class="num">
                        {pct(v)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
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
        <Trend years={trend.data} drawn={drawn} rows={page.rows} precision={d} />
        {/* Units formed by the reform: their years followed back to their predecessors', the break said. */}
        {lineage && lineage.length > 0 && <LineageTrend units={lineage} precision={d} testId="province-lineage-trend" />}
      </section>
      {s.hasSurvey && <Robustness where={where!} of={s.of} rows={page.rows} />}
    </article>
  );
}
