/**
 * The comparison baseline of a unit's year: which earlier result a change is measured against,
 * never silently. Its own result of the year before when it has one; otherwise, following its
 * lineage back, its predecessors' results under the rule the framework (settings.baseline) or
 * else the province (province.baseline) chooses: none, the single predecessor's, or a combination
 * of predecessors (mean, or weighted by the recorded shares). The baseline says itself in words
 * ("so với huyện Tam Đường (đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024)") and says whether
 * its rank is among the same peers as the unit's (a rank among 8 districts is not one among communes).
 */
import { rankOf } from '../compute/year.ts';
import type { Dataset } from '../dataset.ts';
import type { Message } from '../errors.ts';
import { formatDate } from '../format.ts';
import type { UnitLevel } from '../framework/types.ts';
import { DEFAULT_BASELINE_RULE, linksInto, type BaselineRule, type LineageKind } from '../lineage.ts';
import { doubleJson, pointsJson } from '../fraction.ts';
import type { Points } from '../points.ts';
import type { ResultsSet, UnitResult } from '../results/types.ts';
import { levelName, type Unit } from '../units.ts';
import { computationFor } from './build.ts';

export type BaselineKind = 'own' | 'predecessor' | 'combined' | 'none';

/** One unit whose result the baseline is made of. */
export interface BaselineSource {
  unitId: string;
  name: string;
  /** "huyện Tam Đường": the unit's type and name, as a sentence names it. */
  label: string;
  level: UnitLevel;
  year: number;
  frameworkId: string;
  frameworkName: string;
  /** The year of the framework it was scored on ("bộ tiêu chí năm 2024"). */
  frameworkYear: number;
  group: string;
  total?: Points;
  appraisal?: Points;
  survey?: Points;
  /** Its rank among its own peers, and how many they were. */
  rank?: number;
  of: number;
  illustrative: boolean;
  /** How it leads to the unit (none for the unit's own result). */
  link?: LineageKind;
  /** Its weight in a combined baseline (the weights add up to 1). */
  weight?: number;
}

export interface Baseline {
  kind: BaselineKind;
  /** The year compared with (the year before the analysed one). */
  year: number;
  /** The rule applied, and who chose it. */
  rule: BaselineRule;
  ruleFrom: 'framework' | 'province' | 'default';
  /** The results it is made of: one (own, predecessor), several (combined), none. */
  units: BaselineSource[];
  /** The level and framework of its results (the first source's), when there is one. */
  level?: UnitLevel;
  frameworkId?: string;
  /** How a combined baseline weighs its units. */
  combination?: 'mean' | 'population' | 'area';
  /** Its figures, combined when several. */
  total?: Points;
  appraisal?: Points;
  survey?: Points;
  /** True when the unit has predecessors: a baseline of kind 'none' is then said (a unit without history says nothing). */
  lineage: boolean;
  /** True only when the baseline's rank is among the same peer set as the unit's (same group, same level). */
  rankComparable: boolean;
  levelChanged: boolean;
  frameworkChanged: boolean;
  /** What it is, ready to follow a change: "so với năm 2024", "so với huyện Tam Đường (đơn vị tiền thân, cấp huyện, bộ tiêu chí năm 2024)". */
  words: Message;
  /** Why there is none, when kind is 'none'. */
  reason?: Message;
}

interface Found {
  set: ResultsSet;
  result: UnitResult;
}

const indexes = new WeakMap<Dataset, { results: readonly ResultsSet[]; count: number; byYear: Map<number, Map<string, Found>> }>();

/** Results by year and unit, built once per dataset (resolving every unit's baseline stays linear). */
function resultIndex(dataset: Dataset): Map<number, Map<string, Found>> {
  const cached = indexes.get(dataset);
  if (cached && cached.results === dataset.results && cached.count === dataset.results.length) return cached.byYear;
  const byYear = new Map<number, Map<string, Found>>();
  for (const set of dataset.results) {
    let year = byYear.get(set.year);
    if (!year) byYear.set(set.year, (year = new Map()));
    for (const result of set.units) if (!year.has(result.unitId)) year.set(result.unitId, { set, result });
  }
  indexes.set(dataset, { results: dataset.results, count: dataset.results.length, byYear });
  return byYear;
}

/** "huyện Tam Đường" (type and name), else the full name. */
export function unitLabel(unit: Pick<Unit, 'name' | 'fullName' | 'type'>): string {
  return unit.type ? `${unit.type} ${unit.name}` : unit.fullName;
}

/** The predecessors, followed back, that have a result in `results` (the year before; with the link that leads to each). Bounded depth. */
function sourcesBack(
  dataset: Dataset,
  unit: Unit,
  results: Map<string, Found>,
): { unit: Unit; found: Found; link: LineageKind; population?: number; area?: number }[] {
  const out: { unit: Unit; found: Found; link: LineageKind; population?: number; area?: number }[] = [];
  const seen = new Set<string>([unit.id]);
  let frontier: { unit: Unit; link?: LineageKind; population?: number; area?: number }[] = [{ unit }];
  for (let depth = 0; depth < 6 && frontier.length; depth++) {
    const next: typeof frontier = [];
    for (const item of frontier) {
      for (const link of linksInto(item.unit, (id) => dataset.units.get(id))) {
        if (seen.has(link.from)) continue;
        seen.add(link.from);
        const before = dataset.units.get(link.from);
        if (!before) continue;
        // A share through two steps multiplies; the first link's kind is what the unit is told.
        const population =
          depth === 0 ? link.population : item.population !== undefined && link.population !== undefined ? item.population * link.population : undefined;
        const area = depth === 0 ? link.area : item.area !== undefined && link.area !== undefined ? item.area * link.area : undefined;
        const kind = item.link ?? link.kind;
        const found = results.get(before.id);
        if (found) out.push({ unit: before, found, link: kind, ...(population !== undefined && { population }), ...(area !== undefined && { area }) });
        else next.push({ unit: before, link: kind, ...(population !== undefined && { population }), ...(area !== undefined && { area }) });
      }
    }
    frontier = next;
  }
  return out;
}

const positions = new WeakMap<object, Map<string, number>>();

/** A unit's rank on the total among its group, its position found in a map built once per group (not by a scan). */
function totalRankOf(computation: ReturnType<typeof computationFor>, unitId: string): { rank?: number; of: number } {
  const group = computation.groups.get(computation.groupOf.get(unitId) ?? '');
  if (!group) return rankOf(computation, unitId);
  let index = positions.get(group);
  if (!index) positions.set(group, (index = new Map(group.unitIds.map((id, i) => [id, i]))));
  const position = index.get(unitId);
  return position === undefined ? { of: group.totalOf } : { rank: group.total[position] || undefined, of: group.totalOf };
}

function sourceOf(dataset: Dataset, unit: Unit, found: Found, link?: LineageKind): BaselineSource {
  const computation = computationFor(dataset, found.set);
  const scores = computation.scores.get(unit.id);
  const { rank, of } = totalRankOf(computation, unit.id);
  return {
    unitId: unit.id,
    name: unit.name,
    label: unitLabel(unit),
    level: computation.framework.level,
    year: found.set.year,
    frameworkId: computation.framework.id,
    frameworkName: computation.framework.name,
    frameworkYear: computation.framework.year,
    group: computation.groupOf.get(unit.id) ?? 'all',
    total: scores?.total,
    appraisal: scores?.appraisalTotal,
    survey: scores?.surveyTotal,
    rank,
    of,
    illustrative: found.result.illustrative,
    ...(link && { link }),
  };
}

/** The rule that applies to the unit's year: the framework's, else its province's, else the default. */
export function baselineRuleOf(dataset: Dataset, unit: Unit, set: ResultsSet): { rule: BaselineRule; ruleFrom: Baseline['ruleFrom'] } {
  const framework = dataset.frameworks.get(set.frameworkId);
  if (framework?.settings.baseline) return { rule: framework.settings.baseline, ruleFrom: 'framework' };
  const province = dataset.provinces.find((p) => p.id === unit.provinceId);
  if (province?.baseline) return { rule: province.baseline, ruleFrom: 'province' };
  return { rule: DEFAULT_BASELINE_RULE, ruleFrom: 'default' };
}

/** A weighted mean of exact micro-points, rounded to the micro-point; undefined when a part is. */
function combine(values: (Points | undefined)[], weights: number[]): Points | undefined {
  if (values.some((v) => v === undefined)) return undefined;
  return Math.round(values.reduce<number>((s, v, i) => s + v! * weights[i]!, 0)) as Points;
}

/**
 * The baseline of a unit's result in `year`, against the year before. `current` is the set the
 * unit's result is in (its framework, level and peer group say what is comparable).
 */
export function resolveBaseline(dataset: Dataset, unitId: string, year: number, current?: ResultsSet): Baseline {
  const byYear = resultIndex(dataset);
  const unit = dataset.units.get(unitId)!;
  const set = current ?? byYear.get(year)?.get(unitId)?.set;
  const computation = set && computationFor(dataset, set);
  const level = computation?.framework.level ?? unit.level;
  const group = computation?.groupOf.get(unitId);
  const { rule, ruleFrom } = set ? baselineRuleOf(dataset, unit, set) : { rule: DEFAULT_BASELINE_RULE, ruleFrom: 'default' as const };
  const previousYear = year - 1;
  const results = byYear.get(previousYear) ?? new Map<string, Found>();
  const base = { year: previousYear, rule, ruleFrom, lineage: unit.predecessors.length > 0 };
  const compared = (sources: BaselineSource[]) => ({
    level: sources[0]!.level,
    frameworkId: sources[0]!.frameworkId,
    levelChanged: sources.some((s) => s.level !== level),
    frameworkChanged: sources.some((s) => s.frameworkId !== computation?.framework.id),
  });

  const own = results.get(unitId);
  if (own) {
    const source = sourceOf(dataset, unit, own);
    return {
      ...base,
      kind: 'own',
      units: [source],
      ...compared([source]),
      total: source.total,
      appraisal: source.appraisal,
      survey: source.survey,
      rankComparable: source.group === group && source.level === level,
      words: { vi: `so với năm ${previousYear}`, en: `against ${previousYear}` },
    };
  }
  const none = (reason: Message): Baseline => ({
    ...base,
    kind: 'none',
    units: [],
    rankComparable: false,
    levelChanged: false,
    frameworkChanged: false,
    words: { vi: `không có kết quả năm ${previousYear} để so sánh (${reason.vi})`, en: `no ${previousYear} result to compare with (${reason.en})` },
    reason,
  });
  const back = sourcesBack(dataset, unit, results);
  if (!back.length) {
    const since =
      unit.validFrom && unit.validFrom > `${previousYear}-12-31`
        ? { vi: `; đơn vị có từ ${formatDate(unit.validFrom)}`, en: `; the unit exists from ${formatDate(unit.validFrom, 'en')}` }
        : { vi: '', en: '' };
    return none(
      unit.predecessors.length
        ? { vi: `các đơn vị tiền thân không có kết quả năm ${previousYear}${since.vi}`, en: `its predecessors have no ${previousYear} result${since.en}` }
        : {
            vi: `đơn vị không có kết quả năm ${previousYear} và không có đơn vị tiền thân${since.vi}`,
            en: `the unit has no ${previousYear} result and no predecessor${since.en}`,
          },
    );
  }
  if (rule === 'none') return none({ vi: 'quy tắc so sánh: không so sánh với đơn vị tiền thân', en: 'baseline rule: no comparison with predecessors' });
  if (back.length > 1 && rule === 'predecessor') {
    return none({
      vi: `có ${back.length} đơn vị tiền thân, quy tắc so sánh chỉ dùng một đơn vị tiền thân`,
      en: `${back.length} predecessors, and the baseline rule takes a single predecessor`,
    });
  }
  const sources = back.map((b) => sourceOf(dataset, b.unit, b.found, b.link));
  const describe = (what: { vi: string; en: string }, many: boolean) => {
    const levels = [...new Set(sources.map((s) => s.level))].map((l) => levelName(l));
    const years = [...new Set(sources.map((s) => s.frameworkYear))];
    return {
      vi: `${what.vi} (${many ? 'các đơn vị tiền thân' : 'đơn vị tiền thân'}, ${levels.map((l) => l.vi).join(', ')}, bộ tiêu chí năm ${years.join(', ')})`,
      en: `${what.en} (${many ? 'predecessors' : 'predecessor'}, ${levels.map((l) => l.en).join(', ')}, ${years.join(', ')} framework)`,
    };
  };
  if (sources.length === 1) {
    const [source] = sources as [BaselineSource];
    return {
      ...base,
      kind: 'predecessor',
      units: [source],
      ...compared(sources),
      total: source.total,
      appraisal: source.appraisal,
      survey: source.survey,
      rankComparable: source.group === group && source.level === level,
      words: describe({ vi: `so với ${source.label}`, en: `against ${source.label}` }, false),
    };
  }
  const basis =
    rule === 'weighted'
      ? back.every((b) => b.population !== undefined)
        ? 'population'
        : back.every((b) => b.area !== undefined)
          ? 'area'
          : undefined
      : undefined;
  const raw = basis ? back.map((b) => b[basis]!) : back.map(() => 1);
  const sum = raw.reduce((s, w) => s + w, 0);
  const weights = raw.map((w) => w / sum);
  sources.forEach((s, i) => (s.weight = weights[i]));
  const percent = (w: number) => `${Math.round(w * 1000) / 10}`.replace('.', ',');
  const names = {
    vi: sources.map((s) => (basis ? `${s.label} (${percent(s.weight!)}%)` : s.label)).join(' và '),
    en: sources.map((s) => (basis ? `${s.label} (${percent(s.weight!).replace(',', '.')}%)` : s.label)).join(' and '),
  };
  const how = basis
    ? { vi: `bình quân gia quyền theo ${basis === 'population' ? 'dân số' : 'diện tích'} của`, en: `the ${basis}-weighted mean of` }
    : {
        vi: `bình quân${rule === 'weighted' ? ' (chưa ghi đủ tỷ lệ dân số, diện tích)' : ''} của`,
        en: `the mean${rule === 'weighted' ? ' (shares not all recorded)' : ''} of`,
      };
  return {
    ...base,
    kind: 'combined',
    units: sources,
    ...compared(sources),
    combination: basis ?? 'mean',
    total: combine(
      sources.map((s) => s.total),
      weights,
    ),
    appraisal: combine(
      sources.map((s) => s.appraisal),
      weights,
    ),
    survey: combine(
      sources.map((s) => s.survey),
      weights,
    ),
    rankComparable: false,
    words: describe({ vi: `so với ${how.vi} ${names.vi}`, en: `against ${how.en} ${names.en}` }, true),
  };
}

/** The ranks a baseline can show beside the unit's: each source's, with its own denominator and peers. */
export function baselineRanksText(baseline: Baseline, locale: 'vi' | 'en' = 'vi'): string {
  return baseline.units
    .filter((s) => s.rank !== undefined)
    .map((s) =>
      locale === 'vi'
        ? `${s.label} hạng ${s.rank}/${s.of} (${levelName(s.level).vi}, năm ${s.year})`
        : `${s.label} ranked ${s.rank} of ${s.of} (${levelName(s.level).en}, ${s.year})`,
    )
    .join('; ');
}

const num = pointsJson;

/** The baseline as JSON (points as exact decimal texts, null where unknown): the analysis JSON's and the trend's `baseline`. */
export function baselineToJson(b: Baseline) {
  return {
    kind: b.kind,
    year: b.year,
    lineage: b.lineage,
    rule: b.rule,
    ruleFrom: b.ruleFrom,
    units: b.units.map((s) => ({
      unit: s.unitId,
      name: s.name,
      label: s.label,
      level: s.level,
      year: s.year,
      framework: s.frameworkId,
      frameworkYear: s.frameworkYear,
      group: s.group,
      total: num(s.total),
      rank: s.rank ?? null,
      of: s.of,
      illustrative: s.illustrative,
      link: s.link ?? null,
      // Its share of a combined baseline, as decimal text (the weights add up to 1).
      weight: doubleJson(s.weight),
    })),
    level: b.level ?? null,
    framework: b.frameworkId ?? null,
    combination: b.combination ?? null,
    total: num(b.total),
    rankComparable: b.rankComparable,
    levelChanged: b.levelChanged,
    frameworkChanged: b.frameworkChanged,
    words: b.words,
    reason: b.reason ?? null,
  };
}
