/** A cycle's dates, shown to every role; the province edits them (dd/mm/yyyy, each refused at its field). */
import { useState } from 'preact/hooks';
import { parseDate } from '../dates.ts';
import { date } from '../format.ts';
import { currentLocale, tx } from '../i18n.ts';
import { useAction } from './useAction.ts';
import { useFetch } from './useFetch.ts';
import type { DeadlinesResponse as DeadlinesAnswer } from '../../../src/server/contract/notifications.ts';

const KINDS = ['selfAssessmentDue', 'appraisalDue', 'recheckUntil', 'publication'] as const;

export function Deadlines({ cycleId, editable = false }: { cycleId: string; editable?: boolean }) {
  const [version, setVersion] = useState(0);
  const read = useFetch<DeadlinesAnswer>(`/api/cycles/${cycleId}/deadlines`, version);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [badDates, setBadDates] = useState<string[]>([]);
  const save = useAction<DeadlinesAnswer>(() => {
    setTyped({});
    setVersion((v) => v + 1);
  });
  if (!read.data) return null;
  const { deadlines, labels } = read.data;
  const set = KINDS.filter((k) => deadlines[k]);
  const submit = (event: Event) => {
    event.preventDefault();
    const body: Record<string, string | null> = {};
    const bad: string[] = [];
    for (const [kind, text] of Object.entries(typed)) {
      if (!text.trim()) body[kind] = null;
      else if (parseDate(text)) body[kind] = parseDate(text)!;
      else {
        // Sent as typed: the server refuses it (nothing is stored) and says the other dates' problems with it.
        bad.push(kind);
        body[kind] = text.trim();
      }
    }
    setBadDates(bad);
    save.run('PUT', `/api/cycles/${cycleId}/deadlines`, body);
  };
  return (
    <section class="deadlines" data-testid="deadlines" aria-label={tx('Các mốc thời gian của kỳ', 'The cycle’s dates')}>
      {!editable && set.length > 0 && <p class="muted">{set.map((k) => `${labels[k]![currentLocale()]}: ${date(deadlines[k])}`).join(' · ')}</p>}
      {editable && (
        <form class="row" onSubmit={submit}>
          {KINDS.map((kind) => {
            const problem = badDates.includes(kind) ? tx('Ngày dạng dd/mm/yyyy, vd. 15/01/2026', 'A date as dd/mm/yyyy, e.g. 15/01/2026') : save.field(kind);
            return (
              <div class="field" key={kind}>
                <label for={`${cycleId}-${kind}`}>{labels[kind]![currentLocale()]}</label>
                <input
                  id={`${cycleId}-${kind}`}
                  name={kind}
                  inputMode="numeric"
                  placeholder="dd/mm/yyyy"
                  size={11}
                  value={typed[kind] ?? (deadlines[kind] ? date(deadlines[kind]) : '')}
                  onInput={(e) => setTyped({ ...typed, [kind]: e.currentTarget.value })}
                  aria-invalid={!!problem}
                />
                {problem && (
                  <span class="field-error" role="alert">
                    {problem}
                  </span>
                )}
              </div>
            );
          })}
          <button type="submit" disabled={save.busy || Object.keys(typed).length === 0}>
            {tx('Lưu các mốc thời gian', 'Save the dates')}
          </button>
          {save.done && (
            <span class="ok" role="status">
              {tx('Đã lưu', 'Saved')}
            </span>
          )}
        </form>
      )}
    </section>
  );
}
