/**
 * The appraisal worklist. An agency's staff see their assigned criteria across units: the self
 * score, the appraisal, the unit's explanation and the answer form. The council lead sees the
 * progress per agency and per unit, closes the explanation rounds, and reaches the council record.
 */
import { useState } from 'preact/hooks';
import { Failure, Loading, MustLogin, Refused } from '../../components/Notice.tsx';
import { StateBadge } from '../../components/StateBadge.tsx';
import { useAction } from '../../components/useAction.ts';
import { useFetch } from '../../components/useFetch.ts';
import { tx } from '../../i18n.ts';
import type { SessionUser } from '../../session.ts';
import { AnswerForm } from './AnswerForm.tsx';
import { points } from './Explain.tsx';
import type { WorklistResponse } from '../../../../src/server/contract/appraisal.ts';
import type { CycleSummaryJson } from '../../../../src/server/responses.ts';

type Work = WorklistResponse;
type Item = Work['items'][number];
type Progress = Pick<Work['units'][number], 'total' | 'appraised' | 'explanations' | 'answered'>;

const share = (p: Progress) => (p.total ? Math.round((p.appraised * 100) / p.total) : 0);

function ItemRow({ item, cycleId, onDone }: { item: Item; cycleId: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const e = item.explanation;
  const waiting = e && !e.outcome;
  return (
    <>
      <tr data-unit={item.unit} data-code={item.code}>
        <th scope="row">{item.unitName}</th>
        <td data-label={tx('Tiêu chí', 'Criterion')}>
          {item.code}. {item.name}
        </td>
        <td class="num" data-label={tx('Tự chấm', 'Self')}>
          {points(item.self)}
        </td>
        <td class="num" data-label={tx('Thẩm định', 'Appraised')}>
          {points(item.appraised)}
        </td>
        <td data-label={tx('Giải trình', 'Explanation')} class={e ? '' : 'empty'}>
          {e ? (
            <>
              <span>
                {tx(`Vòng ${e.round}`, `Round ${e.round}`)}: {e.text}
              </span>{' '}
              <span class="badge">
                {e.outcome === 'accepted' ? tx('Đã chấp nhận', 'Accepted') : e.outcome === 'kept' ? tx('Giữ nguyên', 'Kept') : tx('Chờ trả lời', 'To answer')}
              </span>
            </>
          ) : (
            '—'
          )}
        </td>
        <td class={waiting ? '' : 'empty'}>
          {waiting && (
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
              {tx('Trả lời', 'Answer')}
            </button>
          )}
        </td>
      </tr>
      {waiting && open && (
        <tr class="answer-row">
          <td colSpan={6}>
            <AnswerForm
              id={`answer-${item.unit}-${item.code}`}
              path={`/api/cycles/${cycleId}/units/${item.unit}/explanations/${item.code}/answer`}
              version={e!.version}
              onDone={onDone}
            />
          </td>
        </tr>
      )}
    </>
  );
}

export function Worklist({ cycleId, user }: { cycleId: string; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const council = !!user && (user.role === 'admin' || user.role === 'appraiser');
  const work = useFetch<Work>(council ? `/api/cycles/${cycleId}/appraisal/worklist` : undefined, version);
  const close = useAction(() => setVersion((v) => v + 1));
  const complete = useAction(() => setVersion((v) => v + 1));
  if (!user) return <MustLogin />;
  // Anyone else would wait for a list never asked for: told at once, with the way on.
  if (!council) return <CouncilOnly />;
  if (work.error) return <Failure error={work.error} />;
  if (!work.data) return <Loading />;
  const w = work.data;
  const lead = w.agency === null;
  const items = lead ? w.items.filter((i) => i.agency === null || (i.explanation && !i.explanation.outcome)) : w.items;
  return (
    <article class="worklist">
      <div class="title-row">
        <h1>
          {tx('Thẩm định', 'Appraisal')} — {w.agency?.name ?? tx('Hội đồng thẩm định', 'Appraisal council')}
        </h1>
        {lead && <a href={`#/council/${cycleId}`}>{tx('Biên bản Hội đồng thẩm định', 'Council record')} →</a>}
      </div>
      <p class="muted" data-testid="round">
        {w.process === 'twoRound'
          ? w.round > 2
            ? tx('Hai vòng giải trình đã kết thúc.', 'Both explanation rounds are closed.')
            : tx(`Đang ở vòng giải trình ${w.round}.`, `Explanation round ${w.round} is open.`)
          : tx('Thẩm định một vòng.', 'Single-round appraisal.')}
        {!lead && ` ${tx('Được phân công', 'Assigned')}: ${w.assignments.map((a) => `${a.code}. ${a.name}`).join('; ')}`}
      </p>
      <section class="cards" aria-label={tx('Tiến độ', 'Progress')}>
        {w.progress.map((p) => (
          <div class="card stat" key={p.agency ?? 'council'} data-testid="progress">
            <span class="label">{p.name ?? tx('Hội đồng (tiêu chí không phân công)', 'Council (unassigned criteria)')}</span>
            <strong>{share(p)}%</strong>
            <span class="muted">
              {tx(
                `Đã thẩm định ${p.appraised}/${p.total}; giải trình đã trả lời ${p.answered}/${p.explanations}`,
                `${p.appraised}/${p.total} appraised; ${p.answered}/${p.explanations} explanations answered`,
              )}
            </span>
          </div>
        ))}
      </section>
      {lead && w.process === 'twoRound' && w.round <= 2 && (
        <section class="card">
          <button type="button" disabled={close.busy} onClick={() => close.run('POST', `/api/cycles/${cycleId}/appraisal/rounds/${w.round}/close`)}>
            {tx(`Kết thúc vòng giải trình ${w.round}`, `Close explanation round ${w.round}`)}
          </button>
          {close.error && (
            <p class="error" role="alert">
              {close.error}
            </p>
          )}
        </section>
      )}
      {complete.error && (
        <p class="error" role="alert">
          {complete.error}
        </p>
      )}
      {lead && (
        <section class="card scroll">
          <h2>{tx('Tiến độ theo đơn vị', 'Progress by unit')}</h2>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{tx('Đơn vị', 'Unit')}</th>
                <th scope="col">{tx('Đã thẩm định', 'Appraised')}</th>
                <th scope="col">{tx('Giải trình', 'Explanations')}</th>
                <th scope="col">{tx('Trạng thái', 'State')}</th>
              </tr>
            </thead>
            <tbody>
              {w.units.map((u) => (
                <tr key={u.unit}>
                  <th scope="row">
                    <a href={`#/assess/${cycleId}/${u.unit}`}>{u.name}</a>
                  </th>
                  <td data-label={tx('Đã thẩm định', 'Appraised')}>
                    {u.appraised}/{u.total}
                  </td>
                  <td data-label={tx('Giải trình', 'Explanations')}>
                    {u.answered}/{u.explanations}
                  </td>
                  <td data-label={tx('Trạng thái', 'State')}>
                    <StateBadge state={u.state} />{' '}
                    {u.state === 'underAppraisal' && (w.process !== 'twoRound' || w.round > 2) && (
                      <button
                        type="button"
                        disabled={complete.busy}
                        onClick={() => complete.run('POST', `/api/cycles/${cycleId}/units/${u.unit}/transitions`, { transition: 'completeAppraisal' })}
                      >
                        {tx('Hoàn thành thẩm định', 'Complete the appraisal')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section class="card scroll">
        <h2>
          {lead
            ? tx('Tiêu chí hội đồng thẩm định và giải trình chờ trả lời', 'The council’s criteria and explanations to answer')
            : tx('Tiêu chí được phân công theo đơn vị', 'Assigned criteria by unit')}
        </h2>
        <table class="stack" data-testid="worklist">
          <thead>
            <tr>
              <th scope="col">{tx('Đơn vị', 'Unit')}</th>
              <th scope="col">{tx('Tiêu chí', 'Criterion')}</th>
              <th scope="col" class="num">
                {tx('Tự chấm', 'Self')}
              </th>
              <th scope="col" class="num">
                {tx('Thẩm định', 'Appraised')}
              </th>
              <th scope="col">{tx('Giải trình', 'Explanation')}</th>
              <th scope="col">
                <span class="visually-hidden">{tx('Thao tác', 'Action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRow key={`${item.unit}/${item.code}`} item={item} cycleId={cycleId} onDone={() => setVersion((v) => v + 1)} />
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}

/** Without a cycle: the cycles being appraised, to choose from. */
const CouncilOnly = () => (
  <Refused>{tx('Chỉ người thẩm định và quản trị viên mới mở được trang này.', 'Only appraisers and the administrator can open this page.')}</Refused>
);

export function AppraisalStart({ user }: { user: SessionUser | null }) {
  const cycles = useFetch<CycleSummaryJson[]>(user ? '/api/cycles' : undefined);
  if (!user) return <MustLogin />;
  if (user.role !== 'admin' && user.role !== 'appraiser') return <CouncilOnly />;
  if (cycles.error) return <Failure error={cycles.error} />;
  if (!cycles.data) return <Loading />;
  const open = cycles.data.filter((c) => c.phase !== 'published');
  return (
    <article>
      <h1>{tx('Thẩm định', 'Appraisal')}</h1>
      {open.length ? (
        <ul>
          {open.map((c) => (
            <li key={c.id}>
              <a href={`#/appraisal/${c.id}`}>
                {tx(`Kỳ đánh giá năm ${c.year}`, `The ${c.year} cycle`)} ({c.id})
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{tx('Không có kỳ đánh giá nào đang thẩm định.', 'No cycle is being appraised.')}</p>
      )}
    </article>
  );
}
