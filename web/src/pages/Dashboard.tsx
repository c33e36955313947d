/** One unit's year at a glance: total, rank, change, split, components, deductions, peers. */
import { Chart } from '../components/Chart.tsx';
import { useFetch } from '../components/useFetch.ts';
import { exact, num, pct, signed } from '../format.ts';
import { currentLocale, t } from '../i18n.ts';
import { href } from '../router.ts';

export interface Analysis {
  unit: { id: string; name: string; fullName: string; illustrative: boolean };
  year: number;
  framework: { id: string; name: string };
  illustrative: boolean;
  total: number | null;
  appraisal: number | null;
  survey: number | null;
  rank: number | null;
  of: number;
  previous: { year: number; total: number | null; rank: number | null; of: number } | null;
  totalChange: { points: number; direction: string } | null;
  rankChange: { places: number; direction: string } | null;
  components: {
    code: string;
    name: string;
    max: number;
    score: number | null;
    percent: number | null;
    previousScore: number | null;
    previousPercent: number | null;
    deltaPercentagePoints: number | null;
    rank: number | null;
    of: number;
    tiedWith: string[];
    ahead: string[];
    pointsLost: number | null;
    criteria: { code: string; name: string; max: number | null; score: number | null; pointsLost: number | null; department: string | null }[];
  }[];
  deductions: { criterion: string; criterionName: string | null; component: string; points: number; reason: string; department: string | null }[];
  peers: { unit: string; name: string; illustrative: boolean; total: number | null; rank: number | null }[];
  findings: { id: string; severity: string; where: string; message: { vi: string; en: string } }[];
}

export function rankChangeText(places: number): string {
  const vi = currentLocale() === 'vi';
  if (places === 0) return vi ? 'giữ nguyên hạng' : 'same rank';
  return vi ? `${places > 0 ? 'tăng' : 'giảm'} ${Math.abs(places)} hạng` : `${places > 0 ? 'up' : 'down'} ${Math.abs(places)}`;
}

export function Dashboard({ unitId, year }: { unitId: string; year?: number }) {
  const unit = useFetch<{ years: number[]; name: string }>(`/api/units/${unitId}`);
  const chosen = year ?? unit.data?.years[0];
  const { data: a, error } = useFetch<Analysis>(chosen ? `/api/units/${unitId}/analysis?year=${chosen}` : undefined);
  if (error) return <p class="error" role="alert">{error.message}</p>;
  if (!a) return <p>{t('loading')}</p>;
  const names = new Map(a.peers.map((p) => [p.unit, p.name]));
  const ties = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join(', ');
  const sorted = [...a.components].sort((x, y) => (y.pointsLost ?? 0) - (x.pointsLost ?? 0));
  const rankCounts = new Map<number, number>();
  for (const p of a.peers) if (p.rank !== null) rankCounts.set(p.rank, (rankCounts.get(p.rank) ?? 0) + 1);
  return (
    <article class="dashboard">
      <div class="title-row">
        <h1>{a.unit.fullName} — {a.year}</h1>
        <label class="inline">
          {t('year')}{' '}
          <select value={a.year} onChange={(e) => (location.hash = href(`/unit/${unitId}`, { year: e.currentTarget.value }))}>
            {(unit.data?.years ?? [a.year]).map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      </div>
      <section class="cards" aria-label={t('total')}>
        <div class="card stat"><span class="label">{t('total')}</span><strong data-testid="total">{num(a.total)}</strong><span class="muted">{t('points')}</span></div>
        <div class="card stat"><span class="label">{t('rank')}</span><strong data-testid="rank">{a.rank ?? '—'}/{a.of}</strong></div>
        <div class="card stat">
          <span class="label">{t('change')} {a.previous ? `(${a.previous.year})` : ''}</span>
          <strong data-testid="change">{a.totalChange ? `${signed(a.totalChange.points)} ${t('points')}` : '—'}</strong>
          <span class="muted">{a.rankChange ? `${rankChangeText(a.rankChange.places)} (${a.previous?.rank} → ${a.rank})` : ''}</span>
        </div>
        <div class="card stat"><span class="label">{t('appraisal')} / {t('survey')}</span><strong>{num(a.appraisal)} / {num(a.survey)}</strong></div>
      </section>
      <p class="links">
        <a href={href(`/tree/${unitId}`, { year: a.year })}>{t('criteria')} →</a>
        <a href={href(`/plan/${unitId}`, { year: a.year + 1 })}>{currentLocale() === 'vi' ? `Kế hoạch năm ${a.year + 1}` : `Plan ${a.year + 1}`} →</a>
        <a href={`/api/units/${unitId}/report?year=${a.year}`} target="_blank" rel="noopener">{t('report')}</a>
        <a href={`/api/units/${unitId}/report?year=${a.year}&format=docx`}>{t('downloadDocx')}</a>
        <button type="button" onClick={() => print()}>{t('print')}</button>
      </p>
      <section class="card">
        <h2>{t('byComponent')}</h2>
        <Chart
          label={t('byComponent')}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 40, right: 10, bottom: 30, top: 40 },
            xAxis: { type: 'category', data: a.components.map((c) => c.code) },
            yAxis: { type: 'value', max: 100 },
            series: [
              ...(a.previous ? [{ name: String(a.previous.year), type: 'bar', data: a.components.map((c) => round(c.previousPercent)) }] : []),
              { name: String(a.year), type: 'bar', data: a.components.map((c) => round(c.percent)) },
            ],
          }}
        />
      </section>
      <section class="card">
        <h2>{t('sortedByLost')}</h2>
        <table>
          <thead><tr><th>{t('component')}</th><th class="num">{t('score')}</th><th class="num">{t('percent')}</th><th class="num">± (đ.p.t)</th><th class="num">{t('lost')}</th><th>{t('rank')}</th></tr></thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.code}>
                <td><a href={href(`/tree/${unitId}`, { year: a.year, open: c.code })}>{c.code}. {c.name}</a></td>
                <td class="num">{exact(c.score)}/{num(c.max)}</td>
                <td class="num">{pct(c.percent)}</td>
                <td class="num">{signed(c.deltaPercentagePoints)}</td>
                <td class="num">{num(c.pointsLost)}</td>
                <td>{c.rank ?? '—'}/{c.of}{c.tiedWith.length ? <span class="tie"> ({t('tied')}: {ties(c.tiedWith)})</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t('deductions')}</h2>
        <table>
          <thead><tr><th>{t('criterion')}</th><th class="num">{t('points')}</th><th>{t('reason')}</th></tr></thead>
          <tbody>
            {a.deductions.map((d, i) => (
              <tr key={i}>
                <td><a href={href(`/tree/${unitId}`, { year: a.year, open: d.component })}>{d.criterion}</a>{d.criterionName ? ` ${d.criterionName}` : ''}</td>
                <td class="num">−{exact(d.points)}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t('peers')}</h2>
        <table>
          <thead><tr><th>{t('rank')}</th><th>{t('unit')}</th><th class="num">{t('total')}</th></tr></thead>
          <tbody>
            {[...a.peers].sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99)).map((p) => (
              <tr key={p.unit} class={p.unit === a.unit.id ? 'self' : ''}>
                <td>{p.rank ?? '—'}{p.rank !== null && (rankCounts.get(p.rank) ?? 0) > 1 ? <span class="tie"> ({t('tied')})</span> : ''}</td>
                <td><a href={href(`/unit/${p.unit}`, { year: a.year })}>{p.name}</a>{p.illustrative ? ' *' : ''}</td>
                <td class="num">{num(p.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {a.illustrative && <p class="muted">{t('illustrativeNote')}</p>}
      </section>
    </article>
  );
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
