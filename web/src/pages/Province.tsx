/** All units of a level in a year: ranking with ties, heat map, distributions, trend. */
import { useState } from 'preact/hooks';
import { Chart } from '../components/Chart.tsx';
import { useFetch } from '../components/useFetch.ts';
import { num, pct } from '../format.ts';
import { currentLocale, t } from '../i18n.ts';
import { href } from '../router.ts';

interface ProvinceJson {
  year: number;
  illustrative: boolean;
  of: number;
  components: { code: string; name: string; max: number }[];
  units: { unit: { id: string; name: string; illustrative: boolean }; total: number | null; rank: number | null; components: { code: string; percent: number | null; rank: number | null }[] }[];
  distributions: { code: string; min: number | null; q1: number | null; median: number | null; q3: number | null; max: number | null }[];
}

type SortKey = 'rank' | 'name' | string;

export function Province({ year, level }: { year?: number; level: string }) {
  const cycles = useFetch<{ year: number }[]>('/api/cycles');
  const years = [...new Set((cycles.data ?? []).map((c) => c.year))].sort((a, b) => b - a);
  const chosen = year ?? years.find((y) => y < new Date().getFullYear()) ?? years[0];
  const { data, error } = useFetch<ProvinceJson>(chosen ? `/api/results?year=${chosen}&level=${level}` : undefined);
  const [sort, setSort] = useState<{ key: SortKey; down: boolean }>({ key: 'rank', down: false });
  const [trendUnit, setTrendUnit] = useState<string>();
  const trend = useFetch<{ year: number; total: number | null; rank: number | null }[]>(trendUnit ? `/api/units/${trendUnit}/trend` : undefined);
  const [showRobustness, setShowRobustness] = useState(false);
  const robustness = useFetch<{ unitId: string; name: string; rank: number; low: number; high: number; probabilities: number[] | null }[]>(
    showRobustness && chosen ? `/api/robustness?year=${chosen}&level=${level}&runs=5000&seed=1&spread=1` : undefined,
  );
  if (error) return <p class="error" role="alert">{error.message}</p>;
  if (!data) return <p>{t('loading')}</p>;
  const value = (u: ProvinceJson['units'][number]): number | string => {
    if (sort.key === 'rank') return u.rank ?? 999;
    if (sort.key === 'name') return u.unit.name;
    return u.components.find((c) => c.code === sort.key)?.percent ?? -1;
  };
  const rows = [...data.units].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const order = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
    return sort.down ? -order : order;
  });
  const counts = new Map<number, number>();
  for (const u of data.units) if (u.rank !== null) counts.set(u.rank, (counts.get(u.rank) ?? 0) + 1);
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, down: sort.key === key ? !sort.down : key !== 'rank' && key !== 'name' })}>{label}</button>
    </th>
  );
  const colour = (p: number | null) => (p === null ? '#eee' : `hsl(${Math.round((p / 100) * 120)}, 65%, ${85 - (p / 100) * 25}%)`);
  return (
    <article>
      <div class="title-row">
        <h1>{t('province')} — {data.year}</h1>
        <label class="inline">
          {t('year')}{' '}
          <select value={data.year} onChange={(e) => (location.hash = href('/province', { year: e.currentTarget.value, level }))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      <section class="card">
        <table class="ranking">
          <thead>
            <tr>{header('rank', t('rank'))}{header('name', t('unit'))}<th class="num">{t('total')}</th>{data.components.map((c) => header(c.code, c.code))}</tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.unit.id}>
                <td>{u.rank ?? '—'}{u.rank !== null && (counts.get(u.rank) ?? 0) > 1 ? <span class="tie"> ({t('tied')})</span> : ''}</td>
                <td><a href={href(`/unit/${u.unit.id}`, { year: data.year })}>{u.unit.name}</a>{u.unit.illustrative ? ' *' : ''} <button type="button" class="link" onClick={() => setTrendUnit(u.unit.id)} aria-label={`${t('trend')}: ${u.unit.name}`}>↗</button></td>
                <td class="num">{num(u.total)}</td>
                {u.components.map((c) => (
                  <td key={c.code} class="num heat" style={{ background: colour(c.percent) }} title={`${c.code}: ${pct(c.percent)} — ${t('rank')} ${c.rank ?? '—'}`}>{pct(c.percent, 1)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p class="muted">{t('heatmap')}. {data.illustrative ? t('illustrativeNote') : ''}</p>
      </section>
      <section class="card">
        <h2>{t('distribution')}</h2>
        <Chart
          label={t('distribution')}
          option={{
            tooltip: { trigger: 'item' },
            grid: { left: 40, right: 10, bottom: 30, top: 20 },
            xAxis: { type: 'category', data: data.distributions.map((d) => d.code) },
            yAxis: { type: 'value', max: 100 },
            series: [{ type: 'boxplot', data: data.distributions.map((d) => [d.min, d.q1, d.median, d.q3, d.max].map((v) => (v === null ? 0 : Math.round(v * 100) / 100))) }],
          }}
        />
      </section>
      <section class="card">
        <h2>{currentLocale() === 'vi' ? 'Độ tin cậy của thứ hạng (sai số điều tra xã hội học ±1 điểm)' : 'Rank robustness (survey noise ±1 point)'}</h2>
        {!showRobustness ? (
          <button type="button" onClick={() => setShowRobustness(true)}>{currentLocale() === 'vi' ? 'Mô phỏng 5.000 lần' : 'Simulate 5,000 runs'}</button>
        ) : (
          <table data-testid="robustness">
            <thead><tr><th>{t('rank')}</th><th>{t('unit')}</th><th>{currentLocale() === 'vi' ? 'Khoảng 90%' : '90% interval'}</th><th class="num">{currentLocale() === 'vi' ? 'Xác suất giữ hạng' : 'P(same rank)'}</th></tr></thead>
            <tbody>
              {[...(robustness.data ?? [])].sort((a, b) => a.rank - b.rank).map((r) => (
                <tr key={r.unitId}><td>{r.rank}</td><td>{r.name}</td><td>{r.low}–{r.high}</td><td class="num">{r.probabilities ? pct(r.probabilities[r.rank - 1]! * 100, 1) : '—'}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {trendUnit && trend.data && (
        <section class="card">
          <h2>{t('trend')}: {data.units.find((u) => u.unit.id === trendUnit)?.unit.name}</h2>
          <Chart
            label={t('trend')}
            height={240}
            option={{
              tooltip: { trigger: 'axis' },
              grid: { left: 40, right: 40, bottom: 30, top: 20 },
              xAxis: { type: 'category', data: trend.data.map((p) => String(p.year)) },
              yAxis: [{ type: 'value', name: t('total') }, { type: 'value', name: t('rank'), inverse: true, minInterval: 1 }],
              series: [
                { type: 'line', name: t('total'), data: trend.data.map((p) => p.total) },
                { type: 'line', name: t('rank'), yAxisIndex: 1, data: trend.data.map((p) => p.rank) },
              ],
            }}
          />
        </section>
      )}
    </article>
  );
}
