/** The appraisers' answer to one explanation: accepted with the new score, or kept — with the reason, which becomes the criterion's final reason. */
import { useState } from 'preact/hooks';
import { useAction } from '../../components/useAction.ts';
import { tx } from '../../i18n.ts';

export function AnswerForm({ path, version, onDone, id }: { path: string; version: number; onDone: () => void; id: string }) {
  const [outcome, setOutcome] = useState<'accepted' | 'kept'>('kept');
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  return (
    <form
      class="answer-form"
      data-testid="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        action.run('PUT', path, { outcome, reason, version, ...(outcome === 'accepted' && score.trim() && { points: score.trim() }) });
      }}
    >
      <fieldset>
        <legend>{tx('Kết quả xem xét giải trình', 'Answer')}</legend>
        <label>
          <input type="radio" name={`${id}-outcome`} value="accepted" checked={outcome === 'accepted'} onChange={() => setOutcome('accepted')} />{' '}
          {tx('Chấp nhận, chấm lại điểm', 'Accept, with a new score')}
        </label>
        <label>
          <input type="radio" name={`${id}-outcome`} value="kept" checked={outcome === 'kept'} onChange={() => setOutcome('kept')} />{' '}
          {tx('Giữ nguyên điểm', 'Keep the score')}
        </label>
      </fieldset>
      {outcome === 'accepted' && (
        <div class="field">
          <label for={`${id}-points`}>{tx('Điểm thẩm định mới', 'New appraised score')}</label>
          <input
            id={`${id}-points`}
            name="points"
            inputMode="decimal"
            value={score}
            onInput={(e) => setScore(e.currentTarget.value)}
            aria-invalid={!!action.field('points')}
          />
          {action.field('points') && (
            <span class="field-error" role="alert">
              {action.field('points')}
            </span>
          )}
        </div>
      )}
      <div class="field">
        <label for={`${id}-reason`}>{tx('Lý do (bắt buộc)', 'Reason (required)')}</label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={2}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
          aria-invalid={!!action.field('reason')}
        />
        {action.field('reason') && (
          <span class="field-error" role="alert">
            {action.field('reason')}
          </span>
        )}
      </div>
      <div class="buttons">
        <button type="submit" disabled={action.busy}>
          {tx('Gửi trả lời', 'Send the answer')}
        </button>
      </div>
      {action.error && !action.field('reason') && !action.field('points') && (
        <p class="error" role="alert">
          {action.error}
        </p>
      )}
    </form>
  );
}
