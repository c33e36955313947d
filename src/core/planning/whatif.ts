/**
 * What-if: change indicator values or scores of a unit's year and see the new total,
 * component percents and rank against the peers' results of that year — the core's own
 * computation on a modified copy of the results (nothing stored changes).
 */
import { analyzeUnit } from '../analysis/index.ts';
import type { UnitAnalysis } from '../analysis/types.ts';
import type { Dataset } from '../dataset.ts';
import { resultsOf } from '../dataset.ts';
import { ParError, issue, type Issue } from '../errors.ts';
import { ancestry } from '../framework/index.ts';
import { fraction } from '../fraction.ts';
import { formatPoints } from '../format.ts';
import type { FrameworkNode } from '../framework/types.ts';
import { parsePoints, type Points } from '../points.ts';
import type { IndicatorFile } from '../results/schema.ts';
import { referenceDateOf } from '../results/reference.ts';
import type { GivenScore, ResultsSet, UnitResult } from '../results/types.ts';
import { evaluateRule, type IndicatorValue } from '../rules.ts';
import { scoreOf, scoreUnit } from '../compute/score.ts';

export type Change = { code: string; indicator: IndicatorFile } | { code: string; score: Points };

export interface WhatIf {
  before: UnitAnalysis;
  after: UnitAnalysis;
  /** Points gained per changed criterion. */
  gains: { code: string; before: Points; after: Points }[];
}

function indicatorValue(raw: IndicatorFile): IndicatorValue {
  const { value, ...rest } = raw;
  return { ...rest, ...(value !== undefined && { value: fraction(BigInt(parsePoints(value)), 1_000_000n) }) } as IndicatorValue;
}

function addTo(given: GivenScore, delta: Points, source: 'appraisal' | 'survey' | 'mixed'): GivenScore {
  const part = source === 'survey' ? 'survey' : 'appraisal';
  // A node given by one part keeps its total unknown: only that part moves, when the change is in it.
  const total = given.total === undefined ? undefined : ((given.total + delta) as Points);
  return { ...given, ...(total !== undefined && { total }), ...(given[part] !== undefined && { [part]: (given[part]! + delta) as Points }) };
}

/** A score the framework allows on the node: 0 to its maximum (a bonus or penalty node: to its cap). */
function checkScore(node: FrameworkNode, score: Points): void {
  const max = node.kind === 'regular' ? node.maxPoints : (node.cap ?? node.maxPoints);
  if (!Number.isSafeInteger(score) || score < 0 || (max !== undefined && score > max)) {
    const range =
      max === undefined
        ? { vi: 'không âm', en: 'not negative' }
        : { vi: `từ 0 đến ${formatPoints(max)}`, en: `between 0 and ${formatPoints(max, { locale: 'en' })}` };
    throw new ParError(
      issue(
        'whatif.scoreRange',
        { vi: `điểm của ${node.code} phải ${range.vi}`, en: `the score of ${node.code} must be ${range.en}` },
        { field: 'score', node: node.code },
      ),
    );
  }
}

/** The unit's results with the changes applied, consistent at every level the source gives. */
export function applyChanges(dataset: Dataset, unitId: string, year: number, changes: readonly Change[]): { dataset: Dataset; gains: WhatIf['gains'] } {
  const found = resultsOf(dataset, unitId, year);
  if (!found)
    throw new ParError(
      issue('whatif.noResults', { vi: `đơn vị ${unitId} không có kết quả năm ${year}`, en: `unit ${unitId} has no results for ${year}` }, { field: 'year' }),
    );
  const framework = dataset.frameworks.get(found.set.frameworkId)!;
  const asOf = referenceDateOf(found.set);
  const computed = scoreUnit(framework, found.result, { asOf });
  const result: UnitResult = {
    ...found.result,
    scores: new Map(found.result.scores),
    indicators: new Map(found.result.indicators),
    deductions: [...found.result.deductions],
  };
  const gains: WhatIf['gains'] = [];
  for (const change of changes) {
    const node = framework.nodes.get(change.code);
    if (!node)
      throw new ParError(
        issue(
          'whatif.unknownCriterion',
          { vi: `bộ tiêu chí không có mã ${change.code}`, en: `the framework has no code ${change.code}` },
          { field: 'code', node: change.code },
        ),
      );
    const rounding = framework.settings.pointsRounding;
    const old = result.indicators.get(change.code);
    const before = (
      old && node.rule && node.rule.type !== 'manual'
        ? evaluateRule(node, old, { rounding, asOf }).score
        : (scoreOf(computed, change.code) ?? result.scores.get(change.code)?.total ?? node.maxPoints ?? 0)
    ) as Points;
    let after: Points;
    if ('score' in change) checkScore(node, change.score);
    if ('indicator' in change) {
      if (!node.rule || node.rule.type === 'manual') {
        throw new ParError(
          issue(
            'whatif.noRule',
            {
              vi: `tiêu chí ${change.code} không tính từ chỉ tiêu: hãy nhập điểm (vd. ${change.code}=${formatPoints(node.maxPoints ?? (0 as Points))})`,
              en: `criterion ${change.code} is not computed from indicators: give a score (e.g. ${change.code}=${formatPoints(node.maxPoints ?? (0 as Points), { locale: 'en' })})`,
            },
            { field: 'indicator', node: change.code },
          ),
        );
      }
      const value = indicatorValue(change.indicator);
      after = evaluateRule(node, value, { rounding, asOf }).score;
      result.indicators.set(change.code, value);
    } else {
      after = change.score;
    }
    const delta = (after - before) as Points;
    gains.push({ code: change.code, before, after });
    // Every level the source gave a score for moves by the same amount (children still sum up).
    for (const level of ancestry(framework, change.code)) {
      const given = result.scores.get(level.code);
      if (!given) continue;
      result.scores.set(level.code, level.code === change.code && 'score' in change ? { total: after } : addTo(given, delta, node.source));
    }
    result.deductions = result.deductions.flatMap((d) => {
      if (d.criterion !== change.code) return [d];
      const points = (d.points - delta) as Points;
      return points > 0 ? [{ ...d, points }] : [];
    });
  }
  const set: ResultsSet = { ...found.set, units: found.set.units.map((u) => (u.unitId === unitId ? result : u)) };
  return { dataset: { ...dataset, results: dataset.results.map((s) => (s === found.set ? set : s)) }, gains };
}

/**
 * The criteria of a raw what-if request (one its schema may refuse) that the unit's framework of
 * that year lacks, each at its place (changes.N.code): said with the request's other problems.
 */
export function unknownChangeCodes(dataset: Dataset, unitId: string, body: unknown): Issue[] {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as { year?: unknown; changes?: unknown };
  const found = typeof raw.year === 'number' ? resultsOf(dataset, unitId, raw.year) : undefined;
  if (!found || !Array.isArray(raw.changes)) return [];
  const framework = dataset.frameworks.get(found.set.frameworkId)!;
  return raw.changes.flatMap((change: unknown, index) => {
    const code = typeof change === 'object' && change !== null ? (change as { code?: unknown }).code : undefined;
    if (typeof code !== 'string' || framework.nodes.has(code.trim())) return [];
    return [
      issue(
        'whatif.unknownCriterion',
        { vi: `bộ tiêu chí không có mã ${code}`, en: `the framework has no code ${code}` },
        { field: `changes.${index}.code`, node: code },
      ),
    ];
  });
}

export function whatIf(dataset: Dataset, unitId: string, year: number, changes: readonly Change[]): WhatIf {
  const before = analyzeUnit(dataset, unitId, year);
  const applied = applyChanges(dataset, before.unit.id, year, changes);
  return { before, after: analyzeUnit(applied.dataset, before.unit.id, year), gains: applied.gains };
}
