/**
 * A large import reviewed before it is written: its changes counted per unit or per criterion
 * (sortable, searchable, a page at a time), a line opening that unit's or criterion's changes,
 * a filter by kind, and the whole (filtered) list as a spreadsheet or CSV — from the list the
 * server kept for this preview.
 */
import { useState } from 'preact/hooks';
import { useFetch } from '../../components/useFetch.ts';
import { exact } from '../../format.ts';
import { tx } from '../../i18n.ts';
import type { ChangeCountsResponse } from '../../../../src/server/contract/admin.ts';
import { query as queryString, type Change } from './shared.ts';

export interface ReviewFilter {
  unit?: string;
  code?: string;
  change?: Change['change'];
}

const PAGE = 20;

export function Review({
  id,
  filter,
  onFilter,
  criterionName,
}: {
  id: string;
  filter: ReviewFilter;
  onFilter(next: ReviewFilter): void;
  criterionName(code: string): string | undefined;
}) {
  const [by, setBy] = useState<'unit' | 'criterion'>('unit');
  const [sort, setSort] = useState<{ key: 'total' | 'added' | 'changed' | 'removed' | 'key'; down: boolean }>({ key: 'total', down: true });
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  /** A new order, count or search starts again at the first page. */
  const turnTo = (change: () => void) => {
    change();
    setPage(0);
  };
  // The other dimension's filter applies: the criteria of the unit opened, the units of the criterion opened.
  const narrowing = by === 'unit' ? { code: filter.code, change: filter.change } : { unit: filter.unit, change: filter.change };
  const summary = useFetch<ChangeCountsResponse>(
    `/api/import/changes/${id}/summary?${queryString({ by, ...narrowing, q: q.trim() || undefined, sort: sort.key, down: String(sort.down), offset: page * PAGE, limit: PAGE })}`,
  );
  const header = (key: typeof sort.key, label: string, numeric = true) => (
    <th scope="col" class={numeric ? 'num' : ''} aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort" onClick={() => turnTo(() => setSort({ key, down: sort.key === key ? !sort.down : key !== 'key' }))}>
        {label}
        {sort.key === key ? (sort.down ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const download = (format: 'xlsx' | 'csv') => `/api/import/changes/${id}/file?${queryString({ ...filter, format })}`;
  const total = summary.data?.total ?? 0;
  return (
    <div class="review" data-testid="import-review">
      <div class="filters">
        {/* biome-ignore lint/a11y/useSemanticElements: two toggles in a line of filters; a fieldset would need a legend and its own box. */}
        <span role="group" aria-label={tx('Đếm theo', 'Count by')}>
          <button type="button" class="toggle" aria-pressed={by === 'unit'} onClick={() => turnTo(() => setBy('unit'))}>
            {tx('Theo đơn vị', 'By unit')}
          </button>
          {' · '}
          <button type="button" class="toggle" aria-pressed={by === 'criterion'} onClick={() => turnTo(() => setBy('criterion'))}>
            {tx('Theo tiêu chí', 'By criterion')}
          </button>
        </span>
        <label class="inline">
          {tx('Tìm', 'Find')}{' '}
          <input
            type="search"
            name="review-q"
            value={q}
            onInput={(e) => turnTo(() => setQ(e.currentTarget.value))}
            placeholder={by === 'unit' ? tx('tên đơn vị, không cần dấu', 'unit name') : tx('mã tiêu chí', 'criterion code')}
          />
        </label>
        <label class="inline">
          {tx('Loại thay đổi', 'Kind')}{' '}
          <select
            name="review-change"
            value={filter.change ?? ''}
            onChange={(e) => onFilter({ ...filter, change: (e.currentTarget.value || undefined) as ReviewFilter['change'] })}
          >
            <option value="">{tx('Tất cả', 'All')}</option>
            <option value="added">{tx('Thêm', 'Added')}</option>
            <option value="changed">{tx('Sửa', 'Changed')}</option>
            <option value="removed">{tx('Xóa', 'Removed')}</option>
          </select>
        </label>
        <a href={download('xlsx')} download data-testid="changes-xlsx">
          {tx('Tải toàn bộ danh sách (.xlsx)', 'Download the whole list (.xlsx)')}
        </a>
        <a href={download('csv')} download data-testid="changes-csv">
          {tx('(.csv)', '(.csv)')}
        </a>
      </div>
      {(filter.unit || filter.code) && (
        <p>
          {filter.unit && (
            <button type="button" class="chip" onClick={() => onFilter({ ...filter, unit: undefined })} data-testid="filter-unit">
              {tx('Đơn vị', 'Unit')}: {summary.data?.rows.find((r) => r.key === filter.unit)?.name ?? filter.unit} ✕
            </button>
          )}{' '}
          {filter.code && (
            <button type="button" class="chip" onClick={() => onFilter({ ...filter, code: undefined })} data-testid="filter-code">
              {tx('Tiêu chí', 'Criterion')}: {filter.code} ✕
            </button>
          )}
        </p>
      )}
      <div class="scroll">
        <table class="change-summary" data-testid="change-summary" aria-busy={summary.loading ? 'true' : undefined}>
          <thead>
            <tr>
              {header('key', by === 'unit' ? tx('Đơn vị', 'Unit') : tx('Tiêu chí', 'Criterion'), false)}
              {header('added', tx('Thêm', 'Added'))}
              {header('changed', tx('Sửa', 'Changed'))}
              {header('removed', tx('Xóa', 'Removed'))}
              {header('total', tx('Tổng', 'Total'))}
            </tr>
          </thead>
          <tbody>
            {(summary.data?.rows ?? []).map((r) => (
              <tr key={r.key} data-key={r.key} class={(by === 'unit' ? filter.unit : filter.code) === r.key ? 'self' : ''}>
                <th scope="row">
                  <button type="button" class="link" onClick={() => onFilter(by === 'unit' ? { ...filter, unit: r.key } : { ...filter, code: r.key })}>
                    {by === 'unit'
                      ? (r.name ?? (r.key || '—'))
                      : r.key
                        ? `${r.key}${criterionName(r.key) ? ` ${criterionName(r.key)}` : ''}`
                        : tx('(chung)', '(general)')}
                  </button>
                </th>
                <td class="num">{exact(r.added)}</td>
                <td class="num">{exact(r.changed)}</td>
                <td class="num">{exact(r.removed)}</td>
                <td class="num">{exact(r.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > PAGE && (
        <nav class="pager" aria-label={tx('Trang', 'Pages')}>
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {tx('‹ Trước', '‹ Previous')}
          </button>
          <span>
            {tx(
              `${exact(page * PAGE + 1)}–${exact(Math.min(total, (page + 1) * PAGE))} / ${exact(total)}`,
              `${exact(page * PAGE + 1)}–${exact(Math.min(total, (page + 1) * PAGE))} of ${exact(total)}`,
            )}
          </span>
          <button type="button" disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>
            {tx('Sau ›', 'Next ›')}
          </button>
        </nav>
      )}
    </div>
  );
}
