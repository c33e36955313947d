/**
 * The unit's explanation form (giải trình): from the day the province set, the preliminary
 * appraised score of each criterion with the appraisers' reason; inside the round's window the
 * unit explains a criterion, attaching documents; the answers (accepted with the new score, or
 * kept, with the reason) show under each explanation.
 */
import { useState } from 'preact/hooks';
import { DownloadLink } from '../../components/DownloadLink.tsx';
import { Failure, Loading, MustLogin } from '../../components/Notice.tsx';
import { unitName, useUnits } from '../../components/units.ts';
import { useAction } from '../../components/useAction.ts';
import { useFetch } from '../../components/useFetch.ts';
import { date, exact } from '../../format.ts';
import { currentLocale, tx } from '../../i18n.ts';
import type { SessionUser } from '../../session.ts';
import { DocumentForm, type StoredDocument } from './DocumentForm.tsx';
import type { ExplanationJson, ExplanationSheetResponse } from '../../../../src/server/contract/appraisal.ts';

export type ExplanationRow = ExplanationJson;
type Sheet = ExplanationSheetResponse;
type Criterion = Sheet['criteria'][number];

export const points = (value: string | null) => (value === null ? '—' : exact(value));

export function Answer({ e }: { e: ExplanationRow }) {
  if (!e.outcome) return <p class="muted">{tx('Chờ cơ quan thẩm định trả lời', 'Waiting for the appraisers’ answer')}</p>;
  return (
    <p class={`answer ${e.outcome}`} data-testid="answer">
      <strong>
        {e.outcome === 'accepted'
          ? tx(`Chấp nhận — điểm mới ${points(e.newPoints)}`, `Accepted — new score ${points(e.newPoints)}`)
          : tx('Giữ nguyên điểm', 'Score kept')}
      </strong>
      : {e.answerReason}
    </p>
  );
}

function ExplainRow({ cycleId, unitId, c, sheet, onDone }: { cycleId: string; unitId: string; c: Criterion; sheet: Sheet; onDone: () => void }) {
  const current = c.explanations.find((e) => e.round === sheet.round);
  const [text, setText] = useState(current?.text ?? '');
  const [docs, setDocs] = useState<StoredDocument[]>([]);
  const [adding, setAdding] = useState(false);
  const action = useAction(onDone);
  const may = sheet.mayExplain && !current?.outcome;
  return (
    <li class="card criterion" data-code={c.code}>
      <h3>
        {c.code}. {c.name}
      </h3>
      <dl class="facts">
        <div>
          <dt>{tx('Tự chấm', 'Self score')}</dt>
          <dd>{points(c.self)}</dd>
        </div>
        <div>
          <dt>{tx('Thẩm định', 'Appraised')}</dt>
          <dd data-testid="appraised">{points(c.appraised)}</dd>
        </div>
      </dl>
      {c.reason && (
        <p class="deduction">
          {tx('Lý do', 'Reason')}: {c.reason}
        </p>
      )}
      {c.explanations.map((e) => (
        <div class="explanation" key={e.id}>
          <p>
            <strong>{tx(`Giải trình vòng ${e.round}`, `Round ${e.round} explanation`)}:</strong> {e.text}
          </p>
          <Answer e={e} />
        </div>
      ))}
      {may && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            action.run('PUT', `/api/cycles/${cycleId}/units/${unitId}/explanations/${c.code}`, {
              text,
              documents: [...(current?.documents ?? []), ...docs.map((d) => d.id)],
              version: current?.version ?? 0,
            });
          }}
        >
          <div class="field">
            <label for={`explain-${c.code}`}>{tx(`Nội dung giải trình (vòng ${sheet.round})`, `Explanation (round ${sheet.round})`)}</label>
            <textarea
              id={`explain-${c.code}`}
              name="explanation"
              rows={3}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
              aria-invalid={!!action.field('text')}
            />
            {action.field('text') && (
              <span class="field-error" role="alert">
                {action.field('text')}
              </span>
            )}
          </div>
          {docs.length > 0 && (
            <ul class="documents">
              {docs.map((d) => (
                <li key={d.id}>
                  {d.number} ({date(d.issuedOn)}, {d.issuer}) — {d.summary}
                  {d.flags.map((f) => (
                    <span class="field-error" role="note" key={f.code}>
                      {' '}
                      {f.message[currentLocale()]}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          )}
          {adding ? (
            <DocumentForm
              id={`doc-${c.code}`}
              links={[{ cycle: cycleId, unit: unitId, code: c.code }]}
              onStored={(d) => {
                setDocs([...docs.filter((x) => x.id !== d.id), d]);
                setAdding(false);
              }}
            />
          ) : (
            <button type="button" class="secondary" onClick={() => setAdding(true)}>
              {tx('Đính kèm văn bản', 'Attach a document')}
            </button>
          )}
          <div class="buttons">
            <button type="submit" disabled={action.busy}>
              {current ? tx('Cập nhật giải trình', 'Update the explanation') : tx('Gửi giải trình', 'Send the explanation')}
            </button>
          </div>
          {action.error && !action.field('text') && (
            <p class="error" role="alert">
              {action.error}
            </p>
          )}
          {action.done && (
            <p class="ok" role="status">
              {tx('Đã gửi giải trình', 'Explanation sent')}
            </p>
          )}
        </form>
      )}
    </li>
  );
}

export function Explain({ cycleId, unitId, user }: { cycleId: string; unitId: string; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const units = useUnits();
  const sheet = useFetch<Sheet>(user ? `/api/cycles/${cycleId}/units/${unitId}/explanations` : undefined, version);
  if (!user) return <MustLogin />;
  if (sheet.error) return <Failure error={sheet.error} />;
  if (!sheet.data) return <Loading />;
  const s = sheet.data;
  const window = s.rounds[s.round - 1];
  return (
    <article class="explain">
      <div class="title-row">
        <h1>
          {tx('Giải trình kết quả thẩm định', 'Explanations of the appraisal')} — {unitName(units, unitId)}
        </h1>
        <p class="links">
          <a href={`#/assess/${cycleId}/${unitId}`}>{tx('Hồ sơ đánh giá', 'The assessment')} →</a>
          <DownloadLink href={`/api/cycles/${cycleId}/units/${unitId}/documents?format=xlsx`}>
            {tx('Danh mục văn bản kiểm chứng (Excel)', 'Evidence list (Excel)')}
          </DownloadLink>
        </p>
      </div>
      <section class="card" data-testid="calendar">
        {s.process !== 'twoRound' ? (
          <p>{tx('Kỳ này không theo quy trình giải trình hai vòng.', 'This cycle does not run the two-round explanation process.')}</p>
        ) : !s.visible ? (
          <p>
            {tx(
              `Kết quả thẩm định sơ bộ được gửi đơn vị từ ngày ${date(s.preliminaryFrom)}.`,
              `The preliminary appraisal reaches the unit on ${date(s.preliminaryFrom)}.`,
            )}
          </p>
        ) : s.round > 2 ? (
          <p>{tx('Hai vòng giải trình đã kết thúc: kết quả thẩm định là cuối cùng.', 'Both explanation rounds are closed: the appraisal is final.')}</p>
        ) : (
          <p>
            {tx(
              `Vòng ${s.round}: nhận giải trình từ ${date(window?.from)} đến ${date(window?.to)}.`,
              `Round ${s.round}: explanations from ${date(window?.from)} to ${date(window?.to)}.`,
            )}{' '}
            {s.open ? tx('Đang trong thời hạn.', 'Open now.') : tx('Ngoài thời hạn.', 'Closed now.')}
          </p>
        )}
      </section>
      <ul class="criteria plain">
        {s.criteria.map((c) => (
          <ExplainRow key={c.code} cycleId={cycleId} unitId={unitId} c={c} sheet={s} onDone={() => setVersion((v) => v + 1)} />
        ))}
      </ul>
    </article>
  );
}
