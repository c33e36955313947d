/**
 * The unit's plan for a year: where the points are (recoverable, by department), tasks (created
 * from a deduction in one click, edited in full, status, progress, overdue, one department's view),
 * the projection if finished tasks win their criteria back, the reporting calendar, indicator
 * tracking, a what-if and "what does it take to reach rank N". The unit's editor (and the
 * administrator) change it; everyone else who may read it sees the same page without controls.
 */
import { useState } from 'preact/hooks';
import { Failure, Loading, MustLogin } from '../components/Notice.tsx';
import { unitName, useUnits } from '../components/units.ts';
import { useFetch } from '../components/useFetch.ts';
import { num, signed } from '../format.ts';
import { t, tx } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import { publishedYears, type CycleRow } from './Home.tsx';
import { Calendar } from './plan/Calendar.tsx';
import { RecoverablePoints } from './plan/Recoverable.tsx';
import { say, type PlanContext, type PlanJson, type Recoverable } from './plan/shared.tsx';
import { Tasks } from './plan/Tasks.tsx';
import { Tracking } from './plan/Tracking.tsx';
import { Target, WhatIf } from './plan/WhatIf.tsx';

export function PlanPage({ unitId, year, user }: { unitId: string; year?: number; user: SessionUser | null }) {
  const cycles = useFetch<CycleRow[]>(year ? undefined : '/api/cycles');
  const chosen = year ?? (cycles.data ? (publishedYears(cycles.data)[0] ?? new Date().getFullYear() - 1) + 1 : undefined);
  const [reads, setReads] = useState(0);
  const [department, setDepartment] = useState('');
  const units = useUnits();
  const path = user && chosen ? `/api/units/${unitId}/plans/${chosen}` : undefined;
  const plan = useFetch<PlanJson>(path, reads);
  // A department's view (the server's ?department=) lists its tasks; the rest of the page stays the whole plan's.
  const view = useFetch<PlanJson>(path && department ? `${path}?department=${encodeURIComponent(department)}` : undefined, reads);
  const recoverable = useFetch<Recoverable>(plan.data ? `/api/units/${unitId}/recoverable?year=${plan.data.basedOn}` : undefined);
  if (!user) return <MustLogin />;
  if (plan.error) return <Failure error={plan.error} />;
  if (!plan.data || !chosen) return <Loading />;
  const p = plan.data;
  // As the server's policy has it (editPlan): the unit's own editor, or the administrator.
  const canEdit = (user.role === 'unitEditor' && user.unitId === unitId) || user.role === 'admin';
  const context: PlanContext = {
    base: `/api/units/${unitId}/plans/${chosen}`,
    year: chosen,
    version: p.version,
    precision: p.precision,
    canEdit,
    reload: () => setReads((n) => n + 1),
  };
  const departments = p.departments ?? [...new Set(p.tasks.flatMap((task) => [task.department, ...(task.collaborators ?? [])]))];
  const recovered = p.projection?.recovered ?? [];
  return (
    <article>
      <h1>
        {tx('Kế hoạch nâng cao chỉ số', 'Improvement plan')} — {unitName(units, unitId)} — {chosen}
      </h1>
      {!canEdit && (
        <p class="notice" data-testid="read-only">
          {tx('Chế độ xem: chỉ cán bộ nhập liệu của đơn vị sửa được kế hoạch.', 'Read only: only the unit’s editors change the plan.')}
        </p>
      )}
      {(p.problems?.length ?? 0) > 0 && (
        <div class="notice" role="status" data-testid="plan-problems">
          <p>
            {tx(
              `Kế hoạch nhắc đến tiêu chí không còn trong bộ tiêu chí năm ${chosen}: hãy gắn lại các nhiệm vụ, chỉ tiêu và báo cáo sau.`,
              `The plan names criteria the ${chosen} framework no longer has: relink these tasks, indicators and reports.`,
            )}
          </p>
          <ul>
            {p.problems!.map((problem) => (
              <li key={problem.field}>{say(problem.message)}</li>
            ))}
          </ul>
        </div>
      )}
      {p.projection && (
        <section class="cards">
          <div class="card stat">
            <span class="label">{tx(`Điểm năm ${p.basedOn}`, `Score ${p.basedOn}`)}</span>
            <strong>{num(p.projection.current, p.precision)}</strong>
            <span class="muted">
              {t('rank')} {p.projection.currentRank ?? '—'}/{p.projection.of}
            </span>
          </div>
          <div class="card stat">
            <span class="label">{tx('Dự báo: chỉ tiêu đang theo dõi và nhiệm vụ đã xong', 'Projected: tracked indicators and finished tasks')}</span>
            <strong data-testid="projected">{num(p.projection.projected, p.precision)}</strong>
            <span class="muted">
              {t('rank')} {p.projection.projectedRank ?? '—'}/{p.projection.of}
            </span>
            {recovered.length > 0 && (
              <span class="muted" data-testid="recovered">
                {recovered
                  .map(
                    (r) =>
                      `${r.code} ${signed(r.points, p.precision)} (${r.by === 'task' ? tx('nhiệm vụ đã xong', 'task done') : tx('theo dõi chỉ tiêu', 'tracked')})`,
                  )
                  .join(' · ')}
              </span>
            )}
          </div>
        </section>
      )}
      {recoverable.error && <Failure error={recoverable.error} />}
      {recoverable.data && <RecoverablePoints recoverable={recoverable.data} plan={p} context={context} />}
      {view.error && <Failure error={view.error} />}
      <Tasks
        tasks={department ? (view.data?.tasks ?? []) : p.tasks}
        departments={departments}
        department={department}
        onDepartment={setDepartment}
        context={context}
      />
      <Calendar calendar={p.calendar} context={context} />
      <Tracking tracking={p.tracking} context={context} />
      <WhatIf unitId={unitId} year={p.basedOn} />
      <Target unitId={unitId} year={p.basedOn} />
    </article>
  );
}
