/**
 * Indicator tracking through the year: the points each monthly/quarterly value would give under
 * the criterion's rule, and the projection for the year — the latest value, and a straight-line
 * projection of the ratio to the last period of the year from the values so far (least squares
 * over the period index; clamped to 0–100%).
 */
import { resultsOf, type Dataset } from '../dataset.ts';
import { ParError, issue } from '../errors.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { fraction } from '../fraction.ts';
import { parsePoints, type Points } from '../points.ts';
import type { IndicatorFile } from '../results/schema.ts';
import { evaluateRule, type IndicatorValue } from '../rules.ts';
import type { Plan } from './plan.ts';

/**
 * The framework a plan is measured against: the one of the plan's year for the unit's level,
 * else the framework of the results the plan answers, else the one of that results year for the
 * unit's level (results not in yet: `parindex validate` reads the plan against it too).
 */
export function planFramework(dataset: Dataset, plan: Pick<Plan, 'unitId' | 'year' | 'basedOn'>): Framework | undefined {
  const level = dataset.units.get(plan.unitId)?.level;
  const ofYear = (year: number) => [...dataset.frameworks.values()].find((f) => f.year === year && (level === undefined || f.level === level));
  const sameYear = ofYear(plan.year);
  if (sameYear) return sameYear;
  const found = resultsOf(dataset, plan.unitId, plan.basedOn);
  return found ? dataset.frameworks.get(found.set.frameworkId) : ofYear(plan.basedOn);
}

/**
 * Decimals to show a unit's points of a year with: the precision of the framework its results
 * of that year use, else of the framework a plan of that year is measured by; the framework
 * default (2) when there is neither.
 */
export function pointsPrecision(dataset: Dataset, unitId: string, year: number): number {
  const found = resultsOf(dataset, unitId, year);
  const framework = found ? dataset.frameworks.get(found.set.frameworkId) : planFramework(dataset, { unitId, year, basedOn: year - 1 });
  return framework?.settings.precision ?? 2;
}

const indicatorInput = (raw: IndicatorFile): IndicatorValue => {
  const { value, ...rest } = raw;
  return { ...rest, ...(value !== undefined && { value: fraction(BigInt(parsePoints(value)), 1_000_000n) }) } as IndicatorValue;
};

/**
 * The criterion of a tracked value: it exists and is scored by a rule from indicator values.
 * Throws a ParError at `criterion` otherwise (asked alone when the values themselves are refused).
 */
export function trackedCriterion(framework: Framework, criterion: string): FrameworkNode & { rule: NonNullable<FrameworkNode['rule']> } {
  const node = framework.nodes.get(criterion);
  if (!node)
    throw new ParError(
      issue(
        'tracking.unknownCriterion',
        { vi: `bộ tiêu chí ${framework.id} không có tiêu chí ${criterion}`, en: `framework ${framework.id} has no criterion ${criterion}` },
        { field: 'criterion', node: criterion },
      ),
    );
  if (!node.rule || node.rule.type === 'manual') {
    throw new ParError(
      issue(
        'tracking.noRule',
        {
          vi: `tiêu chí ${criterion} không chấm theo chỉ tiêu (không có quy tắc tính từ số liệu)`,
          en: `criterion ${criterion} is not scored from indicator values`,
        },
        { field: 'criterion', node: criterion },
      ),
    );
  }
  return node as FrameworkNode & { rule: NonNullable<FrameworkNode['rule']> };
}

/**
 * Checks one period's values before they are stored: the criterion exists, is scored by a rule
 * from indicator values, and the values fit that rule (numerator ≤ denominator, …). Throws a ParError naming the field.
 */
export function checkTrackedValue(framework: Framework, criterion: string, value: IndicatorFile): Points {
  const node = trackedCriterion(framework, criterion);
  try {
    return evaluateRule(node, indicatorInput(value), { rounding: framework.settings.pointsRounding }).score;
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    // The rule names its input `indicators` (a results file's map); here the values are given one by one.
    const field = fieldAtFault(node.rule, value);
    throw new ParError(error.issues.map((found) => (found.field === 'indicators' ? { ...found, field } : found)));
  }
}

/** The value a rule's refusal is about: the one missing, else the one that does not fit (a numerator above its denominator). */
function fieldAtFault(rule: NonNullable<FrameworkNode['rule']>, value: IndicatorFile): keyof IndicatorFile {
  const ratio = (): keyof IndicatorFile => (value.numerator === undefined ? 'numerator' : value.denominator === undefined ? 'denominator' : 'numerator');
  switch (rule.type) {
    case 'ratio':
      return ratio();
    case 'bands':
      return rule.measure === 'percent' && value.value === undefined && (value.numerator !== undefined || value.denominator !== undefined)
        ? ratio()
        : value.value === undefined && value.count !== undefined
          ? 'count'
          : 'value';
    case 'perOccurrence':
      return 'count';
    case 'boolean':
      return 'achieved';
    case 'deadline':
      return 'items';
    case 'grades':
      return 'grade';
    case 'surveyAnswers':
      return 'answers';
    default:
      return 'value';
  }
}

export interface TrackPoint {
  period: string;
  points: Points;
  /** numerator/denominator, or the measured value (a percentage as 0–1 for percent measures). */
  ratio?: number;
}

export interface Track {
  criterion: string;
  name: string;
  maxPoints?: Points;
  series: TrackPoint[];
  /** Points if the year ended with the latest value. */
  latest?: Points;
  latestValues?: IndicatorFile;
  /** Points at the year's last period on the trend of the values so far (at least two periods). */
  projected?: Points;
  /** The indicator values the trend gives for the year end (what-if input). */
  projectedValues?: IndicatorFile;
}

/** Month at the end of a period: 2024-03 → 3, 2024-Q2 → 6. */
function periodIndex(period: string): number {
  const [, part] = period.split('-');
  return part!.startsWith('Q') ? Number(part!.slice(1)) * 3 : Number(part);
}

/** Least-squares line through (month, y), read at month 12. */
function atYearEnd(points: { x: number; y: number }[]): number {
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  return my + slope * (12 - mx);
}

export function trackIndicators(plan: Plan, framework: Framework): Track[] {
  return plan.tracking.map((tracked) => {
    const node = framework.nodes.get(tracked.criterion);
    const rule = node?.rule && node.rule.type !== 'manual' ? node.rule : undefined;
    const values = [...tracked.values].sort((a, b) => periodIndex(a.period) - periodIndex(b.period));
    const series: TrackPoint[] = [];
    const evaluate = (input: IndicatorFile) => evaluateRule(node!, indicatorInput(input), { rounding: framework.settings.pointsRounding }).score;
    if (rule) {
      for (const raw of values) {
        const { period, ...rest } = raw;
        const ratio =
          raw.numerator !== undefined && raw.denominator
            ? raw.numerator / raw.denominator
            : raw.value !== undefined
              ? Number(parsePoints(raw.value)) / 1e6 / (rule.type === 'bands' && rule.measure === 'percent' ? 100 : 1)
              : undefined;
        series.push({ period, points: evaluate(rest), ...(ratio !== undefined && { ratio }) });
      }
    }
    const last = values.at(-1);
    const latestValues = last && (({ period: _period, ...rest }) => rest)(last);
    let projectedValues: IndicatorFile | undefined;
    const measured = series.filter((p) => p.ratio !== undefined);
    if (rule && last && measured.length >= 2 && periodIndex(last.period) < 12) {
      const trend = atYearEnd(measured.map((p) => ({ x: periodIndex(p.period), y: p.ratio! })));
      if (last.denominator) {
        projectedValues = { numerator: Math.round(Math.min(1, Math.max(0, trend)) * last.denominator), denominator: last.denominator };
      } else if (last.value !== undefined) {
        const percent = rule.type === 'bands' && rule.measure === 'percent';
        const value = percent ? Math.min(100, Math.max(0, trend * 100)) : Math.max(0, trend);
        projectedValues = { value: String(Math.round(value * 100) / 100) };
      }
    }
    const projected = projectedValues && evaluate(projectedValues);
    return {
      criterion: tracked.criterion,
      name: node?.name ?? tracked.criterion,
      ...(node?.maxPoints !== undefined && { maxPoints: node.maxPoints }),
      series,
      ...(series.length > 0 && { latest: series.at(-1)!.points }),
      ...(rule && latestValues && { latestValues }),
      ...(projected !== undefined && { projected, projectedValues }),
    };
  });
}
