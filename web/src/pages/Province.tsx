/** All units of a level and peer group in a year: ranking with ties, heat map, distributions, trend. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { hasLineage, LineageTrend, type TrendPointJson } from '../components/LineageTrend.tsx';
import { Failure, Loading } from '../components/Notice.tsx';
import { useFetch } from '../components/useFetch.ts';
import { escapeHtml, num, pct } from '../format.ts';
import { t, tx } from '../i18n.ts';
import { componentLabel, levelLabel, unitColour } from '../labels.ts';
import { href } from '../router.ts';
import { publishedYears, type CycleRow } from './Home.tsx';

interface ProvinceJson {
  year: number;
  level: string;
  group: string;
  groupName: string;
  groupNameEn?: string;
  illustrative: boolean;
  of: number;
  /** What the framework measures, in words (core/framework/words.ts). */
  index: Record<'vi' | 'en', { name: string; shortName?: string; label: string; phrase: string }>;
  /** Decimals the framework shows points with; its total maximum. */
  precision: number;
  max: number;
  /** Whether the framework has a survey part: the survey's rank robustness only then. */
  hasSurvey: boolean;
  components: { code: string; name: string; max: number }[];
  units: {
    unit: { id: string; name: string; illustrative: boolean };
    total: number | null;
    /** The maximum less the unit's not-applicable criteria (= max when none). */
    applicableMax: number;
    rank: number | null;
    components: { code: string; percent: number | null; rank: number | null }[];
  }[];
  distributions: { code: string; min: number | null; q1: number | null; median: number | null; q3: number | null; max: number | null }[];
}

/** A level and peer group with results in a year (GET /api/results/groups). */
interface GroupRow {
  level: string;
  group: string;
  name: string;
  nameEn?: string;
  count: number;
}

/** Every unit of the level ranked together (across groups and provinces). */
const NATIONAL = '*';

type SortKey = 'rank' | 'name' | 'total' | string;

/** The ranking of every published year, oldest first, for the trend chart. */
function useYears(years: number[], level: string | undefined, group: string | undefined): ProvinceJson[] | undefined {
  const [data, setData] = useState<ProvinceJson[]>();
  const key = years.join(',');
  useEffect(() => {
    if (!level || !group) return;
    let live = true;
    Promise.all([...years].sort().map((y) => api<ProvinceJson>('GET', `/api/results?year=${y}&level=${level}&group=${encodeURIComponent(group)}`).catch(() => undefined))).then(
      (all) => live && setData(all.filter((x): x is ProvinceJson => !!x)),
    );
    return () => {
      live = false;
    };
  }, [key, level, group]);
  return data;
}

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
    Promise.all(units.map((u) => api<TrendPointJson[]>('GET', `/api/units/${u.id}/trend`).then((points) => ({ ...u, points })).catch(() => undefined))).then(
      (all) => live && setData(all.filter((x): x is { id: string; name: string; points: TrendPointJson[] } => !!x && hasLineage(x.points))),
    );
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
  const cycles = useFetch<CycleRow[]>('/api/cycles');
  const years = publishedYears(cycles.data);
  const chosen = year ?? years[0];
  const groups = useFetch<GroupRow[]>(chosen ? `/api/results/groups?year=${chosen}` : undefined);
  const { level, group } = chooseGroup(groups.data ?? [], askedLevel, askedGroup);
  const { data, error } = useFetch<ProvinceJson>(chosen && level && group ? `/api/results?year=${chosen}&level=${level}&group=${encodeURIComponent(group)}` : undefined);
  const history = useYears(years, level, group);
  const lineage = useLineageTrends(data?.units.map((u) => ({ id: u.unit.id, name: u.unit.name })));
  const levels = [...new Set((groups.data ?? []).map((g) => g.level))];
  const ofLevel = (groups.data ?? []).filter((g) => g.level === level);
  const groupName = (g: { name: string; nameEn?: string }) => tx(g.name, g.nameEn ?? g.name);
  /** Another year, level or group: kept in the address, so that the view is bookmarkable. */
  const show = (next: { year?: number | string; level?: string; group?: string }) => (location.hash = href('/province', { year: chosen, level, group, ...next }));
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'rank', down: false });
  const [showRobustness, setShowRobustness] = useState(false);
  const robustness = useFetch<{ unitId: string; name: string; rank: number; low: number; high: number; probabilities: number[] | null }[]>(
    showRobustness && chosen && level && group ? `/api/robustness?year=${chosen}&level=${level}&group=${encodeURIComponent(group)}&runs=2000&seed=1&spread=1` : undefined,
  );
  if (error || groups.error) return <Failure error={(error ?? groups.error)!} />;
  if ((cycles.data && !chosen) || (groups.data && !groups.data.length)) return <p class="card">{tx('Chưa có kết quả nào được công bố.', 'No results are published yet.')}</p>;
  if (!data) return <Loading />;
  const value = (u: ProvinceJson['units'][number]): number | string => {
    if (sort.key === 'rank') return u.rank ?? 999;
    if (sort.key === 'total') return u.total ?? -1;
    if (sort.key === 'name') return u.unit.name;
    return u.components.find((c) => c.code === sort.key)?.percent ?? -1;
  };
  const rows = [...data.units].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
    return (sort.down ? -order : order) || (a.rank ?? 999) - (b.rank ?? 999);
  });
  const counts = new Map<string, number>();
  const count = (code: string, rank: number | null) => (rank === null ? 0 : (counts.get(`${code}:${rank}`) ?? 0));
  for (const u of data.units) {
    if (u.rank !== null) counts.set(`total:${u.rank}`, count('total', u.rank) + 1);
    for (const c of u.components) if (c.rank !== null) counts.set(`${c.code}:${c.rank}`, count(c.code, c.rank) + 1);
  }
  const names = new Map(data.components.map((c) => [c.code, c.name]));
  const header = (key: SortKey, label: string, title?: string, numeric = false) => (
    <th aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : undefined} class={numeric ? 'num' : ''} scope="col">
      <button type="button" class="sort" title={title} onClick={() => setSort({ key, down: sort.key === key ? !sort.down : key !== 'rank' && key !== 'name' })}>
        {label}{sort.key === key ? (sort.down ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const colour = (p: number | null) => (p === null ? '#eee' : `hsl(${Math.round((p / 100) * 120)}, 65%, ${85 - (p / 100) * 25}%)`);
  const tied = (code: string, rank: number | null) => (count(code, rank) > 1 ? ` (${t('tied')})` : '');
  const boxTooltip = {
    trigger: 'item',
    formatter: (item: { dataIndex: number }) => {
      const d = data.distributions[item.dataIndex]!;
      return `<strong>${escapeHtml(`${d.code}. ${names.get(d.code) ?? ''}`)}</strong><br>${tx('thấp nhất', 'min')} ${pct(d.min)} · Q1 ${pct(d.q1)} · ${tx('trung vị', 'median')} ${pct(d.median)} · Q3 ${pct(d.q3)} · ${tx('cao nhất', 'max')} ${pct(d.max)}`;
    },
  };
  const percentAxis = { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } };
  // Points to the framework's precision (16,753 on a framework in thousandths), over its own maximum.
  const d = data.precision;
  const withSurvey = data.hasSurvey;
  return (
    <article>
      <div class="title-row">
        <h1>{tx(`Xếp hạng ${data.index.vi.label}`, `${data.index.en.label} ranking`)} — {levelLabel(data.level)}{levels.length > 1 || ofLevel.length > 1 ? ` — ${groupName({ name: data.groupName, ...(data.groupNameEn && { nameEn: data.groupNameEn }) })}` : ''} — {data.year}</h1>
        <label class="inline">
          {t('year')}{' '}
          <select name="year" value={data.year} onChange={(e) => show({ year: e.currentTarget.value })}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        {levels.length > 1 && (
          <label class="inline">
            {tx('Cấp', 'Level')}{' '}
            <select name="level" value={data.level} onChange={(e) => show({ level: e.currentTarget.value, group: undefined })}>
              {levels.map((l) => <option key={l} value={l}>{levelLabel(l)}</option>)}
            </select>
          </label>
        )}
        {ofLevel.length > 1 && (
          <label class="inline">
            {tx('Nhóm', 'Group')}{' '}
            <select name="group" value={data.group} onChange={(e) => show({ group: e.currentTarget.value })}>
              {ofLevel.map((g) => <option key={g.group} value={g.group}>{groupName(g)} ({g.count})</option>)}
              <option value={NATIONAL}>{tx('Tất cả các nhóm (xếp hạng chung)', 'All groups (ranked together)')}</option>
            </select>
          </label>
        )}
      </div>
      <section class="card">
        <h2>{tx(`Xếp hạng ${data.of} đơn vị — ${data.groupName}`, `Ranking of ${data.of} units — ${data.groupNameEn ?? data.groupName}`)}</h2>
        <div class="scroll">
          <table class="ranking">
            <thead>
              <tr>{header('rank', t('rank'))}{header('name', t('unit'))}{header('total', t('total'), `${t('total')} (${t('max')} ${num(data.max, d)})`, true)}{data.components.map((c) => header(c.code, componentLabel(c.code, c.name), `${c.code}. ${c.name} (${t('max')} ${num(c.max, d)})`, true))}</tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.unit.id} data-unit={u.unit.id}>
                  <td>{u.rank ?? '—'}{tied('total', u.rank) && <span class="tie">{tied('total', u.rank)}</span>}</td>
                  <th scope="row"><a href={href(`/unit/${u.unit.id}`, { year: data.year })}>{u.unit.name}</a>{u.unit.illustrative ? <abbr title={t('illustrative')}> *</abbr> : ''}</th>
                  <td class="num" data-testid="total">
                    {num(u.total, d)}
                    {u.applicableMax !== data.max && <span class="muted" title={tx('Điểm tối đa áp dụng (trừ các tiêu chí không áp dụng)', 'Applicable maximum (without the criteria that do not apply)')}> / {num(u.applicableMax, d)}</span>}
                  </td>
                  {u.components.map((c) => (
                    <td key={c.code} class="num heat" style={{ background: colour(c.percent) }} title={`${c.code}. ${names.get(c.code)}: ${pct(c.percent)} — ${t('rank')} ${c.rank ?? '—'}${tied(c.code, c.rank)}`}>{pct(c.percent, 1)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted scroll-hint" aria-hidden="true" data-testid="scroll-hint">{tx('← Kéo ngang bảng để xem các lĩnh vực →', '← Swipe the table sideways to see every component →')}</p>
        <p class="muted">{t('heatmap')}. {data.illustrative ? t('illustrativeNote') : ''}</p>
        <details class="legend">
          <summary>{tx('Tên các lĩnh vực', 'Component names')}</summary>
          <ol>{data.components.map((c) => <li key={c.code} value={Number(c.code)}>{c.name} ({t('max')} {num(c.max, d)})</li>)}</ol>
        </details>
      </section>
      <section class="card">
        <h2>{t('distribution')}</h2>
        {/* Lying down: each component's short name beside its box. */}
        <Chart
          label={t('distribution')}
          height={40 + data.distributions.length * 36}
          option={{
            tooltip: boxTooltip,
            grid: { left: 8, right: 16, bottom: 24, top: 12, containLabel: true },
            yAxis: { type: 'category', inverse: true, data: data.distributions.map((d) => componentLabel(d.code, names.get(d.code) ?? d.code)), axisLabel: { width: 150, overflow: 'break', interval: 0, fontSize: 11 } },
            xAxis: percentAxis,
            series: [{ type: 'boxplot', data: data.distributions.map((d) => [d.min, d.q1, d.median, d.q3, d.max].map((v) => (v === null ? 0 : Math.round(v * 100) / 100))) }],
          }}
        />
        {/* The chart's figures as a table: what a screen reader reads, and what a phone shows without hovering. */}
        <details class="chart-table">
          <summary>{tx('Số liệu của biểu đồ', 'The chart’s figures')}</summary>
          <div class="scroll">
            <table data-testid="distribution-table">
              <thead><tr><th scope="col">{t('component')}</th><th class="num" scope="col">{tx('Thấp nhất', 'Min')}</th><th class="num" scope="col">Q1</th><th class="num" scope="col">{tx('Trung vị', 'Median')}</th><th class="num" scope="col">Q3</th><th class="num" scope="col">{tx('Cao nhất', 'Max')}</th></tr></thead>
              <tbody>
                {data.distributions.map((x) => (
                  <tr key={x.code}><th scope="row">{x.code}. {names.get(x.code)}</th>{[x.min, x.q1, x.median, x.q3, x.max].map((v, i) => <td key={i} class="num">{pct(v)}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <section class="card">
        <h2>{t('trend')}</h2>
        {history && history.length > 1 ? (
          <Chart
            label={t('trend')}
            height={300}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => num(v, d) },
              // The legend on its own line at the top, the axis's name along the axis: on a phone neither covers the other.
              legend: { type: 'scroll', top: 0 },
              grid: { left: 16, right: 12, bottom: 28, top: 44, containLabel: true },
              xAxis: { type: 'category', data: history.map((h) => String(h.year)) },
              yAxis: { type: 'value', scale: true, name: t('total'), nameLocation: 'middle', nameRotate: 90, nameGap: 36, axisLabel: { formatter: (v: number) => num(v, 0) } },
              series: data.units.map((u) => ({
                type: 'line',
                name: u.unit.name,
                // The unit's own colour, the same in every chart.
                color: unitColour(u.unit.id),
                data: history.map((h) => h.units.find((x) => x.unit.id === u.unit.id)?.total ?? null),
              })),
            }}
          />
        ) : history ? (lineage?.length ? null : <p class="muted">{tx('Cần kết quả của ít nhất hai năm.', 'Needs the results of at least two years.')}</p>) : <Loading />}
        {lineage && lineage.length > 0 && <LineageTrend units={lineage} precision={d} testId="province-lineage-trend" />}
        {history && history.length > 1 && (
          <div class="scroll">
            <table class="trend" data-testid="trend">
              <thead><tr><th scope="col">{t('unit')}</th>{history.map((h) => <th key={h.year} class="num" scope="col">{h.year}</th>)}</tr></thead>
              <tbody>
                {data.units.map((u) => (
                  <tr key={u.unit.id}>
                    <th scope="row">{u.unit.name}</th>
                    {history.map((h) => {
                      const row = h.units.find((x) => x.unit.id === u.unit.id);
                      return <td key={h.year} class="num">{num(row?.total, h.precision)} <span class="muted">({row?.rank ?? '—'}/{h.of})</span></td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {withSurvey && <section class="card">
        <h2>{tx('Độ tin cậy của thứ hạng (sai số điều tra xã hội học ±1 điểm)', 'Rank robustness (survey noise ±1 point)')}</h2>
        {!showRobustness ? (
          <button type="button" onClick={() => setShowRobustness(true)}>{tx('Mô phỏng 2.000 lần', 'Simulate 2,000 runs')}</button>
        ) : robustness.error ? <Failure error={robustness.error} /> : !robustness.data ? <Loading /> : (
          <div class="scroll">
            <table data-testid="robustness">
              <thead><tr><th>{t('rank')}</th><th>{t('unit')}</th><th>{tx('Khoảng 90%', '90% interval')}</th><th class="num">{tx('Xác suất giữ hạng', 'P(same rank)')}</th></tr></thead>
              <tbody>
                {[...robustness.data].sort((a, b) => a.rank - b.rank).map((r) => (
                  <tr key={r.unitId}><td>{r.rank}</td><td>{r.name}</td><td>{r.low}–{r.high}</td><td class="num">{r.probabilities ? pct(r.probabilities[r.rank - 1]! * 100, 1) : '—'}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>}
    </article>
  );
}
