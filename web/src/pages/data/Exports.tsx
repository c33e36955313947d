/** Exports as .xlsx (formatted, Vietnamese number formats) and CSV: results, ranking, deductions, a framework, the units, a unit's plan, the audit trail. */
import { useState } from 'preact/hooks';
import { DownloadLink } from '../../components/DownloadLink.tsx';
import { currentLocale, t, tx } from '../../i18n.ts';
import { useFetch } from '../../components/useFetch.ts';
import { levelLabel } from '../../labels.ts';
import { query } from './shared.ts';
import { PlanTarget, type Choices } from './Templates.tsx';
import type { ResultGroupsResponse } from '../../../../src/server/responses.ts';

/** The two files of one export: Excel, and CSV as Excel opens it in the reader's language (`;` with decimal commas in Vietnamese). */
function Files({ path, options, what }: { path: string; options: Record<string, string | number | undefined>; what: string }) {
  const locale = currentLocale();
  // The audit trail's route takes no separator (it writes «;»); the exports do.
  const separator = locale === 'en' && path === '/api/export' ? ',' : undefined;
  return (
    <>
      <td data-label="Excel">
        <DownloadLink href={`${path}?${query({ ...options, format: 'xlsx', lang: locale })}`} label={`${what} .xlsx`}>
          .xlsx
        </DownloadLink>
      </td>
      <td data-label="CSV">
        <DownloadLink href={`${path}?${query({ ...options, format: 'csv', separator, lang: locale })}`} label={`${what} .csv`}>
          .csv
        </DownloadLink>
      </td>
    </>
  );
}

export function Exports({ choices, readsPlans }: { choices: Choices; readsPlans: boolean }) {
  const { user } = choices;
  const [year, setYear] = useState(choices.years[0]?.year);
  const levels = [
    ...new Set(
      choices.cycles
        .filter((c) => c.year === year)
        .map((c) => choices.frameworks.find((f) => f.id === c.framework)?.level)
        .filter((l): l is string => !!l),
    ),
  ];
  const [chosenLevel, setLevel] = useState<string>();
  const level = chosenLevel && levels.includes(chosenLevel) ? chosenLevel : levels[0];
  const [framework, setFramework] = useState(choices.defaultFramework ?? choices.frameworks[0]?.id);
  const [unit, setUnit] = useState(user?.unitId ?? '');
  const [planYear, setPlanYear] = useState(choices.planYears[0]);
  // A year of several peer groups exports all of them (a sheet each) or the one chosen.
  const groups = (useFetch<ResultGroupsResponse>(year !== undefined ? `/api/results/groups?year=${year}` : undefined).data ?? []).filter(
    (g) => g.level === level,
  );
  const [chosenGroup, setGroup] = useState('');
  const group = groups.some((g) => g.group === chosenGroup) ? chosenGroup : '';
  const figures = { year, level: levels.length > 1 ? level : undefined, group: group || undefined };
  const rows: [string, string, string][] = [
    ['results', tx('Kết quả (nhập lại được) và bảng tổng hợp', 'Results (importable again) and the summary'), tx('Kết quả', 'Results')],
    ['ranking', tx('Xếp hạng (tổng điểm và từng lĩnh vực, cùng hạng)', 'Ranking (total and each component, ties)'), tx('Xếp hạng', 'Ranking')],
    ['deductions', tx('Điểm trừ và lý do', 'Deductions and reasons'), tx('Điểm trừ', 'Deductions')],
  ];
  const none = (why: string) => (
    <td colSpan={2} class="muted">
      {why}
    </td>
  );
  return (
    <section class="card" id="data-export" tabIndex={-1}>
      <h2>{tx('Xuất dữ liệu', 'Export')}</h2>
      <p class="muted">
        {user ? tx('Xuất những gì tài khoản này được xem.', 'Exports hold what this account may read.') : tx('Kết quả đã công bố.', 'Published results.')}{' '}
        {tx('Excel có định dạng số kiểu Việt Nam; CSV mở được bằng Excel (UTF-8).', 'Excel files are formatted; CSV files open in Excel (UTF-8).')}
      </p>
      <div class="row">
        {year !== undefined && (
          <div class="field">
            <label for="export-year">{t('year')}</label>
            <select id="export-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {choices.years.map((y) => (
                <option key={y.year} value={y.year}>
                  {y.year}
                  {y.note ? ` (${y.note})` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {levels.length > 1 && (
          <div class="field">
            <label for="export-level">{tx('Cấp', 'Level')}</label>
            <select id="export-level" value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l)}
                </option>
              ))}
            </select>
          </div>
        )}
        {groups.length > 1 && (
          <div class="field">
            <label for="export-group">{tx('Nhóm', 'Group')}</label>
            <select id="export-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
              <option value="">{tx('Tất cả các nhóm (mỗi nhóm một trang)', 'All groups (a sheet each)')}</option>
              {groups.map((g) => (
                <option key={g.group} value={g.group}>
                  {tx(g.name, g.nameEn ?? g.name)}
                </option>
              ))}
            </select>
          </div>
        )}
        {choices.frameworks.length > 0 && (
          <div class="field">
            <label for="export-framework">{t('frameworks')}</label>
            <select id="export-framework" value={framework} onChange={(e) => setFramework(e.currentTarget.value)}>
              {choices.frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {tx(`Năm ${f.year}`, `Year ${f.year}`)}, {levelLabel(f.level)} — {f.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {readsPlans && (
        <div class="row">
          <PlanTarget prefix="export-plan" choices={choices} unit={unit} setUnit={setUnit} year={planYear} setYear={setPlanYear} />
        </div>
      )}
      <div class="scroll">
        <table class="exports stack">
          <thead>
            <tr>
              <th scope="col">{tx('Dữ liệu', 'Data')}</th>
              <th scope="col">Excel</th>
              <th scope="col">CSV</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([what, label, short]) => (
              <tr key={what} data-export={what}>
                <th scope="row">
                  {label}
                  {year !== undefined && `, ${tx('năm', 'year')} ${year}`}
                </th>
                {year === undefined ? none(t('noData')) : <Files path="/api/export" options={{ what, ...figures }} what={`${short} ${year}`} />}
              </tr>
            ))}
            {choices.frameworks.length > 0 && (
              <tr data-export="framework">
                <th scope="row">{tx('Cây tiêu chí của bộ tiêu chí đã chọn', 'The chosen framework’s criteria tree')}</th>
                <Files path="/api/export" options={{ what: 'framework', framework }} what={t('frameworks')} />
              </tr>
            )}
            <tr data-export="units">
              <th scope="row">{tx('Danh sách đơn vị (hiệu lực, sáp nhập; nhập lại được)', 'Units (validity, mergers; importable again)')}</th>
              <Files path="/api/export" options={{ what: 'units' }} what={t('units')} />
            </tr>
            {readsPlans && (
              <tr data-export="plan">
                <th scope="row">
                  {tx('Kế hoạch nhiệm vụ và lịch báo cáo', 'Action plan and reporting calendar')}
                  {unit && planYear ? ` — ${choices.units.get(unit)?.name ?? unit}, ${planYear}` : ''}
                </th>
                {unit && planYear ? (
                  <Files path="/api/export" options={{ what: 'plan', unit, year: planYear }} what={tx('Kế hoạch', 'Plan')} />
                ) : (
                  none(tx('Chọn đơn vị ở trên', 'Choose the unit above'))
                )}
              </tr>
            )}
            {user?.role === 'admin' && (
              <tr data-export="audit">
                <th scope="row">{tx('Toàn bộ nhật ký thay đổi (ai, lúc nào, cũ → mới)', 'The whole audit trail (who, when, old → new)')}</th>
                <Files path="/api/audit" options={{}} what={tx('Nhật ký', 'Audit trail')} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
