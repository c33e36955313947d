/**
 * The unit's plan for a year: where the points are (recoverable, by department), tasks (created
 * from a deduction in one click, status, progress, overdue), the projection if finished tasks win
 * their criteria back, the reporting calendar, indicator tracking, and a what-if.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Chart } from '../components/Chart.tsx';
import { useFetch } from '../components/useFetch.ts';
import { date, num } from '../format.ts';
import { currentLocale, t } from '../i18n.ts';
import type { SessionUser } from '../session.ts';

interface Task { id: string; title: string; department: string; criteria?: string[]; deadline?: string; status: string; overdue: boolean; progress?: { date: string; note: string }[] }
interface PlanJson {
  version: number;
  basedOn: number;
  tasks: Task[];
  suggestions: Omit<Task, 'overdue'>[];
  projection?: { current: number | null; projected: number | null; currentRank?: number; projectedRank?: number; of: number; recovered: { code: string; points: number }[] };
  calendar: { name: string; due: string; sent?: string; status: string; criterion?: string; atStake: number | null; daysLeft: number }[];
  tracking: { criterion: string; name: string; series: { period: string; points: number; ratio?: number }[]; latest: number | null; projected: number | null; maxPoints: number | null }[];
}
interface Recoverable { items: { code: string; name: string; lost: number; rule: string; department?: string; action: { vi: string; en: string } }[] }

const STATUS: Record<string, [string, string]> = { todo: ['Chưa làm', 'To do'], doing: ['Đang làm', 'Doing'], done: ['Đã xong', 'Done'], cancelled: ['Hủy', 'Cancelled'] };
const CALENDAR: Record<string, [string, string]> = { sent: ['Đã gửi', 'Sent'], sentLate: ['Gửi trễ', 'Sent late'], upcoming: ['Sắp tới', 'Upcoming'], dueSoon: ['Sắp đến hạn', 'Due soon'], dueToday: ['Đến hạn', 'Due'], late: ['Quá hạn', 'Late'] };
const label = (map: Record<string, [string, string]>, key: string) => map[key]?.[currentLocale() === 'vi' ? 0 : 1] ?? key;

export function PlanPage({ unitId, year, user }: { unitId: string; year: number; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const plan = useFetch<PlanJson>(user ? `/api/units/${unitId}/plans/${year}` : undefined, version);
  const recoverable = useFetch<Recoverable>(plan.data ? `/api/units/${unitId}/recoverable?year=${plan.data.basedOn}` : undefined, version);
  const [error, setError] = useState<string>();
  if (!user) return <p class="error" role="alert">{t('mustLogin')}</p>;
  if (plan.error) return <p class="error" role="alert">{plan.error.message}</p>;
  if (!plan.data) return <p>{t('loading')}</p>;
  const p = plan.data;
  const canEdit = (user.role === 'unitEditor' && user.unitId === unitId) || user.role === 'admin';
  const run = async (work: () => Promise<unknown>) => {
    try {
      setError(undefined);
      await work();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.issues.map((i) => i.message[currentLocale()]).join(' · ') || e.message : String(e));
    }
  };
  const createFrom = (code: string) => {
    const suggestion = p.suggestions.find((s) => s.criteria?.[0] === code);
    const item = recoverable.data?.items.find((i) => i.code === code);
    const task = suggestion ?? { id: `khac-phuc-${code.replace(/\./g, '-')}`, title: `Khắc phục tiêu chí ${code}: ${item?.action.vi ?? ''}`, department: item?.department ?? 'Chưa xác định cơ quan chủ trì', criteria: [code], deadline: `${year}-12-31`, status: 'todo' };
    return run(() => api('POST', `/api/units/${unitId}/plans/${year}/tasks`, { version: p.version, task }));
  };
  const linked = new Set(p.tasks.flatMap((task) => task.criteria ?? []));
  return (
    <article>
      <h1>{currentLocale() === 'vi' ? 'Kế hoạch nâng cao Chỉ số CCHC' : 'Improvement plan'} — {unitId} {year}</h1>
      {p.projection && (
        <section class="cards">
          <div class="card stat"><span class="label">{currentLocale() === 'vi' ? `Điểm năm ${p.basedOn}` : `Score ${p.basedOn}`}</span><strong>{num(p.projection.current)}</strong><span class="muted">{t('rank')} {p.projection.currentRank}/{p.projection.of}</span></div>
          <div class="card stat"><span class="label">{currentLocale() === 'vi' ? 'Dự báo khi các nhiệm vụ đã xong đạt tiêu chí' : 'Projected when finished tasks win their criteria'}</span><strong data-testid="projected">{num(p.projection.projected)}</strong><span class="muted">{t('rank')} {p.projection.projectedRank}/{p.projection.of}</span></div>
        </section>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <section class="card">
        <h2>{currentLocale() === 'vi' ? 'Điểm có thể lấy lại' : 'Recoverable points'}</h2>
        <table>
          <thead><tr><th>{t('criterion')}</th><th class="num">{t('points')}</th><th>{currentLocale() === 'vi' ? 'Cần làm' : 'What it takes'}</th><th>{currentLocale() === 'vi' ? 'Chủ trì' : 'Department'}</th><th /></tr></thead>
          <tbody>
            {(recoverable.data?.items ?? []).map((i) => (
              <tr key={i.code + i.rule} data-code={i.code}>
                <td>{i.code} {i.name}</td>
                <td class="num">{num(i.lost)}</td>
                <td>{i.action[currentLocale()]}</td>
                <td>{i.department ?? '—'}</td>
                <td>{canEdit && i.rule !== 'unknown' && !linked.has(i.code) && <button type="button" data-create={i.code} onClick={() => createFrom(i.code)}>{currentLocale() === 'vi' ? 'Tạo nhiệm vụ' : 'Create task'}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{currentLocale() === 'vi' ? 'Nhiệm vụ' : 'Tasks'}</h2>
        <table>
          <thead><tr><th>{currentLocale() === 'vi' ? 'Nhiệm vụ' : 'Task'}</th><th>{currentLocale() === 'vi' ? 'Chủ trì' : 'Department'}</th><th>{t('criteria')}</th><th>{currentLocale() === 'vi' ? 'Hạn' : 'Deadline'}</th><th>{t('state')}</th></tr></thead>
          <tbody>
            {p.tasks.map((task) => (
              <tr key={task.id} data-task={task.id} class={task.overdue ? 'overdue' : ''}>
                <td>{task.title}{task.progress?.length ? <p class="muted">{task.progress.at(-1)!.note}</p> : ''}</td>
                <td>{task.department}</td>
                <td>{task.criteria?.join(', ') ?? ''}</td>
                <td>{date(task.deadline)}{task.overdue && <span class="badge late"> {currentLocale() === 'vi' ? 'quá hạn' : 'overdue'}</span>}</td>
                <td>
                  {canEdit ? (
                    <select aria-label={`${task.id} ${t('state')}`} value={task.status} onChange={(e) => run(() => api('PUT', `/api/units/${unitId}/plans/${year}/tasks/${task.id}`, { version: p.version, status: e.currentTarget.value }))}>
                      {Object.keys(STATUS).map((s) => <option key={s} value={s}>{label(STATUS, s)}</option>)}
                    </select>
                  ) : label(STATUS, task.status)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{currentLocale() === 'vi' ? 'Lịch báo cáo' : 'Reporting calendar'}</h2>
        <table>
          <thead><tr><th>{currentLocale() === 'vi' ? 'Báo cáo' : 'Report'}</th><th>{currentLocale() === 'vi' ? 'Hạn' : 'Due'}</th><th>{currentLocale() === 'vi' ? 'Đã gửi' : 'Sent'}</th><th>{t('state')}</th><th>{currentLocale() === 'vi' ? 'Ảnh hưởng' : 'At stake'}</th></tr></thead>
          <tbody>
            {p.calendar.map((e) => (
              <tr key={e.name} class={`calendar-${e.status}`}>
                <td>{e.name}</td><td>{date(e.due)}</td><td>{date(e.sent)}</td><td><span class={`badge cal-${e.status}`}>{label(CALENDAR, e.status)}</span></td>
                <td>{e.criterion && e.atStake !== null ? `${e.criterion}: −${num(e.atStake)}` : e.criterion ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {p.tracking.map((track) => (
        <section class="card" key={track.criterion}>
          <h2>{track.criterion} {track.name}</h2>
          <p class="muted">{currentLocale() === 'vi' ? 'Điểm theo số liệu mới nhất' : 'Points on the latest value'}: {num(track.latest)}/{num(track.maxPoints)} · {currentLocale() === 'vi' ? 'dự báo cuối năm' : 'year-end projection'}: {num(track.projected)}</p>
          <Chart label={track.name} height={200} option={{ grid: { left: 40, right: 10, top: 20, bottom: 30 }, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: track.series.map((s) => s.period) }, yAxis: { type: 'value', max: 100 }, series: [{ type: 'line', data: track.series.map((s) => (s.ratio === undefined ? null : Math.round(s.ratio * 1000) / 10)) }] }} />
        </section>
      ))}
      <WhatIf unitId={unitId} year={p.basedOn} />
    </article>
  );
}

function WhatIf({ unitId, year }: { unitId: string; year: number }) {
  const [code, setCode] = useState('7.3.6');
  const [value, setValue] = useState('46/46');
  const [result, setResult] = useState<{ before: { total: number; rank: number; of: number }; after: { total: number; rank: number; of: number } }>();
  const [error, setError] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const ratio = /^(\d+)\/(\d+)$/.exec(value.trim());
    const change = ratio ? { code, indicator: { numerator: Number(ratio[1]), denominator: Number(ratio[2]) } } : { code, score: value.trim() };
    try {
      setError(undefined);
      setResult(await api('POST', `/api/units/${unitId}/whatif`, { year, changes: [change] }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h2>{currentLocale() === 'vi' ? `Giả định trên kết quả năm ${year}` : `What-if on the ${year} results`}</h2>
      <div class="row">
        <label>{t('criterion')}<input name="whatif-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} size={8} /></label>
        <label>{currentLocale() === 'vi' ? 'Chỉ tiêu (tử/mẫu) hoặc điểm' : 'Indicator (n/d) or score'}<input name="whatif-value" value={value} onInput={(e) => setValue(e.currentTarget.value)} size={10} /></label>
        <button type="submit">{t('apply')}</button>
      </div>
      {result && <p data-testid="whatif">{num(result.before.total)} → <strong>{num(result.after.total)}</strong> · {t('rank')} {result.before.rank}/{result.before.of} → <strong>{result.after.rank}/{result.after.of}</strong></p>}
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}
