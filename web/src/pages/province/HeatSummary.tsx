/**
 * The heat map of a large ranking, aggregated: the mean % of each component per tenth of the
 * ranking (ranks from…to) and, when it spans several groups, per group; a line opens those
 * units in the table (drill-down).
 */
import { num, pct } from '../../format.ts';
import { t, tx } from '../../i18n.ts';
import { heatColour } from './RankingTable.tsx';
import type { Summary } from './types.ts';

/** Below this many units the table's own cells are the heat map. */
export const AGGREGATE_FROM = 20;

export function HeatSummary({ summary, onDecile, onGroup }: { summary: Summary; onDecile(from: number, to: number): void; onGroup(id: string): void }) {
  const d = summary.precision;
  const names = new Map(summary.components.map((c) => [c.code, c.name]));
  const cells = (values: (string | null)[]) =>
    values.map((p, k) => {
      const code = summary.components[k]!.code;
      return (
        <td key={code} class="num heat" style={{ background: heatColour(p) }} title={`${code}. ${names.get(code)}: ${pct(p)}`}>
          {pct(p, 1)}
        </td>
      );
    });
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col" class="num">
          {tx('Số đơn vị', 'Units')}
        </th>
        <th scope="col" class="num">
          {tx('Tổng điểm TB', 'Mean total')}
        </th>
        {summary.components.map((c) => (
          <th key={c.code} scope="col" class="num" title={`${c.code}. ${c.name}`}>
            {c.code}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <section class="card">
      <h2>{tx('Bản đồ nhiệt theo nhóm thứ hạng (% điểm tối đa, trung bình)', 'Heat map by rank band (mean % of max)')}</h2>
      <p class="muted">{tx('Chọn một dòng để xem các đơn vị đó trong bảng xếp hạng.', 'Choose a line to see those units in the ranking.')}</p>
      <div class="scroll">
        <table class="heat-summary" data-testid="heat-deciles">
          {head(tx('Thứ hạng', 'Ranks'))}
          <tbody>
            {summary.heat.deciles.map((b) => (
              <tr key={b.from} data-from={b.from} data-to={b.to}>
                <th scope="row">
                  <button type="button" class="link" onClick={() => onDecile(b.from, b.to)}>
                    {tx(`Hạng ${b.from}–${b.to}`, `Ranks ${b.from}–${b.to}`)}
                  </button>
                </th>
                <td class="num">{b.count}</td>
                <td class="num">{num(b.total, d)}</td>
                {cells(b.components)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summary.heat.groups.length > 0 && (
        <div class="scroll">
          <table class="heat-summary" data-testid="heat-groups">
            {head(tx('Nhóm', 'Group'))}
            <tbody>
              {summary.heat.groups.map((g) => (
                <tr key={g.id} data-group={g.id}>
                  <th scope="row">
                    <button type="button" class="link" onClick={() => onGroup(g.id)}>
                      {g.name}
                    </button>
                  </th>
                  <td class="num">{g.count}</td>
                  <td class="num">{num(g.total, d)}</td>
                  {cells(g.components)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="muted">{t('heatmap')}</p>
    </section>
  );
}
