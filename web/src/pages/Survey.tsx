/**
 * The survey of a cycle, for the province: the questionnaire (upload, checked by the server),
 * opening and closing, links to the public form, responses per unit and group against the plan,
 * the flags to accept or exclude with a reason, and the points computed, previewed (how each
 * arose) and written as the survey part of the units' results.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { DownloadLink } from '../components/DownloadLink.tsx';
import { useAction } from '../components/useAction.ts';
import { useFetch } from '../components/useFetch.ts';
import { currentLocale, tx } from '../i18n.ts';
import { pct } from '../format.ts';
import { SurveyFile } from './SurveyFile.tsx';
import { href } from '../router.ts';
import type {
  AppliedPointsResponse,
  FlagJson,
  QuotaJson,
  SurveyMonitorResponse,
  SurveyPointsJson,
  SurveyReportResponse,
  SurveyLinksResponse,
  SurveyResponse,
} from '../../../src/server/contract/survey.ts';
import type { MessageJson } from '../../../src/server/responses.ts';

type Message = MessageJson;
type Quota = QuotaJson;
type Flag = FlagJson;
type Monitor = SurveyMonitorResponse;
type Points = SurveyPointsJson;
type Survey = SurveyResponse;

const STATE: Record<string, Message> = {
  design: { vi: 'Đang thiết kế', en: 'In design' },
  open: { vi: 'Đang thu phiếu', en: 'Open' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
};

export function SurveyPage({ cycleId }: { cycleId: string }) {
  const l = currentLocale();
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const survey = useFetch<Survey>(`/api/cycles/${cycleId}/survey`, version);
  const monitor = useFetch<Monitor>(survey.data ? `/api/cycles/${cycleId}/survey/monitor` : undefined, version);
  const points = useFetch<Points[]>(survey.data ? `/api/cycles/${cycleId}/survey/points` : undefined, version);
  const state = useAction(reload);
  const compute = useAction(reload);
  const apply = useAction<AppliedPointsResponse>(reload);
  const design = useAction(reload);
  const notYet = survey.error?.status === 404;
  // While answers come in, the progress is read again every 30 seconds.
  const collecting = monitor.data?.state === 'open';
  useEffect(() => {
    if (!collecting) return;
    const timer = setInterval(reload, 30_000);
    return () => clearInterval(timer);
  }, [collecting]);
  const report = useFetch<Pick<SurveyReportResponse, 'distributions'>>(survey.data ? `/api/cycles/${cycleId}/survey/report` : undefined, version);
  const base = `/api/cycles/${cycleId}/survey`;
  const groupName = (id?: string) => survey.data?.groups.find((g) => g.id === id)?.name ?? id ?? '';
  return (
    <div class="survey">
      <h1>
        {tx('Điều tra xã hội học', 'Sociological survey')} — {cycleId}
      </h1>
      <section class="card">
        <h2>{tx('Phiếu khảo sát', 'Questionnaire')}</h2>
        {survey.data && (
          <p>
            {survey.data.document.title} — <strong data-testid="survey-state">{monitor.data ? STATE[monitor.data.state]![l] : ''}</strong>
          </p>
        )}
        {notYet && <p>{tx('Kỳ này chưa có phiếu khảo sát.', 'This cycle has no questionnaire yet.')}</p>}
        {survey.error && !notYet && <p role="alert">{survey.error.text(l)}</p>}
        {(notYet || monitor.data?.state === 'design') && (
          <label class="file">
            <input
              type="file"
              class="visually-hidden"
              accept=".yaml,.yml,.json"
              onChange={async (e) => {
                const f = e.currentTarget.files?.[0];
                if (f) await design.run('PUT', base, undefined, { type: 'application/yaml', data: await f.text() });
              }}
            />
            <span class="button secondary">{tx('Tải lên phiếu (YAML/JSON)…', 'Upload the questionnaire (YAML/JSON)…')}</span>
          </label>
        )}
        {design.error && (
          <div role="alert" class="report error" data-testid="questionnaire-problems">
            <p>
              <strong>
                {tx(`Phiếu chưa được ghi: ${design.issues.length || 1} lỗi.`, `The questionnaire was not saved: ${design.issues.length || 1} problem(s).`)}
              </strong>
            </p>
            {design.issues.length ? (
              <ul>
                {design.issues.map((i, n) => (
                  <li key={n}>
                    {[i.node, i.field].filter(Boolean).length ? `${[i.node, i.field].filter(Boolean).join(' › ')}: ` : ''}
                    {i.message[l]}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{design.error}</p>
            )}
          </div>
        )}
        {monitor.data && (
          <div class="buttons">
            {monitor.data.state !== 'open' && (
              <button type="button" disabled={state.busy} onClick={() => state.run('POST', `${base}/state`, { state: 'open', version: monitor.data!.version })}>
                {tx('Mở thu phiếu', 'Open collection')}
              </button>
            )}
            {monitor.data.state === 'open' && (
              <button
                type="button"
                class="secondary"
                disabled={state.busy}
                onClick={() => state.run('POST', `${base}/state`, { state: 'closed', version: monitor.data!.version })}
              >
                {tx('Kết thúc thu phiếu', 'Close collection')}
              </button>
            )}
            <a class="button secondary" href={href(`/survey/${cycleId}/paper`)}>
              {tx('Nhập phiếu giấy', 'Enter paper forms')}
            </a>
            <DownloadLink href={`${base}/template`}>{tx('Mẫu nhập phiếu (Excel)', 'Answers template (Excel)')}</DownloadLink>
            <DownloadLink href={`${base}/report?format=xlsx`}>{tx('Báo cáo khảo sát (Excel)', 'Survey report (Excel)')}</DownloadLink>
            <DownloadLink href={`${base}/report?format=docx`}>{tx('Báo cáo khảo sát (Word)', 'Survey report (Word)')}</DownloadLink>
          </div>
        )}
        {state.error && (
          <p role="alert" class="error">
            {state.error}
          </p>
        )}
      </section>
      {monitor.data && <SurveyFile base={base} unitName={(id) => monitor.data?.quotas.find((q) => q.unit === id)?.name ?? id} onImported={reload} />}
      {monitor.data && survey.data && <Links cycleId={cycleId} quotas={monitor.data.quotas} groups={survey.data.groups} />}
      {monitor.data && (
        <section class="card">
          <h2>
            {tx('Tiến độ thu phiếu', 'Responses against the plan')} ({monitor.data.responses})
          </h2>
          <div class="table-wrap">
            <table data-testid="survey-quotas">
              <thead>
                <tr>
                  <th scope="col">{tx('Đơn vị', 'Unit')}</th>
                  <th scope="col">{tx('Nhóm', 'Group')}</th>
                  <th scope="col">{tx('Kế hoạch', 'Plan')}</th>
                  <th scope="col">{tx('Hợp lệ', 'Valid')}</th>
                  <th scope="col">{tx('Bị loại', 'Excluded')}</th>
                  <th scope="col">{tx('Trực tuyến / giấy / tệp', 'Online / paper / file')}</th>
                </tr>
              </thead>
              <tbody>
                {monitor.data.quotas
                  .filter((q) => q.valid || q.excluded || q.planned)
                  .map((q) => (
                    <tr key={`${q.unit}/${q.group}`} class={q.planned !== null && q.valid < q.planned ? 'short' : undefined}>
                      <th scope="row">{q.name}</th>
                      <td>{groupName(q.group)}</td>
                      <td title={q.how[l]}>{q.planned ?? '—'}</td>
                      <td>{q.valid}</td>
                      <td>{q.excluded}</td>
                      <td>
                        {q.online} / {q.paper} / {q.file}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {report.data && survey.data && (
        <section class="card">
          <h2>{tx('Phân bố câu trả lời (phiếu hợp lệ)', 'Answers (valid responses)')}</h2>
          <div class="table-wrap">
            <table data-testid="survey-distribution">
              <thead>
                <tr>
                  <th scope="col">{tx('Câu', 'Question')}</th>
                  <th scope="col">{tx('Nhóm', 'Group')}</th>
                  <th scope="col">{tx('Số phiếu', 'Answered')}</th>
                  <th scope="col">{tx('Theo phương án', 'By option')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.distributions
                  .filter((d) => d.answered > 0)
                  .map((d) => (
                    <tr key={`${d.question}/${d.group}`}>
                      <th scope="row">{d.question}</th>
                      <td>{groupName(d.group)}</td>
                      <td>{d.answered}</td>
                      <td>
                        {Object.entries(d.counts)
                          .map(([option, n]) => `${option}: ${n} (${pct(d.answered ? (n * 100) / d.answered : 0, 1)})`)
                          .join(' · ') || '—'}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {monitor.data && <Flags cycleId={cycleId} flags={monitor.data.flags} quotas={monitor.data.quotas} groupName={groupName} onDone={reload} />}
      {monitor.data && (
        <section class="card">
          <h2>{tx('Điểm điều tra xã hội học', 'Survey points')}</h2>
          <div class="buttons">
            <button type="button" disabled={compute.busy} onClick={() => compute.run('POST', `${base}/points`)}>
              {tx('Tính điểm (xem trước)', 'Compute (preview)')}
            </button>
            <button type="button" class="secondary" disabled={apply.busy || !points.data?.length} onClick={() => apply.run('POST', `${base}/points/apply`, {})}>
              {tx('Ghi vào kết quả của đơn vị', 'Write into the units’ results')}
            </button>
          </div>
          {(compute.error || apply.error) && (
            <p role="alert" class="error">
              {compute.error ?? apply.error}
            </p>
          )}
          {apply.result && (
            <p role="status">
              {tx(
                `Đã ghi phần điểm điều tra của ${apply.result.written.length} đơn vị; được công bố cùng kết quả thẩm định.`,
                `Wrote the survey part of ${apply.result.written.length} units; published with the appraisal.`,
              )}
            </p>
          )}
          {points.data && points.data.length > 0 && (
            <ul class="explanations" data-testid="survey-points">
              {points.data
                .filter((p) => p.points !== null || monitor.data!.quotas.some((q) => q.unit === p.unit && q.valid > 0))
                .map((p) => (
                  <li key={`${p.unit}/${p.code}`}>
                    <strong>{monitor.data!.quotas.find((q) => q.unit === p.unit)?.name ?? p.unit}</strong> — {p.explanation[l]}
                  </li>
                ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function Links({ cycleId, quotas, groups }: { cycleId: string; quotas: Quota[]; groups: { id: string; name: string }[] }) {
  const units = [...new Map(quotas.map((q) => [q.unit, q.name])).entries()];
  const [unit, setUnit] = useState(units[0]?.[0] ?? '');
  const [group, setGroup] = useState(groups[0]?.id ?? '');
  const [count, setCount] = useState(1);
  const create = useAction<SurveyLinksResponse>();
  return (
    <section class="card">
      <h2>{tx('Đường dẫn đến phiếu trực tuyến', 'Links to the online form')}</h2>
      <p class="muted">
        {tx(
          'Một đường dẫn dùng chung (giới hạn tần suất) hoặc nhiều mã dùng một lần (in mã QR trên giấy mời). Mã không gắn với người trả lời.',
          'One shared, rate-limited link, or single-use codes (printed as QR codes on invitations). Codes are not linked to people.',
        )}
      </p>
      <div class="row">
        <select aria-label={tx('Đơn vị', 'Unit')} value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={tx('Nhóm đối tượng', 'Respondent group')} value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <label>
          {tx('Số mã dùng một lần (0: một đường dẫn chung)', 'Single-use codes (0: one shared link)')}{' '}
          <input type="number" min={0} max={5000} value={count} onInput={(e) => setCount(Number(e.currentTarget.value))} />
        </label>
        <button
          type="button"
          disabled={create.busy}
          onClick={() => create.run('POST', `/api/cycles/${cycleId}/survey/links`, { unit, group, singleUse: count > 0, count: Math.max(count, 1) })}
        >
          {tx('Tạo', 'Create')}
        </button>
      </div>
      {create.error && (
        <p role="alert" class="error">
          {create.error}
        </p>
      )}
      {create.result && (
        <ul data-testid="survey-links">
          {create.result.paths.map((p) => (
            <li key={p}>
              <a href={p}>
                {location.origin}
                {p}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Flags({
  cycleId,
  flags,
  quotas,
  groupName,
  onDone,
}: {
  cycleId: string;
  flags: Flag[];
  quotas: Quota[];
  groupName: (id?: string) => string;
  onDone: () => void;
}) {
  const l = currentLocale();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<Record<string, string>>({});
  const decide = async (flag: Flag, decision: 'accept' | 'exclude') => {
    try {
      await api('POST', `/api/cycles/${cycleId}/survey/decisions`, { flag: flag.id, decision, reason: reasons[flag.id] ?? '' });
      setError({ ...error, [flag.id]: '' });
      onDone();
    } catch (e) {
      setError({ ...error, [flag.id]: e instanceof ApiError ? e.text(l) : String(e) });
    }
  };
  return (
    <section class="card">
      <h2>
        {tx('Phiếu bị đánh dấu', 'Flagged responses')} ({flags.filter((f) => f.status === 'pending').length} {tx('chờ xử lý', 'pending')})
      </h2>
      {flags.length === 0 && <p>{tx('Không có phiếu nào bị đánh dấu.', 'No flagged responses.')}</p>}
      <ul class="flags" data-testid="survey-flags">
        {flags.map((f) => (
          <li key={f.id}>
            <p>
              <strong>{quotas.find((q) => q.unit === f.unit)?.name ?? f.unit}</strong>
              {f.group ? ` · ${groupName(f.group)}` : ''}: {f.message[l]} —{' '}
              {f.status === 'pending'
                ? tx('chờ xử lý', 'pending')
                : f.status === 'exclude'
                  ? tx(`đã loại: ${f.reason}`, `excluded: ${f.reason}`)
                  : f.status === 'accept'
                    ? tx(`đã chấp nhận: ${f.reason}`, `accepted: ${f.reason}`)
                    : tx('xử lý khác nhau', 'mixed')}
            </p>
            {f.status === 'pending' && (
              <div class="row">
                <label>
                  {tx('Lý do', 'Reason')} <input value={reasons[f.id] ?? ''} onInput={(e) => setReasons({ ...reasons, [f.id]: e.currentTarget.value })} />
                </label>
                <button type="button" onClick={() => decide(f, 'exclude')}>
                  {tx('Loại các phiếu này', 'Exclude these')}
                </button>
                <button type="button" class="secondary" onClick={() => decide(f, 'accept')}>
                  {tx('Chấp nhận', 'Accept')}
                </button>
              </div>
            )}
            {error[f.id] && (
              <p role="alert" class="error">
                {error[f.id]}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
