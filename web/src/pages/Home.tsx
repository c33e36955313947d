import { t } from '../i18n.ts';
import { href } from '../router.ts';
import type { SessionUser } from '../session.ts';
import { StateBadge } from '../components/StateBadge.tsx';
import { useFetch } from '../components/useFetch.ts';

interface UnitRow { id: string; name: string; level: string; validTo?: string; validFrom?: string; years: number[] }
interface CycleRow { id: string; year: number; phase: string; units: number }

export function Home({ user }: { user: SessionUser | null }) {
  const units = useFetch<UnitRow[]>('/api/units');
  const cycles = useFetch<CycleRow[]>('/api/cycles');
  const withResults = (units.data ?? []).filter((u) => u.years.length);
  const ownCycle = (cycles.data ?? []).find((c) => c.phase !== 'published');
  return (
    <>
      <h1>{t('appName')} — {t('home')}</h1>
      {user && ownCycle && (
        <section class="card">
          <h2>{t('assessment')}: {ownCycle.id}</h2>
          {user.unitId ? (
            <a class="button" href={href(`/assess/${ownCycle.id}/${user.unitId}`)}>{t('assessment')} — {user.unitId}</a>
          ) : (
            <CycleUnits cycleId={ownCycle.id} />
          )}
        </section>
      )}
      <section class="card">
        <h2>{t('units')}</h2>
        <ul class="units">
          {withResults.map((u) => (
            <li key={u.id}>
              <a href={href(`/unit/${u.id}`, { year: u.years[0] })}>{u.name}</a> <span class="muted">({u.years.join(', ')})</span>
            </li>
          ))}
        </ul>
        <p><a href={href('/province', { year: withResults[0]?.years[0] })}>{t('province')} →</a></p>
      </section>
    </>
  );
}

function CycleUnits({ cycleId }: { cycleId: string }) {
  const cycle = useFetch<{ units: { unit: string; state: string }[] }>(`/api/cycles/${cycleId}`);
  return (
    <ul class="units">
      {(cycle.data?.units ?? []).map((u) => (
        <li key={u.unit}>
          <a href={href(`/assess/${cycleId}/${u.unit}`)}>{u.unit}</a> <StateBadge state={u.state} />
        </li>
      ))}
    </ul>
  );
}
