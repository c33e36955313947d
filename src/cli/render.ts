/** Terminal renderings of core results (figures rounded for display only, here). */
import {
  capitalized,
  formatDate,
  formatNumber,
  percentOf,
  formatPercent,
  formatPoints,
  formatRank,
  baselineRanksText,
  indexWords,
  levelName,
  type Finding,
  type Locale,
  type UnitAnalysis,
} from '../core/index.ts';
import { renderTable } from './table.ts';

const DIRECTION: Record<Locale, Record<string, string>> = {
  vi: { up: 'tăng', down: 'giảm', unchanged: 'giữ nguyên' },
  en: { up: 'up', down: 'down', unchanged: 'unchanged' },
};

const SEVERITY: Record<Locale, Record<Finding['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', rounding: 'LÀM TRÒN', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', rounding: 'ROUNDING', info: 'INFO' },
};

const ILLUSTRATIVE_MARK = '*';

/** Exact points with at least the framework's decimals: 78,119875; 15,750 on a 3-decimal framework. */
export function pointsAtLeast(p: Parameters<typeof formatPoints>[0], decimals: number, locale: Locale): string {
  const exact = formatPoints(p, { locale });
  return (exact.split(locale === 'vi' ? ',' : '.')[1]?.length ?? 0) >= decimals ? exact : formatPoints(p, { decimals, locale });
}

export function renderAnalysis(a: UnitAnalysis, locale: Locale): string {
  const vi = locale === 'vi';
  const decimals = a.framework.precision;
  const n2 = (p: Parameters<typeof formatPoints>[0] | undefined) => (p === undefined ? '—' : formatPoints(p, { decimals, locale }));
  const pct = (f: Parameters<typeof formatPercent>[0] | undefined) => (f === undefined ? '—' : formatPercent(f, { locale }));
  const index = indexWords({ ...a.framework, level: a.level }, locale);
  // The survey part only where the framework has one.
  const withSurvey = a.components.some((c) => c.source !== 'appraisal');
  const tie = a.tiedWith.length ? `, ${vi ? 'cùng hạng với' : 'tied with'} ${a.tiedWith.map((u) => u.name).join(', ')}` : '';
  const lines: string[] = [];
  lines.push(`${a.unit.fullName} — ${vi ? `${index.label} năm` : index.label} ${a.year}`);
  if (a.publication)
    lines.push(
      `${vi ? 'Công bố tại Quyết định' : 'Published by decision'} ${a.publication.decision}${a.publication.date ? ` (${formatDate(a.publication.date, locale)})` : ''}`,
    );
  if (a.publication?.auditHead) lines.push(vi ? `Nhật ký thay đổi đến mục ${a.publication.auditHead}` : `Audit trail up to entry ${a.publication.auditHead}`);
  const rescaled =
    a.rankingTotal !== undefined
      ? vi
        ? ` (không có điều tra XHH: quy đổi ${n2(a.rankingTotal)}/${formatPoints(a.totalPoints, { locale })} để xếp hạng)`
        : ` (no survey: rescaled to ${n2(a.rankingTotal)}/${formatPoints(a.totalPoints, { locale })} for ranking)`
      : '';
  lines.push(
    `${vi ? 'Tổng điểm' : 'Total'}: ${n2(a.total)}/${formatPoints(a.totalPoints, { locale })}${rescaled}${withSurvey ? ` · ${vi ? 'Thẩm định' : 'Appraisal'} ${n2(a.appraisal)} · ${vi ? 'Điều tra XHH' : 'Survey'} ${n2(a.survey)}` : ''} · ${vi ? 'Hạng' : 'Rank'} ${formatRank(a.rank, a.of, locale)}${tie}${a.classification ? ` · ${vi ? 'Xếp loại' : 'Class'} ${a.classification}` : ''}`,
  );
  if (a.notApplicable.length) {
    const listed = a.notApplicable.map((n) => `${n.code} (${n.reason})`).join('; ');
    lines.push(
      vi
        ? `Không áp dụng: ${listed} — điểm tối đa áp dụng ${formatPoints(a.applicableTotal, { locale })}, đạt ${pct(a.percent)}`
        : `Not applicable: ${listed} — applicable maximum ${formatPoints(a.applicableTotal, { locale })}, ${pct(a.percent)} of it`,
    );
  }
  // The rank is among the unit's peer group: say which one.
  lines.push(
    `${vi ? 'Nhóm xếp hạng' : 'Ranked in'}: ${vi ? a.group.name : (a.group.nameEn ?? a.group.name)} (${a.of} ${vi ? 'đơn vị' : a.of === 1 ? 'unit' : 'units'})`,
  );
  if (a.missingParts.length) {
    const parts = a.missingParts.map((m) =>
      vi
        ? `${m.code} (${m.name}) chưa có điểm ${m.missing === 'appraisal' ? 'thẩm định' : 'điều tra xã hội học'}`
        : `${m.code} (${m.name}) has no ${m.missing} part yet`,
    );
    lines.push(vi ? `Chưa tính được tổng điểm: ${parts.join('; ')}.` : `The total cannot be computed yet: ${parts.join('; ')}.`);
  }
  if (a.previous && a.totalChange) {
    const places = a.rankChange ? Math.abs(a.rankChange.places) : 0;
    const rankText = a.rankChange
      ? a.rankChange.direction === 'unchanged'
        ? vi
          ? 'giữ nguyên hạng'
          : 'same rank'
        : `${DIRECTION[locale][a.rankChange.direction]} ${places} ${vi ? 'hạng' : places === 1 ? 'place' : 'places'}`
      : '';
    const b = a.baseline;
    if (!b || b.kind === 'own') {
      lines.push(
        `${vi ? 'So với năm' : 'Against'} ${a.previous.year}: ${DIRECTION[locale][a.totalChange.direction]} ${formatPoints(a.totalChange.points, { decimals, locale }).replace('-', '')} ${vi ? 'điểm' : 'points'} (${n2(a.previous.total)} → ${n2(a.total)}); ${vi ? 'hạng' : 'rank'} ${a.previous.rank ?? '—'} → ${a.rank ?? '—'}${rankText ? ` (${rankText})` : ''}`,
      );
    } else {
      // Another unit's result (a predecessor's, or several combined): said, and its rank shown with its own denominator, never as a change.
      const words = b.words[locale];
      const ranks = baselineRanksText(b, locale);
      lines.push(
        `${capitalized(words)}, ${vi ? 'năm' : 'in'} ${b.year}: ${DIRECTION[locale][a.totalChange.direction]} ${formatPoints(a.totalChange.points, { decimals, locale }).replace('-', '')} ${vi ? 'điểm' : 'points'} (${n2(a.previous.total)} → ${n2(a.total)})`,
        `${vi ? 'Thứ hạng không so sánh (khác nhóm xếp hạng)' : 'Ranks not compared (different peer sets)'}: ${vi ? 'năm' : 'in'} ${a.year} ${vi ? 'hạng' : 'rank'} ${formatRank(a.rank, a.of, locale)} (${levelName(a.level)[locale]})${ranks ? `; ${ranks}` : ''}`,
      );
    }
  } else if (a.baseline?.kind === 'none' && a.baseline.lineage) {
    lines.push(capitalized(a.baseline.words[locale]));
  }
  lines.push('');
  // The previous year's columns only when there is a previous year to compare with.
  const withPrevious = a.previous !== undefined;
  const name = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);
  const header = [vi ? 'Mã' : 'Code', vi ? 'Chỉ số thành phần' : 'Component', vi ? 'Điểm' : 'Score', vi ? 'Tối đa' : 'Max', '%'];
  if (withPrevious) header.push(`% ${a.previous!.year}`, vi ? '± điểm %' : '± pp');
  header.push(vi ? 'Hạng' : 'Rank');
  const rows = a.components.map((c) => {
    // Scores with at least the framework's decimals (5,400 on a 3-decimal framework; the source's 7,409775 kept).
    const row = [c.code, name(c.name), c.score === undefined ? '—' : pointsAtLeast(c.score, decimals, locale), formatPoints(c.max, { locale }), pct(c.percent)];
    if (withPrevious)
      row.push(pct(c.previousPercent), c.deltaPercentagePoints ? formatNumber(c.deltaPercentagePoints, { decimals: 2, signed: true, locale }) : '—');
    row.push(`${formatRank(c.rank, c.of, locale)}${c.tiedWith.length ? (vi ? ' (đồng hạng)' : ' (tied)') : ''}`);
    return row;
  });
  // Bonus and penalty nodes sit outside the total maximum: shown with what they added or removed.
  for (const x of a.adjustments) {
    const kind = x.kind === 'bonus' ? (vi ? 'điểm thưởng' : 'bonus') : vi ? 'điểm trừ' : 'penalty';
    const row = [
      x.code,
      name(`${x.name} (${kind})`),
      x.applied === undefined ? '—' : formatPoints(x.applied, { locale, signed: true }),
      x.cap === undefined ? '—' : formatPoints(x.cap, { locale }),
      '',
    ];
    if (withPrevious) row.push('', '');
    row.push('');
    rows.push(row);
  }
  lines.push(
    renderTable(
      header,
      rows,
      header.map((_, i) => i >= 2),
    ),
  );
  // What the framework crosswalk says of nodes that are not last year's like for like.
  const changed = a.components.flatMap((c) => [
    ...(c.changeNote ? [[c.code, c.changeNote[locale]]] : []),
    ...c.criteria.filter((k) => k.changeNote).map((k) => [k.code, k.changeNote![locale]]),
    ...(c.droppedCriteria ?? []).map((d) => [d.code, `${d.note[locale]} (${d.name})`]),
  ]);
  changed.push(...(a.droppedComponents ?? []).map((d) => [d.code, `${d.note[locale]} (${d.name})`]));
  if (withPrevious && changed.length) {
    lines.push(
      '',
      vi
        ? `Bộ tiêu chí khác năm ${a.previous!.year} (so sánh qua bảng đối chiếu tiêu chí):`
        : `The framework differs from ${a.previous!.year}'s (compared through the crosswalk):`,
    );
    const width = Math.max(...changed.map(([code]) => code!.length));
    for (const [code, note] of changed) lines.push(`  ${code!.padEnd(width)}  ${note}`);
  }
  if (a.deductions.length) {
    lines.push('', vi ? 'Điểm bị trừ và lý do:' : 'Deductions and reasons:');
    const shown = a.deductions.map((d) => `−${formatPoints(d.points, { locale })}`);
    const codeWidth = Math.max(...a.deductions.map((d) => d.criterion.length));
    const pointsWidth = Math.max(...shown.map((p) => p.length));
    a.deductions.forEach((d, i) => lines.push(`  ${d.criterion.padEnd(codeWidth)}  ${shown[i]!.padStart(pointsWidth)}  ${d.reason}`));
  }
  if (a.illustrative) {
    lines.push(
      '',
      `${ILLUSTRATIVE_MARK} ${vi ? 'Số liệu của các đơn vị khác là minh họa (không phải số liệu thật); thứ hạng chỉ để trình diễn.' : 'Other units’ figures are illustrative (not real data); ranks are for demonstration only.'}`,
    );
  }
  return lines.join('\n');
}

export function renderFindings(findings: Finding[], locale: Locale): string {
  if (!findings.length) return locale === 'vi' ? 'Không phát hiện điểm bất nhất.' : 'No inconsistencies found.';
  const counts = (['error', 'rounding', 'warning', 'info'] as const)
    .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${SEVERITY[locale][s].toLowerCase()}`);
  return [
    `${locale === 'vi' ? 'Kiểm tra nhất quán' : 'Consistency check'}: ${counts.join(', ')}`,
    ...findings.map((f) => `  [${SEVERITY[locale][f.severity]}] ${f.where}: ${f.message[locale]}`),
  ].join('\n');
}

function pct(f: ReturnType<typeof percentOf>, locale: Locale): string {
  return f === undefined ? '—' : formatPercent(f, { locale });
}

export interface RankingRow {
  name: string;
  illustrative: boolean;
  score?: Parameters<typeof formatPoints>[0];
  max?: Parameters<typeof formatPoints>[0];
  rank?: number;
  /** Ranked on its appraisal points rescaled, having no survey. */
  rescaled?: boolean;
}

const RESCALED_MARK = '†';

/** `decimals`: the framework's precision; figures are shown exact with at least that many decimals. */
export function renderRanking(title: string, rows: RankingRow[], locale: Locale, decimals = 2): string {
  const vi = locale === 'vi';
  const table = renderTable(
    [vi ? 'Hạng' : 'Rank', vi ? 'Đơn vị' : 'Unit', vi ? 'Điểm' : 'Score', '%'],
    rows.map((r) => [
      r.rank === undefined ? '—' : String(r.rank),
      `${r.name}${r.illustrative ? ` ${ILLUSTRATIVE_MARK}` : ''}${r.rescaled ? ` ${RESCALED_MARK}` : ''}`,
      r.score === undefined ? '—' : pointsAtLeast(r.score, decimals, locale),
      r.score === undefined || r.max === undefined ? '—' : pct(percentOf(r.score, r.max), locale),
    ]),
    [true, false, true, true],
  );
  const notes: string[] = [];
  if (rows.some((r) => r.illustrative))
    notes.push(`${ILLUSTRATIVE_MARK} ${vi ? 'số liệu minh họa, không phải số liệu thật' : 'illustrative figures, not real data'}`);
  if (rows.some((r) => r.rescaled))
    notes.push(
      `${RESCALED_MARK} ${vi ? 'không có điều tra xã hội học: điểm thẩm định quy đổi theo bộ tiêu chí' : 'no survey: appraisal points rescaled as the framework says'}`,
    );
  return [title, table, ...notes].join('\n');
}
