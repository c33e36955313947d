/** The start page: one's own work first (the unit's file, the files to appraise), then every unit's results. */
import { StateBadge } from '../components/StateBadge.tsx';
import { unitName, useUnits, type UnitInfo } from '../components/units.ts';
import { useFetch } from '../components/useFetch.ts';
import { t, tx } from '../i18n.ts';
import { href } from '../router.ts';
import type { SessionUser } from '../session.ts';
import type { CycleResponse, CycleSummaryJson } from '../../../src/server/responses.ts';

/** A cycle as GET /api/cycles lists it. */
export type CycleRow = CycleSummaryJson;

/** Years whose results are published: what a dashboard or the province view shows by default. */
export const publishedYears = (cycles: Pick<CycleRow, 'year' | 'phase'>[] | undefined) =>
  [...new Set((cycles ?? []).filter((c) => c.phase === 'published').map((c) => c.year))].sort((a, b) => b - a);

/** The latest published year of a unit (a draft year has no figures yet). */
export function latestYear(unit: UnitInfo, published: number[]): number | undefined {
  return unit.years.find((y) => published.includes(y)) ?? (published.length ? undefined : unit.years[0]);
}

export function Home({ user }: { user: SessionUser | null }) {
  const units = useUnits();
  const cycles = useFetch<CycleRow[]>('/api/cycles');
  const published = publishedYears(cycles.data);
  const withResults = [...units.values()].filter((u) => latestYear(u, published) !== undefined);
  const open = (cycles.data ?? []).find((c) => c.phase !== 'published');
  const own = user?.unitId ? units.get(user.unitId) : undefined;
  const ownYear = own && latestYear(own, published);
  return (
    <>
      <h1>
        {t('appName')} — {t('home')}
      </h1>
      {user && own && (
        <section class="card">
          <h2>{own.fullName}</h2>
          <p class="links">
            {ownYear && (
              <a class="button" href={href(`/unit/${own.id}`, { year: ownYear })}>
                {t('dashboard')} {ownYear}
              </a>
            )}
            {open && (
              <a class="button" href={href(`/assess/${open.id}/${own.id}`)}>
                {tx(`Hồ sơ tự đánh giá năm ${open.year}`, `Self-assessment ${open.year}`)}
              </a>
            )}
            {ownYear && (
              <a class="button" href={href(`/plan/${own.id}`, { year: ownYear + 1 })}>
                {tx(`Kế hoạch năm ${ownYear + 1}`, `Plan ${ownYear + 1}`)}
              </a>
            )}
          </p>
        </section>
      )}
      {user && !user.unitId && open && (
        <section class="card">
          <h2>{tx(`Kỳ đánh giá năm ${open.year}`, `Assessment cycle ${open.year}`)}</h2>
          <CycleUnits cycleId={open.id} units={units} />
        </section>
      )}
      <section class="card">
        <h2>{tx('Kết quả các đơn vị', 'Results of the units')}</h2>
        <ul class="units">
          {withResults.map((u) => (
            <li key={u.id}>
              <a href={href(`/unit/${u.id}`, { year: latestYear(u, published) })}>{u.name}</a>{' '}
              <span class="muted">({u.years.filter((y) => published.includes(y)).join(', ')})</span>
            </li>
          ))}
        </ul>
        <p>
          <a href={href('/province', { year: published[0] })}>{t('province')} →</a>
        </p>
      </section>
    </>
  );
}

/** Every unit's file in a cycle with its state, the ones waiting for the reader first. */
export function CycleUnits({ cycleId, units }: { cycleId: string; units: Map<string, UnitInfo> }) {
  const cycle = useFetch<CycleResponse>(`/api/cycles/${cycleId}`);
  const order = ['submitted', 'underAppraisal', 'recheckRequested', 'appraised', 'recheckAnswered', 'draft', 'published'];
  const rows = [...(cycle.data?.units ?? [])].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state));
  if (cycle.error)
    return (
      <p class="error" role="alert">
        {cycle.error.message}
      </p>
    );
  return (
    <table class="cycle-units">
      <thead>
        <tr>
          <th>{t('unit')}</th>
          <th>{t('state')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.unit} data-unit={u.unit}>
            <td>
              <a href={href(`/assess/${cycleId}/${u.unit}`)}>{unitName(units, u.unit)}</a>
            </td>
            <td>
              <StateBadge state={u.state} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
