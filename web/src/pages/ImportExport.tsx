/**
 * «Nhập / xuất dữ liệu»: templates to fill, Excel/CSV files checked then imported in one
 * transaction, and exports. Each part is offered to those the policy lets use it: the province
 * imports results, survey scores, indicators and frameworks; a unit editor its own plan; everyone
 * exports what they may read.
 */
import { Failure, Loading } from '../components/Notice.tsx';
import { useUnits } from '../components/units.ts';
import { useFetch } from '../components/useFetch.ts';
import { t, tx } from '../i18n.ts';
import { JumpLink } from '../components/JumpLink.tsx';
import type { SessionUser } from '../session.ts';
import { Exports } from './data/Exports.tsx';
import { importableKinds, readsEveryPlan, type Cycle, type Framework } from './data/shared.ts';
import { Templates, type Choices } from './data/Templates.tsx';
import { Upload } from './data/Upload.tsx';

export function ImportExport({ user }: { user: SessionUser | null }) {
  const frameworks = useFetch<Framework[]>('/api/frameworks');
  const cycles = useFetch<Cycle[]>('/api/cycles');
  const units = useUnits();
  if (frameworks.error || cycles.error) return <Failure error={(frameworks.error ?? cycles.error)!} />;
  if (!frameworks.data || !cycles.data) return <Loading />;
  const kinds = importableKinds(user);
  const sorted = [...frameworks.data].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  const open = cycles.data.filter((c) => c.phase !== 'published').sort((a, b) => b.year - a.year)[0];
  const published = cycles.data.filter((c) => c.phase === 'published').map((c) => c.year);
  // The public reads published years only; a signed-in user also the years being assessed (its own drafts, or all for the province).
  const years = [...new Set(cycles.data.filter((c) => user || c.phase === 'published').map((c) => c.year))]
    .sort((a, b) => b - a)
    .map((year) => ({ year, ...(!published.includes(year) && { note: tx('đang đánh giá', 'being assessed') }) }));
  const lastPublished = Math.max(0, ...published);
  // A plan is made for the year after the last published results; other years stay reachable.
  const next = lastPublished ? [lastPublished + 1] : [];
  const planYears = [...next, ...[...new Set(cycles.data.map((c) => c.year))].filter((y) => !next.includes(y)).sort((a, b) => b - a)];
  const choices: Choices = {
    user,
    frameworks: sorted,
    cycles: cycles.data,
    years,
    units,
    defaultFramework: open?.framework ?? sorted[0]?.id,
    defaultYear: open?.year ?? years[0]?.year,
    planYears,
  };
  const readsPlans = readsEveryPlan(user) || !!user?.unitId;
  return (
    <article class="data">
      <h1>{t('data')}</h1>
      {kinds.length > 0 && (
        <nav class="links" aria-label={t('data')}>
          <JumpLink page="#/data" to="data-templates">
            {tx('Tải mẫu', 'Templates')}
          </JumpLink>
          <JumpLink page="#/data" to="data-upload">
            {tx('Nhập tệp', 'Import')}
          </JumpLink>
          <JumpLink page="#/data" to="data-export">
            {tx('Xuất dữ liệu', 'Export')}
          </JumpLink>
        </nav>
      )}
      {kinds.length > 0 && <Templates kinds={kinds} choices={choices} />}
      {kinds.length > 0 && <Upload kinds={kinds} choices={choices} />}
      <Exports choices={choices} readsPlans={readsPlans} />
    </article>
  );
}
