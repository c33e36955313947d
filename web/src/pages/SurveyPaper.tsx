/**
 * Paper forms keyed in by the province's staff: one screen per form, keyboard only. Unit and
 * group stay from one form to the next; each answer is typed as its option (4, A, A;C), Enter
 * moves to the next question and saves on the last; the cursor returns to the form number.
 * With the double-entry check on, the form is typed twice and the server refuses it where the
 * two typings differ, naming the question.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Failure, Loading } from '../components/Notice.tsx';
import { useFetch } from '../components/useFetch.ts';
import { currentLocale, tx } from '../i18n.ts';
import type { NewSurveyResponse, SurveyQuestionJson, SurveyResponse } from '../../../src/server/contract/survey.ts';
import type { CycleResponse } from '../../../src/server/responses.ts';

type Question = SurveyQuestionJson;
type Survey = SurveyResponse;

function hint(q: Question): string {
  if (q.type === 'likert') return `1–${q.scale?.points ?? 5}`;
  if (q.type === 'single') return (q.options ?? []).map((o) => o.value).join('/');
  if (q.type === 'multiple') return `${(q.options ?? []).map((o) => o.value).join(',')} ${tx('(cách nhau bằng ;)', '(separated by ;)')}`;
  if (q.type === 'number') return tx('số', 'number');
  return tx('chữ (không bắt buộc)', 'text (optional)');
}

function toAnswers(values: Record<string, string>, questions: Question[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const q of questions) {
    const v = (values[q.id] ?? '').trim();
    if (!v) continue;
    out[q.id] =
      q.type === 'multiple'
        ? v
            .split(/[;,\s]+/)
            .filter(Boolean)
            .map((x) => x.toUpperCase())
        : q.type === 'single'
          ? v.toUpperCase()
          : v;
  }
  return out;
}

export function SurveyPaper({ cycleId }: { cycleId: string }) {
  const survey = useFetch<Survey>(`/api/cycles/${cycleId}/survey`);
  const cycle = useFetch<CycleResponse>(`/api/cycles/${cycleId}`);
  const [unit, setUnit] = useState('');
  const [group, setGroup] = useState('');
  const [form, setForm] = useState('');
  const [twice, setTwice] = useState(false);
  const [pass, setPass] = useState<1 | 2>(1);
  const [first, setFirst] = useState<Record<string, string>>({});
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  const formNumber = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);
  // The second typing starts on the first question, in the same drawing that says it started: a
  // typist on the keyboard alone goes on at once (a focus given a turn later took the first keys).
  useLayoutEffect(() => {
    if (pass === 2) table.current?.querySelector('input')?.focus();
  }, [pass]);
  if (survey.error) return <Failure error={survey.error} />;
  if (cycle.error) return <Failure error={cycle.error} />;
  if (!survey.data || !cycle.data) return <Loading />;
  const doc = survey.data.document;
  const groupIds = survey.data.groups.map((g) => g.id);
  const questions = doc.questions.filter((q) => !group || (q.groups ?? groupIds).includes(group));
  const fieldError = (id: string) => error?.issues.find((i) => i.field === `answers.${id}` || i.field === `check.${id}`)?.message[currentLocale()];

  const save = async () => {
    if (twice && pass === 1) {
      setFirst(values);
      setValues({});
      setPass(2);
      setSaved(tx('Lần nhập thứ hai: gõ lại phiếu', 'Second typing: type the form again'));
      return;
    }
    const answers = toAnswers(twice ? first : values, questions);
    const body = { unit, group, answers, ...(twice && { check: toAnswers(values, questions) }), ...(form.trim() && { formNumber: form.trim() }) };
    try {
      const result = await api<NewSurveyResponse>('POST', `/api/cycles/${cycleId}/survey/responses`, body);
      setSaved(tx(`Đã lưu phiếu ${form || ''} (mã #${result.id})`, `Saved form ${form || ''} (#${result.id})`));
      setError(undefined);
      setValues({});
      setFirst({});
      setPass(1);
      setForm(/^\D*\d+$/.test(form) ? form.replace(/\d+$/, (n) => String(Number(n) + 1).padStart(n.length, '0')) : '');
      formNumber.current?.focus();
    } catch (e) {
      setSaved(undefined);
      if (e instanceof ApiError) setError(e);
      if (twice) {
        setPass(1);
        setValues(first);
      }
    }
  };
  const next = (index: number) => (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const following = questions[index + 1];
    if (following) document.getElementById(`paper-${following.id}`)?.focus();
    else void save();
  };
  return (
    <section class="card survey-paper">
      <h1>{tx('Nhập phiếu giấy', 'Paper form entry')}</h1>
      <p class="muted">{doc.title}</p>
      <p class="muted">
        {tx(
          'Gõ phương án của mỗi câu (vd. 4, A, A;C), Enter để sang câu sau; Enter ở câu cuối để lưu.',
          'Type each answer’s option (e.g. 4, A, A;C), Enter for the next question; Enter on the last one saves.',
        )}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div class="row">
          <div class="field">
            <label for="paper-unit">{tx('Đơn vị', 'Unit')}</label>
            <select id="paper-unit" value={unit} onChange={(e) => setUnit(e.currentTarget.value)} required>
              <option value="">—</option>
              {cycle.data.units.map((u) => (
                <option key={u.unit} value={u.unit}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="paper-group">{tx('Nhóm đối tượng', 'Respondent group')}</label>
            <select id="paper-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)} required>
              <option value="">—</option>
              {survey.data.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="paper-form">{tx('Số phiếu', 'Form number')}</label>
            <input
              id="paper-form"
              ref={formNumber}
              value={form}
              onInput={(e) => setForm(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  document.getElementById(`paper-${questions[0]?.id}`)?.focus();
                }
              }}
            />
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={twice}
              onChange={(e) => {
                setTwice(e.currentTarget.checked);
                setPass(1);
              }}
            />{' '}
            {tx('Nhập hai lần để kiểm tra', 'Double-entry check')}
          </label>
        </div>
        {twice && (
          <p class="muted" aria-live="polite">
            {pass === 1 ? tx('Lần nhập thứ nhất', 'First typing') : tx('Lần nhập thứ hai', 'Second typing')}
          </p>
        )}
        {group ? (
          <table class="paper" ref={table}>
            <tbody>
              {questions.map((q, i) => {
                const problem = fieldError(q.id);
                return (
                  <tr key={q.id} class={problem ? 'invalid' : undefined}>
                    <th scope="row">
                      <label for={`paper-${q.id}`}>
                        {q.id}. {q.text}
                      </label>{' '}
                      <span class="muted">({hint(q)})</span>
                    </th>
                    <td>
                      <input
                        id={`paper-${q.id}`}
                        name={q.id}
                        autocomplete="off"
                        inputMode={q.type === 'likert' || q.type === 'number' ? 'numeric' : 'text'}
                        value={values[q.id] ?? ''}
                        aria-invalid={problem ? 'true' : undefined}
                        aria-describedby={problem ? `paper-${q.id}-error` : undefined}
                        onInput={(e) => setValues({ ...values, [q.id]: e.currentTarget.value })}
                        onKeyDown={next(i)}
                      />
                      {problem && (
                        <span class="error" id={`paper-${q.id}-error`}>
                          {problem}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p>{tx('Chọn đơn vị và nhóm đối tượng để nhập.', 'Pick a unit and a respondent group.')}</p>
        )}
        <button type="submit" disabled={!unit || !group}>
          {twice && pass === 1 ? tx('Sang lần nhập thứ hai', 'On to the second typing') : tx('Lưu phiếu', 'Save the form')}
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="paper-status">
        {saved}
      </p>
      {error && !error.issues.some((i) => i.field?.startsWith('answers.') || i.field?.startsWith('check.')) && (
        <p role="alert" class="error">
          {error.text(currentLocale())}
        </p>
      )}
      {error?.issues.some((i) => i.field?.startsWith('answers.') || i.field?.startsWith('check.')) && (
        <p role="alert" class="error">
          {tx('Phiếu chưa được lưu: xem các câu được đánh dấu.', 'The form was not saved: see the marked questions.')}
        </p>
      )}
    </section>
  );
}
