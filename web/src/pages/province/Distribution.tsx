/** How each component's percentages spread over the view's units: a box plot, and its figures as a table. */
import { Chart } from '../../components/Chart.tsx';
import { escapeHtml, num, pct } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import type { Summary } from './types.ts';

export function Distribution({ summary: s }: { summary: Summary }) {
  const names = new Map(s.components.map((c) => [c.code, c.name]));
  const boxTooltip = {
    trigger: 'item',
    formatter: (item: { dataIndex: number }) => {
      const d = s.distributions[item.dataIndex]!;
      return `<strong>${escapeHtml(`${d.code}. ${names.get(d.code) ?? ''}`)}</strong><br>${tx('thấp nhất', 'min')} ${pct(d.min)} · Q1 ${pct(d.q1)} · ${tx('trung vị', 'median')} ${pct(d.median)} · Q3 ${pct(d.q3)} · ${tx('cao nhất', 'max')} ${pct(d.max)}`;
    },
  };
  const percentAxis = { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } };
  return (
    <section class="card">
      <h2>{t('distribution')}</h2>
      {/* Lying down: each component's short name beside its box. */}
      <Chart
        label={t('distribution')}
        height={40 + s.distributions.length * 36}
        option={{
          tooltip: boxTooltip,
          grid: { left: 48, right: 10, bottom: 30, top: 20 },
          xAxis: { type: 'category', data: s.distributions.map((d) => d.code) },
          yAxis: percentAxis,
          series: [
            {
              type: 'boxplot',
              data: s.distributions.map((d) => [d.min, d.q1, d.median, d.q3, d.max].map((v) => (v === null ? 0 : Math.round(Number(v) * 100) / 100))),
            },
          ],
        }}
      />
      {/* The chart's figures as a table: what a screen reader reads, and what a phone shows without hovering. */}
      <details class="chart-table">
        <summary>{tx('Số liệu của biểu đồ', 'The chart’s figures')}</summary>
        <div class="scroll">
          <table data-testid="distribution-table">
            <thead>
              <tr>
                <th scope="col">{t('component')}</th>
                <th class="num" scope="col">
                  {tx('Thấp nhất', 'Min')}
                </th>
                <th class="num" scope="col">
                  Q1
                </th>
                <th class="num" scope="col">
                  {tx('Trung vị', 'Median')}
                </th>
                <th class="num" scope="col">
                  Q3
                </th>
                <th class="num" scope="col">
                  {tx('Cao nhất', 'Max')}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.distributions.map((x) => (
                <tr key={x.code}>
                  <th scope="row">
                    {x.code}. {names.get(x.code)}
                  </th>
                  {[x.min, x.q1, x.median, x.q3, x.max].map((v, i) => (
                    <td key={i} class="num">
                      {pct(v)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
