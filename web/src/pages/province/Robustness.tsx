/**
 * How sure each rank is under the survey's noise (Monte Carlo): for a group up to 300 units every
 * unit's probability of keeping its rank; beyond, the probabilities of the units on the page
 * being read (asked by name), whatever the group's size.
 */
import { useState } from 'preact/hooks';
import { Failure, Loading } from '../../components/Notice.tsx';
import { useFetch } from '../../components/useFetch.ts';
import { pct, shareToPercent } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import type { Row } from './types.ts';
import type { RobustnessResponse } from '../../../../src/server/responses.ts';

/** The server gives every unit's probabilities up to this many units (n² numbers). */
const ALL_UP_TO = 300;

export function Robustness({ where, of, rows }: { where: string; of: number; rows: Row[] }) {
  const [shown, setShown] = useState(false);
  const asked = of > ALL_UP_TO ? `&units=${rows.map((r) => r.unit.id).join(',')}` : '';
  const result = useFetch<RobustnessResponse>(shown ? `/api/robustness?${where}&runs=2000&seed=1&spread=1${asked}` : undefined);
  const onPage = new Set(rows.map((r) => r.unit.id));
  const listed = (result.data ?? []).filter((r) => of <= ALL_UP_TO || onPage.has(r.unitId)).sort((a, b) => a.rank - b.rank);
  return (
    <section class="card">
      <h2>{tx('Độ tin cậy của thứ hạng (sai số điều tra xã hội học ±1 điểm)', 'Rank robustness (survey noise ±1 point)')}</h2>
      {!shown ? (
        <button type="button" onClick={() => setShown(true)}>
          {tx('Mô phỏng 2.000 lần', 'Simulate 2,000 runs')}
        </button>
      ) : result.error ? (
        <Failure error={result.error} />
      ) : !result.data ? (
        <Loading />
      ) : (
        <div class="scroll">
          {of > ALL_UP_TO && (
            <p class="muted">
              {tx('Xác suất của các đơn vị trên trang đang xem của bảng xếp hạng.', 'Probabilities of the units on the ranking page being read.')}
            </p>
          )}
          <table data-testid="robustness">
            <thead>
              <tr>
                <th>{t('rank')}</th>
                <th>{t('unit')}</th>
                <th>{tx('Khoảng 90%', '90% interval')}</th>
                <th class="num">{tx('Xác suất giữ hạng', 'P(same rank)')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((r) => (
                <tr key={r.unitId}>
                  <td>{r.rank}</td>
                  <td>{r.name}</td>
                  <td>
                    {r.low}–{r.high}
                  </td>
                  <td class="num">{r.probabilities ? pct(shareToPercent(r.probabilities[r.rank - 1]!), 1) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
