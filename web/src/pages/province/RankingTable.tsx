/** The ranking as a table: one page of rows, sortable headers, the heat of each component cell. */
import { useMemo, useRef } from 'preact/hooks';
import { count, num, pct } from '../../format.ts';
import { currentLocale, t, tx } from '../../i18n.ts';
import { componentLabel } from '../../labels.ts';
import { href } from '../../router.ts';
import type { Row, Summary, TableQuery } from './types.ts';

/** A heat cell's colour from a percentage (decimal text): a shade, not a figure shown. */
const colour = (percent: string | null) => {
  const p = percent === null ? null : Number(percent);
  return p === null ? '#eee' : `hsl(${Math.round((p / 100) * 120)}, 65%, ${85 - (p / 100) * 25}%)`;
};
export { colour as heatColour };

export function RankingTable({
  summary,
  rows,
  query,
  busy,
  onSort,
  onPick,
  onIntent,
}: {
  summary: Summary;
  rows: Row[];
  query: TableQuery;
  busy: boolean;
  onSort(key: string): void;
  onPick(unit: string): void;
  /** The pointer reached a header, or it has the focus: the page it would ask for can be asked already. */
  onIntent?(key: string): void;
}) {
  const d = summary.precision;
  const names = new Map(summary.components.map((c) => [c.code, c.name]));
  const header = (key: string, label: string, title?: string, numeric = false) => (
    <th aria-sort={query.sort === key ? (query.down ? 'descending' : 'ascending') : undefined} class={numeric ? 'num' : ''} scope="col">
      <button type="button" class="sort" title={title} onClick={() => onSort(key)} onPointerEnter={() => onIntent?.(key)} onFocus={() => onIntent?.(key)}>
        {label}
        {query.sort === key ? (query.down ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  const tied = (shared: boolean) => (shared ? ` (${t('tied')})` : '');
  const picking = useRef(onPick);
  picking.current = onPick;
  // The rows are drawn again only when they change (not when a header is clicked and the sorted page is still on its way).
  const body = useMemo(() => {
    const picked = new Set(query.picked);
    return (
      <tbody>
        {rows.map((u) => (
          <tr key={u.unit.id} data-unit={u.unit.id}>
            <td>
              {u.rank ?? '—'}
              {u.tied > 0 && (
                <span class="tie" title={tx(`cùng hạng với ${u.tied} đơn vị khác`, `tied with ${u.tied} other units`)}>
                  {tied(true)}
                </span>
              )}
            </td>
            <th scope="row">
              <input
                type="checkbox"
                class="pick"
                checked={picked.has(u.unit.id)}
                onChange={() => picking.current(u.unit.id)}
                aria-label={tx(`So sánh ${u.unit.name} trong biểu đồ diễn biến`, `Compare ${u.unit.name} in the trend chart`)}
              />{' '}
              <a href={href(`/unit/${u.unit.id}`, { year: summary.year })}>{u.unit.name}</a>
              {u.unit.illustrative ? <abbr title={t('illustrative')}> *</abbr> : ''}
            </th>
            <td class="num" data-testid="total">
              {num(u.total, d)}
              {u.applicableMax !== summary.max && (
                <span
                  class="muted"
                  title={tx('Điểm tối đa áp dụng (trừ các tiêu chí không áp dụng)', 'Applicable maximum (without the criteria that do not apply)')}
                >
                  {' '}
                  / {num(u.applicableMax, d)}
                </span>
              )}
            </td>
            {u.components.map((c) => (
              <td
                key={c.code}
                class="num heat"
                style={{ background: colour(c.percent) }}
                title={`${c.code}. ${names.get(c.code)}: ${pct(c.percent)} — ${t('rank')} ${c.rank ?? '—'}${tied(c.tied)}`}
              >
                {pct(c.percent, 1)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    );
  }, [rows, query.picked.join(','), summary, currentLocale()]);
  return (
    <div class="scroll">
      <table class="ranking" aria-busy={busy ? 'true' : undefined}>
        <thead>
          <tr>
            {header('rank', t('rank'))}
            {header('name', t('unit'))}
            {header('total', t('total'), `${t('total')} (${t('max')} ${num(summary.max, d)})`, true)}
            {summary.components.map((c) => header(c.code, componentLabel(c.code, c.name), `${c.code}. ${c.name} (${t('max')} ${num(c.max, d)})`, true))}
          </tr>
        </thead>
        {body}
      </table>
    </div>
  );
}

/** Pages of the table: previous, «a–b of n», next. */
export function Pager({
  matched,
  offset,
  size,
  onPage,
  onIntent,
}: {
  matched: number;
  offset: number;
  size: number;
  onPage(page: number): void;
  /** The pointer reached a button: its page can be asked already. */
  onIntent?(page: number): void;
}) {
  if (matched <= size) return null;
  const page = Math.floor(offset / size);
  const last = Math.ceil(matched / size) - 1;
  return (
    <nav class="pager" aria-label={tx('Trang của bảng xếp hạng', 'Ranking pages')}>
      <button type="button" disabled={page === 0} onClick={() => onPage(0)} onPointerEnter={() => onIntent?.(0)}>
        «
      </button>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)} onPointerEnter={() => onIntent?.(page - 1)}>
        {tx('‹ Trước', '‹ Previous')}
      </button>
      <span data-testid="page-range">
        {tx(
          `${count(offset + 1, 'vi')}–${count(Math.min(matched, offset + size), 'vi')} / ${count(matched, 'vi')} đơn vị`,
          `${count(offset + 1, 'en')}–${count(Math.min(matched, offset + size), 'en')} of ${count(matched, 'en')} units`,
        )}
      </span>
      <button type="button" disabled={page >= last} onClick={() => onPage(page + 1)} onPointerEnter={() => onIntent?.(page + 1)}>
        {tx('Sau ›', 'Next ›')}
      </button>
      <button type="button" disabled={page >= last} onClick={() => onPage(last)} onPointerEnter={() => onIntent?.(last)}>
        »
      </button>
    </nav>
  );
}
