/**
 * Scores of units for one year, held as a matrix (unit × node) of integer micro-points in
 * Float64Arrays (exact below 2^53), NaN where unknown. A node's score comes from what the
 * results give (at any level), from its scoring rule applied to indicator values, from
 * deductions on a criterion of known maximum, or from the sum of its complete children.
 * Loading the inputs and recomputing the sums are separate steps, so a bulk recompute
 * (benchmarks, what-if) is a few tight loops without allocation.
 */
import { fraction, toPoints } from '../fraction.ts';
import type { Framework, FrameworkSettings } from '../framework/types.ts';
import { MICRO, type Points } from '../points.ts';
import type { UnitResult } from '../results/types.ts';
import { evaluateRule, type RuleOutcome } from '../rules.ts';
import { compile, KIND_BONUS, KIND_PENALTY, KIND_REGULAR, type CompiledFramework } from './compile.ts';

export const ORIGIN_NONE = 0;
export const ORIGIN_GIVEN = 1;
export const ORIGIN_RULE = 2;
export const ORIGIN_DEDUCTION = 3;
export const ORIGIN_CHILDREN = 4;
/** A mixed node given by its appraisal part only (the survey part not entered yet), and the reverse. */
export const ORIGIN_APPRAISAL_PART = 5;
export const ORIGIN_SURVEY_PART = 6;
/** Not applicable to the unit (không áp dụng), or below a node that is not: scores nothing, out of the applicable maximum. */
export const ORIGIN_NOT_APPLICABLE = 7;
export type Origin = 'given' | 'rule' | 'deduction' | 'children' | 'part' | 'notApplicable';
const ORIGINS: (Origin | undefined)[] = [undefined, 'given', 'rule', 'deduction', 'children', 'part', 'part', 'notApplicable'];

/** Two ways of knowing a node's score that disagree: the consistency checker reports them. */
export interface ScoreConflict {
  code: string;
  kind: 'rule' | 'children' | 'childrenExceed';
  given: Points;
  computed: Points;
}

export interface ScoreMatrix {
  compiled: CompiledFramework;
  framework: Framework;
  unitIds: string[];
  /** Nodes per unit: unit u's node i is at u × size + i. */
  size: number;
  score: Float64Array;
  appraisal: Float64Array;
  survey: Float64Array;
  origin: Uint8Array;
  /**
   * The node's maximum for this unit: its maximum less the maxima of the not-applicable
   * criteria below it (0 on a not-applicable node); NaN when the node states none.
   */
  applicableMax: Float64Array;
  /** Per unit: the framework's total less the maxima of its not-applicable criteria. */
  applicableTotal: Float64Array;
  /** Per unit; NaN when unknown. */
  total: Float64Array;
  appraisalTotal: Float64Array;
  surveyTotal: Float64Array;
  rankingTotal: Float64Array;
  ruleOutcomes: Map<string, RuleOutcome>[];
  conflicts: ScoreConflict[][];
}

/** One unit's scores: views into a matrix row. */
export interface UnitScores {
  unitId: string;
  year: number;
  compiled: CompiledFramework;
  score: Float64Array;
  appraisal: Float64Array;
  survey: Float64Array;
  origin: Uint8Array;
  /** Per node: its maximum for this unit (see ScoreMatrix.applicableMax). */
  applicableMax: Float64Array;
  /** The framework's total less the maxima of the unit's not-applicable criteria. */
  applicableTotal: Points;
  ruleOutcomes: Map<string, RuleOutcome>;
  conflicts: ScoreConflict[];
  total?: Points;
  appraisalTotal?: Points;
  surveyTotal?: Points;
  /** The figure ranks are computed on: the total, or the rescaled appraisal when a unit has no survey and the framework says so. */
  rankingTotal?: Points;
}

export interface ScoreOptions {
  /**
   * The day deadline rules judge reports never sent (late once past due); no clock in the core.
   * `computeYear` gives the results' reference date (`referenceDateOf`) unless told otherwise.
   */
  asOf?: string;
}

/** Reads the units' inputs (given scores, rule results, deductions) into a matrix and computes everything else. */
export function scoreMatrix(framework: Framework, results: readonly UnitResult[], options: ScoreOptions = {}): ScoreMatrix {
  const compiled = compile(framework);
  const size = compiled.nodes.length;
  const cells = size * results.length;
  const matrix: ScoreMatrix = {
    compiled,
    framework,
    unitIds: results.map((r) => r.unitId),
    size,
    score: new Float64Array(cells).fill(NaN),
    appraisal: new Float64Array(cells).fill(NaN),
    survey: new Float64Array(cells).fill(NaN),
    origin: new Uint8Array(cells),
    applicableMax: new Float64Array(cells),
    applicableTotal: new Float64Array(results.length),
    total: new Float64Array(results.length),
    appraisalTotal: new Float64Array(results.length),
    surveyTotal: new Float64Array(results.length),
    rankingTotal: new Float64Array(results.length),
    ruleOutcomes: [],
    conflicts: [],
  };
  results.forEach((result, u) => loadInputs(matrix, u, result, options));
  recompute(matrix);
  return matrix;
}

function loadInputs(matrix: ScoreMatrix, u: number, result: UnitResult, options: ScoreOptions): void {
  const { compiled, score, appraisal, survey, origin, framework } = matrix;
  const base = u * matrix.size;
  const conflicts: ScoreConflict[] = [];
  const ruleOutcomes = new Map<string, RuleOutcome>();
  matrix.conflicts[u] = conflicts;
  matrix.ruleOutcomes[u] = ruleOutcomes;
  loadNotApplicable(matrix, u, result);

  const setParts = (cell: number, value: number, i: number) => {
    const source = compiled.nodes[i]!.source;
    if (source === 'appraisal') {
      appraisal[cell] = value;
      survey[cell] = 0;
    } else if (source === 'survey') {
      survey[cell] = value;
      appraisal[cell] = 0;
    }
  };

  for (const [code, given] of result.scores) {
    const i = compiled.index.get(code)!;
    const cell = base + i;
    if (origin[cell] === ORIGIN_NOT_APPLICABLE) continue;
    if (given.total === undefined) {
      // One part known, the node's score not: the sums above it stay unknown, the known part counts in its own total.
      if (given.appraisal !== undefined) {
        appraisal[cell] = given.appraisal;
        origin[cell] = ORIGIN_APPRAISAL_PART;
      } else {
        survey[cell] = given.survey!;
        origin[cell] = ORIGIN_SURVEY_PART;
      }
      continue;
    }
    score[cell] = given.total;
    origin[cell] = ORIGIN_GIVEN;
    if (given.appraisal !== undefined || given.survey !== undefined) {
      appraisal[cell] = given.appraisal ?? given.total - given.survey!;
      survey[cell] = given.survey ?? given.total - given.appraisal!;
    } else setParts(cell, given.total, i);
  }

  for (const [code, indicator] of result.indicators) {
    const i = compiled.index.get(code)!;
    const cell = base + i;
    if (origin[cell] === ORIGIN_NOT_APPLICABLE) continue;
    const outcome = evaluateRule(compiled.nodes[i]!, indicator, { rounding: framework.settings.pointsRounding, asOf: options.asOf });
    ruleOutcomes.set(code, outcome);
    if (origin[cell] === ORIGIN_NONE) {
      score[cell] = outcome.score;
      origin[cell] = ORIGIN_RULE;
      setParts(cell, outcome.score, i);
    } else if (score[cell] !== outcome.score) {
      conflicts.push({ code, kind: 'rule', given: score[cell] as Points, computed: outcome.score });
    }
  }

  const deducted = new Map<number, number>();
  for (const d of result.deductions) {
    const i = compiled.index.get(d.criterion)!;
    deducted.set(i, (deducted.get(i) ?? 0) + d.points);
  }
  for (const [i, lost] of deducted) {
    const cell = base + i;
    if (origin[cell] === ORIGIN_NONE && compiled.children[i]!.length === 0 && !Number.isNaN(compiled.max[i]!)) {
      score[cell] = Math.max(compiled.max[i]! - lost, 0);
      origin[cell] = ORIGIN_DEDUCTION;
      setParts(cell, score[cell]!, i);
    }
  }
}

/**
 * The unit's not-applicable criteria (không áp dụng): each one and everything below it scores 0
 * and counts as known (its parent sums the others), and its maximum leaves the applicable maxima
 * of its ancestors and — under a regular component — of the total. Without any, the applicable
 * maxima are the framework's.
 */
function loadNotApplicable(matrix: ScoreMatrix, u: number, result: UnitResult): void {
  const { compiled, score, appraisal, survey, origin, applicableMax, size } = matrix;
  const base = u * size;
  applicableMax.set(compiled.max, base);
  let total: number = matrix.framework.totalPoints;
  const marked = result.notApplicable;
  if (marked?.size) {
    const out = (i: number) => {
      const cell = base + i;
      if (origin[cell] === ORIGIN_NOT_APPLICABLE) return;
      origin[cell] = ORIGIN_NOT_APPLICABLE;
      score[cell] = 0;
      appraisal[cell] = 0;
      survey[cell] = 0;
      applicableMax[cell] = 0;
      for (const c of compiled.children[i]!) out(c);
    };
    for (const code of marked.keys()) {
      const i = compiled.index.get(code);
      if (i === undefined || origin[base + i] === ORIGIN_NOT_APPLICABLE) continue;
      // A node below one already out is out with it; one above a node already out takes only what is left of it.
      const lost = applicableMax[base + i]!;
      out(i);
      let top = i;
      for (let p = compiled.parent[i]!; p !== -1; p = compiled.parent[p]!) {
        applicableMax[base + p] = applicableMax[base + p]! - lost;
        top = p;
      }
      if (compiled.kind[top] === KIND_REGULAR && !Number.isNaN(lost)) total -= lost;
    }
  }
  matrix.applicableTotal[u] = total;
}

/**
 * Recomputes every node that is not an input (sums of children), the totals and the ranking
 * totals of all units, in place. Cheap enough to call after changing inputs in the matrix.
 */
export function recompute(matrix: ScoreMatrix): void {
  const { compiled, size, score, appraisal, survey, origin } = matrix;
  const units = matrix.unitIds.length;
  const parents = compiled.parentsPostOrder;
  for (let u = 0; u < units; u++) {
    const base = u * size;
    // Only nodes with children are ever summed from them.
    for (let p = 0; p < parents.length; p++) {
      const cell = base + parents[p]!;
      const o = origin[cell];
      if (o === ORIGIN_CHILDREN) {
        origin[cell] = ORIGIN_NONE;
        score[cell] = NaN;
        appraisal[cell] = NaN;
        survey[cell] = NaN;
      } else if (o === ORIGIN_APPRAISAL_PART) {
        score[cell] = NaN;
        survey[cell] = NaN;
      } else if (o === ORIGIN_SURVEY_PART) {
        score[cell] = NaN;
        appraisal[cell] = NaN;
      }
    }
    const conflicts = matrix.conflicts[u]!;
    for (let k = conflicts.length - 1; k >= 0; k--) if (conflicts[k]!.kind !== 'rule') conflicts.splice(k, 1);
    aggregate(compiled, base, score, appraisal, survey, origin, conflicts);
    totals(matrix, u);
  }
}

function capped(compiled: CompiledFramework, i: number, value: number): number {
  const cap = compiled.cap[i]!;
  return Number.isNaN(cap) ? value : Math.min(value, cap);
}

/**
 * Bottom-up pass over one unit's row: a node without a score takes the sum of its children
 * when its children list is complete and every regular child is known; a node with a score
 * is checked against its children.
 */
function aggregate(
  compiled: CompiledFramework,
  base: number,
  score: Float64Array,
  appraisal: Float64Array,
  survey: Float64Array,
  origin: Uint8Array,
  conflicts: ScoreConflict[],
): void {
  const { parentsPostOrder, childStart, childList, kind, summable } = compiled;
  for (let p = 0; p < parentsPostOrder.length; p++) {
    const i = parentsPostOrder[p]!;
    let sum = 0;
    let app = 0;
    let sur = 0;
    let knownSum = 0;
    let complete = summable[i] === 1;
    const end = childStart[i + 1]!;
    for (let k = childStart[i]!; k < end; k++) {
      const c = childList[k]!;
      const cell = base + c;
      let v = score[cell]!;
      const childKind = kind[c]!;
      if (childKind !== KIND_REGULAR) {
        if (Number.isNaN(v)) continue;
        v = capped(compiled, c, v);
        const sign = childKind === KIND_BONUS ? 1 : -1;
        sum += sign * v;
        app += sign * (Number.isNaN(appraisal[cell]!) ? 0 : appraisal[cell]!);
        sur += sign * (Number.isNaN(survey[cell]!) ? 0 : survey[cell]!);
        continue;
      }
      if (Number.isNaN(v)) {
        complete = false;
        continue;
      }
      knownSum += v;
      sum += v;
      app += appraisal[cell]!;
      sur += survey[cell]!;
    }
    const cell = base + i;
    const o = origin[cell];
    if (o === ORIGIN_APPRAISAL_PART || o === ORIGIN_SURVEY_PART) {
      // The children complete the node the given part leaves open; the part must agree with theirs.
      if (complete) {
        const givenPart = o === ORIGIN_APPRAISAL_PART ? appraisal[cell]! : survey[cell]!;
        const childrenPart = o === ORIGIN_APPRAISAL_PART ? app : sur;
        if (givenPart !== childrenPart)
          conflicts.push({ code: compiled.nodes[i]!.code, kind: 'children', given: givenPart as Points, computed: childrenPart as Points });
        score[cell] = sum;
        if (o === ORIGIN_APPRAISAL_PART) survey[cell] = sum - givenPart;
        else appraisal[cell] = sum - givenPart;
      }
      continue;
    }
    if (o === ORIGIN_NONE) {
      if (complete) {
        score[cell] = sum;
        appraisal[cell] = app;
        survey[cell] = sur;
        origin[cell] = ORIGIN_CHILDREN;
      }
      continue;
    }
    const code = compiled.nodes[i]!.code;
    if (complete && sum !== score[cell]) conflicts.push({ code, kind: 'children', given: score[cell] as Points, computed: sum as Points });
    else if (!complete && knownSum > score[cell]!) conflicts.push({ code, kind: 'childrenExceed', given: score[cell] as Points, computed: knownSum as Points });
    if (complete && Number.isNaN(appraisal[cell]!) && !Number.isNaN(app) && !Number.isNaN(sur)) {
      appraisal[cell] = app;
      survey[cell] = sur;
    }
  }
}

function totals(matrix: ScoreMatrix, u: number): void {
  const { compiled, score, appraisal, survey, size, framework } = matrix;
  const base = u * size;
  let total = 0;
  let appraisalTotal = 0;
  let surveyTotal = 0;
  const { components, kind, nodes } = compiled;
  for (let k = 0; k < components.length; k++) {
    const i = components[k]!;
    const cell = base + i;
    if (kind[i] === KIND_REGULAR) {
      // A survey-only component has no appraisal part even when its score is unknown (no survey yet), and vice versa.
      const source = nodes[i]!.source;
      total += score[cell]!;
      appraisalTotal += source === 'survey' ? 0 : appraisal[cell]!;
      surveyTotal += source === 'appraisal' ? 0 : survey[cell]!;
      continue;
    }
    if (Number.isNaN(score[cell]!)) continue;
    const sign = kind[i] === KIND_PENALTY ? -1 : 1;
    total += sign * capped(compiled, i, score[cell]!);
    appraisalTotal += sign * (Number.isNaN(appraisal[cell]!) ? 0 : appraisal[cell]!);
    surveyTotal += sign * (Number.isNaN(survey[cell]!) ? 0 : survey[cell]!);
  }
  matrix.appraisalTotal[u] = appraisalTotal;
  matrix.surveyTotal[u] = surveyTotal;
  const figures = rankingFigures(framework.settings, total, appraisalTotal, surveyTotal);
  matrix.total[u] = figures.total;
  matrix.rankingTotal[u] = figures.rankingTotal;
}

/**
 * A unit's total and the figure it is ranked on (micro-points, NaN when unknown): the total, or
 * — when the unit has no survey result at all (unknown, not a survey that scored 0) and the
 * framework rescales — its appraisal points as its total, ranked rescaled: appraisal × to /
 * appraisal maximum. The one place that says so; planning (the target search) reads it too.
 */
export function rankingFigures(
  settings: FrameworkSettings,
  total: number,
  appraisalTotal: number,
  surveyTotal: number,
): { total: number; rankingTotal: number } {
  const rule = settings.withoutSurvey;
  const split = settings.split;
  if (rule.mode === 'rescale' && split && split.appraisal > 0 && split.survey > 0 && Number.isNaN(surveyTotal) && !Number.isNaN(appraisalTotal)) {
    return { total: appraisalTotal, rankingTotal: toPoints(fraction(BigInt(appraisalTotal) * BigInt(rule.to), BigInt(split.appraisal) * BigInt(MICRO))) };
  }
  return { total, rankingTotal: total };
}

const known = (v: number) => (Number.isNaN(v) ? undefined : (v as Points));

/** One unit's scores as views into the matrix (no copy). */
export function unitScoresOf(matrix: ScoreMatrix, u: number, year: number): UnitScores {
  const start = u * matrix.size;
  const end = start + matrix.size;
  return {
    unitId: matrix.unitIds[u]!,
    year,
    compiled: matrix.compiled,
    score: matrix.score.subarray(start, end),
    appraisal: matrix.appraisal.subarray(start, end),
    survey: matrix.survey.subarray(start, end),
    origin: matrix.origin.subarray(start, end),
    applicableMax: matrix.applicableMax.subarray(start, end),
    applicableTotal: matrix.applicableTotal[u]! as Points,
    ruleOutcomes: matrix.ruleOutcomes[u]!,
    conflicts: matrix.conflicts[u]!,
    total: known(matrix.total[u]!),
    appraisalTotal: known(matrix.appraisalTotal[u]!),
    surveyTotal: known(matrix.surveyTotal[u]!),
    rankingTotal: known(matrix.rankingTotal[u]!),
  };
}

/** Scores of a single unit (a one-row matrix). */
export function scoreUnit(framework: Framework, result: UnitResult, options: ScoreOptions = {}): UnitScores {
  return unitScoresOf(scoreMatrix(framework, [result], options), 0, result.year);
}

export function originOf(scores: UnitScores, code: string): Origin | undefined {
  const i = scores.compiled.index.get(code);
  return i === undefined ? undefined : ORIGINS[scores.origin[i]!];
}

/** A node's maximum for this unit (less its not-applicable criteria), or undefined when the framework states none. */
export function applicableMaxOf(scores: UnitScores, code: string): Points | undefined {
  const i = scores.compiled.index.get(code);
  if (i === undefined) return undefined;
  return known(scores.applicableMax[i]!);
}

/** True when the node does not apply to the unit (marked not applicable, or below one that is). */
export function isNotApplicable(scores: UnitScores, code: string): boolean {
  const i = scores.compiled.index.get(code);
  return i !== undefined && scores.origin[i] === ORIGIN_NOT_APPLICABLE;
}

/** A node's exact score, or undefined when it cannot be known from the data. */
export function scoreOf(scores: UnitScores, code: string): Points | undefined {
  const i = scores.compiled.index.get(code);
  if (i === undefined) return undefined;
  return known(scores.score[i]!);
}
