/**
 * The province's view of a year: every unit of a peer group with its total, split, rank and
 * per-component scores, percentages and ranks (a ranking table and a units × components heat
 * map), the distribution of each component across units, and each unit's trend over the years.
 */
import { computationFor, frameworkOf, unitRef } from './build.ts';
import { rankOf } from '../compute/year.ts';
import { applicableMaxOf, scoreOf } from '../compute/score.ts';
import type { Dataset } from '../dataset.ts';
import { ParError, issue } from '../errors.ts';
import { compareFractions, fraction, fractionToNumber, percentOf, type Fraction } from '../fraction.ts';
import type { UnitLevel } from '../framework/types.ts';
import { LEVEL_NAMES } from '../units.ts';
import { toNumber, type Points } from '../points.ts';
import type { UnitRef } from './types.ts';

export interface ProvinceUnitRow {
  unit: UnitRef;
  total?: Points;
  percent?: Fraction;
  appraisal?: Points;
  survey?: Points;
  rank?: number;
  components: { code: string; score?: Points; percent?: Fraction; rank?: number }[];
}

export interface Distribution {
  code: string;
  /** Percent of max across the units that have a score. */
  min?: Fraction;
  q1?: Fraction;
  median?: Fraction;
  q3?: Fraction;
  max?: Fraction;
  mean?: Fraction;
  count: number;
}

export interface ProvinceView {
  year: number;
  level: UnitLevel;
  group: string;
  framework: { id: string; name: string; totalPoints: Points };
  components: { code: string; name: string; max: Points }[];
  /** Ranked first, then unranked by name. */
  units: ProvinceUnitRow[];
  of: number;
  distributions: Distribution[];
  illustrative: boolean;
}

/** The ranking of all units of one level (and peer group) in a year. */
export function analyzeProvince(dataset: Dataset, year: number, level?: UnitLevel, group?: string): ProvinceView {
  const sets = dataset.results.filter((s) => s.year === year && (!level || frameworkOf(dataset, s).level === level));
  const views: ProvinceView[] = [];
  for (const set of sets) {
    const computation = computationFor(dataset, set);
    const framework = computation.framework;
    for (const ranking of computation.groups.values()) {
      if (group && ranking.group !== group) continue;
      const components = framework.components.filter((c) => c.kind === 'regular').map((c) => ({ code: c.code, name: c.name, max: c.maxPoints! }));
      const units = ranking.unitIds
        .map((unitId) => {
          const scores = computation.scores.get(unitId)!;
          return {
            unit: unitRef(dataset, unitId, set),
            total: scores.total,
            percent: scores.total === undefined ? undefined : percentOf(scores.total, scores.applicableTotal),
            appraisal: scores.appraisalTotal,
            survey: scores.surveyTotal,
            rank: rankOf(computation, unitId).rank,
            components: components.map((c) => {
              const score = scoreOf(scores, c.code);
              return { code: c.code, score, percent: score === undefined ? undefined : percentOf(score, applicableMaxOf(scores, c.code) ?? c.max), rank: rankOf(computation, unitId, c.code).rank };
            }),
          };
        })
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.name.localeCompare(b.unit.name, 'vi'));
      views.push({
        year,
        level: framework.level,
        group: ranking.group,
        framework: { id: framework.id, name: framework.name, totalPoints: framework.totalPoints },
        components,
        units,
        of: ranking.totalOf,
        distributions: components.map((c, k) => distribution(c.code, units.map((u) => u.components[k]!.percent))),
        illustrative: units.some((u) => u.unit.illustrative),
      });
    }
  }
  if (views.length !== 1) {
    throw new ParError(
      views.length === 0
        ? issue('province.noResults', { vi: `không có kết quả năm ${year}${level ? ` cho ${LEVEL_NAMES[level].vi}` : ''}`, en: `no results for ${year}${level ? ` at ${LEVEL_NAMES[level].en}` : ''}` }, { field: 'year' })
        : issue('province.ambiguous', { vi: `năm ${year} có nhiều cấp hoặc nhóm đơn vị: hãy chọn cấp đơn vị hoặc nhóm đơn vị`, en: `${year} has several levels or peer groups: choose a level or group` }, { field: 'level' }),
    );
  }
  return views[0]!;
}

function quantile(sorted: Fraction[], q: number): Fraction {
  // Linear interpolation between closest ranks (the common "type 7" definition).
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const weight = fraction(Math.round((position - low) * 1e6), 1_000_000);
  const a = sorted[low]!;
  const b = sorted[high]!;
  return fraction(a.n * b.d * weight.d + (b.n * a.d - a.n * b.d) * weight.n, a.d * b.d * weight.d);
}

function distribution(code: string, values: (Fraction | undefined)[]): Distribution {
  const known = values.filter((v): v is Fraction => v !== undefined).sort(compareFractions);
  if (!known.length) return { code, count: 0 };
  let sum = fraction(0);
  for (const v of known) sum = fraction(sum.n * v.d + v.n * sum.d, sum.d * v.d);
  return {
    code,
    count: known.length,
    min: known[0],
    q1: quantile(known, 0.25),
    median: quantile(known, 0.5),
    q3: quantile(known, 0.75),
    max: known.at(-1),
    mean: fraction(sum.n, sum.d * BigInt(known.length)),
  };
}

export interface TrendPoint {
  year: number;
  total?: Points;
  rank?: number;
  of: number;
  illustrative: boolean;
}

/** A unit's totals and ranks over every year with results (oldest first). */
export function trendOf(dataset: Dataset, unitId: string): TrendPoint[] {
  return dataset.results
    .filter((s) => s.units.some((u) => u.unitId === unitId))
    .map((set) => {
      const computation = computationFor(dataset, set);
      const { rank, of } = rankOf(computation, unitId);
      return { year: set.year, total: computation.scores.get(unitId)!.total, rank, of, illustrative: set.units.find((u) => u.unitId === unitId)!.illustrative };
    })
    .sort((a, b) => a.year - b.year);
}

const num = (p: Points | undefined) => (p === undefined ? null : toNumber(p));
const ratio = (f: Fraction | undefined) => (f === undefined ? null : fractionToNumber(f));

/** The province view as JSON, full precision. */
export function provinceToJson(view: ProvinceView) {
  return {
    year: view.year,
    level: view.level,
    group: view.group,
    framework: { id: view.framework.id, name: view.framework.name, totalPoints: toNumber(view.framework.totalPoints) },
    illustrative: view.illustrative,
    of: view.of,
    components: view.components.map((c) => ({ code: c.code, name: c.name, max: toNumber(c.max) })),
    units: view.units.map((u) => ({
      unit: u.unit,
      total: num(u.total),
      percent: ratio(u.percent),
      appraisal: num(u.appraisal),
      survey: num(u.survey),
      rank: u.rank ?? null,
      components: u.components.map((c) => ({ code: c.code, score: num(c.score), percent: ratio(c.percent), rank: c.rank ?? null })),
    })),
    distributions: view.distributions.map((d) => ({
      code: d.code,
      count: d.count,
      min: ratio(d.min),
      q1: ratio(d.q1),
      median: ratio(d.median),
      q3: ratio(d.q3),
      max: ratio(d.max),
      mean: ratio(d.mean),
    })),
  };
}
