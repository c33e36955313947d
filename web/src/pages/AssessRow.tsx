/**
 * One criterion of the assessment: the unit's self score and explanation (with the rule's
 * points computed by the server from indicator values as they are typed), its evidence, the
 * appraised score and reason beside the self score, the final score; every message next to
 * its field. A criterion that does not apply to the unit is marked «Không áp dụng» with a reason.
 */
import { useRef, useState } from 'preact/hooks';
import { api, ApiError, uploadWithProgress, type ApiIssue } from '../api.ts';
import { queuedEdit } from '../components/offlineQueue.ts';
import { useUnsaved } from '../components/unsaved.ts';
import { readDecimalText } from '../../../src/core/decimal.ts';
import { parsePoints } from '../../../src/core/points.ts';
import { exact, num } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { RowConflict } from './RowConflict.tsx';
import { useRowSaving, type RowHandle } from './rowSaving.ts';
import type { NodeDoc } from './Tree.tsx';
import type { EvaluateResponse, ScoresResponse } from '../../../src/server/responses.ts';

/** A stored score as GET …/scores lists it (decimal texts; `final` may hold one part only). */
export type ScoreRow = ScoresResponse[number];

/** Points as typed ("9,52" or "9.52"), read by the core's one parser (exact micro-points); null when blank or not points. */
const toNumber = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined || s.trim() === '') return null;
  try {
    return parsePoints(s);
  } catch {
    return null;
  }
};
/** A stored score ("9.52") as the person types it ("9,52"). */
const typed = (s: string | null | undefined) => (s === null || s === undefined ? '' : exact(s));

/** What is wrong with a typed score before it is sent ("abc", "9,5,1"): said at once, in words. */
const notANumber = (value: string) =>
  value.trim() !== '' && !readDecimalText(value.trim(), { mark: 'either', signed: false })
    ? tx('Điểm phải là một số không âm, vd. 9,5', 'The score must be a number of 0 or more, e.g. 9.5')
    : undefined;

/** The stored indicator as the form's fields hold it. */
const indicatorText = (stored: ScoreRow['indicator']): Record<string, string> => ({
  ...(stored?.numerator !== undefined && { numerator: String(stored.numerator) }),
  ...(stored?.denominator !== undefined && { denominator: String(stored.denominator) }),
  ...(stored?.count !== undefined && { count: String(stored.count) }),
  ...(stored?.achieved !== undefined && { achieved: stored.achieved ? 'yes' : 'no' }),
});

/** Which indicator values a rule reads: a ratio (ratio, bands), a count (perOccurrence), met or not (boolean). */
const INDICATOR: Record<string, 'ratio' | 'count' | 'achieved'> = { ratio: 'ratio', bands: 'ratio', perOccurrence: 'count', boolean: 'achieved' };

export function CriterionRow(props: {
  node: NodeDoc;
  ruleText?: string;
  row?: ScoreRow;
  cycleId: string;
  unitId: string;
  frameworkId: string;
  /** Decimals the framework shows points with (its document omits the default, 2). */
  precision: number;
  unitEdits: boolean;
  unitUploads: boolean;
  appraises: boolean;
  problems: ApiIssue[];
  evidence: { id: number; name: string }[];
  onSaved: () => void;
  /** A whole component's save reaches the row through this handle. */
  register?: (code: string, handle: RowHandle | undefined) => void;
  /** Save by itself when the person stops typing or leaves the row. */
  autosave: boolean;
}) {
  const { node, row } = props;
  const key = `${props.cycleId}/${props.unitId}/${node.code}`;
  // An edit kept offline (and not yet sent) is what the form shows, even after a reload.
  const waiting = queuedEdit(key)?.fields;
  const [self, setSelf] = useState(waiting && 'self' in waiting ? String(waiting.self ?? '') : typed(row?.self));
  const [comment, setComment] = useState(waiting && 'comment' in waiting ? String(waiting.comment ?? '') : (row?.comment ?? ''));
  const [appraised, setAppraised] = useState(waiting && 'appraised' in waiting ? String(waiting.appraised ?? '') : typed(row?.appraised));
  const [reason, setReason] = useState(waiting && 'reason' in waiting ? String(waiting.reason ?? '') : (row?.reason ?? ''));
  const [marking, setMarking] = useState(false);
  const [whyNot, setWhyNot] = useState('');
  const notApplicable = row?.notApplicable ?? null;
  const stored = row?.indicator;
  const [indicator, setIndicator] = useState<Record<string, string>>(indicatorText(stored));
  const [computed, setComputed] = useState<EvaluateResponse>();
  /** The points and explanation last taken from the rule ("Dùng điểm này"): while the fields still hold them, a new computation replaces them instead of leaving them stale. */
  const auto = useRef<{ points: string; explanation: string }>();
  const [uploadError, setUploadError] = useState<string>();
  /** An upload under way: how far (0…1) and how to stop it. */
  const [sending, setSending] = useState<{ share: number; name: string }>();
  const cancel = useRef<AbortController>();
  const file = useRef<HTMLInputElement>(null);
  const base = `/api/cycles/${props.cycleId}/units/${props.unitId}`;
  const kind = node.rule ? INDICATOR[node.rule.type] : undefined;
  const lower = toNumber(appraised) !== null && toNumber(row?.self) !== null && toNumber(appraised)! < toNumber(row?.self)!;
  const id = `c-${node.code.replace(/\./g, '-')}`;
  /** The indicator as the API takes it, once complete (both parts of a ratio…). */
  const indicatorBody = (values: Record<string, string>) => {
    const body =
      kind === 'ratio'
        ? values.numerator && values.denominator
          ? { numerator: Number(values.numerator), denominator: Number(values.denominator) }
          : undefined
        : kind === 'count'
          ? values.count
            ? { count: Number(values.count) }
            : undefined
          : kind === 'achieved'
            ? values.achieved
              ? { achieved: values.achieved === 'yes' }
              : undefined
            : undefined;
    return body && Object.values(body).every((v) => typeof v !== 'number' || Number.isInteger(v)) ? body : undefined;
  };
  /** What the form would send, and what is stored, in the same shape: different = not saved yet. */
  const formValues = (v: { self: string; comment: string; appraised: string; reason: string; indicator: Record<string, string> }) =>
    props.unitEdits
      ? { self: v.self.trim() || null, comment: v.comment.trim() || null, ...(kind && { indicator: indicatorBody(v.indicator) ?? null }) }
      : props.appraises
        ? { appraised: v.appraised.trim() || null, reason: v.reason.trim() || null }
        : {};
  const saving = useRowSaving({
    code: node.code,
    key,
    path: `${base}/scores/${node.code}`,
    version: row?.version ?? 0,
    values: formValues({ self, comment, appraised, reason, indicator }),
    storedValues: formValues({
      self: typed(row?.self),
      comment: row?.comment ?? '',
      appraised: typed(row?.appraised),
      reason: row?.reason ?? '',
      indicator: indicatorText(stored),
    }),
    // Saved by itself only what may be: a number typed as one, a lower appraisal with its reason, no half-done "not applicable".
    canAutosave:
      notApplicable === null &&
      !marking &&
      ((props.unitEdits && !notANumber(self)) || (props.appraises && !notANumber(appraised) && !(lower && !reason.trim()))),
    auto: props.autosave,
    onSaved: props.onSaved,
    ...(props.register && { register: props.register }),
  });
  const { save, busy, saved, setSaved, error, setError } = saving;
  const evaluate = async (values: Record<string, string>) => {
    setIndicator(values);
    setSaved(false);
    const body = indicatorBody(values);
    if (!body) return setComputed(undefined);
    try {
      setError(undefined);
      const next = await api<EvaluateResponse>('POST', `/api/frameworks/${props.frameworkId}/evaluate`, {
        code: node.code,
        indicator: body,
      });
      setComputed(next);
      // Points and explanation taken from an earlier computation follow the new one ("3 lần × 2 điểm → 0 điểm" never stays beside 2 points).
      if (auto.current) {
        const was = auto.current;
        auto.current = { points: exact(next.points), explanation: next.explanation };
        setSelf((current) => (current === was.points ? exact(next.points) : current));
        setComment((current) => (current === was.explanation ? next.explanation : current));
      }
    } catch (e) {
      setComputed(undefined);
      if (e instanceof ApiError) setError(e);
    }
  };
  const useComputed = () => {
    if (!computed) return;
    setSelf(exact(computed.points));
    // The indicator values behind the points are the first line of the explanation.
    const explains = !comment.trim() || comment === auto.current?.explanation;
    if (explains) setComment(computed.explanation);
    auto.current = { points: exact(computed.points), explanation: explains ? computed.explanation : '\u0000' };
    setSaved(false);
  };
  // Typed and not saved: the screen asks before it is left (components/unsaved.ts).
  // An edit kept offline is not lost: only input neither saved nor kept asks before leaving.
  useUnsaved(((props.unitEdits || props.appraises) && saving.dirty) || whyNot.trim() !== '');
  const upload = async (chosen: File) => {
    setUploadError(undefined);
    const controller = new AbortController();
    cancel.current = controller;
    setSending({ share: 0, name: chosen.name });
    try {
      const path = `${base}/evidence?code=${encodeURIComponent(node.code)}&name=${encodeURIComponent(chosen.name)}`;
      await uploadWithProgress(path, chosen, chosen.type || 'application/octet-stream', (share) => setSending({ share, name: chosen.name }), controller.signal);
      props.onSaved();
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') setUploadError(tx(`Đã hủy tải lên «${chosen.name}»`, `Upload of "${chosen.name}" cancelled`));
      else if (e instanceof ApiError) setUploadError(e.text(currentLocale()));
      else setUploadError(tx('Mất kết nối khi tải lên: hãy thử lại', 'The connection was lost during the upload: try again'));
    } finally {
      setSending(undefined);
      cancel.current = undefined;
      if (file.current) file.current.value = '';
    }
  };
  const remove = async (id: number) => {
    setUploadError(undefined);
    try {
      await api('DELETE', `/api/evidence/${id}`);
      props.onSaved();
    } catch (e) {
      setUploadError(e instanceof ApiError ? e.text(currentLocale()) : String(e));
    }
  };
  const fieldError = (field: string) => error?.fieldMessage(field, currentLocale());
  const known = ['self', 'comment', 'appraised', 'reason', 'indicator', 'numerator', 'denominator', 'count'];
  const general = error && !known.some((f) => fieldError(f)) ? error.text(currentLocale()) : undefined;
  const indicatorError = fieldError('indicator') ?? fieldError('numerator') ?? fieldError('denominator') ?? fieldError('count');
  const evidenceProblem = props.problems.find((p) => p.field === 'evidence' || p.field === 'comment');
  const otherProblems = props.problems.filter((p) => p !== evidenceProblem && !(props.appraises && p.field === 'reason'));
  const err = (field: string, message: string | undefined) =>
    message && (
      <span id={`${id}-${field}-error`} class="field-error" role="alert">
        {message}
      </span>
    );
  const typing = (set: (v: string) => void, field?: string) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    setSaved(false);
    // A problem the server found with this field is about the old value: it goes when the value changes.
    if (field && error && fieldError(field)) setError(undefined);
  };
  const selfProblem = notANumber(self) ?? fieldError('self');
  const appraisedProblem = notANumber(appraised) ?? fieldError('appraised');
  const reasonProblem = props.problems.find((p) => p.field === 'reason');
  return (
    <tr
      data-code={node.code}
      class={props.problems.length ? 'has-problem' : ''}
      // Leaving the row (not moving between its own fields) saves what was typed.
      onFocusOut={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && saving.autosave()}
    >
      <th scope="row">
        {node.code}. {node.name}
        {props.ruleText && <span class="muted rule"> ({props.ruleText})</span>}
        {otherProblems.map((p, i) => (
          <span key={i} class="field-error" role="alert">
            {p.message[currentLocale()]}
          </span>
        ))}
      </th>
      <td class="num" data-label={t('max')}>
        {node.maxPoints === undefined ? '—' : exact(node.maxPoints)}
      </td>
      <td data-label={props.unitEdits ? undefined : t('self')}>
        {notApplicable !== null ? (
          <div class="field not-applicable">
            <p>
              <strong>{tx('Không áp dụng', 'Not applicable')}</strong>: {notApplicable}
            </p>
            {props.unitEdits && (
              <button type="button" class="secondary" disabled={busy} onClick={() => save({ notApplicable: false })}>
                {tx('Áp dụng lại', 'Applies again')}
              </button>
            )}
          </div>
        ) : props.unitEdits ? (
          <div class="field">
            {kind === 'ratio' && (
              <div class="indicator">
                <label>
                  {tx('Tử số', 'Numerator')}
                  <input
                    name="numerator"
                    inputMode="numeric"
                    size={6}
                    value={indicator.numerator ?? ''}
                    onInput={(e) => evaluate({ ...indicator, numerator: e.currentTarget.value })}
                  />
                </label>
                <span aria-hidden="true">/</span>
                <label>
                  {tx('Mẫu số', 'Denominator')}
                  <input
                    name="denominator"
                    inputMode="numeric"
                    size={6}
                    value={indicator.denominator ?? ''}
                    onInput={(e) => evaluate({ ...indicator, denominator: e.currentTarget.value })}
                  />
                </label>
              </div>
            )}
            {kind === 'count' && (
              <label class="indicator">
                {tx('Số trường hợp', 'Occurrences')}
                <input
                  name="count"
                  inputMode="numeric"
                  size={6}
                  value={indicator.count ?? ''}
                  onInput={(e) => evaluate({ ...indicator, count: e.currentTarget.value })}
                />
              </label>
            )}
            {kind === 'achieved' && (
              <label class="indicator">
                {tx('Kết quả', 'Outcome')}
                <select name="achieved" value={indicator.achieved ?? ''} onChange={(e) => evaluate({ ...indicator, achieved: e.currentTarget.value })}>
                  <option value="">—</option>
                  <option value="yes">{tx('Đạt', 'Met')}</option>
                  <option value="no">{tx('Không đạt', 'Not met')}</option>
                </select>
              </label>
            )}
            {err('indicator', indicatorError)}
            {computed && (
              <p class="computed" role="status">
                <span title={computed.explanation}>
                  {t('computed')}: <strong>{num(computed.points, props.precision)}</strong>
                </span>{' '}
                <button type="button" class="secondary" onClick={useComputed}>
                  {tx('Dùng điểm này', 'Use these points')}
                </button>
              </p>
            )}
            <label>
              {tx('Điểm tự chấm', 'Self score')}
              <input
                id={`${id}-self`}
                name="self"
                inputMode="decimal"
                size={7}
                value={self}
                onInput={typing(setSelf, 'self')}
                aria-invalid={!!selfProblem}
                aria-describedby={selfProblem ? `${id}-self-error` : undefined}
              />
            </label>
            {err('self', selfProblem)}
            <label>
              {tx('Giải trình cách chấm', 'How it was scored')}
              <textarea
                name="comment"
                rows={2}
                value={comment}
                onInput={typing(setComment, 'comment')}
                aria-invalid={!!(fieldError('comment') || evidenceProblem)}
              />
            </label>
            {err('comment', fieldError('comment'))}
            <button type="button" disabled={busy || !!sending || !!notANumber(self)} onClick={() => void saving.saveNow()}>
              {t('save')}
            </button>
            <label class="check">
              <input type="checkbox" name="notApplicable" checked={marking} onChange={(e) => setMarking(e.currentTarget.checked)} />
              {tx('Không áp dụng với đơn vị', 'Does not apply to the unit')}
            </label>
            {marking && (
              <>
                <label>
                  <span>
                    {tx('Lý do không áp dụng', 'Why it does not apply')}
                    <span class="required"> *</span>
                  </span>
                  <textarea name="notApplicableReason" rows={2} required value={whyNot} aria-invalid={!!fieldError('reason')} onInput={typing(setWhyNot)} />
                </label>
                {err('reason', fieldError('reason'))}
                <button
                  type="button"
                  disabled={busy}
                  onClick={async () => {
                    if (!(await save({ notApplicable: true, reason: whyNot.trim() }))) return;
                    setMarking(false);
                    setWhyNot('');
                  }}
                >
                  {tx('Ghi không áp dụng', 'Mark not applicable')}
                </button>
              </>
            )}
          </div>
        ) : (
          <div>
            {row?.self ? exact(row.self) : '—'}
            {stored?.numerator !== undefined && (
              <p class="muted">
                {tx('Chỉ tiêu', 'Indicator')}: {num(stored.numerator, 0)}/{num(stored.denominator, 0)}
              </p>
            )}
            {stored?.count !== undefined && (
              <p class="muted">
                {tx('Số trường hợp', 'Occurrences')}: {num(stored.count, 0)}
              </p>
            )}
            {stored?.achieved !== undefined && <p class="muted">{stored.achieved ? tx('Đạt', 'Met') : tx('Không đạt', 'Not met')}</p>}
            {row?.comment ? <p class="muted">{row.comment}</p> : ''}
          </div>
        )}
      </td>
      <td data-label={t('evidence')}>
        {props.evidence.length > 0 && (
          <ul class="files">
            {props.evidence.map((e) => (
              <li key={e.id}>
                <a href={`/api/evidence/${e.id}`}>{e.name}</a>
                {props.unitEdits && (
                  <>
                    {' '}
                    <button type="button" class="link" aria-label={`${tx('Gỡ tài liệu', 'Remove the file')} ${e.name}`} onClick={() => remove(e.id)}>
                      {tx('gỡ', 'remove')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {sending && (
          <div class="uploading" role="status" data-testid="upload-progress">
            <span>
              {tx('Đang tải lên', 'Uploading')} «{sending.name}» {Math.round(sending.share * 100)}%
            </span>
            <progress max={1} value={sending.share} aria-label={tx('Tiến độ tải lên', 'Upload progress')} />
            <button type="button" class="secondary" onClick={() => cancel.current?.abort()}>
              {tx('Hủy tải lên', 'Cancel upload')}
            </button>
          </div>
        )}
        {props.unitUploads && !sending && (
          <label class="file">
            <input
              ref={file}
              type="file"
              class="visually-hidden"
              name="evidence"
              accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"
              onChange={(e) => e.currentTarget.files?.[0] && upload(e.currentTarget.files[0])}
            />
            <span class="button secondary">{tx('Tải lên tài liệu…', 'Upload a file…')}</span>
          </label>
        )}
        {props.unitUploads && <span class="muted hint">{tx('PDF, ảnh, DOCX, XLSX', 'PDF, images, DOCX, XLSX')}</span>}
        {err('evidence', uploadError)}
        {evidenceProblem && (
          <span class="field-error" role="alert">
            {evidenceProblem.message[currentLocale()]}
          </span>
        )}
      </td>
      <td data-label={props.appraises ? undefined : t('appraised')}>
        {props.appraises ? (
          <div class="field side">
            <span class="muted">
              {t('self')}: {row?.self ? exact(row.self) : '—'}
            </span>
            <label>
              {tx('Điểm thẩm định', 'Appraised score')}
              <input
                name="appraised"
                inputMode="decimal"
                size={7}
                value={appraised}
                onInput={typing(setAppraised, 'appraised')}
                aria-invalid={!!appraisedProblem}
              />
            </label>
            {err('appraised', appraisedProblem)}
            <label>
              <span>
                {tx('Lý do', 'Reason')}
                {lower && <span class="required"> *</span>}
              </span>
              <textarea
                name="reason"
                rows={2}
                value={reason}
                required={lower}
                aria-invalid={(lower && !reason.trim()) || !!reasonProblem}
                onInput={typing(setReason, 'reason')}
              />
            </label>
            {/* The file-level step found this criterion's reason missing: said here, at the criterion, not under the file's own reason. */}
            {reasonProblem && (
              <span class="field-error" role="alert" data-testid="criterion-reason-problem">
                {reasonProblem.message[currentLocale()]}
              </span>
            )}
            {lower && !reason.trim() && (
              <span class="field-error">{tx('Điểm thẩm định thấp hơn điểm tự chấm: phải ghi lý do', 'Lower than the self score: a reason is required')}</span>
            )}
            {err('reason', fieldError('reason'))}
            <button type="button" disabled={busy || !!notANumber(appraised)} onClick={() => void saving.saveNow()}>
              {t('save')}
            </button>
          </div>
        ) : (
          <div>
            {row?.appraised ? exact(row.appraised) : '—'}
            {row?.reason ? <p class="muted">{row.reason}</p> : ''}
          </div>
        )}
      </td>
      <td class="num" data-label={t('final')}>
        {notApplicable !== null ? <span class="muted">{tx('Không áp dụng', 'Not applicable')}</span> : <FinalScore final={row?.final ?? null} />}
        {saved && !saving.unsynced && (
          <span class="ok" role="status">
            {' '}
            ✓ {t('saved')}
          </span>
        )}
        {saving.unsynced && (
          <span class="pending" role="status" data-testid="unsynced">
            {' '}
            {tx('Chưa đồng bộ', 'Not synced yet')}
          </span>
        )}
        {saving.conflict && (
          <RowConflict
            current={saving.conflict.current}
            mine={saving.conflict.mine}
            onKeepMine={() => void saving.keepMine()}
            onTakeStored={() => {
              const current = saving.conflict?.current ?? null;
              setSelf(typed(current?.self as string | null | undefined));
              setComment(String(current?.comment ?? ''));
              setAppraised(typed(current?.appraised as string | null | undefined));
              setReason(String(current?.reason ?? ''));
              saving.takeStored();
            }}
          />
        )}
        {general && (
          <span class="field-error" role="alert">
            {general}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The final score, or the part known of it ("điều tra XHH 22,3; tổng chưa có") while the other part is awaited. */
function FinalScore({ final }: { final: ScoreRow['final'] }) {
  if (!final) return <>—</>;
  if (final.total !== null) return <>{exact(final.total)}</>;
  const parts = [
    final.appraisal !== null && `${tx('thẩm định', 'appraisal')} ${exact(final.appraisal)}`,
    final.survey !== null && `${tx('điều tra XHH', 'survey')} ${exact(final.survey)}`,
  ].filter(Boolean);
  return (
    <span class="muted">
      {parts.join('; ')}; {tx('tổng chưa có', 'total not yet known')}
    </span>
  );
}
