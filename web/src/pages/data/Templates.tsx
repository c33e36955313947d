/** Templates to fill, built by the server from the current framework and units: one per kind, as .xlsx or CSV. */
import { useState } from 'preact/hooks';
import { DownloadLink } from '../../components/DownloadLink.tsx';
import type { UnitInfo } from '../../components/units.ts';
import { currentLocale, t, tx } from '../../i18n.ts';
import { levelLabel } from '../../labels.ts';
import type { SessionUser } from '../../session.ts';
import { isResultsKind, kindLabel, query, type Cycle, type Framework, type Kind } from './shared.ts';

export interface Choices {
  user: SessionUser | null;
  frameworks: Framework[];
  cycles: Cycle[];
  /** Years one may pick, newest first, with the word for their state ("đang đánh giá"). */
  years: { year: number; note?: string }[];
  units: Map<string, UnitInfo>;
  /** The framework of the cycle being assessed (what one imports into), else the newest. */
  defaultFramework?: string;
  defaultYear?: number;
  /** Plan years: the year after the last published one first. */
  planYears: number[];
}

type Detail = 'components' | 'criteria' | 'all';

export function Templates({ kinds, choices }: { kinds: Kind[]; choices: Choices }) {
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [framework, setFramework] = useState(choices.defaultFramework ?? '');
  const [detail, setDetail] = useState<Detail>('components');
  const [unit, setUnit] = useState(choices.user?.role === 'unitEditor' ? (choices.user.unitId ?? '') : '');
  const [planYear, setPlanYear] = useState(choices.planYears[0]);
  const chosen = choices.frameworks.find((f) => f.id === framework) ?? choices.frameworks.find((f) => f.id === choices.defaultFramework);
  // A framework may serve more than one year (a cycle opened on last year's criteria): the year goes into the template's «Thông tin».
  const frameworkYears = chosen
    ? [...new Set([...choices.cycles.filter((c) => c.framework === chosen.id).map((c) => c.year), chosen.year])].sort((a, b) => b - a)
    : [];
  const [chosenYear, setYear] = useState<number>();
  const year = chosenYear !== undefined && frameworkYears.includes(chosenYear) ? chosenYear : frameworkYears[0];
  const options =
    kind === 'plan'
      ? { kind, unit, year: planYear }
      : kind === 'framework'
        ? { kind, framework: framework || undefined }
        : kind === 'units'
          ? { kind }
          : { kind, framework: chosen?.id, year, detail: kind === 'results' ? detail : undefined };
  const ready = kind === 'plan' ? !!unit && !!planYear : kind === 'framework' || kind === 'units' || !!chosen;
  // CSV as Excel opens it in the reader's language: «;» with decimal commas in Vietnamese, «,» with points in English.
  const path = (format: 'xlsx' | 'csv') =>
    `/api/templates?${query({ ...options, format, separator: format === 'csv' && currentLocale() === 'en' ? ',' : undefined, lang: currentLocale() })}`;
  return (
    <section class="card" id="data-templates" tabIndex={-1}>
      <h2>{tx('Tải mẫu để điền', 'Download a template to fill')}</h2>
      <p class="muted">
        {tx(
          'Mẫu lấy từ bộ tiêu chí và danh sách đơn vị hiện có; trang «Hướng dẫn» đầu tệp nói cách điền. Tệp CSV chỉ có bảng chính.',
          'Templates are built from the current framework and units; their first sheet says how to fill them (sheets and headers are in Vietnamese). A CSV file holds the main table only.',
        )}
      </p>
      <div class="row">
        <div class="field">
          <label for="template-kind">{tx('Loại dữ liệu', 'Kind of data')}</label>
          <select id="template-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        {(isResultsKind(kind) || kind === 'framework') && (
          <div class="field">
            <label for="template-framework">{t('frameworks')}</label>
            <select id="template-framework" value={kind === 'framework' ? framework : (chosen?.id ?? '')} onChange={(e) => setFramework(e.currentTarget.value)}>
              {kind === 'framework' && <option value="">{tx('— mẫu trống —', '— blank template —')}</option>}
              {choices.frameworks.map((f) => (
                <option key={f.id} value={f.id}>
                  {tx(`Năm ${f.year}`, `Year ${f.year}`)}, {levelLabel(f.level)} — {f.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {isResultsKind(kind) && frameworkYears.length > 0 && (
          <div class="field">
            <label for="template-year">{t('year')}</label>
            <select id="template-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {frameworkYears.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        )}
        {kind === 'results' && (
          <div class="field">
            <label for="template-detail">{tx('Mức chi tiết', 'Detail')}</label>
            <select id="template-detail" value={detail} onChange={(e) => setDetail(e.currentTarget.value as Detail)}>
              <option value="components">{tx('Theo lĩnh vực (như bảng công bố)', 'By component (as published)')}</option>
              <option value="criteria">{tx('Theo tiêu chí', 'By criterion')}</option>
              <option value="all">{tx('Đến tiêu chí thành phần', 'Down to sub-criteria')}</option>
            </select>
          </div>
        )}
        {kind === 'plan' && <PlanTarget prefix="template" choices={choices} unit={unit} setUnit={setUnit} year={planYear} setYear={setPlanYear} />}
      </div>
      {ready ? (
        <p class="links">
          <DownloadLink href={path('xlsx')}>{tx('Tải mẫu .xlsx', 'Download .xlsx')}</DownloadLink>
          <DownloadLink href={path('csv')}>{tx('Tải mẫu .csv', 'Download .csv')}</DownloadLink>
        </p>
      ) : (
        <p class="muted">
          {kind === 'plan'
            ? tx('Chọn đơn vị và năm của kế hoạch.', 'Choose the plan’s unit and year.')
            : tx('Chưa có bộ tiêu chí nào.', 'There is no framework yet.')}
        </p>
      )}
    </section>
  );
}

/** The unit and year of a plan: a unit editor's own unit is fixed, the province chooses. */
export function PlanTarget({
  prefix,
  choices,
  unit,
  setUnit,
  year,
  setYear,
  error,
}: {
  prefix: string;
  choices: Choices;
  unit: string;
  setUnit: (u: string) => void;
  year: number | undefined;
  setYear: (y: number) => void;
  error?: { unit?: string; year?: string };
}) {
  const own = choices.user?.role === 'unitEditor' || choices.user?.role === 'unitViewer';
  const units = [...choices.units.values()];
  return (
    <>
      <div class="field">
        <label for={`${prefix}-unit`}>{t('unit')}</label>
        {own ? (
          <output id={`${prefix}-unit`}>{choices.units.get(unit)?.name ?? unit}</output>
        ) : (
          <select id={`${prefix}-unit`} value={unit} onChange={(e) => setUnit(e.currentTarget.value)} aria-invalid={!!error?.unit}>
            <option value="">{tx('— chọn đơn vị —', '— choose a unit —')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
        {error?.unit && (
          <span class="field-error" role="alert">
            {error.unit}
          </span>
        )}
      </div>
      <div class="field">
        <label for={`${prefix}-year`}>{tx('Năm kế hoạch', 'Plan year')}</label>
        <select id={`${prefix}-year`} value={year} onChange={(e) => setYear(Number(e.currentTarget.value))} aria-invalid={!!error?.year}>
          {choices.planYears.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        {error?.year && (
          <span class="field-error" role="alert">
            {error.year}
          </span>
        )}
      </div>
    </>
  );
}
