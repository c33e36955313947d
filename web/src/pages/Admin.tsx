/** Province administration (Sở Nội vụ): users and roles, cycles and publication, framework upload with a validation report, units managed as data (AdminUnits.tsx). */
import { useState } from 'preact/hooks';
import { Deadlines } from '../components/Deadlines.tsx';
import { Failure, MustLogin, Refused } from '../components/Notice.tsx';
import { phaseLabel } from '../components/StateBadge.tsx';
import { useUnits } from '../components/units.ts';
import { useFetch } from '../components/useFetch.ts';
import { parseDate } from '../dates.ts';
import { date, exact } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { levelLabel } from '../labels.ts';
import { JumpLink } from '../components/JumpLink.tsx';
import type { SessionUser } from '../session.ts';
import { CycleUnits, type CycleRow } from './Home.tsx';
import { FrameworkUpload } from './AdminFramework.tsx';
import { Users } from './AdminUsers.tsx';
import { UnitsAdmin } from './AdminUnits.tsx';
import { useAction } from '../components/useAction.ts';
import type { FrameworksResponse, OpenedCycleResponse, PublicationPreviewResponse } from '../../../src/server/responses.ts';

export function Admin({ user }: { user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  if (!user) return <MustLogin />;
  if (user.role !== 'admin')
    return (
      <Refused>{tx('Chỉ quản trị viên (Sở Nội vụ) mới mở được trang này.', 'Only the administrator (Department of Home Affairs) can open this page.')}</Refused>
    );
  return (
    <article class="admin">
      <h1>{t('admin')}</h1>
      <nav class="links" aria-label={t('admin')}>
        <JumpLink page="#/admin" to="admin-users">
          {t('users')}
        </JumpLink>
        <JumpLink page="#/admin" to="admin-cycles">
          {t('cycles')}
        </JumpLink>
        <JumpLink page="#/admin" to="admin-frameworks">
          {t('frameworks')}
        </JumpLink>
        <JumpLink page="#/admin" to="admin-units">
          {t('units')}
        </JumpLink>
      </nav>
      <Users version={version} onChange={bump} self={user} />
      <Cycles version={version} onChange={bump} />
      <FrameworkUpload onChange={bump} />
      <UnitsAdmin version={version} onChange={bump} />
    </article>
  );
}

function Cycles({ version, onChange }: { version: number; onChange: () => void }) {
  const cycles = useFetch<CycleRow[]>('/api/cycles', version);
  const frameworks = useFetch<FrameworksResponse>('/api/frameworks', version);
  const units = useUnits();
  const [framework, setFramework] = useState('');
  const [shown, setShown] = useState<string>();
  const open = useAction<OpenedCycleResponse>(onChange);
  const used = new Set((cycles.data ?? []).map((c) => c.framework));
  const openable = (frameworks.data ?? []).filter((f) => !used.has(f.id));
  return (
    <section class="card" id="admin-cycles" tabIndex={-1}>
      <h2>{t('cycles')}</h2>
      {cycles.error && <Failure error={cycles.error} />}
      <div class="scroll">
        <table class="cycles stack">
          <thead>
            <tr>
              <th scope="col">{t('cycles')}</th>
              <th scope="col">{t('frameworks')}</th>
              <th scope="col">{t('state')}</th>
              <th scope="col" class="num">
                {t('units')}
              </th>
              <th scope="col">{t('publish')}</th>
            </tr>
          </thead>
          <tbody>
            {(cycles.data ?? []).map((c) => [
              <tr key={c.id} data-cycle={c.id}>
                <th scope="row">
                  {tx(`Năm ${c.year}`, `Year ${c.year}`)} <span class="muted">({c.id})</span>
                  {c.phase !== 'published' && (
                    <>
                      {' '}
                      <a href={`#/survey/${c.id}`}>{tx('Điều tra XHH', 'Survey')}</a>
                    </>
                  )}
                </th>
                <td data-label={t('frameworks')}>{frameworks.data?.find((f) => f.id === c.framework)?.name ?? c.framework}</td>
                <td data-label={t('state')}>{phaseLabel(c.phase)}</td>
                <td class="num" data-label={t('units')}>
                  <button type="button" class="link" aria-expanded={shown === c.id} onClick={() => setShown(shown === c.id ? undefined : c.id)}>
                    {c.units} {tx('đơn vị', 'units')} {shown === c.id ? '▾' : '▸'}
                  </button>
                </td>
                <td data-label={t('publish')}>{c.phase === 'published' ? <PublishedBy cycle={c} /> : <PublishForm cycle={c} onChange={onChange} />}</td>
              </tr>,
              shown === c.id && (
                <tr key={`${c.id}-units`} class="detail-row">
                  <td colSpan={5}>
                    {c.phase !== 'published' && <Deadlines cycleId={c.id} editable />}
                    <CycleUnits cycleId={c.id} units={units} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          open.run('POST', '/api/cycles', { year: frameworks.data?.find((f) => f.id === framework)?.year, framework });
        }}
      >
        <div class="field">
          <label for="open-framework">{tx('Mở kỳ đánh giá mới trên bộ tiêu chí', 'Open a new cycle on the framework')}</label>
          <select
            id="open-framework"
            name="framework"
            value={framework}
            required
            onChange={(e) => setFramework(e.currentTarget.value)}
            aria-invalid={!!open.field('framework')}
          >
            <option value="">{tx('— chọn bộ tiêu chí —', '— choose a framework —')}</option>
            {openable.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.year}, {levelLabel(f.level)})
              </option>
            ))}
          </select>
          {open.field('framework') && (
            <span class="field-error" role="alert">
              {open.field('framework')}
            </span>
          )}
        </div>
        <button type="submit" disabled={!framework || open.busy}>
          {t('openCycle')}
        </button>
      </form>
      {openable.length === 0 && (
        <p class="muted">
          {tx(
            'Mọi bộ tiêu chí đã có kỳ đánh giá; tải lên bộ tiêu chí của năm mới để mở kỳ mới.',
            'Every framework has its cycle; upload the new year’s framework to open a new one.',
          )}
        </p>
      )}
      {open.error && (
        <p class="error" role="alert">
          {open.error}
        </p>
      )}
      {open.done && (
        <p class="ok" role="status">
          {tx(
            `Đã mở kỳ đánh giá: ${open.result?.units.length ?? 0} đơn vị bắt đầu tự đánh giá.`,
            `Cycle opened: ${open.result?.units.length ?? 0} units start their self-assessment.`,
          )}
        </p>
      )}
      {open.done && (open.result?.warnings.length ?? 0) > 0 && (
        <div class="notice" role="note" data-testid="open-warnings">
          <p>{tx('Lưu ý về thời gian hiệu lực của các đơn vị:', 'Note on the units’ validity dates:')}</p>
          <ul>
            {open.result!.warnings.map((w, i) => (
              <li key={i} data-unit={w.unit}>
                {w.message[currentLocale()]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {open.issues.length > 1 && (
        <ul class="problems">
          {open.issues.slice(1).map((w, i) => (
            <li key={i} data-unit={w.unit}>
              {w.message[currentLocale()]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PublishedBy({ cycle }: { cycle: CycleRow }) {
  const p = cycle.publication;
  if (!p?.decision) return <span class="muted">{phaseLabel('published')}</span>;
  return (
    <span>
      {tx('Quyết định', 'Decision')} {p.decision}
      {p.date ? ` ${tx('ngày', 'of')} ${date(p.date)}` : ''}
    </span>
  );
}

type PreviewRow = PublicationPreviewResponse[number];

/**
 * The decision that publishes a cycle: its number and date, then a preview of what it will publish
 * (where units without a total get a reason to be left out), then the confirmation. The preview asks
 * the server everything the confirmation will check (POST …/publication-check), so one submit says
 * every problem, each at its field; the confirmation checks again and answers the same way.
 */
function PublishForm({ cycle, onChange }: { cycle: CycleRow; onChange: () => void }) {
  const [decision, setDecision] = useState('');
  const [day, setDay] = useState('');
  const [dayError, setDayError] = useState(false);
  // Shown before sending: exactly what the decision will publish, to confirm.
  const [preview, setPreview] = useState<{ rows: PreviewRow[]; iso?: string }>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const check = useAction<PreviewRow[]>();
  const publish = useAction(() => {
    setPreview(undefined);
    onChange();
  });
  const id = `publish-${cycle.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const iso = day.trim() ? parseDate(day) : undefined;
    const unreadable = !!day.trim() && !iso;
    setDayError(unreadable);
    setPreview(undefined);
    publish.reset();
    // Asked even when the date does not read: the server's other problems come with the page's.
    const rows = await check.run('POST', `/api/cycles/${cycle.id}/publication-check`, { decision, ...(iso && { date: iso }) });
    if (rows && !unreadable) setPreview({ rows, ...(iso && { iso }) });
  };
  const confirm = () => {
    // Every unit without a total is sent with its reason, blank or not: the server says which one lacks it.
    const excluded = (preview?.rows ?? []).filter((r) => r.total === null).map((r) => ({ unit: r.unit, reason: (reasons[r.unit] ?? '').trim() }));
    publish.run('POST', `/api/cycles/${cycle.id}/publications`, {
      decision,
      ...(preview?.iso && { date: preview.iso }),
      ...(excluded.length > 0 && { excluded }),
    });
  };
  /** The problem with a field, from the preview's check or the confirmation's. */
  const at = (field: string) => publish.field(field) ?? check.field(field);
  const messages = {
    decision: at('decision'),
    date: dayError ? tx('Ngày dạng dd/mm/yyyy, vd. 15/05/2025', 'A date as dd/mm/yyyy, e.g. 15/05/2025') : at('date'),
  };
  const atRow = (unit: string) =>
    publish.issues
      .filter((i) => i.unit === unit && i.field?.startsWith('excluded'))
      .map((i) => i.message[currentLocale()])
      .join(' · ') || undefined;
  // Problems of no field of the form (units not through appraisal, the council's decision …), listed under it.
  const rest = [...check.issues, ...publish.issues]
    .filter((i) => i.field !== 'decision' && i.field !== 'date' && !(i.unit && i.field?.startsWith('excluded')))
    .map((i) => i.message[currentLocale()]);
  const failed = (check.error && !check.issues.length ? [check.error] : []).concat(publish.error && !publish.issues.length ? [publish.error] : []);
  return (
    <form class="publish" onSubmit={submit}>
      <label>
        {tx('Số quyết định', 'Decision number')}
        <input
          id={`${id}-decision`}
          name="decision"
          placeholder="123/QĐ-UBND"
          value={decision}
          size={14}
          onInput={(e) => {
            setDecision(e.currentTarget.value);
            setPreview(undefined);
          }}
          aria-invalid={!!messages.decision}
        />
        {messages.decision && (
          <span class="field-error" role="alert">
            {messages.decision}
          </span>
        )}
      </label>
      <label>
        {tx('Ngày quyết định', 'Decision date')}
        <input
          name="date"
          inputMode="numeric"
          placeholder={tx('dd/mm/yyyy', 'dd/mm/yyyy')}
          size={11}
          value={day}
          onInput={(e) => {
            setDay(e.currentTarget.value);
            setPreview(undefined);
          }}
          aria-invalid={!!messages.date}
        />
        {messages.date && (
          <span class="field-error" role="alert">
            {messages.date}
          </span>
        )}
      </label>
      <button type="submit" disabled={check.busy || publish.busy}>
        {t('publish')}
      </button>
      {preview && (
        <div class="confirm-publish card" data-testid="publish-preview">
          <p>
            {tx(
              `Sẽ công bố theo Quyết định ${decision.trim()}${preview.iso ? ` ngày ${date(preview.iso)}` : ''}:`,
              `To be published under decision ${decision.trim()}${preview.iso ? ` of ${date(preview.iso)}` : ''}:`,
            )}
          </p>
          <table class="preview">
            <thead>
              <tr>
                <th scope="col">{t('units')}</th>
                <th class="num" scope="col">
                  {tx('Tổng điểm', 'Total')}
                </th>
                <th class="num" scope="col">
                  {tx('Xếp hạng', 'Rank')}
                </th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.unit} data-unit={r.unit}>
                  <th scope="row">{r.name}</th>
                  <td class="num">{r.total === null ? '—' : exact(r.total)}</td>
                  <td class="num">
                    {r.total === null ? (
                      <label>
                        {tx('Chưa có tổng điểm — lý do loại khỏi quyết định', 'No total — reason to leave it out of the decision')}
                        <input
                          name={`exclude-${r.unit}`}
                          value={reasons[r.unit] ?? ''}
                          aria-invalid={!!atRow(r.unit)}
                          onInput={(e) => setReasons({ ...reasons, [r.unit]: e.currentTarget.value })}
                        />
                        {atRow(r.unit) && (
                          <span class="field-error" role="alert">
                            {atRow(r.unit)}
                          </span>
                        )}
                      </label>
                    ) : r.rank !== undefined ? (
                      `${r.rank}/${r.of}`
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" data-confirm="publish" disabled={publish.busy} onClick={confirm}>
            {tx('Xác nhận công bố', 'Confirm and publish')}
          </button>{' '}
          <button type="button" class="link" onClick={() => setPreview(undefined)}>
            {tx('Huỷ', 'Cancel')}
          </button>
        </div>
      )}
      {[...new Set([...rest, ...failed])].map((message) => (
        <p class="field-error" role="alert" key={message}>
          {message}
        </p>
      ))}
    </form>
  );
}
