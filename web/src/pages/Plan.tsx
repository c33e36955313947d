/**
 * The unit's plan for a year: where the points are (recoverable, by department), tasks (created
 * from a deduction in one click, status, progress, overdue, one department's view), the
 * projection if finished tasks win their criteria back, the reporting calendar, indicator
 * tracking, a what-if and "what does it take to reach rank N".
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { Failure, Loading, MustLogin } from '../components/Notice.tsx';
import { unitName, useUnits } from '../components/units.ts';
import { useAction } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { parseDate } from '../dates.ts';
import { date, num, pct, signed } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import { publishedYears, type CycleRow } from './Home.tsx';

interface Task { id: string; title: string; department: string; collaborators?: string[]; criteria?: string[]; deadline?: string; status: string; overdue: boolean; progress?: { date: string; note: string }[]; evidence?: string[] }
interface PlanJson {
  version: number;
  basedOn: number;
  today: string;
  departments?: string[];
  tasks: Task[];
  suggestions: Omit<Task, 'overdue'>[];
  projection?: { current: number | null; projected: number | null; currentRank?: number; projectedRank?: number; of: number; recovered: { code: string; points: number }[] };
  calendar: { id?: string; name: string; due: string; sent?: string; status: string; criterion?: string; atStake: number | null; daysLeft: number; message?: { vi: string; en: string } }[];
  tracking: { criterion: string; name: string; series: { period: string; points: number; ratio?: number }[]; latest: number | null; projected: number | null; maxPoints: number | null }[];
}
interface Item { code: string; name: string; lost: number; rule: string; department?: string; action: { vi: string; en: string } }
interface Recoverable { items: Item[]; departments?: { department: string; lost: number; codes: string[] }[] }

const STATUS: Record<string, [string, string]> = { todo: ['Chưa làm', 'To do'], doing: ['Đang làm', 'Doing'], done: ['Đã xong', 'Done'], cancelled: ['Hủy', 'Cancelled'] };
const CALENDAR: Record<string, [string, string]> = { sent: ['Đã gửi', 'Sent'], sentLate: ['Gửi trễ', 'Sent late'], upcoming: ['Sắp tới', 'Upcoming'], dueSoon: ['Sắp đến hạn', 'Due soon'], dueToday: ['Đến hạn', 'Due'], late: ['Quá hạn', 'Late'] };
const label = (map: Record<string, [string, string]>, key: string) => map[key]?.[currentLocale() === 'vi' ? 0 : 1] ?? key;

export function PlanPage({ unitId, year, user }: { unitId: string; year?: number; user: SessionUser | null }) {
  const cycles = useFetch<CycleRow[]>(year ? undefined : '/api/cycles');
  const chosen = year ?? (cycles.data ? (publishedYears(cycles.data)[0] ?? new Date().getFullYear() - 1) + 1 : undefined);
  const [version, setVersion] = useState(0);
  const [department, setDepartment] = useState('');
  const units = useUnits();
  const query = department ? `?department=${encodeURIComponent(department)}` : '';
  const plan = useFetch<PlanJson>(user && chosen ? `/api/units/${unitId}/plans/${chosen}${query}` : undefined, version);
  const recoverable = useFetch<Recoverable>(plan.data ? `/api/units/${unitId}/recoverable?year=${plan.data.basedOn}` : undefined, version);
  const [byDepartment, setByDepartment] = useState(false);
  const [error, setError] = useState<string>();
  if (!user) return <MustLogin />;
  if (plan.error) return <Failure error={plan.error} />;
  if (!plan.data || !chosen) return <Loading />;
  const p = plan.data;
  const canEdit = (user.role === 'unitEditor' && user.unitId === unitId) || user.role === 'admin';
  const run = async (work: () => Promise<unknown>) => {
    try {
      setError(undefined);
      await work();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.text(currentLocale()) : String(e));
      if (e instanceof ApiError && e.status === 409) setVersion((v) => v + 1);
    }
  };
  const createFrom = (code: string) => {
    const suggestion = p.suggestions.find((s) => s.criteria?.[0] === code);
    const item = recoverable.data?.items.find((i) => i.code === code);
    const task = suggestion ?? { id: `khac-phuc-${code.replace(/\./g, '-')}`, title: `Khắc phục tiêu chí ${code}: ${item?.action.vi ?? ''}`, department: item?.department ?? 'Chưa xác định cơ quan chủ trì', criteria: [code], deadline: `${chosen}-12-31`, status: 'todo' };
    return run(() => api('POST', `/api/units/${unitId}/plans/${chosen}/tasks`, { version: p.version, task }));
  };
  const update = (task: Task, patch: Record<string, unknown>) => run(() => api('PUT', `/api/units/${unitId}/plans/${chosen}/tasks/${task.id}`, { version: p.version, ...patch }));
  const linked = new Set(p.tasks.flatMap((task) => task.criteria ?? []));
  const departments = p.departments ?? [...new Set(p.tasks.flatMap((task) => [task.department, ...(task.collaborators ?? [])]))];
  const items = recoverable.data?.items ?? [];
  const groups = byDepartment ? (recoverable.data?.departments ?? []).map((g) => ({ department: g.department, lost: g.lost, items: items.filter((i) => g.codes.includes(i.code) && (i.department ?? '') === g.department) })) : [{ department: '', lost: null, items }];
  const itemRow = (i: Item) => (
    <tr key={i.code + i.rule} data-code={i.code}>
      <th scope="row">{i.code} {i.name}</th>
      <td class="num" data-label={t('score')}>{num(i.lost)}</td>
      <td data-label={tx('Cần làm', 'What it takes')}>{i.action[currentLocale()]}</td>
      {!byDepartment && <td data-label={tx('Chủ trì', 'Department')}>{i.department ?? '—'}</td>}
      <td>{canEdit && i.rule !== 'unknown' && !linked.has(i.code) && <button type="button" data-create={i.code} onClick={() => createFrom(i.code)}>{tx('Tạo nhiệm vụ', 'Create task')}</button>}{linked.has(i.code) && <span class="muted">{tx('đã có nhiệm vụ', 'has a task')}</span>}</td>
    </tr>
  );
  return (
    <article>
      <h1>{tx('Kế hoạch nâng cao Chỉ số CCHC', 'Improvement plan')} — {unitName(units, unitId)} — {chosen}</h1>
      {p.projection && (
        <section class="cards">
          <div class="card stat"><span class="label">{tx(`Điểm năm ${p.basedOn}`, `Score ${p.basedOn}`)}</span><strong>{num(p.projection.current)}</strong><span class="muted">{t('rank')} {p.projection.currentRank ?? '—'}/{p.projection.of}</span></div>
          <div class="card stat"><span class="label">{tx('Dự báo khi các nhiệm vụ đã xong đạt tiêu chí', 'Projected when finished tasks win their criteria')}</span><strong data-testid="projected">{num(p.projection.projected)}</strong><span class="muted">{t('rank')} {p.projection.projectedRank ?? '—'}/{p.projection.of}</span></div>
        </section>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <section class="card">
        <div class="title-row">
          <h2>{tx('Điểm có thể lấy lại', 'Recoverable points')}</h2>
          <label class="inline"><input type="checkbox" name="by-department" checked={byDepartment} onChange={(e) => setByDepartment(e.currentTarget.checked)} /> {tx('Nhóm theo cơ quan chủ trì', 'Group by department')}</label>
        </div>
        {recoverable.error && <Failure error={recoverable.error} />}
        <div class="scroll">
          <table class="recoverable stack">
            <thead><tr><th scope="col">{t('criterion')}</th><th class="num" scope="col">{t('score')}</th><th scope="col">{tx('Cần làm', 'What it takes')}</th>{!byDepartment && <th scope="col">{tx('Chủ trì', 'Department')}</th>}<th scope="col"><span class="visually-hidden">{t('actions')}</span></th></tr></thead>
            {groups.map((g) => (
              <tbody key={g.department}>
                {byDepartment && <tr class="group"><th colSpan={4} scope="rowgroup">{g.department || tx('Chưa xác định', 'Not set')} — {num(g.lost)} {t('points')}</th></tr>}
                {g.items.map(itemRow)}
              </tbody>
            ))}
          </table>
        </div>
      </section>
      <section class="card">
        <div class="title-row">
          <h2>{tx('Nhiệm vụ', 'Tasks')}</h2>
          <label class="inline">{tx('Cơ quan', 'Department')}{' '}
            <select name="department" value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
              <option value="">{tx('Tất cả', 'All')}</option>
              {departments.map((d) => <option key={d} value={d}>{d}</option>)}
            </select>
          </label>
        </div>
        <div class="scroll">
          <table class="tasks stack">
            <thead><tr><th scope="col">{tx('Nhiệm vụ', 'Task')}</th><th scope="col">{tx('Chủ trì, phối hợp', 'Lead, with')}</th><th scope="col">{t('criterion')}</th><th scope="col">{tx('Hạn', 'Deadline')}</th><th scope="col">{t('state')}</th></tr></thead>
            <tbody>
              {p.tasks.map((task) => <TaskRow key={task.id} task={task} canEdit={canEdit} onUpdate={(patch) => update(task, patch)} />)}
            </tbody>
          </table>
        </div>
        {p.tasks.length === 0 && <p class="muted">{tx('Chưa có nhiệm vụ nào.', 'No task yet.')}</p>}
      </section>
      <section class="card">
        <h2>{tx('Lịch báo cáo', 'Reporting calendar')}</h2>
        <div class="scroll">
          <table class="calendar stack">
            <thead><tr><th scope="col">{tx('Báo cáo', 'Report')}</th><th scope="col">{tx('Hạn', 'Due')}</th><th scope="col">{tx('Đã gửi', 'Sent')}</th><th scope="col">{t('state')}</th><th scope="col">{tx('Ảnh hưởng', 'At stake')}</th></tr></thead>
            <tbody>
              {p.calendar.map((e) => (
                <tr key={e.id ?? e.name} class={`calendar-${e.status}`} data-report={e.id}>
                  <th scope="row">{e.name}{e.message && <p class="muted">{e.message[currentLocale()]}</p>}</th>
                  <td data-label={tx('Hạn', 'Due')}>{date(e.due)}</td>
                  <td data-label={tx('Đã gửi', 'Sent')}>
                    {e.sent ? date(e.sent) : canEdit && e.id ? <SentForm onSave={(sent) => run(() => api('PUT', `/api/units/${unitId}/plans/${chosen}/reports/${e.id}`, { version: p.version, sent }))} /> : '—'}
                  </td>
                  <td data-label={t('state')}><span class={`badge cal-${e.status}`}>{label(CALENDAR, e.status)}</span></td>
                  <td data-label={tx('Ảnh hưởng', 'At stake')}>{e.criterion && e.atStake ? `${e.criterion}: −${num(e.atStake)}` : e.criterion ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {p.tracking.map((track) => (
        <section class="card" key={track.criterion}>
          <h2>{track.criterion} {track.name}</h2>
          <p class="muted">{tx('Điểm theo số liệu mới nhất', 'Points on the latest value')}: {num(track.latest)}/{num(track.maxPoints)} · {tx('dự báo cuối năm', 'year-end projection')}: {num(track.projected)}</p>
          <Chart
            label={`${track.criterion}: ${track.series.map((s) => `${s.period} ${s.ratio === undefined ? '—' : pct(s.ratio * 100, 1)}`).join(', ')}`}
            height={200}
            option={{ grid: { left: 48, right: 10, top: 20, bottom: 30 }, tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${num(v, 1)}%`) }, xAxis: { type: 'category', data: track.series.map((s) => s.period) }, yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } }, series: [{ type: 'line', data: track.series.map((s) => (s.ratio === undefined ? null : Math.round(s.ratio * 1000) / 10)) }] }}
          />
          {canEdit && <TrackForm year={chosen} onSave={(period, numerator, denominator) => run(() => api('PUT', `/api/units/${unitId}/plans/${chosen}/tracking/${track.criterion}/${period}`, { version: p.version, numerator, denominator }))} />}
        </section>
      ))}
      <WhatIf unitId={unitId} year={p.basedOn} />
      <Target unitId={unitId} year={p.basedOn} />
    </article>
  );
}

function TaskRow({ task, canEdit, onUpdate }: { task: Task; canEdit: boolean; onUpdate: (patch: Record<string, unknown>) => Promise<unknown> }) {
  const [note, setNote] = useState('');
  const [editing, setEditing] = useState(false);
  return (
    <tr data-task={task.id} class={task.overdue ? 'overdue' : ''}>
      <td>
        {editing ? <TaskEdit task={task} onSave={(patch) => onUpdate(patch).then(() => setEditing(false))} onCancel={() => setEditing(false)} /> : task.title}
        {canEdit && !editing && <> <button type="button" class="link" onClick={() => setEditing(true)}>{tx('Sửa', 'Edit')}</button></>}
        {task.progress?.length ? <p class="muted">{date(task.progress.at(-1)!.date)}: {task.progress.at(-1)!.note}</p> : ''}
        {canEdit && (
          <form class="note" onSubmit={(e) => { e.preventDefault(); if (note.trim()) onUpdate({ note: note.trim() }).then(() => setNote('')); }}>
            <label class="inline">{tx('Ghi tiến độ', 'Progress note')}<input name="note" value={note} size={24} onInput={(e) => setNote(e.currentTarget.value)} /></label>
            <button type="submit" class="secondary" disabled={!note.trim()}>{t('save')}</button>
          </form>
        )}
      </td>
      <td data-label={tx('Chủ trì', 'Lead')}>{task.department}{task.collaborators?.length ? <p class="muted">{tx('Phối hợp', 'With')}: {task.collaborators.join(', ')}</p> : ''}</td>
      <td data-label={t('criterion')}>{task.criteria?.join(', ') ?? ''}</td>
      <td data-label={tx('Hạn', 'Deadline')}>{date(task.deadline)}{task.overdue && <span class="badge late"> {tx('quá hạn', 'overdue')}</span>}</td>
      <td data-label={t('state')}>
        {canEdit ? (
          <select aria-label={`${tx('Trạng thái nhiệm vụ', 'Task status')}: ${task.title.slice(0, 60)}`} value={task.status} onChange={(e) => onUpdate({ status: e.currentTarget.value })}>
            {Object.keys(STATUS).map((s) => <option key={s} value={s}>{label(STATUS, s)}</option>)}
          </select>
        ) : label(STATUS, task.status)}
      </td>
    </tr>
  );
}

/** A task's wording, departments and deadline, as a suggestion is adapted to the unit. */
function TaskEdit({ task, onSave, onCancel }: { task: Task; onSave: (patch: Record<string, unknown>) => Promise<unknown>; onCancel: () => void }) {
  const [title, setTitle] = useState(task.title);
  const [department, setDepartment] = useState(task.department);
  const [collaborators, setCollaborators] = useState((task.collaborators ?? []).join('; '));
  const [deadline, setDeadline] = useState(task.deadline ? date(task.deadline) : '');
  const [wrong, setWrong] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const iso = deadline.trim() ? parseDate(deadline) : null;
    setWrong(iso === undefined);
    if (iso === undefined) return;
    onSave({ title: title.trim(), department: department.trim(), collaborators: collaborators.split(';').map((c) => c.trim()).filter(Boolean), deadline: iso });
  };
  return (
    <form class="task-edit field" onSubmit={submit}>
      <label>{tx('Nhiệm vụ', 'Task')}<textarea name="title" rows={3} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} /></label>
      <label>{tx('Cơ quan chủ trì', 'Lead department')}<input name="task-department" required value={department} onInput={(e) => setDepartment(e.currentTarget.value)} /></label>
      <label>{tx('Cơ quan phối hợp (cách nhau bởi ;)', 'Collaborators (separated by ;)')}<input name="collaborators" value={collaborators} onInput={(e) => setCollaborators(e.currentTarget.value)} /></label>
      <label>{tx('Hạn (dd/mm/yyyy)', 'Deadline (dd/mm/yyyy)')}<input name="deadline" inputMode="numeric" size={10} value={deadline} aria-invalid={wrong} onInput={(e) => setDeadline(e.currentTarget.value)} /></label>
      {wrong && <span class="field-error" role="alert">{tx('Ngày dạng dd/mm/yyyy', 'A date as dd/mm/yyyy')}</span>}
      <div class="buttons"><button type="submit">{t('save')}</button><button type="button" class="secondary" onClick={onCancel}>{tx('Thôi', 'Cancel')}</button></div>
    </form>
  );
}

/** The day a report was sent, typed dd/mm/yyyy. */
function SentForm({ onSave }: { onSave: (iso: string) => Promise<unknown> }) {
  const [text, setText] = useState('');
  const [wrong, setWrong] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const iso = parseDate(text);
    setWrong(!iso);
    if (iso) onSave(iso).then(() => setText(''));
  };
  return (
    <form class="note" onSubmit={submit}>
      <label class="inline">{tx('Ngày gửi', 'Sent on')}<input name="sent" inputMode="numeric" placeholder="dd/mm/yyyy" size={10} value={text} aria-invalid={wrong} onInput={(e) => setText(e.currentTarget.value)} /></label>
      <button type="submit" class="secondary" disabled={!text.trim()}>{t('save')}</button>
      {wrong && <span class="field-error" role="alert">{tx('Ngày dạng dd/mm/yyyy', 'A date as dd/mm/yyyy')}</span>}
    </form>
  );
}

/** One period's indicator value (a month 2024-09 or a quarter 2024-Q3): numerator / denominator. */
function TrackForm({ year, onSave }: { year: number; onSave: (period: string, numerator: number, denominator: number) => Promise<unknown> }) {
  const [period, setPeriod] = useState('');
  const [numerator, setNumerator] = useState('');
  const [denominator, setDenominator] = useState('');
  const [wrong, setWrong] = useState<string>();
  const submit = (event: Event) => {
    event.preventDefault();
    const p = period.trim().toUpperCase().replace(/^(\d{4})-Q/, '$1-Q');
    if (!new RegExp(`^${year}-(0[1-9]|1[0-2]|Q[1-4])$`).test(p)) return setWrong(tx(`Kỳ dạng ${year}-09 (tháng) hoặc ${year}-Q3 (quý)`, `A period like ${year}-09 (month) or ${year}-Q3 (quarter)`));
    if (!/^\d+$/.test(numerator.trim()) || !/^\d+$/.test(denominator.trim())) return setWrong(tx('Tử số và mẫu số là số nguyên', 'Numerator and denominator are whole numbers'));
    setWrong(undefined);
    onSave(p, Number(numerator), Number(denominator)).then(() => { setPeriod(''); setNumerator(''); setDenominator(''); });
  };
  return (
    <form class="row track" onSubmit={submit}>
      <label>{tx('Kỳ', 'Period')}<input name="period" placeholder={`${year}-09`} size={8} value={period} onInput={(e) => setPeriod(e.currentTarget.value)} /></label>
      <label>{tx('Tử số', 'Numerator')}<input name="numerator" inputMode="numeric" size={6} value={numerator} onInput={(e) => setNumerator(e.currentTarget.value)} /></label>
      <label>{tx('Mẫu số', 'Denominator')}<input name="denominator" inputMode="numeric" size={6} value={denominator} onInput={(e) => setDenominator(e.currentTarget.value)} /></label>
      <button type="submit" class="secondary">{tx('Ghi số liệu', 'Record')}</button>
      {wrong && <span class="field-error" role="alert">{wrong}</span>}
    </form>
  );
}

interface Summary { total: number; rank: number; of: number; components: { code: string; percent: number | null }[] }

function WhatIf({ unitId, year }: { unitId: string; year: number }) {
  const [code, setCode] = useState('7.3.6');
  const [value, setValue] = useState('46/46');
  const whatIf = useAction<{ before: Summary; after: Summary }>();
  const submit = (event: Event) => {
    event.preventDefault();
    const ratio = /^(\d+)\/(\d+)$/.exec(value.trim());
    const change = ratio ? { code: code.trim(), indicator: { numerator: Number(ratio[1]), denominator: Number(ratio[2]) } } : { code: code.trim(), score: value.trim() };
    whatIf.run('POST', `/api/units/${unitId}/whatif`, { year, changes: [change] });
  };
  const result = whatIf.result;
  const moved = result ? result.after.components.filter((c) => c.percent !== result.before.components.find((b) => b.code === c.code)?.percent) : [];
  return (
    <form class="card whatif" onSubmit={submit}>
      <h2>{tx(`Giả định trên kết quả năm ${year}`, `What-if on the ${year} results`)}</h2>
      <div class="row">
        <label>{t('criterion')}<input name="whatif-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} size={8} /></label>
        <label>{tx('Chỉ tiêu (tử/mẫu) hoặc điểm', 'Indicator (n/d) or score')}<input name="whatif-value" value={value} onInput={(e) => setValue(e.currentTarget.value)} size={10} /></label>
        <button type="submit" disabled={whatIf.busy}>{t('apply')}</button>
      </div>
      {result && (
        <p data-testid="whatif" role="status">
          {num(result.before.total)} → <strong>{num(result.after.total)}</strong> · {t('rank')} {result.before.rank}/{result.before.of} → <strong>{result.after.rank}/{result.after.of}</strong>
          {moved.map((c) => {
            const before = result.before.components.find((b) => b.code === c.code)?.percent ?? null;
            return <span key={c.code}> · {t('component')} {c.code}: {pct(before)} → {pct(c.percent)} ({signed(c.percent !== null && before !== null ? c.percent - before : null)} {tx('đ.p.t', 'pp')})</span>;
          })}
        </p>
      )}
      {whatIf.error && <p class="error" role="alert">{whatIf.error}</p>}
    </form>
  );
}

function Target({ unitId, year }: { unitId: string; year: number }) {
  const [rank, setRank] = useState('3');
  const target = useAction<{ needed: number; reachable: boolean; items: Item[]; total?: number; rank?: number; of: number }>();
  const result = target.result;
  return (
    <form class="card" onSubmit={(e) => { e.preventDefault(); target.run('POST', `/api/units/${unitId}/target`, { year, rank: Number(rank) }); }}>
      <h2>{tx('Cần gì để đạt thứ hạng mong muốn', 'What it takes to reach a rank')}</h2>
      <div class="row">
        <label>{tx('Hạng mục tiêu', 'Target rank')}<input name="target-rank" type="number" min={1} value={rank} onInput={(e) => setRank(e.currentTarget.value)} size={4} /></label>
        <button type="submit" disabled={target.busy}>{t('apply')}</button>
      </div>
      {target.field('rank') && <span class="field-error" role="alert">{target.field('rank')}</span>}
      {target.error && !target.field('rank') && <p class="error" role="alert">{target.error}</p>}
      {result && (
        <div data-testid="target" role="status">
          {!result.reachable ? <p>{tx(`Cần thêm ${num(result.needed)} điểm: không đủ điểm có thể lấy lại để đạt hạng này.`, `Needs ${num(result.needed)} more points: not enough recoverable points for this rank.`)}</p> : (
            <>
              <p>{tx(`Cần thêm ${num(result.needed)} điểm; ít tiêu chí nhất:`, `Needs ${num(result.needed)} more points; the fewest criteria:`)} → {num(result.total)} {t('points')}, {t('rank')} {result.rank}/{result.of}</p>
              <ul>{result.items.map((i) => <li key={i.code}>{i.code} {i.name}: +{num(i.lost)} — {i.action[currentLocale()]}</li>)}</ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
