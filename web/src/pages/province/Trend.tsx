/**
 * The group over the years: its median total and the band between the quartiles, with the units
 * the reader picked or searched drawn on top (every unit when the group is small), and a table of
 * the shown page's units year by year.
 */
import { Chart } from '../../components/Chart.tsx';
import { Loading } from '../../components/Notice.tsx';
import { num, plotted } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import type { Row, TrendYear } from './types.ts';

export function Trend({ years, drawn, rows, precision }: { years: TrendYear[] | undefined; drawn: string[]; rows: Row[]; precision: number }) {
  if (!years) return <Loading />;
  if (years.length < 2) return <p class="muted">{tx('Cần kết quả của ít nhất hai năm.', 'Needs the results of at least two years.')}</p>;
  const d = precision;
  const of = (year: TrendYear, id: string) => year.units.find((u) => u.id === id);
  const nameOf = new Map(years.flatMap((y) => y.units.map((u) => [u.id, u.name] as const)));
  /** A point's place on the chart (the figures are decimal texts; a chart plots numbers). */
  const round = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 10 ** d) / 10 ** d);
  const band = tx('Khoảng tứ phân vị (25–75%)', 'Interquartile band (25–75%)');
  const median = tx('Trung vị của nhóm', 'Group median');
  return (
    <>
      <Chart
        label={`${t('trend')}: ${median} ${years.map((y) => `${y.year} ${num(y.median, d)}`).join(', ')}`}
        height={300}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => num(v, d) },
          legend: { type: 'scroll', top: 0, data: [median, band, ...drawn.map((id) => nameOf.get(id) ?? id)] },
          grid: { left: 48, right: 10, bottom: 30, top: 40 },
          xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
          yAxis: { type: 'value', scale: true, name: t('total'), axisLabel: { formatter: (v: number) => num(v, 0) } },
          series: [
            // The band: Q1 (invisible), then Q3 − Q1 stacked on it and filled.
            {
              type: 'line',
              name: `${band} (Q1)`,
              stack: 'band',
              data: years.map((y) => round(y.q1)),
              lineStyle: { opacity: 0 },
              symbol: 'none',
              tooltip: { show: false },
            },
            {
              type: 'line',
              name: band,
              stack: 'band',
              data: years.map((y) => (y.q1 === null || y.q3 === null ? null : round(Number(y.q3) - Number(y.q1)))),
              lineStyle: { opacity: 0 },
              symbol: 'none',
              areaStyle: { color: '#9ab8d8', opacity: 0.45 },
              itemStyle: { color: '#9ab8d8' },
            },
            {
              type: 'line',
              name: median,
              data: years.map((y) => round(y.median)),
              lineStyle: { type: 'dashed', width: 2, color: '#345' },
              itemStyle: { color: '#345' },
            },
            ...drawn.map((id) => ({ type: 'line', name: nameOf.get(id) ?? id, data: years.map((y) => plotted(of(y, id)?.total)) })),
          ],
        }}
      />
      <div class="scroll">
        <table class="trend" data-testid="trend">
          <thead>
            <tr>
              <th scope="col">{t('unit')}</th>
              {years.map((y) => (
                <th key={y.year} class="num" scope="col">
                  {y.year}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr class="muted" data-testid="trend-median">
              <th scope="row">{median}</th>
              {years.map((y) => (
                <td key={y.year} class="num">
                  {num(y.median, y.precision)}
                </td>
              ))}
            </tr>
            {rows.map((u) => (
              <tr key={u.unit.id}>
                <th scope="row">{u.unit.name}</th>
                {years.map((y) => {
                  const row = of(y, u.unit.id);
                  return (
                    <td key={y.year} class="num">
                      {num(row?.total, y.precision)}{' '}
                      <span class="muted">
                        ({row?.rank ?? '—'}/{y.of})
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
