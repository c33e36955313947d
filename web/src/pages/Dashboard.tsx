/** One unit's year at a glance: total, rank, change, split, components, deductions, peers. */
import { componentLabel } from '../labels.ts';
import { Chart } from '../components/Chart.tsx';
import { hasLineage, LineageTrend, type TrendPointJson } from '../components/LineageTrend.tsx';
import { Failure, Loading } from '../components/Notice.tsx';
import { SurveyExplanations } from '../components/SurveyExplanations.tsx';
import { useFetch } from '../components/useFetch.ts';
import { count, date, escapeHtml, exact, num, pct, signed } from '../format.ts';
import { t, tx } from '../i18n.ts';
import { href } from '../router.ts';
import type { CompactAnalysisResponse, UnitResponse } from '../../../src/server/responses.ts';
import type { SessionUser } from '../session.ts';
import { mayReadPlan } from './data/kinds.ts';
import { publishedYears } from './Home.tsx';

/** A unit's analysis as the API sends it with peers=near (points and percentages as decimal texts; its neighbours, sparse criteria). */
export type Analysis = CompactAnalysisResponse;
/** Last year's node the framework dropped. */
export type DroppedNode = Analysis['droppedComponents'][number];

export function rankChangeText(places: number): string {
  if (places === 0) return tx('giữ nguyên hạng', 'same rank');
  return places > 0 ? tx(`tăng ${places} hạng`, `up ${places}`) : tx(`giảm ${-places} hạng`, `down ${-places}`);
}

/** `user`: undefined while the session is not known yet (the figures do not wait for it). */
export function Dashboard({ unitId, year, user }: { unitId: string; year?: number; user?: SessionUser | null }) {
  // The unit's own cycles: a year may hold several (districts and departments in 2024), and only its own says whether its year is still open.
  const unit = useFetch<UnitResponse>(`/api/units/${unitId}`);
  const published = publishedYears(unit.data?.cycles);
  const chosen = year ?? (unit.data ? (unit.data.years.find((y) => published.includes(y)) ?? unit.data.years[0]) : undefined);
  const openCycle = unit.data?.cycles.find((c) => c.year === chosen && c.phase !== 'published');
  // Asked at once when the year is in the link (the usual case): the first paint waits for one round trip.
  // peers=near: the unit's neighbours and its group's summary, not every peer (a national group has thousands).
  const { data: a, error } = useFetch<Analysis>(chosen ? `/api/units/${unitId}/analysis/near?year=${chosen}` : undefined);
  // Followed back through lineage: shown only when the unit has predecessors' years (a unit of its own history needs no break).
  const { data: trend } = useFetch<TrendPointJson[]>(a?.baseline?.lineage ? `/api/units/${unitId}/trend` : undefined);
  const error0 = unit.error ?? (openCycle ? undefined : error);
  if (error0) return <Failure error={error0} />;
  const yearPicker = (current: number) => (
    <label class="inline">
      {t('year')}{' '}
      <select value={current} onChange={(e) => (location.hash = href(`/unit/${unitId}`, { year: e.currentTarget.value }))}>
        {(unit.data?.years ?? [current]).map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
  if (openCycle && unit.data && chosen) {
    // A year still being assessed has no figures to show: point to the file instead.
    return (
      <article>
        <div class="title-row">
          <h1>
            {unit.data.name} — {chosen}
          </h1>
          {yearPicker(chosen)}
        </div>
        <p class="card" data-testid="not-published">
          {tx(`Kết quả năm ${chosen} chưa công bố (đang trong kỳ đánh giá).`, `The ${chosen} results are not published yet (the cycle is open).`)}{' '}
          <a href={href(`/assess/${openCycle.id}/${unitId}`)}>{tx('Xem hồ sơ đánh giá', 'Open the assessment')} →</a>
        </p>
      </article>
    );
  }
  if (!a || (a.total === null && !unit.data)) return <Loading />;
  // Totals and scores to the framework's precision, over its own maximum (18, 100, …).
  const d = a.precision;
  const names = new Map([...Object.entries(a.names ?? {}), ...a.peers.map((p) => [p.unit, p.name] as const)]);
  const ties = (ids: string[], count = ids.length) =>
    tieList(
      ids.map((id) => names.get(id) ?? id),
      count,
    );
  const sorted = [...a.components].sort((x, y) => Number(y.pointsLost ?? 0) - Number(x.pointsLost ?? 0));
  const rankCounts = new Map<number, number>();
  for (const p of a.peers) if (p.rank !== null) rankCounts.set(p.rank, (rankCounts.get(p.rank) ?? 0) + 1);
  const peers = [...a.peers].sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity));
  const tieNote = (rank: number | null) => (rank !== null && (rankCounts.get(rank) ?? 0) > 1 ? <span class="tie"> ({t('tied')})</span> : '');
  const percentAxis = { type: 'value', max: 100, axisLabel: { formatter: (v: number) => `${num(v, 0)}%` } };
  const tooltip = {
    trigger: 'axis',
    formatter: (items: { dataIndex: number; seriesName: string; marker: string }[]) => {
      const c = a.components[items[0]!.dataIndex]!;
      const lines = items.map((i) => {
        const previous = i.seriesName !== String(a.year);
        return `${i.marker}${i.seriesName}: ${num(previous ? c.previousScore : c.score, d)}/${num(c.max, d)} (${pct(previous ? c.previousPercent : c.percent)})`;
      });
      return `<strong>${escapeHtml(`${c.code}. ${c.name}`)}</strong><br>${lines.join('<br>')}`;
    },
  };
  return (
    <article class="dashboard">
      <div class="title-row">
        <h1>
          {a.unit.fullName} — {a.year}
        </h1>
        {yearPicker(a.year)}
      </div>
      <p class="muted" data-testid="index">
        {tx(a.index.vi.label, a.index.en.label)}
      </p>
      {a.publication?.decision && (
        <p class="muted">
          {tx('Kết quả công bố theo Quyết định', 'Results published by decision')} {a.publication.decision}
          {a.publication.date ? ` ${tx('ngày', 'of')} ${date(a.publication.date)}` : ''}
        </p>
      )}
      {a.publication?.auditHead && (
        <p class="muted">
          {tx('Nhật ký thay đổi đến mục', 'Audit trail up to entry')} {a.publication.auditHead.replace(':', tx(', mã băm ', ', hash '))}
        </p>
      )}
      <section class="cards" aria-label={t('total')}>
        <div class="card stat">
          <span class="label">{t('total')}</span>
          <strong data-testid="total">{num(a.total, d)}</strong>
          <span class="muted" data-testid="max">
            {tx(`điểm / ${exact(a.max)}`, `points of ${exact(a.max)}`)}
          </span>
        </div>
        <div class="card stat">
          <span class="label">{t('rank')}</span>
          <strong data-testid="rank">
            {a.rank ?? '—'}/{a.of}
          </strong>
          <span class="muted">
            {a.tiedWith.length ? (
              <span class="tie">
                {' '}
                ({t('tied')}: {ties(a.tiedWith, a.tiedCount)})
              </span>
            ) : (
              tieNote(a.rank)
            )}
          </span>
        </div>
        <div class="card stat">
          <span class="label">
            {t('change')} {a.previous ? `(${a.previous.year})` : ''}
          </span>
          <strong data-testid="change">{a.totalChange ? `${signed(a.totalChange.points, d)} ${t('points')}` : '—'}</strong>
          <span class="muted" data-testid="rank-change">
            {a.rankChange ? `${rankChangeText(a.rankChange.places)} (${a.previous?.rank} → ${a.rank})` : ''}
          </span>
          {a.baseline && a.baseline.kind !== 'own' && (a.baseline.kind !== 'none' || a.baseline.lineage) && (
            <span class="muted" data-testid="baseline">
              {tx(a.baseline.words.vi, a.baseline.words.en)}
              {!a.baseline.rankComparable && a.baseline.units.some((u) => u.rank !== null) && (
                <span data-testid="baseline-ranks">
                  {' — '}
                  {tx('thứ hạng không so sánh (khác nhóm): ', 'ranks not compared (other peers): ')}
                  {`${a.year}: ${a.rank ?? '—'}/${a.of}; `}
                  {a.baseline.units
                    .filter((u) => u.rank !== null)
                    .map((u) => `${u.label} ${a.baseline!.year}: ${u.rank}/${u.of}`)
                    .join('; ')}
                </span>
              )}
            </span>
          )}
        </div>
        {a.classification && (
          <div class="card stat">
            <span class="label">{tx('Xếp loại', 'Band')}</span>
            <strong data-testid="band">{a.classification}</strong>
          </div>
        )}
        {a.hasSurvey && a.survey !== null && (
          <div class="card stat">
            <span class="label">
              {t('appraisal')} / {t('survey')}
            </span>
            <strong data-testid="split">
              {num(a.appraisal, d)} / {num(a.survey, d)}
            </strong>
          </div>
        )}
      </section>
      {a.hasSurvey && <SurveyExplanations unitId={unitId} year={a.year} frameworkId={a.framework.id} />}
      <p class="links">
        <a href={href(`/tree/${unitId}`, { year: a.year })}>{t('criteria')} →</a>
        <PlanLink unitId={unitId} year={a.year + 1} user={user} />
        <a href={`/api/units/${unitId}/report?year=${a.year}`} target="_blank" rel="noopener" hrefLang="vi">
          {t('report')}
        </a>
        <a href={`/api/units/${unitId}/report?year=${a.year}&format=docx`} hrefLang="vi">
          {t('downloadDocx')}
        </a>
        <a href={`/api/units/${unitId}/report?year=${a.year}&format=pdf`} hrefLang="vi">
          {t('downloadPdf')}
        </a>
        <button type="button" onClick={() => print()}>
          {t('print')}
        </button>
      </p>
      <section class="card">
        <h2>{t('byComponent')}</h2>
        {/* Bars lie down, so that each component's short name (the framework's words, as in the report's chart) fits beside them. */}
        <Chart
          label={`${t('byComponent')}: ${a.components.map((c) => `${componentLabel(c.code, c.name)} ${pct(c.percent)}`).join(', ')}`}
          height={60 + a.components.length * (a.previous ? 44 : 32)}
          option={{
            tooltip,
            legend: { top: 0 },
            grid: { left: 8, right: 16, bottom: 24, top: 32, containLabel: true },
            yAxis: {
              type: 'category',
              inverse: true,
              data: a.components.map((c) => componentLabel(c.code, c.name)),
              axisLabel: { width: 150, overflow: 'break', interval: 0, fontSize: 11 },
            },
            xAxis: percentAxis,
            series: [
              ...(a.previous
                ? [
                    a.baseline && a.baseline.kind !== 'own'
                      ? // Another unit's year (across a reform): named, pale with a dashed outline, so the break shows.
                        {
                          name: `${a.previous.year} (${a.baseline.units.map((u) => u.label).join(' + ')})`,
                          type: 'bar',
                          itemStyle: { opacity: 0.45, borderType: 'dashed', borderColor: '#333', borderWidth: 1 },
                          data: a.components.map((c) => round(c.previousPercent)),
                        }
                      : { name: String(a.previous.year), type: 'bar', data: a.components.map((c) => round(c.previousPercent)) },
                  ]
                : []),
              { name: String(a.year), type: 'bar', data: a.components.map((c) => round(c.percent)) },
            ],
          }}
        />
      </section>
      {hasLineage(trend) && (
        <section class="card">
          <h2>{t('trend')}</h2>
          <LineageTrend units={[{ id: a.unit.id, name: a.unit.name, points: trend! }]} precision={d} />
        </section>
      )}
      <section class="card">
        <h2>{t('sortedByLost')}</h2>
        <div class="scroll">
          <table class="components stack">
            <thead>
              <tr>
                <th>{t('component')}</th>
                <th class="num">{t('score')}</th>
                <th class="num">{t('percent')}</th>
                <th class="num" title={tx('so với năm trước, điểm phần trăm', 'vs last year, percentage points')}>
                  {tx('± đ.p.t', '± pp')}
                </th>
                <th class="num">{t('lost')}</th>
                <th>{t('rank')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr key={c.code} data-code={c.code}>
                  <td>
                    <a href={href(`/tree/${unitId}`, { year: a.year, open: c.code })}>
                      {c.code}. {c.name}
                    </a>
                    {c.changeNote && (
                      <div class="muted crosswalk" data-testid="change-note" data-change={c.change ?? undefined}>
                        † {tx(c.changeNote.vi, c.changeNote.en)}
                      </div>
                    )}
                  </td>
                  <td class="num" data-label={t('score')} title={exact(c.score)}>
                    {num(c.score, d)}/{num(c.max, d)}
                  </td>
                  <td class="num" data-label={t('percent')}>
                    {pct(c.percent)}
                  </td>
                  <td class="num" data-label={tx('± đ.p.t', '± pp')}>
                    {signed(c.deltaPercentagePoints)}
                  </td>
                  <td class="num" data-label={t('lost')}>
                    {num(c.pointsLost, d)}
                  </td>
                  <td data-label={t('rank')}>
                    {c.rank ?? '—'}/{c.of}
                    {c.tiedWith.length ? (
                      <span class="tie">
                        {' '}
                        ({t('tied')}: {ties(c.tiedWith, c.tiedCount)})
                      </span>
                    ) : (
                      ''
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DroppedNodes a={a} d={d} />
      </section>
      <section class="card">
        <h2>{t('deductions')}</h2>
        {a.deductions.length === 0 ? (
          <p class="muted">{tx('Không có tiêu chí nào bị trừ điểm.', 'No criterion lost points.')}</p>
        ) : (
          <div class="scroll">
            <table class="deductions stack">
              <thead>
                <tr>
                  <th>{t('criterion')}</th>
                  <th class="num">{tx('Điểm trừ', 'Deducted')}</th>
                  <th>{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {a.deductions.map((d, i) => (
                  <tr key={i} data-code={d.criterion}>
                    <td>
                      <a href={href(`/tree/${unitId}`, { year: a.year, open: d.criterion })}>{d.criterion}</a>
                      {d.criterionName ? ` ${d.criterionName}` : ''}
                    </td>
                    <td class="num" data-label={tx('Điểm trừ', 'Deducted')}>
                      −{exact(d.points)}
                    </td>
                    <td data-label={t('reason')}>{d.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card">
        <h2>
          {t('peers')} — <span data-testid="peer-group">{tx(a.group.name, a.group.nameEn ?? a.group.name)}</span>
        </h2>
        <p>
          <a href={href('/province', { year: a.year, level: a.level, group: a.group.id })}>{tx('Xem bảng xếp hạng của nhóm', 'See the group’s ranking')}</a>
        </p>
        <table class="peers">
          <thead>
            <tr>
              <th>{t('rank')}</th>
              <th>{t('unit')}</th>
              <th class="num">{t('total')}</th>
            </tr>
          </thead>
          <tbody>
            {peers.map((p) => [
              p.gap ? (
                <tr key={`gap-${p.unit}`} class="gap">
                  <td colSpan={3} class="muted">
                    ⋯
                  </td>
                </tr>
              ) : null,
              <tr key={p.unit} class={p.unit === a.unit.id ? 'self' : ''} aria-current={p.unit === a.unit.id ? 'true' : undefined}>
                <td>
                  {p.rank ?? '—'}
                  {tieNote(p.rank)}
                </td>
                <td>
                  <a href={href(`/unit/${p.unit}`, { year: a.year })}>{p.name}</a>
                  {p.illustrative ? <abbr title={t('illustrative')}> *</abbr> : ''}
                </td>
                <td class="num">{num(p.total, d)}</td>
              </tr>,
            ])}
          </tbody>
        </table>
        {a.peerSummary && a.peerSummary.count > a.peers.length && (
          <p class="muted" data-testid="peer-summary">
            {tx(
              `Cả nhóm ${count(a.peerSummary.count, 'vi')} đơn vị: tổng điểm trung vị ${num(a.peerSummary.median, d)} (một nửa số đơn vị từ ${num(a.peerSummary.q1, d)} đến ${num(a.peerSummary.q3, d)}; thấp nhất ${num(a.peerSummary.min, d)}, cao nhất ${num(a.peerSummary.max, d)}).`,
              `The whole group of ${count(a.peerSummary.count, 'en')} units: median total ${num(a.peerSummary.median, d)} (half of them from ${num(a.peerSummary.q1, d)} to ${num(a.peerSummary.q3, d)}; lowest ${num(a.peerSummary.min, d)}, highest ${num(a.peerSummary.max, d)}).`,
            )}
          </p>
        )}
        {a.peers.some((p) => p.illustrative) && <p class="muted">{t('illustrativeNote')}</p>}
      </section>
    </article>
  );
}

/**
 * The unit's plan for the next year: a link for those who may read it (readPlan: the province,
 * the council, the unit's own staff); to a visitor or another unit's staff, why not, instead of a
 * link to a page that would say the plan does not exist.
 */
function PlanLink({ unitId, year, user }: { unitId: string; year: number; user: SessionUser | null | undefined }) {
  if (user === undefined) return null;
  if (mayReadPlan(user, unitId)) return <a href={href(`/plan/${unitId}`, { year })}>{tx(`Kế hoạch năm ${year}`, `Plan ${year}`)} →</a>;
  return (
    <span class="muted" data-testid="plan-closed">
      {tx(
        `Kế hoạch năm ${year} là tài liệu làm việc của đơn vị: chỉ cán bộ đơn vị, quản trị và hội đồng thẩm định xem được.`,
        `The ${year} plan is the unit's working document: only its staff, the administrators and the appraisal council read it.`,
      )}
      {user === null && (
        <>
          {' '}
          <a href={href('/login', { next: href(`/plan/${unitId}`, { year }) })}>{tx('Đăng nhập', 'Sign in')}</a>
        </>
      )}
    </span>
  );
}

/** Last year's components and criteria the framework dropped: said, with last year's figures, never silently left out. */
function DroppedNodes({ a, d }: { a: Analysis; d: number }) {
  const dropped = [...(a.droppedComponents ?? []), ...a.components.flatMap((c) => c.droppedCriteria ?? [])];
  if (!dropped.length || !a.previous) return null;
  return (
    <div data-testid="dropped-nodes">
      <p class="muted">
        {tx(
          `Không còn trong bộ tiêu chí năm ${a.year} (kết quả năm ${a.previous.year}):`,
          `No longer in the ${a.year} framework (${a.previous.year} results):`,
        )}
      </p>
      <ul>
        {dropped.map((n) => (
          <li key={n.code} data-code={n.code}>
            {n.code}. {n.name}
            {n.previousScore !== null ? ` — ${num(n.previousScore, d)}${n.previousMax !== null ? `/${num(n.previousMax, d)}` : ''}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Names of a tie, the ones beyond the first few counted: "A, B, C và 13 đơn vị khác". */
export function tieList(names: string[], count = names.length): string {
  const shown = names.slice(0, count > 5 ? 3 : 5);
  const more = count - shown.length;
  return more > 0 ? tx(`${shown.join(', ')} và ${more} đơn vị khác`, `${shown.join(', ')} and ${more} other units`) : shown.join(', ');
}

/** A bar's length (the tooltip and the label show the exact figure, formatted). */
const round = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
