/**
 * The province's view of a year: every unit of a peer group with its total, split, rank and
 * per-component scores, percentages and ranks (a ranking table and a units × components heat
 * map), the distribution of each component across units, and each unit's trend over the years.
 */
import { computationFor, frameworkOf, unitRef } from './build.ts';
import { rankOf } from '../compute/year.ts';
import { applicableMaxOf, scoreOf } from '../compute/score.ts';
import { groupOf, NATIONAL_GROUP, resultsOf, unitResultIn, type Dataset } from '../dataset.ts';
import { ParError, issue, type Message } from '../errors.ts';
import { resolveBaseline } from './baseline.ts';
import { figureJson, fraction, fromDecimalText, percentOf, pointsJson, sortFractions, sumFractions, type Fraction } from '../fraction.ts';
import type { IndexNames, LevelNames, UnitLevel } from '../framework/types.ts';
import { indexWords, levelNouns } from '../framework/words.ts';
import { levelName } from '../units.ts';
import { toDecimalString, type Points } from '../points.ts';
import type { UnitRef } from './types.ts';

export interface ProvinceUnitRow {
  unit: UnitRef;
  total?: Points;
  percent?: Fraction;
  /** The framework's total maximum less the unit's not-applicable criteria (= the total maximum when none). */
  applicableMax: Points;
  appraisal?: Points;
  survey?: Points;
  rank?: number;
  components: { code: string; score?: Points; percent?: Fraction; applicableMax: Points; rank?: number }[];
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
  /** The peer group ranked (`*`: every unit of the level, across provinces), with its name. */
  group: string;
  groupName: string;
  groupNameEn?: string;
  /** The framework: its total maximum, display precision and what it measures (words: core/framework/words.ts). */
  framework: { id: string; name: string; totalPoints: Points; precision: number; index?: IndexNames; levelNames?: LevelNames; hasSurvey: boolean };
  components: { code: string; name: string; max: Points }[];
  /** Ranked first, then unranked by name. */
  units: ProvinceUnitRow[];
  of: number;
  distributions: Distribution[];
  illustrative: boolean;
}

/** A level and peer group with results in a year: what the province view can show. */
export interface ResultGroup {
  level: UnitLevel;
  group: string;
  name: string;
  nameEn?: string;
  provinceId?: string;
  framework: string;
  /** Units of the group in the results. */
  count: number;
}

/** Every level and peer group with results in the year, in the order of the results and their units. */
export function resultGroups(dataset: Dataset, year: number): ResultGroup[] {
  return dataset.results
    .filter((s) => s.year === year)
    .flatMap((set) => {
      const computation = computationFor(dataset, set);
      return [...computation.groups.values()].map((ranking) => {
        const { id, name, nameEn, provinceId } = groupOf(dataset, ranking.group, computation.framework.level);
        return {
          level: computation.framework.level,
          group: id,
          name,
          ...(nameEn && { nameEn }),
          ...(provinceId && { provinceId }),
          framework: computation.framework.id,
          count: ranking.unitIds.length,
        };
      });
    });
}

/**
 * The ranking of all units of one level and peer group in a year; group `*` (NATIONAL_GROUP)
 * ranks every unit of the level together, across provinces and groups.
 */
export function analyzeProvince(dataset: Dataset, year: number, level?: UnitLevel, group?: string): ProvinceView {
  const sets = dataset.results.filter((s) => s.year === year && (!level || frameworkOf(dataset, s).level === level));
  const views: ProvinceView[] = [];
  for (const set of sets) {
    const computation = computationFor(dataset, set, group === NATIONAL_GROUP ? 'national' : 'group');
    const framework = computation.framework;
    for (const ranking of computation.groups.values()) {
      if (group && ranking.group !== group) continue;
      const named = groupOf(dataset, ranking.group, framework.level);
      const components = framework.components.filter((c) => c.kind === 'regular').map((c) => ({ code: c.code, name: c.name, max: c.maxPoints! }));
      const units = ranking.unitIds
        .map((unitId) => {
          const scores = computation.scores.get(unitId)!;
          return {
            unit: unitRef(dataset, unitId, set),
            total: scores.total,
            percent: scores.total === undefined ? undefined : percentOf(scores.total, scores.applicableTotal),
            applicableMax: scores.applicableTotal,
            appraisal: scores.appraisalTotal,
            survey: scores.surveyTotal,
            rank: rankOf(computation, unitId).rank,
            components: components.map((c) => {
              const score = scoreOf(scores, c.code);
              const applicableMax = applicableMaxOf(scores, c.code) ?? c.max;
              return {
                code: c.code,
                score,
                percent: score === undefined ? undefined : percentOf(score, applicableMax),
                applicableMax,
                rank: rankOf(computation, unitId, c.code).rank,
              };
            }),
          };
        })
        .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.name.localeCompare(b.unit.name, 'vi'));
      views.push({
        year,
        level: framework.level,
        group: ranking.group,
        groupName: named.name,
        ...(named.nameEn && { groupNameEn: named.nameEn }),
        framework: {
          id: framework.id,
          name: framework.name,
          totalPoints: framework.totalPoints,
          precision: framework.settings.precision,
          hasSurvey: framework.components.some((c) => c.source !== 'appraisal'),
          ...(framework.index && { index: framework.index }),
          ...(framework.levelNames && { levelNames: framework.levelNames }),
        },
        components,
        units,
        of: ranking.totalOf,
        distributions: components.map((c, k) =>
          distribution(
            c.code,
            units.map((u) => u.components[k]!.percent),
          ),
        ),
        illustrative: units.some((u) => u.unit.illustrative),
      });
    }
  }
  if (views.length !== 1) {
    const groupNamed = group && group !== NATIONAL_GROUP ? groupOf(dataset, group) : undefined;
    const where = {
      vi: `${level ? ` cho ${levelName(level).vi}` : ''}${groupNamed ? `, nhóm ${groupNamed.name}` : ''}`,
      en: `${level ? ` at ${levelName(level).en}` : ''}${groupNamed ? `, group ${groupNamed.nameEn ?? groupNamed.name}` : ''}`,
    };
    const levels = new Set(views.map((v) => v.level));
    const choices = (en: boolean) =>
      views.map((v) => `${(en && v.groupNameEn) || v.groupName} (${levels.size > 1 ? `level=${v.level}&` : ''}group=${v.group})`).join('; ');
    if (group === NATIONAL_GROUP && views.length > 1 && levels.size === 1) {
      // Units scored on different frameworks have no common scale: they are not ranked together.
      const ids = [...new Set(views.map((v) => v.framework.id))].join(', ');
      throw new ParError(
        issue(
          'province.nationalFrameworks',
          {
            vi: `năm ${year} các đơn vị ${levelName(views[0]!.level).vi} được chấm theo nhiều bộ tiêu chí (${ids}): không xếp hạng chung được`,
            en: `in ${year} the units at ${levelName(views[0]!.level).en} are scored on several frameworks (${ids}): they cannot be ranked together`,
          },
          { field: 'group' },
        ),
      );
    }
    throw new ParError(
      views.length === 0
        ? issue(
            'province.noResults',
            { vi: `không có kết quả năm ${year}${where.vi}`, en: `no results for ${year}${where.en}` },
            { field: group && group !== NATIONAL_GROUP ? 'group' : 'year' },
          )
        : issue(
            'province.ambiguous',
            {
              vi: `năm ${year} có nhiều ${levels.size > 1 ? 'cấp' : 'nhóm'} đơn vị: hãy chọn một — ${choices(false)}`,
              en: `${year} has several ${levels.size > 1 ? 'levels' : 'peer groups'}: choose one — ${choices(true)}`,
            },
            { field: levels.size > 1 ? 'level' : 'group' },
          ),
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
  const known = sortFractions(values.filter((v): v is Fraction => v !== undefined));
  if (!known.length) return { code, count: 0 };
  const sum = sumFractions(known);
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

/**
 * Count, quartiles and mean of figures the API sends (decimal texts; nulls left out), exact and
 * sent as decimal texts: the summaries computed on JSON (a compact analysis, a ranking's heat map
 * and trend band) are the core's own, never float sums.
 */
export function summaryOfFigures(figures: (string | null)[]) {
  const d = distribution(
    '',
    figures.flatMap((f) => (f === null ? [] : [fromDecimalText(f)])),
  );
  return { count: d.count, min: ratio(d.min), q1: ratio(d.q1), median: ratio(d.median), q3: ratio(d.q3), max: ratio(d.max), mean: ratio(d.mean) };
}

export interface TrendPoint {
  year: number;
  total?: Points;
  /** Its rank among its own peers that year, and how many they were (for a combined point: none). */
  rank?: number;
  of: number;
  illustrative: boolean;
  /**
   * Only on the years before the unit had results of its own, followed back through its lineage:
   * whose result it is (a predecessor's, or its predecessors' combined by the baseline rule), in words.
   */
  lineage?: { kind: 'predecessor' | 'combined'; units: { id: string; name: string; label: string }[]; level: UnitLevel; frameworkId: string; words: Message };
  /** On the first point of the unit's own after lineage points: the line breaks here (different unit, level or framework). */
  breakBefore?: Message;
}

/**
 * A unit's totals and ranks over every year with results (oldest first), followed back through
 * its lineage for the years before its own results: each earlier year is its baseline's (a single
 * predecessor's result, or its predecessors' combined under the baseline rule), marked as such,
 * and the first year of its own marks the break.
 */
export function trendOf(dataset: Dataset, unitId: string): TrendPoint[] {
  const own: TrendPoint[] = dataset.results
    .filter((s) => unitResultIn(s, unitId) !== undefined)
    .map((set) => {
      const computation = computationFor(dataset, set);
      const { rank, of } = rankOf(computation, unitId);
      return { year: set.year, total: computation.scores.get(unitId)!.total, rank, of, illustrative: unitResultIn(set, unitId)!.illustrative };
    })
    .sort((a, b) => a.year - b.year);
  if (!own.length) return own;
  const earlier: TrendPoint[] = [];
  // The baseline of each year with no result of the unit's own, back to the first without one.
  const set = resultsOf(dataset, unitId, own[0]!.year)!.set;
  for (let year = own[0]!.year; year > own[0]!.year - 50; year--) {
    const baseline = resolveBaseline(dataset, unitId, year, set);
    if (baseline.kind !== 'predecessor' && baseline.kind !== 'combined') break;
    const single = baseline.units.length === 1 ? baseline.units[0] : undefined;
    earlier.unshift({
      year: baseline.year,
      total: baseline.total,
      ...(single?.rank !== undefined && { rank: single.rank }),
      of: single?.of ?? 0,
      illustrative: baseline.units.some((u) => u.illustrative),
      lineage: {
        kind: baseline.kind,
        units: baseline.units.map((u) => ({ id: u.unitId, name: u.name, label: u.label })),
        level: baseline.level!,
        frameworkId: baseline.frameworkId!,
        words: baseline.words,
      },
    });
  }
  if (!earlier.length) return own;
  const first = earlier.at(-1)!.lineage!;
  const names = first.units.map((u) => u.label);
  own[0] = {
    ...own[0]!,
    breakBefore: {
      vi: `từ năm ${own[0]!.year}: kết quả của chính đơn vị; các năm trước là của ${first.kind === 'combined' ? 'các đơn vị tiền thân' : 'đơn vị tiền thân'} ${names.join(', ')} (${levelName(first.level).vi})`,
      en: `from ${own[0]!.year}: the unit's own results; earlier years are its ${first.kind === 'combined' ? 'predecessors' : 'predecessor'} ${names.join(', ')} (${levelName(first.level).en})`,
    },
  };
  return [...earlier, ...own];
}

const num = pointsJson;
const ratio = figureJson;

/**
 * The province view as JSON, points and percentages as exact decimal texts; `precision` (decimals to show points with), `max`
 * (the framework's total maximum) and `index` (what it measures, in words ready to show) say how
 * to display it, as in the unit analysis JSON.
 */
export function provinceToJson(view: ProvinceView) {
  const named = { ...view.framework, level: view.level };
  return {
    year: view.year,
    level: view.level,
    group: view.group,
    groupName: view.groupName,
    ...(view.groupNameEn && { groupNameEn: view.groupNameEn }),
    framework: { id: view.framework.id, name: view.framework.name, totalPoints: toDecimalString(view.framework.totalPoints) },
    /** What the framework measures: name, short name, label "Name (SHORT)", phrase "Chỉ số SHORT". */
    index: { vi: indexWords(named, 'vi'), en: indexWords(named, 'en') },
    /** Nouns for the units of this level: { singular: {vi, en}, plural: {vi, en} }. */
    levelNames: levelNouns(named),
    /** Decimals the framework shows totals and scores with. */
    precision: view.framework.precision,
    /** The framework's total maximum. */
    max: toDecimalString(view.framework.totalPoints),
    /** Whether the framework has a survey part (survey columns and sentences only then). */
    hasSurvey: view.framework.hasSurvey,
    illustrative: view.illustrative,
    of: view.of,
    components: view.components.map((c) => ({ code: c.code, name: c.name, max: toDecimalString(c.max) })),
    units: view.units.map((u) => ({
      unit: u.unit,
      total: num(u.total),
      percent: ratio(u.percent),
      /** The maximum less the unit's not-applicable criteria (= max when none): its percent is on it. */
      applicableMax: toDecimalString(u.applicableMax),
      appraisal: num(u.appraisal),
      survey: num(u.survey),
      rank: u.rank ?? null,
      components: u.components.map((c) => ({
        code: c.code,
        score: num(c.score),
        percent: ratio(c.percent),
        applicableMax: toDecimalString(c.applicableMax),
        rank: c.rank ?? null,
      })),
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
