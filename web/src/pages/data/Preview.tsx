/** What a file would change (or changed), value by value; or why it was refused, cell by cell. */
import type { ApiIssue } from '../../api.ts';
import { unitName } from '../../components/units.ts';
import { exact } from '../../format.ts';
import { useFetch } from '../../components/useFetch.ts';
import { currentLocale, tx } from '../../i18n.ts';
import { href } from '../../router.ts';
import { problemOf } from './problems.ts';
import { changeLabel, isResultsKind, query, shownValue, type ImportResult, type Kind } from './shared.ts';
import { Review, type ReviewFilter } from './Review.tsx';
import { useState } from 'preact/hooks';
import type { Choices } from './Templates.tsx';
import type { NodeDoc } from '../Tree.tsx';
import type { FrameworkResponse } from '../../../../src/server/responses.ts';
import type { ChangePageResponse } from '../../../../src/server/contract/admin.ts';

/** Criterion names of the year's framework, so a reader checks "1.7 Thực hiện công tác CCHC…" rather than a bare code. */
function useCriterionNames(frameworkId: string | undefined): Map<string, string> {
  const framework = useFetch<FrameworkResponse>(frameworkId && `/api/frameworks/${frameworkId}`);
  const names = new Map<string, string>();
  const walk = (nodes: NodeDoc[]) => {
    for (const n of nodes) {
      names.set(n.code, n.name);
      walk(n.children ?? []);
    }
  };
  walk(framework.data?.components ?? []);
  return names;
}

/** Enough to check a file by eye (and all the server is asked to list); the counts say how many more there are. */
export const SHOWN = 200;

export function Changes({ result, kind, year, choices }: { result: ImportResult; kind: Kind; year?: number; choices: Choices }) {
  const { counts, changes } = result;
  const locale = currentLocale();
  // One way of writing numbers on the line: the reader's (50.200, not 50200 beside 50.200).
  const summary = tx(
    `thêm ${exact(counts.added)}, sửa ${exact(counts.changed)}, xóa ${exact(counts.removed)} giá trị`,
    `${exact(counts.added)} added, ${exact(counts.changed)} changed, ${exact(counts.removed)} removed`,
  );
  const touched = result.unitsChanged ?? [...new Set(changes.map((c) => c.unitId).filter((u): u is string => !!u))];
  const total = result.changesTotal ?? changes.length;
  const names = useCriterionNames(isResultsKind(kind) ? choices.cycles.find((c) => c.year === year)?.framework : undefined);
  const [filter, setFilter] = useState<ReviewFilter>({});
  const filtered = !!(filter.unit || filter.code || filter.change);
  // A filter lists its changes from the whole list the server kept; else the first ones the answer gave.
  const found = useFetch<ChangePageResponse>(
    result.changeList && filtered ? `/api/import/changes/${result.changeList}?${query({ ...filter, limit: SHOWN })}` : undefined,
  );
  const listed = filtered ? (found.data?.changes ?? []) : changes;
  const listedTotal = filtered ? (found.data?.total ?? 0) : total;
  // A review for what cannot be checked at a glance: several units, or more changes than listed.
  const reviewed = result.changeList && (touched.length > 1 || total > SHOWN);
  return (
    <div class={`report ${result.dryRun ? 'preview' : 'ok'}`} role="status" data-testid="import-report">
      <p>
        <strong>
          {result.dryRun
            ? changes.length
              ? tx('Tệp hợp lệ. Nếu nhập sẽ:', 'The file is valid. Importing it would:')
              : tx('Tệp hợp lệ nhưng không thay đổi gì so với số liệu đã lưu.', 'The file is valid but changes nothing in the stored data.')
            : tx('Đã nhập (một giao dịch):', 'Imported (one transaction):')}
        </strong>{' '}
        {changes.length > 0 && summary}
        {touched.length > 1 && <span> {tx(`ở ${exact(touched.length)} đơn vị`, `in ${exact(touched.length)} units`)}</span>}
      </p>
      {result.notices?.map((n, i) => (
        <p key={i} class="notice">
          {n[locale]}
        </p>
      ))}
      {result.ignoredColumns && result.ignoredColumns.length > 0 && (
        <p class="muted">
          {tx('Cột không đọc (bỏ qua):', 'Columns not read (ignored):')} {result.ignoredColumns.join('; ')}
        </p>
      )}
      {reviewed && <Review id={result.changeList!} filter={filter} onFilter={setFilter} criterionName={(code) => names.get(code)} />}
      {listed.length > 0 && (
        <div class="scroll">
          <table class="changes stack" data-testid="change-list">
            <thead>
              <tr>
                <th scope="col">{tx('Đơn vị', 'Unit')}</th>
                <th scope="col">{tx('Tiêu chí, mục', 'Criterion, item')}</th>
                <th scope="col">{tx('Nội dung', 'What')}</th>
                <th scope="col">{tx('Trước → sau', 'Before → after')}</th>
              </tr>
            </thead>
            <tbody>
              {listed.slice(0, SHOWN).map((c, i) => (
                <tr key={i} data-unit={c.unitId} data-code={c.code} data-change={c.change}>
                  <td data-label={tx('Đơn vị', 'Unit')}>{c.unitId ? unitName(choices.units, c.unitId) : '—'}</td>
                  <td data-label={tx('Tiêu chí, mục', 'Criterion, item')}>
                    {c.code ?? '—'}
                    {c.code && names.has(c.code) && <span class="muted"> {names.get(c.code)}</span>}
                  </td>
                  <td data-label={tx('Nội dung', 'What')}>{changeLabel(c)}</td>
                  <td data-label={tx('Trước → sau', 'Before → after')} class="change">
                    {shownValue(c.before, c.part)} → {shownValue(c.after, c.part)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {listedTotal > SHOWN && (
        <p class="muted" data-testid="more-changes">
          {result.changeList
            ? tx(
                `… và ${exact(listedTotal - SHOWN)} thay đổi khác: lọc theo đơn vị hoặc tiêu chí ở bảng trên, hoặc tải toàn bộ danh sách.`,
                `… and ${exact(listedTotal - SHOWN)} more: filter by unit or criterion above, or download the whole list.`,
              )
            : tx(
                `… và ${exact(listedTotal - SHOWN)} thay đổi khác, ở ${exact(touched.length)} đơn vị (xem đủ bằng «parindex import … --dry-run --all»).`,
                `… and ${exact(listedTotal - SHOWN)} more, in ${exact(touched.length)} units (all of them with «parindex import … --dry-run --all»).`,
              )}
        </p>
      )}
      {!result.dryRun && <SeeIt kind={kind} units={touched} year={year} choices={choices} />}
    </div>
  );
}

/** Where the imported figures can be seen. */
function SeeIt({ kind, units, year, choices }: { kind: Kind; units: string[]; year?: number; choices: Choices }) {
  if (kind === 'framework')
    return (
      <p>
        <a href="#/admin">{tx('Xem các bộ tiêu chí, mở kỳ đánh giá', 'See the frameworks, open a cycle')} →</a>
      </p>
    );
  if (kind === 'units')
    return (
      <p>
        <a href="#/admin">{tx('Xem danh sách đơn vị trong trang Quản trị', 'See the units in the administration')} →</a>
      </p>
    );
  if (!units.length) return null;
  return (
    <p class="links">
      {tx('Xem:', 'See:')}{' '}
      {units.slice(0, 10).map((u) => {
        const name = unitName(choices.units, u);
        if (kind === 'plan')
          return (
            <a key={u} href={href(`/plan/${u}`, { year })}>
              {tx(`Kế hoạch của ${name}`, `${name}’s plan`)}
            </a>
          );
        return isResultsKind(kind) ? (
          <a key={u} href={resultsPlace(u, year, choices)}>
            {name}
          </a>
        ) : null;
      })}
    </p>
  );
}

/** A draft year is seen in the unit's assessment file, a published one on its dashboard. */
function resultsPlace(unit: string, year: number | undefined, choices: Choices): string {
  const cycle = choices.cycles.find((c) => c.year === year);
  return cycle && cycle.phase !== 'published' ? href(`/assess/${cycle.id}/${unit}`) : href(`/unit/${unit}`, { year });
}

export function Problems({ issues, message, fieldsShown, imported }: { issues: ApiIssue[]; message: string; fieldsShown: boolean; imported: boolean }) {
  const locale = currentLocale();
  const problems = issues.map((i) => problemOf(i, locale));
  const located = problems.some((p) => p.sheet || p.row);
  return (
    <div class="report error" role="alert" data-testid="import-problems">
      <p>
        <strong>
          {imported ? tx('Không nhập được.', 'Not imported.') : tx('Tệp chưa nhập được.', 'The file cannot be imported.')}{' '}
          {problems.length > 0 && tx(`${problems.length} lỗi. `, `${problems.length} problem(s). `)}
          {tx('Chưa có gì được ghi.', 'Nothing was written.')}
        </strong>
      </p>
      {located ? (
        <div class="scroll">
          <table class="problems-table stack">
            <thead>
              <tr>
                <th scope="col">{tx('Trang', 'Sheet')}</th>
                <th scope="col" class="num">
                  {tx('Dòng', 'Row')}
                </th>
                <th scope="col">{tx('Cột', 'Column')}</th>
                <th scope="col">{tx('Giá trị', 'Value')}</th>
                <th scope="col">{tx('Lý do', 'Why')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={i} data-cell={p.column && p.row ? `${p.sheet}!${p.column}${p.row}` : undefined}>
                  <td data-label={tx('Trang', 'Sheet')}>{p.sheet ?? '—'}</td>
                  <td class="num" data-label={tx('Dòng', 'Row')}>
                    {p.row ?? '—'}
                  </td>
                  <td data-label={tx('Cột', 'Column')}>{p.column ? `${p.column}${p.header ? ` — ${p.header}` : ''}` : '—'}</td>
                  <td data-label={tx('Giá trị', 'Value')}>{p.value ?? '—'}</td>
                  <td data-label={tx('Lý do', 'Why')}>
                    {p.node && !p.reason.includes(p.node) ? `${tx('Tiêu chí', 'Criterion')} ${p.node}: ` : ''}
                    {p.reason}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : problems.length > 0 ? (
        <ul>
          {problems.map((p, i) => (
            <li key={i}>{p.reason}</li>
          ))}
        </ul>
      ) : (
        !fieldsShown && <p>{message}</p>
      )}
    </div>
  );
}
