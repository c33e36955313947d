/**
 * Self-assessment and appraisal of one unit in a cycle, following the server's workflow: the
 * unit enters scores (rule-scored criteria compute live from indicator values), explanations
 * and evidence, and submits; the appraiser sees the self score beside the proposed one and must
 * give a reason for every lower score; state badge and the allowed next steps.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { StateBadge, TRANSITION_LABELS } from '../components/StateBadge.tsx';
import { useFetch } from '../components/useFetch.ts';
import { exact, num } from '../format.ts';
import { currentLocale, t } from '../i18n.ts';
import type { SessionUser } from '../session.ts';
import type { NodeDoc } from './Tree.tsx';

interface ScoreRow {
  code: string;
  self: string | null;
  appraised: string | null;
  final: { total: string } | null;
  reason: string | null;
  comment: string | null;
  version: number;
}

const toNumber = (s: string | null | undefined) => (s === null || s === undefined || s === '' ? null : Number(s.replace(',', '.')));

export function Assess({ cycleId, unitId, user }: { cycleId: string; unitId: string; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const cycle = useFetch<{ framework: string; year: number }>(`/api/cycles/${cycleId}`);
  const assessment = useFetch<{ state: string; transitions: string[]; version: number }>(`/api/cycles/${cycleId}/units/${unitId}/assessment`, version);
  const scores = useFetch<ScoreRow[]>(`/api/cycles/${cycleId}/units/${unitId}/scores`, version);
  const evidence = useFetch<{ id: number; code: string; name: string }[]>(user ? `/api/cycles/${cycleId}/units/${unitId}/evidence` : undefined, version);
  const framework = useFetch<{ components: NodeDoc[] }>(cycle.data ? `/api/frameworks/${cycle.data.framework}` : undefined);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const error = assessment.error ?? scores.error;
  if (error) return <p class="error" role="alert">{error.message}</p>;
  if (!assessment.data || !scores.data || !framework.data) return <p>{t('loading')}</p>;
  const state = assessment.data.state;
  const unitEdits = user?.role === 'unitEditor' && user.unitId === unitId && state === 'draft';
  const appraises = user?.role === 'appraiser' && (state === 'underAppraisal' || state === 'recheckRequested');
  const byCode = new Map(scores.data.map((s) => [s.code, s]));
  const leaves: NodeDoc[] = [];
  const walk = (nodes: NodeDoc[]) => nodes.forEach((n) => ((n.children ?? []).length ? walk(n.children!) : leaves.push(n)));
  walk(framework.data.components);
  const move = async (transition: string) => {
    try {
      await api('POST', `/api/cycles/${cycleId}/units/${unitId}/transitions`, { transition, ...(reason.trim() && { reason }) });
      setMessage({ ok: true, text: TRANSITION_LABELS[transition]?.[currentLocale() === 'vi' ? 0 : 1] ?? transition });
      setReason('');
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? e.issues.map((i) => i.message[currentLocale()]).join(' · ') || e.message : String(e) });
    }
  };
  return (
    <article>
      <div class="title-row">
        <h1>{t('assessment')}: {unitId} — {cycle.data?.year}</h1>
        <StateBadge state={state} />
      </div>
      <section class="card actions" aria-label={t('actions')}>
        {assessment.data.transitions.length > 0 && user && (
          <>
            <label>
              {t('reason')}
              <textarea name="transition-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <div class="buttons">
              {assessment.data.transitions.map((name) => (
                <button type="button" key={name} data-transition={name} onClick={() => move(name)}>{TRANSITION_LABELS[name]?.[currentLocale() === 'vi' ? 0 : 1] ?? name}</button>
              ))}
            </div>
          </>
        )}
        {message && <p class={message.ok ? 'ok' : 'error'} role="status">{message.text}</p>}
      </section>
      <table class="assess">
        <thead>
          <tr><th>{t('criterion')}</th><th class="num">{t('max')}</th><th>{t('self')} / {t('explanation')}</th><th>{t('evidence')}</th><th>{t('appraised')} / {t('reason')}</th><th class="num">{t('final')}</th></tr>
        </thead>
        <tbody>
          {leaves.map((node) => (
            <CriterionRow
              key={node.code}
              node={node}
              row={byCode.get(node.code)}
              cycleId={cycleId}
              unitId={unitId}
              frameworkId={cycle.data!.framework}
              unitEdits={unitEdits}
              appraises={appraises}
              evidence={(evidence.data ?? []).filter((e) => e.code === node.code)}
              onSaved={() => setVersion((v) => v + 1)}
            />
          ))}
        </tbody>
      </table>
    </article>
  );
}

function CriterionRow(props: {
  node: NodeDoc;
  row?: ScoreRow;
  cycleId: string;
  unitId: string;
  frameworkId: string;
  unitEdits: boolean;
  appraises: boolean;
  evidence: { id: number; name: string }[];
  onSaved: () => void;
}) {
  const { node, row } = props;
  const [self, setSelf] = useState(row?.self ?? '');
  const [comment, setComment] = useState(row?.comment ?? '');
  const [appraised, setAppraised] = useState(row?.appraised ?? '');
  const [reason, setReason] = useState(row?.reason ?? '');
  const [numerator, setNumerator] = useState('');
  const [denominator, setDenominator] = useState('');
  const [computed, setComputed] = useState<{ points: number; explanation: string }>();
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const base = `/api/cycles/${props.cycleId}/units/${props.unitId}`;
  const ruled = node.rule && ['ratio', 'bands'].includes(node.rule.type);
  const lower = toNumber(appraised) !== null && toNumber(self) !== null && toNumber(appraised)! < toNumber(self)!;
  const evaluate = async (n: string, d: string) => {
    if (!n || !d) return setComputed(undefined);
    try {
      setComputed(await api('POST', `/api/frameworks/${props.frameworkId}/evaluate`, { code: node.code, indicator: { numerator: Number(n), denominator: Number(d) } }));
    } catch (e) {
      setComputed(undefined);
      if (e instanceof ApiError) setError(e);
    }
  };
  const save = async (fields: Record<string, string | null>) => {
    try {
      setError(undefined);
      await api('PUT', `${base}/scores/${node.code}`, { version: row?.version ?? 0, ...fields });
      setSaved(true);
      props.onSaved();
    } catch (e) {
      setSaved(false);
      if (e instanceof ApiError) setError(e);
    }
  };
  const upload = async (file: File) => {
    try {
      await api('POST', `${base}/evidence?code=${encodeURIComponent(node.code)}&name=${encodeURIComponent(file.name)}`, undefined, { type: file.type || 'application/octet-stream', data: file });
      props.onSaved();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };
  const fieldError = (field: string) => error?.fieldMessage(field, currentLocale());
  const general = error && !['self', 'comment', 'appraised', 'reason'].some((f) => fieldError(f)) ? error.message : undefined;
  const id = `c-${node.code.replace(/\./g, '-')}`;
  return (
    <tr data-code={node.code}>
      <td>{node.code}. {node.name}</td>
      <td class="num">{node.maxPoints === undefined ? '—' : exact(Number(node.maxPoints))}</td>
      <td>
        {props.unitEdits ? (
          <div class="field">
            {ruled && (
              <div class="indicator">
                <input aria-label={`${node.code} tử số`} inputMode="numeric" size={5} value={numerator} onInput={(e) => { setNumerator(e.currentTarget.value); evaluate(e.currentTarget.value, denominator); }} />/
                <input aria-label={`${node.code} mẫu số`} inputMode="numeric" size={5} value={denominator} onInput={(e) => { setDenominator(e.currentTarget.value); evaluate(numerator, e.currentTarget.value); }} />
                {computed && (
                  <span class="computed" title={computed.explanation}>
                    {t('computed')}: {num(computed.points)} <button type="button" onClick={() => setSelf(String(computed.points))}>↓</button>
                  </span>
                )}
              </div>
            )}
            <input id={`${id}-self`} name="self" aria-label={`${node.code} ${t('self')}`} inputMode="decimal" size={7} value={self} onInput={(e) => setSelf(e.currentTarget.value)} aria-invalid={!!fieldError('self')} />
            {fieldError('self') && <span class="field-error" role="alert">{fieldError('self')}</span>}
            <textarea name="comment" aria-label={`${node.code} ${t('explanation')}`} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
            <button type="button" onClick={() => save({ self: self.trim() || null, comment: comment.trim() || null })}>{t('save')}</button>
          </div>
        ) : (
          <div>{row?.self ? exact(Number(row.self)) : '—'}{row?.comment ? <p class="muted">{row.comment}</p> : ''}</div>
        )}
      </td>
      <td>
        <ul class="files">{props.evidence.map((e) => <li key={e.id}><a href={`/api/evidence/${e.id}`}>{e.name}</a></li>)}</ul>
        {props.unitEdits && <input type="file" aria-label={`${node.code} ${t('upload')}`} accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx" onChange={(e) => e.currentTarget.files?.[0] && upload(e.currentTarget.files[0])} />}
      </td>
      <td>
        {props.appraises ? (
          <div class="field side">
            <span class="muted">{t('self')}: {row?.self ? exact(Number(row.self)) : '—'}</span>
            <input name="appraised" aria-label={`${node.code} ${t('appraised')}`} inputMode="decimal" size={7} value={appraised} onInput={(e) => setAppraised(e.currentTarget.value)} aria-invalid={!!fieldError('appraised')} />
            {fieldError('appraised') && <span class="field-error" role="alert">{fieldError('appraised')}</span>}
            <textarea name="reason" aria-label={`${node.code} ${t('reason')}`} rows={2} value={reason} required={lower} onInput={(e) => setReason(e.currentTarget.value)} />
            {lower && !reason.trim() && <span class="field-error">{currentLocale() === 'vi' ? 'Điểm thẩm định thấp hơn điểm tự chấm: phải ghi lý do' : 'Lower than the self score: a reason is required'}</span>}
            <button type="button" onClick={() => save({ appraised: appraised.trim() || null, reason: reason.trim() || null })}>{t('save')}</button>
          </div>
        ) : (
          <div>{row?.appraised ? exact(Number(row.appraised)) : '—'}{row?.reason ? <p class="muted">{row.reason}</p> : ''}</div>
        )}
      </td>
      <td class="num">
        {row?.final ? exact(Number(row.final.total)) : '—'}
        {saved && <span class="ok"> ✓ {t('saved')}</span>}
        {general && <span class="field-error" role="alert">{general}</span>}
      </td>
    </tr>
  );
}
