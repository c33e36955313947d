/**
 * Someone saved a criterion while this person was editing it (offline, or in another window):
 * the stored value and theirs side by side, nothing dropped until they choose.
 */
import { decimalNumber } from '../../../src/core/decimal.ts';
import { exact } from '../format.ts';
import { tx } from '../i18n.ts';
import type { Stored } from './rowSaving.ts';

const FIELDS: [string, string, string][] = [
  ['self', 'Điểm tự chấm', 'Self score'],
  ['comment', 'Giải trình', 'Explanation'],
  ['appraised', 'Điểm thẩm định', 'Appraised score'],
  ['reason', 'Lý do', 'Reason'],
];

const shown = (field: string, value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : (field === 'self' || field === 'appraised') && decimalNumber(String(value)) !== undefined
      ? exact(decimalNumber(String(value))!)
      : String(value);

export function RowConflict(props: { current: Stored | null; mine: Stored; onKeepMine: () => void; onTakeStored: () => void }) {
  const fields = FIELDS.filter(([f]) => f in props.mine);
  return (
    <div class="conflict" role="alert" data-testid="conflict">
      <p>
        <strong>{tx('Có người đã lưu tiêu chí này trong lúc bạn sửa.', 'Someone saved this criterion while you were editing it.')}</strong>{' '}
        {tx('Hãy chọn giá trị giữ lại:', 'Choose which to keep:')}
      </p>
      <dl>
        {fields.map(([f, vi, en]) => (
          <div key={f}>
            <dt>{tx(vi, en)}</dt>
            <dd data-testid={`stored-${f}`}>
              {tx('Đang lưu', 'Stored')}: {shown(f, props.current?.[f])}
            </dd>
            <dd data-testid={`mine-${f}`}>
              {tx('Của bạn', 'Yours')}: {shown(f, props.mine[f])}
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={props.onKeepMine}>
        {tx('Giữ giá trị của tôi', 'Keep mine')}
      </button>{' '}
      <button type="button" class="secondary" onClick={props.onTakeStored}>
        {tx('Dùng giá trị đang lưu', 'Use the stored value')}
      </button>
    </div>
  );
}
