/**
 * Self-assessment and appraisal of one unit in a cycle, following the server's workflow: the
 * unit enters scores (rule-scored criteria compute live from indicator values), explanations
 * and evidence, and submits; the appraiser sees the self score beside the proposed one and must
 * give a reason for every lower score, or returns the file for explanation. The state badge and
 * the steps this user may take come from the server; its refusals are shown at the criterion.
 */
import { useRef, useState } from 'preact/hooks';
import { Deadlines } from '../components/Deadlines.tsx';
import { api, ApiError, type ApiIssue } from '../api.ts';
import { Failure, Loading, MustLogin } from '../components/Notice.tsx';
import { needsReason, StateBadge, transitionLabel } from '../components/StateBadge.tsx';
import { unitName, useUnits } from '../components/units.ts';
import { useFetch } from '../components/useFetch.ts';
import { dateTime, exact } from '../format.ts';
import { currentLocale, t, tx } from '../i18n.ts';
import { actionLabel, ruleLabel } from '../labels.ts';
import type { SessionUser } from '../session.ts';
import { CriterionRow, type ScoreRow } from './AssessRow.tsx';
import { ComponentSave } from './ComponentSave.tsx';
import type { RowHandle } from './rowSaving.ts';
import type { NodeDoc } from './Tree.tsx';
import type { AssessmentResponse, CycleResponse, EvidenceListResponse, FrameworkResponse } from '../../../src/server/responses.ts';

type Assessment = AssessmentResponse;

export function Assess({ cycleId, unitId, user }: { cycleId: string; unitId: string; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const units = useUnits();
  const cycle = useFetch<CycleResponse>(`/api/cycles/${cycleId}`);
  const assessment = useFetch<Assessment>(user ? `/api/cycles/${cycleId}/units/${unitId}/assessment` : undefined, version);
  const scores = useFetch<ScoreRow[]>(assessment.data ? `/api/cycles/${cycleId}/units/${unitId}/scores` : undefined, version);
  const evidence = useFetch<EvidenceListResponse>(assessment.data ? `/api/cycles/${cycleId}/units/${unitId}/evidence` : undefined, version);
  const framework = useFetch<FrameworkResponse>(cycle.data ? `/api/frameworks/${cycle.data.framework}` : undefined);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [problems, setProblems] = useState<ApiIssue[]>([]);
  const [lastDone, setLastDone] = useState<string>();
  const [onlyScored, setOnlyScored] = useState(user?.role === 'appraiser');
  const [autosave, setAutosave] = useState(localStorage.getItem('parindex.autosave') !== 'off');
  /** Each row's handle, for saving a whole component at once. */
  const rows = useRef(new Map<string, RowHandle>()).current;
  const register = (code: string, handle: RowHandle | undefined) => (handle ? rows.set(code, handle) : rows.delete(code));
  if (!user) return <MustLogin />;
  const error = cycle.error ?? assessment.error ?? scores.error ?? framework.error;
  if (error && lastDone && error.status === 403) {
    // The step went through and took the file out of this user's reach (an appraiser returning it to the unit).
    return (
      <p class="card ok" role="status" data-testid="step-done">
        {transitionLabel(lastDone)}: {tx('đã xong. Hồ sơ đã chuyển cho đơn vị.', 'done. The file is back with the unit.')} <a href="#/">{t('home')} →</a>
      </p>
    );
  }
  if (error) return <Failure error={error} />;
  if (!assessment.data || !scores.data || !framework.data || !cycle.data) return <Loading />;
  const state = assessment.data.state;
  const allowed = assessment.data.allowed ?? [];
  const own = user.unitId === unitId;
  const unitEdits = user.role === 'unitEditor' && own && state === 'draft';
  const unitUploads = user.role === 'unitEditor' && own && (state === 'draft' || state === 'appraised');
  const appraises = user.role === 'appraiser' && (state === 'underAppraisal' || state === 'recheckRequested');
  const byCode = new Map(scores.data.map((s) => [s.code, s]));
  const transitions = assessment.data.history ?? [];
  const lastStep = transitions.filter((e) => e.action.startsWith('assessment.')).at(-1);
  const anyReason = allowed.some(needsReason);
  const move = async (transition: string) => {
    setMessage(undefined);
    setProblems([]);
    if (needsReason(transition) && !reason.trim()) {
      setReasonError(
        tx(`Phải ghi lý do để "${transitionLabel(transition).toLowerCase()}"`, `A reason is required to "${transitionLabel(transition).toLowerCase()}"`),
      );
      document.getElementById('transition-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    try {
      await api('POST', `/api/cycles/${cycleId}/units/${unitId}/transitions`, { transition, ...(reason.trim() && { reason: reason.trim() }) });
      setMessage({ ok: true, text: `${transitionLabel(transition)}: ${tx('đã xong', 'done')}` });
      setReason('');
      setLastDone(transition);
      setVersion((v) => v + 1);
    } catch (e) {
      if (!(e instanceof ApiError)) return setMessage({ ok: false, text: String(e) });
      const atCriteria = e.issues.filter((i) => i.node);
      setProblems(atCriteria);
      // Only the file's own reason goes under its box; a criterion's missing reason is shown at that criterion.
      const atReason = e.issues.find((i) => i.field === 'reason' && !i.node)?.message[currentLocale()];
      if (atReason) setReasonError(atReason);
      setMessage({
        ok: false,
        text: atCriteria.length
          ? tx(
              `Chưa thể thực hiện: ${atCriteria.length} tiêu chí cần bổ sung (ghi ở từng dòng bên dưới).`,
              `Not possible yet: ${atCriteria.length} criteria need attention (shown at each row below).`,
            )
          : e.text(currentLocale()),
      });
    }
  };
  const problemsAt = (code: string) => problems.filter((p) => p.node === code);
  // A row for every leaf, and for every node the unit must score itself because its children do
  // not add up to it (some unlisted or without a maximum) — the level submission asks for.
  const childrenKnown = (node: NodeDoc) => !node.incomplete && (node.children ?? []).every((c) => c.maxPoints !== undefined && c.maxPoints !== null);
  const leaves = (node: NodeDoc): NodeDoc[] => {
    const children = node.children ?? [];
    if (!children.length) return [node];
    const below = children.flatMap(leaves);
    return childrenKnown(node) || node.source === 'survey' ? below : [node, ...below];
  };
  const all = framework.data.components.flatMap(leaves);
  const isScored = (n: NodeDoc) => {
    const r = byCode.get(n.code);
    return (r?.self ?? null) !== null || (r?.appraised ?? null) !== null || problems.some((p) => p.node === n.code);
  };
  const scored = all.filter((n) => (byCode.get(n.code)?.self ?? null) !== null).length;
  return (
    <article>
      <div class="title-row">
        <h1>
          {t('assessment')} — {unitName(units, unitId)} — {cycle.data.year}
        </h1>
        <Deadlines cycleId={cycleId} />
        <StateBadge state={state} />
      </div>
      <section class="card actions" aria-label={t('actions')}>
        <p class="muted" data-testid="progress">
          {tx(`Đã tự chấm ${scored}/${all.length} tiêu chí.`, `${scored} of ${all.length} criteria self-scored.`)}
          {lastStep &&
            ` ${tx('Bước gần nhất', 'Last step')}: ${transitionLabel(lastStep.action.slice('assessment.'.length))} — ${lastStep.by} (${dateTime(lastStep.at)})`}
        </p>
        {state !== 'draft' && state !== 'submitted' && (
          <p class="links">
            <a href={`#/explain/${cycleId}/${unitId}`} data-testid="explanations-link">
              {tx('Kết quả thẩm định sơ bộ và giải trình', 'Preliminary appraisal and explanations')} →
            </a>
          </p>
        )}
        {lastStep?.action === 'assessment.returnToUnit' && state === 'draft' && lastStep.reason && (
          <p class="notice" role="note" data-testid="returned">
            {tx('Hồ sơ được trả lại để giải trình, bổ sung', 'The file was returned for explanation')}: {lastStep.reason}
          </p>
        )}
        {allowed.length > 0 && (
          <>
            {anyReason && (
              <div class="field">
                <label for="transition-reason">
                  {tx(
                    'Lý do (bắt buộc khi trả lại hồ sơ, đề nghị hoặc trả lời phúc tra)',
                    'Reason (required to return the file, to request or answer a re-check)',
                  )}
                </label>
                <textarea
                  id="transition-reason"
                  name="transition-reason"
                  rows={2}
                  value={reason}
                  aria-invalid={!!reasonError}
                  aria-describedby={reasonError ? 'transition-reason-error' : undefined}
                  onInput={(e) => {
                    setReason(e.currentTarget.value);
                    setReasonError(undefined);
                  }}
                />
                {reasonError && (
                  <span id="transition-reason-error" class="field-error" role="alert">
                    {reasonError}
                  </span>
                )}
              </div>
            )}
            <div class="buttons">
              {allowed.map((name) => (
                <button type="button" key={name} data-transition={name} onClick={() => move(name)}>
                  {transitionLabel(name)}
                </button>
              ))}
            </div>
          </>
        )}
        {allowed.length === 0 && <p class="muted">{tx('Bạn chỉ xem hồ sơ ở bước này.', 'You can only read this file at this step.')}</p>}
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
        {problems.length > 0 && (
          <ul class="problems">
            {problems.map((p, i) => (
              <li key={i}>
                <button type="button" class="link" onClick={() => focusRow(p.node!)}>
                  {p.node}
                </button>
                : {p.message[currentLocale()]}
              </li>
            ))}
          </ul>
        )}
      </section>
      <label class="inline">
        <input type="checkbox" name="only-scored" checked={onlyScored} onChange={(e) => setOnlyScored(e.currentTarget.checked)} />{' '}
        {tx('Chỉ hiện các tiêu chí đơn vị đã tự chấm', 'Only the criteria the unit scored')}
      </label>
      {(unitEdits || appraises) && (
        <label class="inline">
          <input
            type="checkbox"
            name="autosave"
            checked={autosave}
            onChange={(e) => {
              setAutosave(e.currentTarget.checked);
              localStorage.setItem('parindex.autosave', e.currentTarget.checked ? 'on' : 'off');
            }}
          />{' '}
          {tx(
            'Tự động lưu khi rời dòng hoặc ngừng gõ (mất mạng: giữ trên máy, đồng bộ khi có mạng). «Lưu cả mục» lưu các dòng hợp lệ; dòng có vấn đề được ghi ở dòng đó.',
            'Save by itself on leaving a row or pausing (offline: kept here, synced when the line returns). “Save all” saves the valid rows; a row with a problem is shown at that row.',
          )}
        </label>
      )}
      <div class="scroll">
        <table class="assess stack">
          <thead>
            <tr>
              <th scope="col">{t('criterion')}</th>
              <th class="num" scope="col">
                {t('max')}
              </th>
              <th scope="col">
                {t('self')} / {t('explanation')}
              </th>
              <th scope="col">{t('evidence')}</th>
              <th scope="col">
                {t('appraised')} / {t('reason')}
              </th>
              <th class="num" scope="col">
                {t('final')}
              </th>
            </tr>
          </thead>
          {framework.data.components
            .filter((c) => !onlyScored || leaves(c).some(isScored))
            .map((component) => (
              <tbody key={component.code}>
                <tr class="group">
                  <th colSpan={6} scope="rowgroup">
                    {component.code}. {component.name}
                    {component.maxPoints !== undefined ? ` (${tx('tối đa', 'max')} ${exact(component.maxPoints)})` : ''}
                    {(unitEdits || appraises) && (
                      <ComponentSave
                        name={component.code}
                        path={`/api/cycles/${cycleId}/units/${unitId}/scores`}
                        rows={() => leaves(component).flatMap((n) => (rows.has(n.code) ? [rows.get(n.code)!] : []))}
                        onSaved={() => setVersion((v) => v + 1)}
                      />
                    )}
                  </th>
                </tr>
                {leaves(component)
                  .filter((n) => !onlyScored || isScored(n))
                  .map((node) => (
                    <CriterionRow
                      key={node.code}
                      node={node}
                      ruleText={node.rule ? ruleLabel(node.rule.type) : undefined}
                      row={byCode.get(node.code)}
                      cycleId={cycleId}
                      unitId={unitId}
                      frameworkId={cycle.data!.framework}
                      precision={framework.data!.settings?.precision ?? 2}
                      unitEdits={unitEdits}
                      unitUploads={unitUploads}
                      appraises={appraises}
                      problems={problemsAt(node.code)}
                      register={register}
                      autosave={autosave}
                      evidence={(evidence.data ?? []).filter((e) => e.code === node.code)}
                      onSaved={() => {
                        // What the last step found wrong at this criterion may be fixed now: it is no longer shown (the next step checks again).
                        setProblems((found) => found.filter((p) => p.node !== node.code));
                        setVersion((v) => v + 1);
                      }}
                    />
                  ))}
              </tbody>
            ))}
        </table>
      </div>
      {transitions.length > 0 && (
        <details class="card">
          <summary>{tx('Các bước của hồ sơ', 'Steps of the file')}</summary>
          <ol class="audit">
            {[...transitions].reverse().map((e, i) => (
              <li key={i}>
                <span class="muted">{dateTime(e.at)}</span> — <strong>{actionLabel(e.action, transitionLabel)}</strong> ({e.by})
                {e.reason ? `: ${e.reason}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

/** Brings a criterion's row into view and puts the cursor in its first field. */
function focusRow(code: string) {
  const row = document.querySelector(`tr[data-code="${CSS.escape(code)}"]`);
  row?.scrollIntoView({ block: 'center' });
  (row?.querySelector('input, textarea, button') as HTMLElement | null)?.focus();
}
