/**
 * The province's lineage tools: a lineage table (Excel/CSV: old unit, new unit, effective date,
 * kind, shares) previewed then imported in one transaction, its problems at their cells; and the
 * units still without lineage after a reform date (begun with no predecessor, ended the day
 * before with no successor).
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { Failure } from '../components/Notice.tsx';
import { useFetch } from '../components/useFetch.ts';
import { parseDate } from '../dates.ts';
import { date } from '../format.ts';
import { currentLocale, tx } from '../i18n.ts';
import { levelLabel } from '../labels.ts';
import type { UnmappedUnitsResponse } from '../../../src/server/contract/admin.ts';
import type { ImportResponse } from '../../../src/server/responses.ts';

type Unmapped = UnmappedUnitsResponse[number];

export function LineageTools({ provinces, version, onChange }: { provinces: string[]; version: number; onChange: () => void }) {
  const [province, setProvince] = useState(provinces[0] ?? '');
  const [typed, setTyped] = useState('01/07/2025');
  const after = parseDate(typed);
  const chosen = province || provinces[0];
  const [imported, setImported] = useState(0);
  const unmapped = useFetch<Unmapped[]>(
    chosen && after ? `/api/admin/units/lineage/unmapped?province=${chosen}&after=${after}` : undefined,
    version + imported,
  );
  const [file, setFile] = useState<File>();
  const [outcome, setOutcome] = useState<{ dryRun: boolean; changes: number; units: string[] }>();
  const [problem, setProblem] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    setOutcome(undefined);
    try {
      const answer = await api<Pick<ImportResponse, 'changesTotal' | 'unitsChanged'>>(
        'POST',
        `/api/import/file?kind=lineage&name=${encodeURIComponent(file.name)}${chosen ? `&province=${chosen}` : ''}&dryRun=${dryRun}&changes=0&lang=${currentLocale()}`,
        undefined,
        { type: file.type || 'text/csv', data: file },
      );
      setOutcome({ dryRun, changes: answer.changesTotal, units: answer.unitsChanged });
      if (!dryRun) {
        setImported((n) => n + 1);
        onChange();
      }
    } catch (error) {
      if (error instanceof ApiError) setProblem(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="lineage-tools" data-testid="lineage-tools">
      <h3>{tx('Liên kết kế thừa (sắp xếp đơn vị hành chính)', 'Lineage (administrative reorganisation)')}</h3>
      <p class="muted">
        {tx(
          'Bảng liên kết dạng Excel hoặc CSV, mỗi dòng một liên kết: «Đơn vị cũ», «Đơn vị mới», «Ngày hiệu lực», và nếu có «Hình thức» (chia tách, sáp nhập, đổi tên, điều chỉnh địa giới), «Tỷ lệ dân số», «Tỷ lệ diện tích». Xem trước rồi nhập: tất cả hoặc không gì cả.',
          'A lineage table (Excel or CSV), one link a row: old unit, new unit, effective date, and where known the kind (split, merger, rename, boundary transfer) and the population and area shares. Preview, then import: all or nothing.',
        )}
      </p>
      <div class="row">
        {provinces.length > 1 && (
          <label>
            {tx('Tỉnh', 'Province')}{' '}
            <select value={chosen} onChange={(e) => setProvince(e.currentTarget.value)}>
              {provinces.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {tx('Tệp liên kết', 'Lineage file')}{' '}
          <input type="file" name="lineageFile" accept=".xlsx,.csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0])} />
        </label>
        <button type="button" class="secondary" disabled={!file || busy} onClick={() => send(true)}>
          {tx('Xem trước', 'Preview')}
        </button>
        <button type="button" disabled={!file || busy} onClick={() => send(false)}>
          {tx('Nhập', 'Import')}
        </button>
      </div>
      {problem && (
        <ul class="error" role="alert" data-testid="lineage-errors">
          {problem.issues.length ? problem.issues.map((i, k) => <li key={k}>{i.message[currentLocale()]}</li>) : <li>{problem.message}</li>}
        </ul>
      )}
      {outcome && (
        <p class="ok" role="status" data-testid="lineage-outcome">
          {outcome.dryRun ? tx('Xem trước (chưa ghi)', 'Preview (nothing written)') : tx('Đã nhập', 'Imported')}: {outcome.changes} {tx('thay đổi', 'changes')},{' '}
          {outcome.units.length} {tx('đơn vị', 'units')} ({outcome.units.join(', ')})
        </p>
      )}
      <div class="field">
        <label for="lineage-after">{tx('Đơn vị chưa có liên kết kế thừa sau ngày (dd/mm/yyyy)', 'Units without lineage after (dd/mm/yyyy)')}</label>
        <input id="lineage-after" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        {!after && (
          <span class="field-error" role="alert">
            {tx('Ngày dạng dd/mm/yyyy, vd. 01/07/2025', 'A date as dd/mm/yyyy, e.g. 01/07/2025')}
          </span>
        )}
      </div>
      {unmapped.error && <Failure error={unmapped.error} />}
      {unmapped.data &&
        (unmapped.data.length === 0 ? (
          <p class="ok" data-testid="unmapped-none">
            {tx('Mọi đơn vị đều đã có liên kết kế thừa.', 'Every unit has its lineage.')}
          </p>
        ) : (
          <table class="unmapped stack" data-testid="unmapped">
            <thead>
              <tr>
                <th scope="col">{tx('Đơn vị', 'Unit')}</th>
                <th scope="col">{tx('Cấp', 'Level')}</th>
                <th scope="col">{tx('Hiệu lực', 'Valid')}</th>
                <th scope="col">{tx('Còn thiếu', 'Missing')}</th>
              </tr>
            </thead>
            <tbody>
              {unmapped.data.map((u) => (
                <tr key={u.id} data-unmapped={u.id}>
                  <th scope="row">
                    {u.name} <span class="muted">({u.id})</span>
                  </th>
                  <td>{levelLabel(u.level)}</td>
                  <td>
                    {u.validFrom ? `${tx('từ', 'from')} ${date(u.validFrom)}` : ''}
                    {u.validTo ? ` ${tx('đến', 'to')} ${date(u.validTo)}` : ''}
                  </td>
                  <td>{u.missing === 'predecessors' ? tx('chưa có đơn vị tiền thân', 'no predecessor') : tx('chưa có đơn vị kế thừa', 'no successor')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
