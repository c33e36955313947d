/**
 * The consistency checker: compares what was printed — the province's published figures and
 * the unit's own report — with what the data computes, and says what is exact, what was
 * rounded oddly (truncated, printed difference of rounded percentages), and what is wrong
 * (a direction or rank that contradicts the data).
 */
import type { Message } from '../errors.ts';
import { compareFractions, fraction, fromPoints, roundFraction, signOf, subtractFractions, type Fraction } from '../fraction.ts';
import { formatNumber, formatPercent, formatPoints } from '../format.ts';
import type { Printed } from '../printed.ts';
import type { Points } from '../points.ts';
import type { UnitScores } from '../compute/score.ts';
import type { Claim, UnitReport } from '../unitReport.ts';
import type { ComponentAnalysis, Direction, Finding, Severity, UnitAnalysis } from './types.ts';

export type FigureMatch = 'exact' | 'rounded' | 'truncated' | 'offByOne' | 'wrong';

/** How a printed figure relates to the exact one, at the printed number of decimals. */
export function matchFigure(printed: Printed, exact: Fraction): FigureMatch {
  if (compareFractions(printed.value, exact) === 0) return 'exact';
  if (compareFractions(printed.value, roundFraction(exact, printed.decimals, 'halfUp')) === 0) return 'rounded';
  if (compareFractions(printed.value, roundFraction(exact, printed.decimals, 'truncate')) === 0) return 'truncated';
  const diff = subtractFractions(printed.value, exact);
  const abs = diff.n < 0n ? fraction(-diff.n, diff.d) : diff;
  return compareFractions(abs, fraction(1n, 10n ** BigInt(printed.decimals))) <= 0 ? 'offByOne' : 'wrong';
}

const DIRECTION_WORDS: [RegExp, Direction][] = [
  [/giữ nguyên|không đổi|không thay đổi|unchanged/i, 'unchanged'],
  [/tăng|cao hơn|\bup\b|increase|rose/i, 'up'],
  [/giảm|thấp hơn|tụt|\bdown\b|decrease|fell/i, 'down'],
];

/** The direction a sentence states ("giảm 1,49%" → down), if it states one. */
export function statedDirection(text: string | undefined): Direction | undefined {
  if (!text) return undefined;
  return DIRECTION_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

const DIRECTION_VI: Record<Direction, string> = { up: 'tăng', down: 'giảm', unchanged: 'giữ nguyên' };
const DIRECTION_EN: Record<Direction, string> = { up: 'up', down: 'down', unchanged: 'unchanged' };

interface Context {
  analysis: UnitAnalysis;
  report?: UnitReport;
  scores?: UnitScores;
  findings: Finding[];
}

function push(context: Context, finding: Omit<Finding, 'unitId' | 'year'> & { year?: number }) {
  context.findings.push({ unitId: context.analysis.unit.id, year: finding.year ?? context.analysis.year, ...finding });
}

const fmt = (f: Fraction, locale: 'vi' | 'en' = 'vi') => formatNumber(f, { decimals: 4, trimZeros: true, locale });
const fmtPoints = (p: Points, locale: 'vi' | 'en' = 'vi') => formatPoints(p, { locale });

/** Reports a printed figure that is not the exact one correctly rounded. */
function checkFigure(
  context: Context,
  id: string,
  where: string,
  label: Message,
  printed: Printed,
  exact: Fraction | undefined,
  extra: Partial<Finding> = {},
  explain?: Message,
  /** The mismatch has a known rounding cause (e.g. a difference of printed, rounded figures): never an error. */
  roundingCause = false,
) {
  if (!exact) return;
  const match = matchFigure(printed, exact);
  const rounded = roundFraction(exact, printed.decimals, 'halfUp');
  const shown = (locale: 'vi' | 'en') => formatNumber(printed.value, { decimals: printed.decimals, locale });
  const severity: Severity | undefined =
    match === 'truncated' || match === 'offByOne' || (match === 'wrong' && roundingCause) ? 'rounding' : match === 'wrong' ? 'error' : undefined;
  if (!severity) return;
  const why: Message =
    match === 'truncated'
      ? { vi: 'bị cắt bớt chữ số thay vì làm tròn', en: 'truncated instead of rounded' }
      : match === 'offByOne'
        ? { vi: 'lệch một đơn vị ở chữ số cuối', en: 'off by one in the last digit' }
        : { vi: 'không khớp với số liệu', en: 'does not match the data' };
  push(context, {
    id,
    severity,
    where,
    ...extra,
    printed: printed.value,
    computed: exact,
    message: {
      vi: `${label.vi}: in ${shown('vi')}, số liệu tính được ${fmt(exact)} (làm tròn ${formatNumber(rounded, { decimals: printed.decimals })}) — ${why.vi}${explain ? `; ${explain.vi}` : ''}`,
      en: `${label.en}: printed ${shown('en')}, computed ${fmt(exact, 'en')} (rounded ${formatNumber(rounded, { decimals: printed.decimals, locale: 'en' })}) — ${why.en}${explain ? `; ${explain.en}` : ''}`,
    },
  });
}

function checkDirection(context: Context, id: string, where: string, label: Message, text: string | undefined, printed: Printed | undefined, actual: Direction | undefined, extra: Partial<Finding> = {}) {
  if (!actual) return;
  const stated = statedDirection(text) ?? (printed ? (signOf(printed.value) > 0 && /^\s*\+/.test(printed.text) ? 'up' : signOf(printed.value) < 0 ? 'down' : undefined) : undefined);
  if (!stated || stated === actual) return;
  push(context, {
    id,
    severity: 'error',
    where,
    ...extra,
    message: {
      vi: `${label.vi}: văn bản ghi "${text ?? printed?.text}" (${DIRECTION_VI[stated]}) nhưng số liệu cho thấy ${DIRECTION_VI[actual]}`,
      en: `${label.en}: the text says "${text ?? printed?.text}" (${DIRECTION_EN[stated]}) but the data shows ${DIRECTION_EN[actual]}`,
    },
  });
}

function absolute(p: Printed): Printed {
  return p.value.n < 0n ? { ...p, value: fraction(-p.value.n, p.value.d) } : p;
}

function abs(f: Fraction): Fraction {
  return f.n < 0n ? fraction(-f.n, f.d) : f;
}

function componentLabel(c: ComponentAnalysis): Message {
  return { vi: `chỉ số thành phần ${c.code} (${c.name})`, en: `component ${c.code} (${c.name})` };
}

function checkClaim(context: Context, claim: Claim, claims: Claim[]) {
  const { analysis } = context;
  const current = claim.year === analysis.year;
  const previous = claim.year === analysis.year - 1;
  if (!current && !previous) return;
  const component = claim.component ? analysis.components.find((c) => c.code === claim.component) : undefined;
  const base = `claim.${claim.about}:${claim.where}`;
  const extra: Partial<Finding> = { component: claim.component, criterion: claim.criterion, year: claim.year };
  const p = claim.printed;
  switch (claim.about) {
    case 'total':
    case 'appraisal':
    case 'survey': {
      const value = current ? analysis[claim.about] : analysis.previous?.[claim.about];
      const label = { total: { vi: 'Chỉ số PAR INDEX', en: 'PAR INDEX' }, appraisal: { vi: 'Điểm đánh giá cấp tỉnh', en: 'Appraisal points' }, survey: { vi: 'Điểm điều tra xã hội học', en: 'Survey points' } }[claim.about];
      if (p && value !== undefined) checkFigure(context, base, claim.where, label, p, fromPoints(value), extra);
      return;
    }
    case 'score': {
      const value = current ? component?.score : component?.previousScore;
      if (p && component && value !== undefined) checkFigure(context, base, claim.where, { vi: `Điểm ${componentLabel(component).vi}`, en: `Score of ${componentLabel(component).en}` }, p, fromPoints(value), extra);
      return;
    }
    case 'percent': {
      const value = current ? component?.percent : component?.previousPercent;
      if (p && component && value) {
        const score = current ? component.score! : component.previousScore!;
        const max = current ? component.max : component.previousMax!;
        checkFigure(context, base, claim.where, { vi: `Tỷ lệ ${componentLabel(component).vi}`, en: `Percentage of ${componentLabel(component).en}` }, p, value, extra, {
          vi: `${fmtPoints(score)}/${fmtPoints(max)} = ${formatPercent(value, { decimals: 4 })}`,
          en: `${fmtPoints(score, 'en')}/${fmtPoints(max, 'en')} = ${formatPercent(value, { decimals: 4, locale: 'en' })}`,
        });
        const printedScore = claims.find((c) => c.about === 'score' && c.where === claim.where && c.component === claim.component && c.year === claim.year)?.printed;
        if (printedScore) {
          // The percentage printed beside a rounded score: does it follow from that score, or from the exact one?
          const ofPrinted = fraction(printedScore.value.n * 100n * 1_000_000n, printedScore.value.d * BigInt(max));
          const match = matchFigure(p, ofPrinted);
          if (match !== 'exact' && match !== 'rounded') {
            push(context, {
              id: `${base}.againstPrintedScore`,
              severity: 'rounding',
              where: claim.where,
              ...extra,
              printed: p.value,
              computed: ofPrinted,
              message: {
                vi: `${componentLabel(component).vi}: điểm in ${printedScore.text}/${fmtPoints(max)} = ${formatPercent(ofPrinted)}, khác tỷ lệ in ${p.text}%; tỷ lệ in ứng với điểm chính xác ${fmtPoints(score)}`,
                en: `${componentLabel(component).en}: the printed score ${printedScore.text}/${fmtPoints(max, 'en')} = ${formatPercent(ofPrinted, { locale: 'en' })}, not the printed ${p.text}%; the printed percentage matches the exact score ${fmtPoints(score, 'en')}`,
              },
            });
          }
        }
        if (p.decimals < 2 && matchFigure(p, value) === 'rounded') {
          push(context, {
            id: `${base}.decimals`,
            severity: 'info',
            where: claim.where,
            ...extra,
            printed: p.value,
            computed: value,
            message: {
              vi: `Tỷ lệ ${componentLabel(component).vi} in với ${p.decimals} chữ số thập phân (${p.text}); chính xác ${formatPercent(value, { decimals: 4 })}`,
              en: `Percentage of ${componentLabel(component).en} printed with ${p.decimals} decimal(s) (${p.text}); exact ${formatPercent(value, { decimals: 4, locale: 'en' })}`,
            },
          });
        }
      }
      return;
    }
    case 'percentChange': {
      if (!current || !component?.deltaPercentagePoints) return;
      const delta = component.deltaPercentagePoints;
      const label = { vi: `Mức tăng/giảm ${componentLabel(component).vi}`, en: `Change of ${componentLabel(component).en}` };
      checkDirection(context, `${base}.direction`, claim.where, label, claim.text, p, component.direction, extra);
      if (p) {
        const printedPercents = [analysis.year, analysis.year - 1].map((y) => claims.find((c) => c.about === 'percent' && c.component === claim.component && c.year === y)?.printed);
        const [now, before] = printedPercents;
        const fromPrinted = now && before ? subtractFractions(now.value, before.value) : undefined;
        const explain: Message | undefined =
          fromPrinted && compareFractions(abs(fromPrinted), absolute(p).value) === 0
            ? {
                vi: `số in là hiệu hai tỷ lệ đã làm tròn (${now!.text} − ${before!.text}); tính từ điểm: ${formatNumber(delta, { decimals: 4, trimZeros: true, signed: true })} điểm phần trăm`,
                en: `the printed figure is the difference of two rounded percentages (${now!.text} − ${before!.text}); from the scores: ${formatNumber(delta, { decimals: 4, trimZeros: true, signed: true, locale: 'en' })} percentage points`,
              }
            : undefined;
        checkFigure(context, base, claim.where, label, absolute(p), abs(delta), extra, explain, explain !== undefined);
      }
      return;
    }
    case 'rank': {
      const rank = claim.component ? (current ? component?.rank : component?.previousRank) : current ? analysis.rank : analysis.previous?.rank;
      const label = component ? { vi: `Xếp hạng ${componentLabel(component).vi}`, en: `Rank of ${componentLabel(component).en}` } : { vi: 'Xếp hạng chung', en: 'Overall rank' };
      if (p && rank !== undefined && Number(p.value.n / p.value.d) !== rank) {
        push(context, {
          id: base,
          severity: 'error',
          where: claim.where,
          ...extra,
          printed: p.value,
          computed: fraction(rank),
          message: { vi: `${label.vi}: văn bản ghi hạng ${p.text}, số liệu tính được hạng ${rank}`, en: `${label.en}: the text says rank ${p.text}, the data gives rank ${rank}` },
        });
      }
      if (component && current) {
        checkSet(context, `${base}.tiedWith`, claim, label, claim.tiedWith, component.tiedWith.map((u) => u.id), { vi: 'đồng hạng với', en: 'tied with' });
        checkSet(context, `${base}.behind`, claim, label, claim.behind, component.ahead.map((u) => u.id), { vi: 'xếp sau', en: 'behind' });
      }
      return;
    }
    case 'totalChange': {
      if (!current || !analysis.totalChange) return;
      const label = { vi: 'Thay đổi tổng điểm so với năm trước', en: 'Change of the total against the previous year' };
      checkDirection(context, `${base}.direction`, claim.where, label, claim.text, p, analysis.totalChange.direction, extra);
      if (p) checkFigure(context, base, claim.where, label, absolute(p), abs(fromPoints(analysis.totalChange.points)), extra);
      return;
    }
    case 'rankChange': {
      if (!current || !analysis.rankChange) return;
      const label = { vi: 'Thay đổi thứ hạng so với năm trước', en: 'Change of rank against the previous year' };
      // "giảm 1 hạng" means the position worsened: the rank number went up.
      checkDirection(context, `${base}.direction`, claim.where, label, claim.text, undefined, analysis.rankChange.direction, extra);
      if (p && Number(absolute(p).value.n / p.value.d) !== Math.abs(analysis.rankChange.places)) {
        push(context, {
          id: base,
          severity: 'error',
          where: claim.where,
          ...extra,
          message: { vi: `${label.vi}: văn bản ghi ${p.text} hạng, số liệu là ${Math.abs(analysis.rankChange.places)} hạng`, en: `${label.en}: the text says ${p.text} places, the data gives ${Math.abs(analysis.rankChange.places)}` },
        });
      }
      return;
    }
    case 'deduction': {
      const deduction = analysis.deductions.find((d) => d.criterion === claim.criterion);
      if (p && deduction) {
        const exact = deduction.computedPoints ?? deduction.points;
        checkFigure(context, base, claim.where, { vi: `Điểm trừ tiêu chí ${claim.criterion}`, en: `Deduction on criterion ${claim.criterion}` }, absolute(p), fromPoints(exact), extra);
      }
      return;
    }
  }
}

function checkSet(context: Context, id: string, claim: Claim, label: Message, stated: string[], actual: string[], relation: Message) {
  if (!stated.length) return;
  const missing = stated.filter((u) => !actual.includes(u));
  const extraUnits = actual.filter((u) => !stated.includes(u));
  if (!missing.length && !extraUnits.length) return;
  push(context, {
    id,
    severity: 'error',
    where: claim.where,
    component: claim.component,
    message: {
      vi: `${label.vi}: văn bản ghi ${relation.vi} ${stated.join(', ')}; số liệu cho ${relation.vi} ${actual.join(', ') || '(không đơn vị nào)'}`,
      en: `${label.en}: the text says ${relation.en} ${stated.join(', ')}; the data gives ${relation.en} ${actual.join(', ') || '(none)'}`,
    },
  });
}

/** Checks the published figures (the decision) against the computation. */
function checkPublished(context: Context) {
  const { analysis } = context;
  const published = analysis.published;
  if (!published) return;
  const where = analysis.publication ? `Quyết định ${analysis.publication.decision}` : 'Kết quả công bố';
  const pairs: [keyof typeof published & ('total' | 'appraisal' | 'survey'), Points | undefined, Message][] = [
    ['total', analysis.total, { vi: 'Chỉ số PAR INDEX công bố', en: 'Published PAR INDEX' }],
    ['appraisal', analysis.appraisal, { vi: 'Điểm đánh giá cấp tỉnh công bố', en: 'Published appraisal points' }],
    ['survey', analysis.survey, { vi: 'Điểm điều tra xã hội học công bố', en: 'Published survey points' }],
  ];
  for (const [key, value, label] of pairs) {
    const printed = published[key];
    if (printed && value !== undefined) checkFigure(context, `published.${key}`, where, label, printed, fromPoints(value));
  }
  const { total, appraisal, survey } = published;
  if (total && appraisal && survey) {
    const printedSum = fraction(appraisal.value.n * survey.value.d + survey.value.n * appraisal.value.d, appraisal.value.d * survey.value.d);
    if (compareFractions(printedSum, total.value) !== 0) {
      const decimals = Math.max(total.decimals, appraisal.decimals, survey.decimals);
      const diff = subtractFractions(printedSum, total.value);
      const small = compareFractions(abs(diff), fraction(2n, 10n ** BigInt(decimals))) <= 0;
      push(context, {
        id: 'published.split',
        severity: small ? 'rounding' : 'error',
        where,
        printed: printedSum,
        computed: total.value,
        message: {
          vi: `Điểm đánh giá cấp tỉnh + điểm điều tra xã hội học = ${appraisal.text} + ${survey.text} = ${formatNumber(printedSum, { decimals })}, lệch ${formatNumber(diff, { decimals, signed: true })} so với tổng ${total.text}${analysis.total !== undefined ? ` (tổng các chỉ số thành phần ${fmtPoints(analysis.total)})` : ''}${small ? ': ít nhất một phần đã được làm tròn hoặc cắt bớt' : ''}`,
          en: `Appraisal + survey = ${appraisal.text} + ${survey.text} = ${formatNumber(printedSum, { decimals, locale: 'en' })}, ${formatNumber(diff, { decimals, signed: true, locale: 'en' })} off the total ${total.text}${analysis.total !== undefined ? ` (components add up to ${fmtPoints(analysis.total, 'en')})` : ''}${small ? ': at least one part was rounded or truncated' : ''}`,
        },
      });
    }
  }
  if (published.rank !== undefined && analysis.rank !== undefined && published.rank !== analysis.rank) {
    push(context, {
      id: 'published.rank',
      severity: 'error',
      where,
      message: { vi: `Hạng công bố ${published.rank}, số liệu tính được hạng ${analysis.rank}`, en: `Published rank ${published.rank}, computed rank ${analysis.rank}` },
    });
  }
  for (const [code, figures] of published.components) {
    const component = analysis.components.find((c) => c.code === code);
    if (!component) continue;
    const label = componentLabel(component);
    if (figures.score && component.score !== undefined) checkFigure(context, `published.score:${code}`, where, { vi: `Điểm ${label.vi} công bố`, en: `Published score of ${label.en}` }, figures.score, fromPoints(component.score), { component: code });
    if (figures.percent && component.percent) checkFigure(context, `published.percent:${code}`, where, { vi: `Tỷ lệ ${label.vi} công bố`, en: `Published percentage of ${label.en}` }, figures.percent, component.percent, { component: code });
    if (figures.rank !== undefined && component.rank !== undefined && figures.rank !== component.rank) {
      push(context, {
        id: `published.rank:${code}`,
        severity: 'error',
        where,
        component: code,
        message: { vi: `Hạng ${label.vi} công bố ${figures.rank}, tính được ${component.rank}`, en: `Published rank of ${label.en} ${figures.rank}, computed ${component.rank}` },
      });
    }
  }
}

/** Checks of the data itself: losses no deduction explains, deductions above the loss, scores that disagree. */
function checkData(context: Context) {
  const { analysis, scores } = context;
  for (const c of analysis.components) {
    if (c.pointsLost === undefined) continue;
    if (c.deductedTotal > c.pointsLost) {
      push(context, {
        id: `data.deductionsAboveLoss:${c.code}`,
        severity: 'error',
        where: `I.2.${c.code}`,
        component: c.code,
        message: {
          vi: `Các điểm trừ ghi nhận của ${componentLabel(c).vi} cộng ${fmtPoints(c.deductedTotal)}, nhiều hơn số điểm bị mất ${fmtPoints(c.pointsLost)}`,
          en: `Recorded deductions of ${componentLabel(c).en} add up to ${fmtPoints(c.deductedTotal, 'en')}, more than the ${fmtPoints(c.pointsLost, 'en')} points lost`,
        },
      });
    } else if (c.unexplainedLoss !== undefined) {
      push(context, {
        id: `data.unexplainedLoss:${c.code}`,
        severity: 'info',
        where: `I.2.${c.code}`,
        component: c.code,
        message: {
          vi: `${componentLabel(c).vi} mất ${fmtPoints(c.pointsLost)} điểm; các điểm trừ được nêu cộng ${fmtPoints(c.deductedTotal)}; ${fmtPoints(c.unexplainedLoss)} điểm còn lại chưa được giải thích`,
          en: `${componentLabel(c).en} lost ${fmtPoints(c.pointsLost, 'en')} points; the listed deductions add up to ${fmtPoints(c.deductedTotal, 'en')}; ${fmtPoints(c.unexplainedLoss, 'en')} points are unexplained`,
        },
      });
    }
  }
  for (const conflict of scores?.conflicts ?? []) {
    const kind = {
      rule: { vi: 'điểm nhập khác điểm tính theo quy tắc chấm', en: 'the entered score differs from the rule-computed one' },
      children: { vi: 'điểm nhập khác tổng điểm các tiêu chí con', en: 'the entered score differs from the sum of its children' },
      childrenExceed: { vi: 'các tiêu chí con đã biết cộng lại vượt điểm nhập', en: 'the known children add up to more than the entered score' },
      split: { vi: 'phần thẩm định và điều tra không khớp', en: 'appraisal and survey parts do not match' },
    }[conflict.kind];
    push(context, {
      id: `data.conflict.${conflict.kind}:${conflict.code}`,
      severity: 'error',
      where: `${conflict.code}`,
      criterion: conflict.code,
      computed: fromPoints(conflict.computed),
      printed: fromPoints(conflict.given),
      message: {
        vi: `Tiêu chí ${conflict.code}: ${kind.vi} (${fmtPoints(conflict.given)} so với ${fmtPoints(conflict.computed)})`,
        en: `Criterion ${conflict.code}: ${kind.en} (${fmtPoints(conflict.given, 'en')} vs ${fmtPoints(conflict.computed, 'en')})`,
      },
    });
  }
  if (analysis.unit.illustrative) {
    push(context, {
      id: 'data.illustrative',
      severity: 'info',
      where: '—',
      message: { vi: 'Số liệu của đơn vị này là minh họa, không phải số liệu thật', en: "This unit's figures are illustrative, not real data" },
    });
  }
}

export function checkConsistency(analysis: UnitAnalysis, report?: UnitReport, scores?: UnitScores): Finding[] {
  const context: Context = { analysis, report, scores, findings: [] };
  checkPublished(context);
  for (const claim of report?.claims ?? []) checkClaim(context, claim, report!.claims);
  checkData(context);
  const order: Severity[] = ['error', 'warning', 'rounding', 'info'];
  return context.findings.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}
