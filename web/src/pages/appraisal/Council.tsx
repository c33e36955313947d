/**
 * The appraisal council's record (Hội đồng thẩm định): the decision's number, the meeting date,
 * the members, the vote on the whole result or item by item, the minutes as a stored document.
 * The server computes the approval share (more than half of all members) and the outcome.
 */
import { useEffect, useState } from 'preact/hooks';
import { Failure, Loading, MustLogin } from '../../components/Notice.tsx';
import { useAction } from '../../components/useAction.ts';
import { useFetch } from '../../components/useFetch.ts';
import { parseDate } from '../../dates.ts';
import { date } from '../../format.ts';
import { currentLocale, tx } from '../../i18n.ts';
import type { SessionUser } from '../../session.ts';
import { DocumentForm } from './DocumentForm.tsx';
import type { CouncilResponse } from '../../../../src/server/contract/appraisal.ts';

type CouncilRecord = CouncilResponse;
type Member = CouncilRecord['members'][number];

export function Council({ cycleId, user }: { cycleId: string; user: SessionUser | null }) {
  const [version, setVersion] = useState(0);
  const stored = useFetch<CouncilRecord>(user ? `/api/cycles/${cycleId}/council` : undefined, version);
  const [decision, setDecision] = useState('');
  const [meetingOn, setMeetingOn] = useState('');
  const [members, setMembers] = useState<Member[]>([{ name: '', title: '' }]);
  const [items, setItems] = useState([{ subject: tx('Toàn bộ kết quả thẩm định', 'The whole appraisal result'), approve: '' }]);
  const [minutes, setMinutes] = useState<{ id: number; number: string }>();
  // A date the page cannot read is said here in the form people type it; it is still sent, so the server's other problems come with it.
  const [badDate, setBadDate] = useState(false);
  const save = useAction<CouncilRecord>(() => setVersion((v) => v + 1));
  useEffect(() => {
    const r = stored.data;
    if (!r) return;
    setDecision(r.decision);
    setMeetingOn(date(r.meetingOn));
    setMembers(r.members.map((m) => ({ name: m.name, title: m.title ?? '' })));
    setItems(r.items.map((i) => ({ subject: i.subject, approve: String(i.approve) })));
    if (r.minutes) setMinutes(r.minutes);
  }, [stored.data]);
  if (!user) return <MustLogin />;
  if (stored.error && stored.error.status !== 404) return <Failure error={stored.error} />;
  if (stored.loading && !stored.data) return <Loading />;
  const r = stored.data;
  const dateProblem = badDate ? tx('Ngày dạng dd/mm/yyyy, vd. 15/01/2026', 'A date as dd/mm/yyyy, e.g. 15/01/2026') : save.field('meetingOn');
  const submit = (e: Event) => {
    e.preventDefault();
    setBadDate(!parseDate(meetingOn));
    save.run('PUT', `/api/cycles/${cycleId}/council`, {
      decision,
      meetingOn: parseDate(meetingOn) ?? meetingOn,
      members: members.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), ...(m.title?.trim() && { title: m.title.trim() }) })),
      scope: items.length > 1 ? 'items' : 'whole',
      // A count that is not a whole number goes as typed: the server says so at its item.
      items: items.map((i) => ({ subject: i.subject, approve: /^\d+$/.test(i.approve.trim()) ? Number(i.approve.trim()) : i.approve })),
      ...(minutes && { minutes: minutes.id }),
      version: r?.version ?? 0,
    });
  };
  return (
    <article class="council">
      <div class="title-row">
        <h1>{tx('Biên bản Hội đồng thẩm định', 'Appraisal council record')}</h1>
        <a href={`#/appraisal/${cycleId}`}>{tx('Tiến độ thẩm định', 'Appraisal progress')} →</a>
      </div>
      {r && (
        <p class={`card ${r.approved ? 'ok' : 'error'}`} role="status" data-testid="council-outcome">
          {r.summary[currentLocale()]}
          {r.minutes && (
            <>
              {' '}
              —{' '}
              <a href={`/api/documents/${r.minutes.id}/file`}>
                {tx('Biên bản', 'Minutes')} {r.minutes.number}
              </a>
            </>
          )}
        </p>
      )}
      <form class="card" onSubmit={submit}>
        <div class="row">
          <div class="field">
            <label for="council-decision">{tx('Số, ký hiệu biên bản', 'Record number')}</label>
            <input
              id="council-decision"
              name="decision"
              value={decision}
              onInput={(e) => setDecision(e.currentTarget.value)}
              aria-invalid={!!save.field('decision')}
            />
            {save.field('decision') && (
              <span class="field-error" role="alert">
                {save.field('decision')}
              </span>
            )}
          </div>
          <div class="field">
            <label for="council-date">{tx('Ngày họp (dd/mm/yyyy)', 'Meeting date (dd/mm/yyyy)')}</label>
            <input
              id="council-date"
              name="meetingOn"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              value={meetingOn}
              onInput={(e) => setMeetingOn(e.currentTarget.value)}
              aria-invalid={!!dateProblem}
            />
            {dateProblem && (
              <span class="field-error" role="alert">
                {dateProblem}
              </span>
            )}
          </div>
        </div>
        <fieldset>
          <legend>{tx(`Thành viên (${members.filter((m) => m.name.trim()).length})`, `Members (${members.filter((m) => m.name.trim()).length})`)}</legend>
          <ol class="members">
            {members.map((m, i) => (
              <li key={i} class="row">
                <input
                  aria-label={tx(`Họ tên thành viên ${i + 1}`, `Member ${i + 1} name`)}
                  name="memberName"
                  value={m.name}
                  onInput={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                />
                <input
                  aria-label={tx(`Chức vụ thành viên ${i + 1}`, `Member ${i + 1} title`)}
                  name="memberTitle"
                  value={m.title ?? ''}
                  onInput={(e) => setMembers(members.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))}
                />
              </li>
            ))}
          </ol>
          <button type="button" class="secondary" onClick={() => setMembers([...members, { name: '', title: '' }])}>
            {tx('Thêm thành viên', 'Add a member')}
          </button>
          {save.field('members') && (
            <span class="field-error" role="alert">
              {save.field('members')}
            </span>
          )}
        </fieldset>
        <fieldset>
          <legend>{tx('Biểu quyết', 'Vote')}</legend>
          {items.map((item, i) => (
            <div class="row" key={i}>
              <div class="field">
                <label for={`item-${i}`}>{tx('Nội dung', 'Item')}</label>
                <input
                  id={`item-${i}`}
                  name="subject"
                  value={item.subject}
                  onInput={(e) => setItems(items.map((x, j) => (j === i ? { ...x, subject: e.currentTarget.value } : x)))}
                />
              </div>
              <div class="field">
                <label for={`approve-${i}`}>{tx('Số thành viên tán thành', 'Members approving')}</label>
                <input
                  id={`approve-${i}`}
                  name="approve"
                  inputMode="numeric"
                  value={item.approve}
                  onInput={(e) => setItems(items.map((x, j) => (j === i ? { ...x, approve: e.currentTarget.value } : x)))}
                />
              </div>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setItems([...items, { subject: '', approve: '' }])}>
            {tx('Biểu quyết từng nội dung: thêm nội dung', 'Vote item by item: add an item')}
          </button>
          {save.issues
            .filter((x) => x.field?.startsWith('items'))
            .map((x) => (
              <span class="field-error" role="alert" key={x.field}>
                {x.message[currentLocale()]}
              </span>
            ))}
        </fieldset>
        <fieldset>
          <legend>{tx('Biên bản họp đính kèm', 'Minutes attached')}</legend>
          {minutes ? <p data-testid="minutes">{minutes.number}</p> : <DocumentForm id="minutes" links={[]} onStored={(d) => setMinutes(d)} />}
        </fieldset>
        <div class="buttons">
          <button type="submit" disabled={save.busy}>
            {tx('Ghi biên bản hội đồng', 'Record the council')}
          </button>
        </div>
        {/* What no field of the form claims (the cycle published, a stale record …): each problem once, at its field otherwise. */}
        {save.issues
          .filter((x) => !['decision', 'meetingOn', 'members'].includes(x.field ?? '') && !x.field?.startsWith('items'))
          .map((x) => (
            <p class="error" role="alert" key={`${x.code}-${x.field}`}>
              {x.message[currentLocale()]}
            </p>
          ))}
        {save.error && !save.issues.length && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        {r && <p class="muted">{tx(`Ngày họp ${date(r.meetingOn)}`, `Met on ${date(r.meetingOn)}`)}</p>}
      </form>
    </article>
  );
}
