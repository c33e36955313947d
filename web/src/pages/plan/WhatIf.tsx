/** What-if on last year's results (a criterion's indicator or score → the new total, percents, rank) and "what does it take to reach rank N or X points". */
import { useState } from 'preact/hooks';
import { useAction } from '../../components/useAction.ts';
import { num, pct, signed } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { say } from './shared.tsx';
import type { TargetResponse, WhatIfResponse } from '../../../../src/server/responses.ts';

export function WhatIf({ unitId, year }: { unitId: string; year: number }) {
  const [code, setCode] = useState('7.3.6');
  const [value, setValue] = useState('46/46');
  const whatIf = useAction<WhatIfResponse>();
  const submit = (event: Event) => {
    event.preventDefault();
    const ratio = /^(\d+)\/(\d+)$/.exec(value.trim());
    const change = ratio
      ? { code: code.trim(), indicator: { numerator: Number(ratio[1]), denominator: Number(ratio[2]) } }
      : { code: code.trim(), score: value.trim() };
    whatIf.run('POST', `/api/units/${unitId}/whatif`, { year, changes: [change] });
  };
  // The server names the change's field: the criterion (code), or the value (score, indicator values).
  const codeError = whatIf.field('code');
  const valueError =
    whatIf.field('score') ?? whatIf.field('indicators') ?? whatIf.field('indicator') ?? whatIf.field('numerator') ?? whatIf.field('denominator');
  const result = whatIf.result;
  const moved = result ? result.after.components.filter((c) => c.percent !== result.before.components.find((b) => b.code === c.code)?.percent) : [];
  return (
    <form class="card whatif" onSubmit={submit}>
      <h2>{tx(`Giả định trên kết quả năm ${year}`, `What-if on the ${year} results`)}</h2>
      <div class="row">
        <div class="field">
          <label>
            {t('criterion')}
            <input name="whatif-code" value={code} aria-invalid={!!codeError} onInput={(e) => setCode(e.currentTarget.value)} size={8} />
          </label>
          {codeError && (
            <span class="field-error" role="alert">
              {codeError}
            </span>
          )}
        </div>
        <div class="field">
          <label>
            {tx('Chỉ tiêu (tử/mẫu) hoặc điểm', 'Indicator (n/d) or score')}
            <input name="whatif-value" value={value} aria-invalid={!!valueError} onInput={(e) => setValue(e.currentTarget.value)} size={10} />
          </label>
          {valueError && (
            <span class="field-error" role="alert">
              {valueError}
            </span>
          )}
        </div>
        <button type="submit" disabled={whatIf.busy}>
          {t('apply')}
        </button>
      </div>
      {result && (
        <p data-testid="whatif" role="status">
          {num(result.before.total, result.precision)} → <strong>{num(result.after.total, result.precision)}</strong> · {t('rank')} {result.before.rank}/
          {result.before.of} →{' '}
          <strong>
            {result.after.rank}/{result.after.of}
          </strong>
          {moved.map((c) => {
            const before = result.before.components.find((b) => b.code === c.code)?.percent ?? null;
            return (
              <span key={c.code}>
                {' '}
                · {t('component')} {c.code}: {pct(before)} → {pct(c.percent)} ({signed(c.deltaPercentagePoints)} {tx('đ.p.t', 'pp')})
              </span>
            );
          })}
        </p>
      )}
      {whatIf.error && !codeError && !valueError && (
        <p class="error" role="alert">
          {whatIf.error}
        </p>
      )}
    </form>
  );
}

export function Target({ unitId, year }: { unitId: string; year: number }) {
  const [goal, setGoal] = useState({ rank: '3', points: '' });
  const target = useAction<TargetResponse>();
  const result = target.result;
  // A score to reach (80,5) when one is typed, else the rank.
  const submit = (event: Event) => {
    event.preventDefault();
    const points = goal.points.trim();
    target.run('POST', `/api/units/${unitId}/target`, points ? { year, points } : { year, rank: Number(goal.rank) });
  };
  const byPoints = goal.points.trim() !== '';
  return (
    <form class="card target" onSubmit={submit}>
      <h2>{tx('Cần gì để đạt thứ hạng hoặc số điểm mong muốn', 'What it takes to reach a rank or a score')}</h2>
      <div class="row">
        <div class="field">
          <label>
            {tx('Hạng mục tiêu', 'Target rank')}
            <input
              name="target-rank"
              type="number"
              min={1}
              value={goal.rank}
              disabled={byPoints}
              aria-invalid={!!target.field('rank')}
              onInput={(e) => setGoal({ ...goal, rank: e.currentTarget.value })}
              size={4}
            />
          </label>
          {target.field('rank') && (
            <span class="field-error" role="alert">
              {target.field('rank')}
            </span>
          )}
        </div>
        <div class="field">
          <label>
            {tx('hoặc số điểm mục tiêu', 'or a target score')}
            <input
              name="target-points"
              inputMode="decimal"
              placeholder="80,5"
              value={goal.points}
              aria-invalid={!!target.field('points')}
              onInput={(e) => setGoal({ ...goal, points: e.currentTarget.value })}
              size={6}
            />
          </label>
          {target.field('points') && (
            <span class="field-error" role="alert">
              {target.field('points')}
            </span>
          )}
        </div>
        <button type="submit" disabled={target.busy}>
          {t('apply')}
        </button>
      </div>
      {target.error && !target.field('rank') && !target.field('points') && (
        <p class="error" role="alert">
          {target.error}
        </p>
      )}
      {result && (
        <div data-testid="target" role="status">
          {!result.reachable ? (
            <p>
              {tx(
                `Cần thêm ${num(result.needed, result.precision)} điểm: không đủ điểm có thể lấy lại để đạt mục tiêu này.`,
                `Needs ${num(result.needed, result.precision)} more points: not enough recoverable points for this goal.`,
              )}
            </p>
          ) : (
            <>
              <p>
                {tx(
                  `Cần thêm ${num(result.needed, result.precision)} điểm; ít tiêu chí nhất:`,
                  `Needs ${num(result.needed, result.precision)} more points; the fewest criteria:`,
                )}{' '}
                → {num(result.total, result.precision)} {t('points')}, {t('rank')} {result.rank}/{result.of}
              </p>
              <ul>
                {result.items.map((i) => (
                  <li key={i.code}>
                    {i.code} {i.name}: +{num(i.lost, result.precision)} — {say(i.action)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
