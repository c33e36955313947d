/**
 * Totals over the years followed back through lineage (GET /api/units/:unit/trend): a unit's own
 * years as a solid line, its predecessors' (or their combination's) as a dashed line with hollow
 * triangles, and the break said in a note under the chart and marked in the table.
 */
import { Chart } from './Chart.tsx';
import { num, plotted } from '../format.ts';
import { tx } from '../i18n.ts';
import type { TrendResponse } from '../../../src/server/responses.ts';

/** A year of GET /api/units/:unit/trend (the total as decimal text). */
export type TrendPointJson = TrendResponse[number];

export const hasLineage = (points: TrendPointJson[] | undefined) => !!points?.some((p) => p.lineage);

export function LineageTrend({
  units,
  precision,
  testId = 'lineage-trend',
}: {
  units: { id: string; name: string; points: TrendPointJson[] }[];
  precision: number;
  testId?: string;
}) {
  const years = [...new Set(units.flatMap((u) => u.points.map((p) => p.year)))].sort((a, b) => a - b);
  const at = (points: TrendPointJson[], year: number) => points.find((p) => p.year === year);
  const series = units.flatMap((u) => {
    const firstOwn = u.points.find((p) => !p.lineage)?.year;
    return [
      // The earlier years, another unit's: dashed, hollow triangles, joined to the first own year so the break shows as a change of style.
      {
        type: 'line',
        name: `${u.name} (${tx('tiền thân', 'predecessors')})`,
        lineStyle: { type: 'dashed' },
        symbol: 'emptyTriangle',
        symbolSize: 9,
        data: years.map((y) => {
          const p = at(u.points, y);
          return p && (p.lineage || y === firstOwn) ? plotted(p.total) : null;
        }),
      },
      {
        type: 'line',
        name: u.name,
        symbol: 'circle',
        data: years.map((y) => {
          const p = at(u.points, y);
          return p && !p.lineage ? plotted(p.total) : null;
        }),
      },
    ];
  });
  const breaks = units.flatMap((u) => u.points.filter((p) => p.breakBefore).map((p) => ({ unit: u.name, words: p.breakBefore! })));
  return (
    <div data-testid={testId}>
      <Chart
        label={`${tx('Diễn biến qua các năm, lần theo đơn vị tiền thân', 'Trend followed back through predecessors')}: ${breaks.map((b) => `${b.unit}: ${tx(b.words.vi, b.words.en)}`).join('; ')}`}
        height={280}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => num(v, precision) },
          legend: { type: 'scroll', top: 0 },
          grid: { left: 48, right: 10, bottom: 30, top: 40 },
          xAxis: { type: 'category', data: years.map(String) },
          yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => num(v, 0) } },
          series,
        }}
      />
      <p class="muted" data-testid="trend-break">
        {tx(
          'Nét đứt, tam giác rỗng: kết quả của đơn vị tiền thân (khác đơn vị, cấp hoặc bộ tiêu chí); nét liền: của chính đơn vị.',
          'Dashed, hollow triangles: the predecessors’ results (another unit, level or framework); solid: the unit’s own.',
        )}{' '}
        {breaks.map((b) => `${units.length > 1 ? `${b.unit}: ` : ''}${tx(b.words.vi, b.words.en)}.`).join(' ')}
      </p>
      <div class="scroll">
        <table class="trend">
          <thead>
            <tr>
              <th scope="col">{tx('Đơn vị', 'Unit')}</th>
              {years.map((y) => (
                <th key={y} class="num" scope="col">
                  {y}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <th scope="row">{u.name}</th>
                {years.map((y) => {
                  const p = at(u.points, y);
                  if (!p)
                    return (
                      <td key={y} class="num">
                        —
                      </td>
                    );
                  return (
                    <td key={y} class="num" title={p.lineage ? tx(p.lineage.words.vi, p.lineage.words.en) : undefined} data-lineage={p.lineage?.kind}>
                      {num(p.total, precision)}{' '}
                      <span class="muted">
                        ({p.rank !== undefined ? `${p.rank}/${p.of}` : '—'}
                        {p.lineage ? `, ${p.lineage.units.map((x) => x.label).join(' + ')}` : ''})
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
