/**
 * Scoring rules: from a criterion's indicator values to exact points.
 * Each rule type is one case here; `recoverable.ts` (planning) reads the same rules backwards.
 */
import { ParError, issue, type Message } from './errors.ts';
import { compareFractions, fraction, fromPoints, multiplyFractions, toPoints, type Fraction, type RoundingMode } from './fraction.ts';
import { countInEnglish, formatNumber, formatPercent, formatPoints, formatPointsInEnglish } from './format.ts';
import type { FrameworkNode, ScoringRule } from './framework/types.ts';
import { clamp, type Points } from './points.ts';

export interface DeadlineItem {
  /** What was due, e.g. "Báo cáo sơ kết Nghị quyết số 08-NQ/TU". */
  name: string;
  due: string;
  /** Date sent or received; missing while not sent. */
  sent?: string;
}

/** The measured values behind a criterion (chỉ tiêu); which ones a rule needs depends on its type. */
export interface IndicatorValue {
  numerator?: number;
  denominator?: number;
  /** A measured value: a percentage for `bands` on percent, a plain number for `bands` on value. */
  value?: Fraction;
  count?: number;
  achieved?: boolean;
  grade?: string;
  items?: DeadlineItem[];
  /** Survey answers: how many respondents chose each option. */
  answers?: Record<string, number>;
  note?: string;
}

export interface RuleOutcome {
  score: Points;
  /** How the score was reached, for people: "10/46 = 21,74% × 1 điểm = 0,217391 điểm". */
  explanation: Message;
  /** The measured ratio or value the rule read, when it reads one. */
  measured?: Fraction;
}

export interface RuleContext {
  rounding: RoundingMode;
  /** Date of evaluation for deadline rules (items not yet sent count as late after their due date). No clock in core. */
  asOf?: string;
}

function missing(node: FrameworkNode, what: Message): never {
  throw new ParError(
    issue(
      'indicator.missing',
      { vi: `tiêu chí ${node.code} cần ${what.vi}`, en: `criterion ${node.code} needs ${what.en}` },
      { node: node.code, field: 'indicators' },
    ),
  );
}

function invalid(node: FrameworkNode, what: Message): never {
  throw new ParError(issue('indicator.invalid', what, { node: node.code, field: 'indicators' }));
}

/** The measured ratio numerator/denominator, checked. */
function ratioInput(node: FrameworkNode, input: IndicatorValue): { numerator: number; denominator: number } {
  const { numerator, denominator } = input;
  if (numerator === undefined || denominator === undefined) {
    missing(node, { vi: 'tử số và mẫu số', en: 'a numerator and a denominator' });
  }
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || numerator < 0 || denominator < 0) {
    invalid(node, { vi: 'tử số và mẫu số phải là số không âm', en: 'numerator and denominator must be non-negative numbers' });
  }
  if (numerator > denominator) {
    invalid(node, {
      vi: `tử số ${formatNumber(numerator)} lớn hơn mẫu số ${formatNumber(denominator)}`,
      en: `numerator ${numerator} exceeds denominator ${denominator}`,
    });
  }
  return { numerator, denominator };
}

function exactNumber(value: number): Fraction {
  const text = String(value);
  if (/e/i.test(text)) return fraction(BigInt(Math.round(value * 1e6)), 1_000_000n);
  const [whole, frac = ''] = text.split('.');
  return fraction(BigInt(whole! + frac), 10n ** BigInt(frac.length));
}

function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!) / 86_400_000;
  };
  return day(to) - day(from);
}

const pointsText = (p: Points): Message => ({ vi: `${formatPoints(p)} điểm`, en: formatPointsInEnglish(p) });

export function evaluateRule(node: FrameworkNode, input: IndicatorValue, context: RuleContext): RuleOutcome {
  const rule: ScoringRule | undefined = node.rule;
  const max = node.maxPoints;
  if (!rule || max === undefined) {
    throw new ParError(
      issue(
        'indicator.noRule',
        { vi: `tiêu chí ${node.code} không có quy tắc chấm để tính từ chỉ tiêu`, en: `criterion ${node.code} has no scoring rule to compute from indicators` },
        { node: node.code },
      ),
    );
  }
  const maxFraction = fromPoints(max);
  switch (rule.type) {
    case 'manual':
      throw new ParError(
        issue(
          'indicator.manual',
          {
            vi: `tiêu chí ${node.code} chấm thủ công: nhập điểm, không nhập chỉ tiêu`,
            en: `criterion ${node.code} is scored manually: enter a score, not indicators`,
          },
          { node: node.code },
        ),
      );
    case 'boolean': {
      if (input.achieved === undefined) missing(node, { vi: 'kết quả đạt hay không đạt', en: 'a yes/no result (achieved)' });
      const score = input.achieved ? max : rule.falsePoints;
      return {
        score,
        explanation: input.achieved
          ? { vi: `Đạt → ${pointsText(score).vi}`, en: `Achieved → ${pointsText(score).en}` }
          : { vi: `Không đạt → ${pointsText(score).vi}`, en: `Not achieved → ${pointsText(score).en}` },
      };
    }
    case 'ratio': {
      const { numerator, denominator } = ratioInput(node, input);
      if (denominator === 0) {
        const score = rule.zeroDenominator === 'full' ? max : (0 as Points);
        return {
          score,
          explanation: { vi: `Không phát sinh (mẫu số 0) → ${pointsText(score).vi}`, en: `Nothing to measure (denominator 0) → ${pointsText(score).en}` },
        };
      }
      const ratio = exactNumberRatio(numerator, denominator);
      let share = ratio;
      if (rule.target) share = compareFractions(ratio, rule.target) >= 0 ? fraction(1) : fraction(ratio.n * rule.target.d, ratio.d * rule.target.n);
      const score = clamp(toPoints(multiplyFractions(maxFraction, share), context.rounding), 0 as Points, max);
      const ratioText = `${formatNumber(numerator)}/${formatNumber(denominator)} = ${formatPercent(fraction(ratio.n * 100n, ratio.d))}`;
      const targetText = rule.target ? ` (mục tiêu ${formatPercent(fraction(rule.target.n * 100n, rule.target.d))})` : '';
      const targetTextEn = rule.target ? ` (target ${formatPercent(fraction(rule.target.n * 100n, rule.target.d), { locale: 'en' })})` : '';
      return {
        score,
        measured: ratio,
        explanation: {
          vi: `${ratioText}${targetText} → ${pointsText(score).vi}`,
          en: `${numerator}/${denominator} = ${formatPercent(fraction(ratio.n * 100n, ratio.d), { locale: 'en' })}${targetTextEn} → ${pointsText(score).en}`,
        },
      };
    }
    case 'bands': {
      const measured = bandMeasure(node, rule.measure, input);
      const band = rule.bands.find((b) => compareFractions(measured, b.atLeast) >= 0);
      const score = band ? band.points : (0 as Points);
      const shown = rule.measure === 'percent' ? formatPercent(measured) : formatNumber(measured);
      const shownEn = rule.measure === 'percent' ? formatPercent(measured, { locale: 'en' }) : formatNumber(measured, { locale: 'en' });
      return { score, measured, explanation: { vi: `Đạt ${shown} → ${pointsText(score).vi}`, en: `Measured ${shownEn} → ${pointsText(score).en}` } };
    }
    case 'perOccurrence': {
      const count = input.count;
      if (count === undefined) missing(node, { vi: 'số lần vi phạm', en: 'a number of occurrences (count)' });
      if (!Number.isInteger(count) || count < 0) invalid(node, { vi: 'số lần vi phạm phải là số nguyên không âm', en: 'count must be a non-negative integer' });
      if (node.kind === 'penalty') return penaltyOutcome(count * rule.pointsEach, max, count, rule.pointsEach);
      const score = Math.max(max - count * rule.pointsEach, rule.floor) as Points;
      return {
        score,
        measured: fraction(count),
        explanation: {
          vi: `${count} lần × ${formatPoints(rule.pointsEach)} điểm → ${pointsText(score).vi}`,
          en: `${count} × ${formatPointsInEnglish(rule.pointsEach)} → ${pointsText(score).en}`,
        },
      };
    }
    case 'deadline': {
      const items = input.items;
      if (!items) missing(node, { vi: 'danh sách báo cáo với hạn gửi và ngày gửi', en: 'a list of reports with due and sent dates (items)' });
      const late = items.filter((item) => {
        if (item.sent) return daysBetween(item.due, item.sent) > rule.graceDays;
        return context.asOf !== undefined && daysBetween(item.due, context.asOf) > rule.graceDays;
      });
      if (node.kind === 'penalty') return penaltyOutcome(late.length * rule.pointsPerLate, max, late.length, rule.pointsPerLate);
      const score = Math.max(max - late.length * rule.pointsPerLate, 0) as Points;
      return {
        score,
        measured: fraction(late.length),
        explanation: {
          vi: `${late.length}/${items.length} báo cáo trễ hạn → ${pointsText(score).vi}`,
          en: `${late.length} of ${countInEnglish(items.length, 'report')} late → ${pointsText(score).en}`,
        },
      };
    }
    case 'grades': {
      if (input.grade === undefined)
        missing(node, { vi: `mức xếp loại (một trong: ${Object.keys(rule.grades).join(', ')})`, en: `a grade (${Object.keys(rule.grades).join(', ')})` });
      const score = rule.grades[input.grade];
      if (score === undefined) {
        invalid(node, {
          vi: `mức "${input.grade}" không có trong ${Object.keys(rule.grades).join(', ')}`,
          en: `grade "${input.grade}" is not one of ${Object.keys(rule.grades).join(', ')}`,
        });
      }
      return { score, explanation: { vi: `Mức "${input.grade}" → ${pointsText(score).vi}`, en: `Grade "${input.grade}" → ${pointsText(score).en}` } };
    }
    case 'surveyAnswers': {
      const answers = input.answers;
      if (!answers) missing(node, { vi: 'số phiếu trả lời theo từng phương án', en: 'answer counts per option (answers)' });
      let respondents = 0n;
      let weighted = fraction(0);
      for (const [option, count] of Object.entries(answers)) {
        const share = rule.options[option];
        if (share === undefined) invalid(node, { vi: `phương án "${option}" không có trong bộ tiêu chí`, en: `option "${option}" is not in the framework` });
        if (!Number.isInteger(count) || count < 0)
          invalid(node, { vi: 'số phiếu phải là số nguyên không âm', en: 'answer counts must be non-negative integers' });
        respondents += BigInt(count);
        weighted = fraction(weighted.n * share.d + share.n * BigInt(count) * weighted.d, weighted.d * share.d);
      }
      const average = respondents === 0n ? fraction(0) : fraction(weighted.n, weighted.d * respondents);
      const score = toPoints(multiplyFractions(maxFraction, average), context.rounding);
      return {
        score,
        measured: average,
        explanation: {
          vi: `${respondents} phiếu, bình quân ${formatPercent(fraction(average.n * 100n, average.d))} → ${pointsText(score).vi}`,
          en: `${countInEnglish(respondents, 'answer')}, average ${formatPercent(fraction(average.n * 100n, average.d), { locale: 'en' })} → ${pointsText(score).en}`,
        },
      };
    }
  }
}

/**
 * On a penalty node the score is the points removed, so counting rules add up what each
 * occurrence costs, up to the node's maximum (its cap), instead of taking it from the maximum.
 */
function penaltyOutcome(removed: number, max: Points, count: number, each: Points): RuleOutcome {
  const score = Math.min(removed, max) as Points;
  return {
    score,
    measured: fraction(count),
    explanation: {
      vi: `${count} lần × ${formatPoints(each)} điểm → trừ ${pointsText(score).vi}`,
      en: `${count} × ${formatPointsInEnglish(each)} → ${pointsText(score).en} removed`,
    },
  };
}

function exactNumberRatio(numerator: number, denominator: number): Fraction {
  const n = exactNumber(numerator);
  const d = exactNumber(denominator);
  return fraction(n.n * d.d, n.d * d.n);
}

function bandMeasure(node: FrameworkNode, measure: 'percent' | 'value', input: IndicatorValue): Fraction {
  if (input.value !== undefined) return input.value;
  if (measure === 'percent' && input.numerator !== undefined) {
    const { numerator, denominator } = ratioInput(node, input);
    if (denominator === 0) return fraction(100);
    const ratio = exactNumberRatio(numerator, denominator);
    return fraction(ratio.n * 100n, ratio.d);
  }
  if (measure === 'value' && input.count !== undefined) return fraction(input.count);
  return missing(
    node,
    measure === 'percent'
      ? { vi: 'tỷ lệ % đạt được, hoặc tử số và mẫu số', en: 'a percentage (value) or a numerator and denominator' }
      : { vi: 'giá trị đo được', en: 'a measured value (value)' },
  );
}
