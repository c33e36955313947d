/**
 * The consistency checker: compares what was printed — the province's published figures and
 * the unit's own report — with what the data computes, and says what is exact, what was
 * rounded oddly (truncated, printed difference of rounded percentages), and what is wrong
 * (a direction or rank that contradicts the data).
 */
import type { Message } from '../errors.ts';
import { indexPhrase } from '../framework/words.ts';
import { compareFractions, exactDecimals, fraction, fromPoints, roundFraction, signOf, subtractFractions, type Fraction } from '../fraction.ts';
import { formatNumber, formatPercent, formatPoints } from '../format.ts';
import type { Printed } from '../printed.ts';
import type { Points } from '../points.ts';
import { capitalized } from '../text.ts';
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

/** An exact figure for people: every digit when it has at most 6 decimals (55,819875), else 4 (60,5185). */
const fmt = (f: Fraction, locale: 'vi' | 'en' = 'vi', signed = false) => {
  const decimals = exactDecimals(f, 6);
  return formatNumber(f, { decimals: decimals ?? 4, trimZeros: true, locale, signed });
};
const fmtPoints = (p: Points, locale: 'vi' | 'en' = 'vi') => formatPoints(p, { locale });
/** A printed figure with its printed decimals, in the reader's notation (55,81 · 55.81). */
const asPrinted = (p: Printed, locale: 'vi' | 'en') =>
  locale === 'vi' ? p.text : formatNumber(p.value, { decimals: p.decimals, locale, signed: /^\s*\+/.test(p.text) });

interface FigureOptions {
  extra?: Partial<Finding>;
  /** Added after the verdict, e.g. how the exact figure is obtained ("8,17/13,5 = 60,5185%"). */
  explain?: Message;
  /** A known rounding cause (e.g. the printed figure is a difference of printed, rounded figures): it replaces the verdict, and the finding is never an error. */
  cause?: Message;
  /** Show the printed and exact figures with their sign (changes). */
  signed?: boolean;
}

/** Reports a printed figure that is not the exact one correctly rounded. */
function checkFigure(context: Context, id: string, where: string, label: Message, printed: Printed, exact: Fraction | undefined, options: FigureOptions = {}) {
  if (!exact) return;
  const { extra = {}, explain, cause, signed = false } = options;
  const match = matchFigure(printed, exact);
  const severity: Severity | undefined =
    match === 'exact' || match === 'rounded' ? undefined : match === 'truncated' || match === 'offByOne' || cause ? 'rounding' : 'error';
  if (!severity) return;
  const rounded = roundFraction(exact, printed.decimals, 'halfUp');
  const roundedShown = (exactDecimals(exact, printed.decimals) ?? Infinity) <= printed.decimals;
  const why: Message =
    cause ??
    (match === 'truncated'
      ? { vi: 'bị cắt bớt chữ số thay vì làm tròn', en: 'truncated instead of rounded' }
      : match === 'offByOne'
        ? { vi: 'lệch một đơn vị ở chữ số cuối', en: 'off by one in the last digit' }
        : { vi: 'không khớp với số liệu', en: 'does not match the data' });
  const text = (locale: 'vi' | 'en') => {
    const shownPrinted = formatNumber(printed.value, { decimals: printed.decimals, locale, signed });
    const shownRounded = roundedShown
      ? ''
      : ` (${locale === 'vi' ? 'làm tròn' : 'rounded'} ${formatNumber(rounded, { decimals: printed.decimals, locale, signed })})`;
    const verdict = `${why[locale]}${explain ? `; ${explain[locale]}` : ''}`;
    // The difference printed − exact, so that the reader of a signed table (which prints the published figure) sees what it hides.
    const difference = fmt(subtractFractions(printed.value, exact), locale, true);
    return locale === 'vi'
      ? `${label.vi}: in ${shownPrinted}, số liệu tính được ${fmt(exact, 'vi', signed)}${shownRounded} — ${verdict} (lệch ${difference})`
      : `${label.en}: printed ${shownPrinted}, computed ${fmt(exact, 'en', signed)}${shownRounded} — ${verdict} (difference ${difference})`;
  };
  push(context, { id, severity, where, ...extra, printed: printed.value, computed: exact, message: { vi: text('vi'), en: text('en') } });
}

function checkDirection(
  context: Context,
  id: string,
  where: string,
  label: Message,
  text: string | undefined,
  printed: Printed | undefined,
  actual: Direction | undefined,
  extra: Partial<Finding> = {},
  /** What the data shows, e.g. "+1,53 điểm phần trăm (34,71% → 36,24%)". */
  detail?: Message,
) {
  if (!actual) return;
  const stated =
    statedDirection(text) ??
    (printed ? (signOf(printed.value) > 0 && /^\s*\+/.test(printed.text) ? 'up' : signOf(printed.value) < 0 ? 'down' : undefined) : undefined);
  if (!stated || stated === actual) return;
  push(context, {
    id,
    severity: 'error',
    where,
    ...extra,
    message: {
      vi: `${label.vi}: văn bản ghi "${text ?? printed?.text}" (${DIRECTION_VI[stated]}) nhưng số liệu cho thấy ${DIRECTION_VI[actual]}${detail ? ` ${detail.vi}` : ''}`,
      en: `${label.en}: the text says "${text ?? printed?.text}" (${DIRECTION_EN[stated]}) but the data shows ${DIRECTION_EN[actual]}${detail ? ` ${detail.en}` : ''}`,
    },
  });
}

function absolute(p: Printed): Printed {
  return p.value.n < 0n ? { ...p, value: fraction(-p.value.n, p.value.d) } : p;
}

function abs(f: Fraction): Fraction {
  return f.n < 0n ? fraction(-f.n, f.d) : f;
}

/** A published figure's name in messages; the total is the framework's index ("Chỉ số PAR INDEX", "Chỉ số DTI"). */
function figureLabel(analysis: UnitAnalysis, about: 'total' | 'appraisal' | 'survey'): Message {
  if (about === 'total') return indexPhrase(analysis.framework);
  return about === 'appraisal' ? { vi: 'Điểm đánh giá cấp tỉnh', en: 'Appraisal points' } : { vi: 'Điểm điều tra xã hội học', en: 'Survey points' };
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
      const label = figureLabel(analysis, claim.about);
      if (p && value !== undefined) checkFigure(context, base, claim.where, label, p, fromPoints(value), { extra });
      return;
    }
    case 'score': {
      const value = current ? component?.score : component?.previousScore;
      if (p && component && value !== undefined)
        checkFigure(
          context,
          base,
          claim.where,
          { vi: `Điểm ${componentLabel(component).vi}`, en: `Score of ${componentLabel(component).en}` },
          p,
          fromPoints(value),
          { extra },
        );
      return;
    }
    case 'percent': {
      const value = current ? component?.percent : component?.previousPercent;
      if (p && component && value) {
        const score = current ? component.score! : component.previousScore!;
        const max = current ? component.max : component.previousMax!;
        checkFigure(
          context,
          base,
          claim.where,
          { vi: `Tỷ lệ ${componentLabel(component).vi}`, en: `Percentage of ${componentLabel(component).en}` },
          p,
          value,
          {
            extra,
            explain: {
              vi: `${fmtPoints(score)}/${fmtPoints(max)} = ${formatPercent(value, { decimals: 4 })}`,
              en: `${fmtPoints(score, 'en')}/${fmtPoints(max, 'en')} = ${formatPercent(value, { decimals: 4, locale: 'en' })}`,
            },
          },
        );
        const printedScore = claims.find(
          (c) => c.about === 'score' && c.where === claim.where && c.component === claim.component && c.year === claim.year,
        )?.printed;
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
                vi: `${capitalized(componentLabel(component).vi)}: điểm in ${printedScore.text}/${fmtPoints(max)} = ${formatPercent(ofPrinted)}, khác tỷ lệ in ${p.text}%; tỷ lệ in ứng với điểm chính xác ${fmtPoints(score)}`,
                en: `${capitalized(componentLabel(component).en)}: the printed score ${asPrinted(printedScore, 'en')}/${fmtPoints(max, 'en')} = ${formatPercent(ofPrinted, { locale: 'en' })}, not the printed ${asPrinted(p, 'en')}%; the printed percentage matches the exact score ${fmtPoints(score, 'en')}`,
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
              en: `Percentage of ${componentLabel(component).en} printed with ${p.decimals} decimal${p.decimals === 1 ? '' : 's'} (${asPrinted(p, 'en')}); exact ${formatPercent(value, { decimals: 4, locale: 'en' })}`,
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
      const before = component.previousPercent;
      const now = component.percent;
      const detail: Message = {
        vi: `(${fmt(delta, 'vi', true)} điểm phần trăm${before && now ? `: ${formatPercent(before)} → ${formatPercent(now)}` : ''})`,
        en: `(${fmt(delta, 'en', true)} percentage points${before && now ? `: ${formatPercent(before, { locale: 'en' })} → ${formatPercent(now, { locale: 'en' })}` : ''})`,
      };
      checkDirection(context, `${base}.direction`, claim.where, label, claim.text, p, component.direction, extra, detail);
      const stated = statedDirection(claim.text);
      // A change whose words contradict the data is one error, which already gives the exact change.
      if (p && (!stated || stated === component.direction)) {
        const printedPercents = [analysis.year, analysis.year - 1].map(
          (y) => claims.find((c) => c.about === 'percent' && c.component === claim.component && c.year === y)?.printed,
        );
        const [printedNow, printedBefore] = printedPercents;
        const fromPrinted = printedNow && printedBefore ? subtractFractions(printedNow.value, printedBefore.value) : undefined;
        const cause: Message | undefined =
          fromPrinted && compareFractions(abs(fromPrinted), absolute(p).value) === 0
            ? {
                vi: `số in là hiệu hai tỷ lệ đã làm tròn (${printedNow!.text} − ${printedBefore!.text}), không tính từ điểm`,
                en: `the printed figure is the difference of two rounded percentages (${asPrinted(printedNow!, 'en')} − ${asPrinted(printedBefore!, 'en')}), not computed from the scores`,
              }
            : undefined;
        // Compare magnitudes (the direction is checked above), shown with the data's sign.
        const sign = signOf(delta) < 0 ? -1n : 1n;
        const shown: Printed = { ...absolute(p), value: fraction(sign * absolute(p).value.n, p.value.d) };
        checkFigure(context, base, claim.where, label, shown, delta, { extra, cause, signed: true });
      }
      return;
    }
    case 'rank': {
      const rank = claim.component ? (current ? component?.rank : component?.previousRank) : current ? analysis.rank : analysis.previous?.rank;
      const label = component
        ? { vi: `Xếp hạng ${componentLabel(component).vi}`, en: `Rank of ${componentLabel(component).en}` }
        : { vi: 'Xếp hạng chung', en: 'Overall rank' };
      if (p && rank !== undefined && Number(p.value.n / p.value.d) !== rank) {
        push(context, {
          id: base,
          severity: 'error',
          where: claim.where,
          ...extra,
          printed: p.value,
          computed: fraction(rank),
          message: {
            vi: `${label.vi}: văn bản ghi hạng ${p.text}, số liệu tính được hạng ${rank}`,
            en: `${label.en}: the text says rank ${p.text}, the data gives rank ${rank}`,
          },
        });
      }
      if (component && current) {
        checkSet(
          context,
          `${base}.tiedWith`,
          claim,
          label,
          claim.tiedWith,
          component.tiedWith.map((u) => u.id),
          { vi: 'đồng hạng với', en: 'tied with' },
        );
        checkSet(
          context,
          `${base}.behind`,
          claim,
          label,
          claim.behind,
          component.ahead.map((u) => u.id),
          { vi: 'xếp sau', en: 'behind' },
        );
      }
      return;
    }
    case 'totalChange': {
      if (!current || !analysis.totalChange) return;
      const label = { vi: 'Thay đổi tổng điểm so với năm trước', en: 'Change of the total against the previous year' };
      const change = fromPoints(analysis.totalChange.points);
      checkDirection(context, `${base}.direction`, claim.where, label, claim.text, p, analysis.totalChange.direction, extra, {
        vi: `(${fmt(change, 'vi', true)} điểm)`,
        en: `(${fmt(change, 'en', true)} points)`,
      });
      if (p) checkFigure(context, base, claim.where, label, absolute(p), abs(change), { extra });
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
          message: {
            vi: `${label.vi}: văn bản ghi ${p.text} hạng, số liệu là ${Math.abs(analysis.rankChange.places)} hạng`,
            en: `${label.en}: the text says ${p.text} places, the data gives ${Math.abs(analysis.rankChange.places)}`,
          },
        });
      }
      return;
    }
    case 'deduction': {
      const deduction = analysis.deductions.find((d) => d.criterion === claim.criterion);
      if (p && deduction) {
        const exact = deduction.computedPoints ?? deduction.points;
        checkFigure(
          context,
          base,
          claim.where,
          { vi: `Điểm trừ tiêu chí ${claim.criterion}`, en: `Deduction on criterion ${claim.criterion}` },
          absolute(p),
          fromPoints(exact),
          { extra },
        );
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
    ['total', analysis.total, figureLabel(analysis, 'total')],
    ['appraisal', analysis.appraisal, figureLabel(analysis, 'appraisal')],
    ['survey', analysis.survey, figureLabel(analysis, 'survey')],
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
          en: `Appraisal + survey = ${formatNumber(appraisal.value, { decimals: appraisal.decimals, locale: 'en' })} + ${formatNumber(survey.value, { decimals: survey.decimals, locale: 'en' })} = ${formatNumber(printedSum, { decimals, locale: 'en' })}, ${formatNumber(diff, { decimals, signed: true, locale: 'en' })} off the total ${formatNumber(total.value, { decimals: total.decimals, locale: 'en' })}${analysis.total !== undefined ? ` (components add up to ${fmtPoints(analysis.total, 'en')})` : ''}${small ? ': at least one part was rounded or truncated' : ''}`,
        },
      });
    }
  }
  if (published.rank !== undefined && analysis.rank !== undefined && published.rank !== analysis.rank) {
    push(context, {
      id: 'published.rank',
      severity: 'error',
      where,
      message: {
        vi: `Hạng công bố ${published.rank}, số liệu tính được hạng ${analysis.rank}`,
        en: `Published rank ${published.rank}, computed rank ${analysis.rank}`,
      },
    });
  }
  checkPublishedBand(context, where);
  for (const [code, figures] of published.components) {
    const component = analysis.components.find((c) => c.code === code);
    if (!component) continue;
    const label = componentLabel(component);
    if (figures.score && component.score !== undefined)
      checkFigure(
        context,
        `published.score:${code}`,
        where,
        { vi: `Điểm ${label.vi}`, en: `Score of ${label.en}` },
        figures.score,
        fromPoints(component.score),
        { extra: { component: code } },
      );
    if (figures.percent && component.percent)
      checkFigure(
        context,
        `published.percent:${code}`,
        where,
        { vi: `Tỷ lệ ${label.vi}`, en: `Percentage of ${label.en}` },
        figures.percent,
        component.percent,
        { extra: { component: code } },
      );
    if (figures.rank !== undefined && component.rank !== undefined && figures.rank !== component.rank) {
      push(context, {
        id: `published.rank:${code}`,
        severity: 'error',
        where,
        component: code,
        message: {
          vi: `Hạng ${label.vi} công bố ${figures.rank}, tính được ${component.rank}`,
          en: `Published rank of ${label.en} ${figures.rank}, computed ${component.rank}`,
        },
      });
    }
  }
}

/** The band printed in the decision against the band the framework's thresholds give the computed figures. */
function checkPublishedBand(context: Context, where: string) {
  const { analysis, scores } = context;
  const printed = analysis.published?.classification?.trim();
  const bands = scores?.compiled.framework.settings.classification ?? [];
  // Without the framework's bands, or a known total, there is nothing to compare with.
  if (!printed || bands.length === 0 || scores?.rankingTotal === undefined) return;
  const computed = analysis.classification;
  // The same words whatever the case, spacing or Unicode form («Xuất sắc», «xuất  sắc»).
  const key = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  if (computed !== undefined && key(printed) === key(computed)) return;
  const shown = computed ?? 'không xếp loại';
  push(context, {
    id: 'published.classification',
    severity: 'error',
    where,
    message: {
      vi: `${analysis.unit.name}: xếp loại công bố «${printed}», theo ngưỡng xếp loại của bộ tiêu chí và số liệu tính được là «${shown}»`,
      en: `${analysis.unit.name}: published band «${printed}», the framework's thresholds on the computed figures give «${computed ?? 'no band'}»`,
    },
  });
}

/**
 * Points lost that neither a listed deduction nor a criterion's rule explains. Not reported when
 * the listed deductions are the loss as rounded at their own decimals (13,5 − 13,4753 = 0,0247,
 * "bị trừ 0,02 điểm"): the report rounded it, nothing is missing.
 */
function unexplainedLoss(c: ComponentAnalysis): Points | undefined {
  if (c.unexplainedLoss === undefined || c.pointsLost === undefined || c.deductedTotal === 0) return c.unexplainedLoss;
  const listed = fromPoints(c.deductedTotal);
  const decimals = exactDecimals(listed, 6) ?? 6;
  const toExplain = fromPoints((c.pointsLost - c.ruleLoss) as Points);
  return compareFractions(roundFraction(toExplain, decimals, 'halfUp'), listed) === 0 ? undefined : c.unexplainedLoss;
}

/** Checks of the data itself: losses no deduction explains, deductions above the loss, scores that disagree. */
function checkData(context: Context) {
  const { analysis, scores, report } = context;
  // Results known only per component, with no deduction and no rule-scored criterion: one
  // finding says so, instead of one "unexplained" per component that would all say the same.
  const detailed = analysis.deductions.length > 0 || analysis.components.some((c) => c.ruleLoss > 0 || c.criteria.some((k) => k.score !== undefined));
  if (!detailed) {
    const lost = analysis.components.filter((c) => c.pointsLost !== undefined && c.pointsLost > 0);
    if (lost.length) {
      const total = lost.reduce((sum, c) => sum + c.pointsLost!, 0) as Points;
      push(context, {
        id: 'data.componentLevelOnly',
        severity: 'info',
        where: report ? 'I.2' : '—',
        message: {
          vi: `Kết quả chỉ có điểm theo chỉ số thành phần, không nêu điểm trừ nào: ${fmtPoints(total)} điểm bị mất ở ${lost.length} chỉ số thành phần chưa rõ mất ở tiêu chí nào`,
          en: `The results give scores per component only and list no deduction: ${fmtPoints(total, 'en')} points lost over ${lost.length} components, not traced to criteria`,
        },
      });
    }
  }
  for (const c of analysis.components) {
    if (c.pointsLost === undefined) continue;
    // The report's section for the component when there is a report (I.2.6), else the component's code.
    const where = report ? `I.2.${c.code}` : c.code;
    if (c.deductedTotal > c.pointsLost) {
      push(context, {
        id: `data.deductionsAboveLoss:${c.code}`,
        severity: 'error',
        where,
        component: c.code,
        message: {
          vi: `Các điểm trừ ghi nhận của ${componentLabel(c).vi} cộng ${fmtPoints(c.deductedTotal)}, nhiều hơn số điểm bị mất ${fmtPoints(c.pointsLost)}`,
          en: `Recorded deductions of ${componentLabel(c).en} add up to ${fmtPoints(c.deductedTotal, 'en')}, more than the ${fmtPoints(c.pointsLost, 'en')} points lost`,
        },
      });
      continue;
    }
    const unexplained = unexplainedLoss(c);
    if (unexplained === undefined || !detailed) continue;
    const explained: Message[] = [];
    if (c.deductedTotal > 0)
      explained.push({
        vi: `các điểm trừ được nêu cộng ${fmtPoints(c.deductedTotal)}`,
        en: `the listed deductions add up to ${fmtPoints(c.deductedTotal, 'en')}`,
      });
    if (c.ruleLoss > 0)
      explained.push({
        vi: `các tiêu chí chấm theo chỉ tiêu giải thích ${fmtPoints(c.ruleLoss)}`,
        en: `criteria scored from indicators explain ${fmtPoints(c.ruleLoss, 'en')}`,
      });
    const known: Message = explained.length
      ? { vi: explained.map((m) => m.vi).join(', '), en: explained.map((m) => m.en).join(', ') }
      : { vi: 'không có điểm trừ nào được nêu', en: 'no deduction is listed' };
    const rest: Message = explained.length
      ? { vi: `${fmtPoints(unexplained)} điểm còn lại chưa được giải thích`, en: `${fmtPoints(unexplained, 'en')} points are unexplained` }
      : { vi: 'chưa rõ mất ở tiêu chí nào', en: 'where they were lost is not recorded' };
    push(context, {
      id: `data.unexplainedLoss:${c.code}`,
      severity: 'info',
      where,
      component: c.code,
      message: {
        vi: `${capitalized(componentLabel(c).vi)} mất ${fmtPoints(c.pointsLost)} điểm; ${known.vi}; ${rest.vi}`,
        en: `${capitalized(componentLabel(c).en)} lost ${fmtPoints(c.pointsLost, 'en')} points; ${known.en}; ${rest.en}`,
      },
    });
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

/**
 * "tăng 9,99%" for a change of a percentage is a difference of percentages: percentage points,
 * not a relative change (the score itself rose 16,5%). Said once for the report.
 */
function checkPercentWording(context: Context, claims: Claim[]) {
  const worded = claims.filter((c) => c.about === 'percentChange' && c.text && /%/.test(c.text));
  if (!worded.length) return;
  const example = worded[0]!;
  push(context, {
    id: 'claim.percentagePoints',
    severity: 'info',
    where: [...new Set(worded.map((c) => c.where))].join('; '),
    message: {
      vi: `Các mức tăng/giảm ghi bằng "%" (vd. "${example.text}") là hiệu của hai tỷ lệ, tức điểm phần trăm, không phải phần trăm thay đổi tương đối; nên ghi "điểm phần trăm"`,
      en: `Changes written with "%" (e.g. "${example.text}") are differences of two percentages, i.e. percentage points, not relative changes; write "percentage points"`,
    },
  });
}

/**
 * One finding per fact: the same figure printed in two places (the comparison table and the
 * component's section, or the decision and the report's summary table) with the same verdict
 * is reported once, naming both places ("Biểu so sánh %, dòng 1; I.2.1").
 */
function mergeSamePlaces(findings: Finding[]): Finding[] {
  const merged = new Map<string, Finding>();
  for (const f of findings) {
    const key = [f.severity, f.component ?? '', f.criterion ?? '', f.year, f.message.vi].join('\u0000');
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...f });
    else if (!seen.where.split('; ').includes(f.where)) seen.where = `${seen.where}; ${f.where}`;
  }
  return [...merged.values()];
}

/**
 * A change measured against another unit's result says so (info), and a text comparing ranks
 * with a baseline of another peer set is flagged (a rank among 8 districts is not one among communes).
 */
function checkBaseline(context: Context, claims: readonly Claim[]) {
  const b = context.analysis.baseline;
  if (!b || b.kind === 'own' || (b.kind === 'none' && !b.lineage)) return;
  push(context, {
    id: 'baseline.lineage',
    severity: 'info',
    where: b.kind === 'none' ? `${b.year}` : b.units.map((u) => u.label).join(', '),
    message: { vi: `Mức so sánh: ${b.words.vi}`, en: `Baseline: ${b.words.en}` },
  });
  if (b.rankComparable) return;
  for (const claim of claims) {
    const aboutPrevious = claim.year === context.analysis.year - 1 && claim.about === 'rank';
    if (claim.about !== 'rankChange' && !aboutPrevious) continue;
    push(context, {
      id: `baseline.rankPeers:${claim.where}`,
      severity: 'warning',
      where: claim.where,
      message: {
        vi: `văn bản so sánh thứ hạng với năm ${b.year}, nhưng kết quả năm ${b.year} là của ${b.units.map((u) => u.label).join(', ') || 'không đơn vị nào'}, không cùng nhóm xếp hạng (${context.analysis.of} đơn vị năm ${context.analysis.year}): thứ hạng không so sánh được`,
        en: `the text compares ranks with ${b.year}, but the ${b.year} result is ${b.units.map((u) => u.label).join(', ') || 'nobody'}'s, in another peer set (${context.analysis.of} units in ${context.analysis.year}): ranks are not comparable`,
      },
    });
  }
}

/**
 * Reduplications that Vietnamese writes on purpose ("từ từ", "người người", "nhà nhà"); any
 * other word written twice in a row ("nhận được được", "các các") is a slip of the keyboard.
 */
const INTENDED_REPEATS = new Set(['từ', 'ai', 'người', 'nhà', 'ngày', 'đâu', 'xa', 'đời', 'lớp', 'muôn', 'mãi', 'chầm', 'khắp', 'hằng', 'thường']);

/** Words written twice in a row in a text, each with a little context ("… nhận được được ngày 11/3/2024"). */
export function duplicatedWords(given: string): { word: string; context: string }[] {
  const found: { word: string; context: string }[] = [];
  const pattern = /(?<![\p{L}\p{N}])(\p{L}+)\s+\1(?![\p{L}\p{N}])/giu;
  // Composed once: the context is cut from the same text the positions are found in (a text typed
  // with decomposed accents is longer than its composed form).
  const text = given.normalize('NFC');
  for (const match of text.matchAll(pattern)) {
    const word = match[1]!;
    if (INTENDED_REPEATS.has(word.toLocaleLowerCase('vi'))) continue;
    // Same letters in different case ("Các các") is still the slip; "Sở Sở" of a name too.
    const at = match.index!;
    const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 20)) + 1);
    const end = text.indexOf(' ', Math.min(text.length, at + match[0].length + 20));
    found.push({ word, context: `${from > 0 ? '…' : ''}${text.slice(from, end < 0 ? text.length : end).trim()}${end < 0 ? '' : '…'}` });
  }
  return found;
}

/** The unit's own texts (its report's paragraphs, causes, tasks and the appraisal's reasons) with a word written twice in a row. */
function checkDuplicatedWords(context: Context) {
  const { analysis, report } = context;
  const texts: [string, string | undefined][] = [];
  if (report) {
    // A report read from a partial document may lack some parts: only what is there is read.
    texts.push(['Mở đầu', report.opening], ['Kết thúc', report.closing]);
    for (const [code, paragraphs] of report.componentTexts ?? []) for (const t of paragraphs) texts.push([`I.2 (${code})`, t]);
    for (const t of [...(report.causes?.increase ?? []), ...(report.causes?.decrease ?? [])]) texts.push(['I.3', t]);
    for (const group of report.tasks ?? []) for (const t of group.tasks) texts.push([`II (${group.department})`, t]);
  }
  for (const c of analysis.components) for (const d of c.deductions) texts.push([`Tiêu chí ${d.criterion}`, d.reason]);
  for (const [where, text] of texts) {
    for (const { word, context: excerpt } of text ? duplicatedWords(text) : []) {
      push(context, {
        id: `text.duplicateWord:${where}:${word.toLocaleLowerCase('vi')}`,
        severity: 'warning',
        where,
        message: { vi: `Chữ «${word}» viết lặp hai lần: «${excerpt}»`, en: `The word «${word}» is written twice: «${excerpt}»` },
      });
    }
  }
}

export function checkConsistency(analysis: UnitAnalysis, report?: UnitReport, scores?: UnitScores): Finding[] {
  const context: Context = { analysis, report, scores, findings: [] };
  checkPublished(context);
  for (const claim of report?.claims ?? []) checkClaim(context, claim, report!.claims);
  checkPercentWording(context, report?.claims ?? []);
  checkData(context);
  checkBaseline(context, report?.claims ?? []);
  checkDuplicatedWords(context);
  const order: Severity[] = ['error', 'warning', 'rounding', 'info'];
  return mergeSamePlaces(context.findings).sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}
