/**
 * Scores of one unit for one year: every node of the framework whose score can be known,
 * from what the results give (at any level), from scoring rules applied to indicator
 * values, from deductions on criteria of known maximum, and by summing complete children.
 * Arithmetic is on integer micro-points held in Float64Arrays (exact below 2^53).
 */
import { fraction, toPoints } from '../fraction.ts';
import type { Framework } from '../framework/types.ts';
import type { Points } from '../points.ts';
import type { UnitResult } from '../results/types.ts';
import { evaluateRule, type RuleOutcome } from '../rules.ts';
import { compile, KIND_BONUS, KIND_PENALTY, KIND_REGULAR, type CompiledFramework } from './compile.ts';

export const ORIGIN_NONE = 0;
export const ORIGIN_GIVEN = 1;
export const ORIGIN_RULE = 2;
export const ORIGIN_DEDUCTION = 3;
export const ORIGIN_CHILDREN = 4;
export type Origin = 'given' | 'rule' | 'deduction' | 'children';
const ORIGINS: (Origin | undefined)[] = [undefined, 'given', 'rule', 'deduction', 'children'];

/** Two ways of knowing a node's score that disagree: the consistency checker reports them. */
export interface ScoreConflict {
  code: string;
  kind: 'rule' | 'children' | 'childrenExceed' | 'split';
  given: Points;
  computed: Points;
}

export interface UnitScores {
  unitId: string;
  year: number;
  compiled: CompiledFramework;
  /** Micro-points per node, NaN when unknown. */
  score: Float64Array;
  appraisal: Float64Array;
  survey: Float64Array;
  origin: Uint8Array;
  ruleOutcomes: Map<string, RuleOutcome>;
  conflicts: ScoreConflict[];
  total?: Points;
  appraisalTotal?: Points;
  surveyTotal?: Points;
  /** The figure ranks are computed on: the total, or the rescaled appraisal when a unit has no survey and the framework says so. */
  rankingTotal?: Points;
}

export interface ScoreOptions {
  /** Date of evaluation for deadline rules; none in core unless given. */
  asOf?: string;
}

export function scoreUnit(framework: Framework, result: UnitResult, options: ScoreOptions = {}): UnitScores {
  const compiled = compile(framework);
  const size = compiled.nodes.length;
  const score = new Float64Array(size).fill(NaN);
  const appraisal = new Float64Array(size).fill(NaN);
  const survey = new Float64Array(size).fill(NaN);
  const origin = new Uint8Array(size);
  const conflicts: ScoreConflict[] = [];
  const ruleOutcomes = new Map<string, RuleOutcome>();

  const setParts = (i: number, value: number) => {
    const source = compiled.nodes[i]!.source;
    if (source === 'appraisal') {
      appraisal[i] = value;
      survey[i] = 0;
    } else if (source === 'survey') {
      survey[i] = value;
      appraisal[i] = 0;
    }
  };

  for (const [code, given] of result.scores) {
    const i = compiled.index.get(code)!;
    score[i] = given.total;
    origin[i] = ORIGIN_GIVEN;
    if (given.appraisal !== undefined && given.survey !== undefined) {
      appraisal[i] = given.appraisal;
      survey[i] = given.survey;
    } else if (given.appraisal !== undefined) {
      appraisal[i] = given.appraisal;
      survey[i] = given.total - given.appraisal;
    } else if (given.survey !== undefined) {
      survey[i] = given.survey;
      appraisal[i] = given.total - given.survey;
    } else setParts(i, given.total);
  }

  for (const [code, indicator] of result.indicators) {
    const i = compiled.index.get(code)!;
    const outcome = evaluateRule(compiled.nodes[i]!, indicator, { rounding: framework.settings.pointsRounding, asOf: options.asOf });
    ruleOutcomes.set(code, outcome);
    if (origin[i] === ORIGIN_NONE) {
      score[i] = outcome.score;
      origin[i] = ORIGIN_RULE;
      setParts(i, outcome.score);
    } else if (score[i] !== outcome.score) {
      conflicts.push({ code, kind: 'rule', given: score[i] as Points, computed: outcome.score });
    }
  }

  const deducted = new Map<number, number>();
  for (const d of result.deductions) {
    const i = compiled.index.get(d.criterion)!;
    deducted.set(i, (deducted.get(i) ?? 0) + d.points);
  }
  for (const [i, lost] of deducted) {
    if (origin[i] === ORIGIN_NONE && compiled.children[i]!.length === 0 && !Number.isNaN(compiled.max[i]!)) {
      score[i] = Math.max(compiled.max[i]! - lost, 0);
      origin[i] = ORIGIN_DEDUCTION;
      setParts(i, score[i]!);
    }
  }

  aggregate(compiled, score, appraisal, survey, origin, conflicts);

  let total = 0;
  let appraisalTotal = 0;
  let surveyTotal = 0;
  for (const i of compiled.components) {
    const sign = compiled.kind[i] === KIND_PENALTY ? -1 : 1;
    const value = compiled.kind[i] === KIND_REGULAR ? score[i]! : capped(compiled, i, score[i]!);
    if (Number.isNaN(value) && compiled.kind[i] !== KIND_REGULAR) continue;
    total += sign * value;
    appraisalTotal += sign * (compiled.kind[i] === KIND_REGULAR ? appraisal[i]! : Number.isNaN(appraisal[i]!) ? 0 : appraisal[i]!);
    surveyTotal += sign * (compiled.kind[i] === KIND_REGULAR ? survey[i]! : Number.isNaN(survey[i]!) ? 0 : survey[i]!);
  }
  const known = (v: number) => (Number.isNaN(v) ? undefined : (v as Points));
  const scores: UnitScores = {
    unitId: result.unitId,
    year: result.year,
    compiled,
    score,
    appraisal,
    survey,
    origin,
    ruleOutcomes,
    conflicts,
    total: known(total),
    appraisalTotal: known(appraisalTotal),
    surveyTotal: known(surveyTotal),
  };
  scores.rankingTotal = rankingTotal(framework, scores);
  return scores;
}

function capped(compiled: CompiledFramework, i: number, value: number): number {
  const cap = compiled.cap[i]!;
  return Number.isNaN(cap) ? value : Math.min(value, cap);
}

/**
 * Bottom-up pass: a node without a score takes the sum of its children when its children
 * list is complete and every regular child is known; a node with a score is checked against it.
 */
export function aggregate(
  compiled: CompiledFramework,
  score: Float64Array,
  appraisal: Float64Array,
  survey: Float64Array,
  origin: Uint8Array,
  conflicts?: ScoreConflict[],
): void {
  const { postOrder, children, kind, summable } = compiled;
  for (let p = 0; p < postOrder.length; p++) {
    const i = postOrder[p]!;
    const kids = children[i]!;
    if (kids.length === 0) continue;
    let sum = 0;
    let app = 0;
    let sur = 0;
    let knownSum = 0;
    let complete = summable[i] === 1;
    for (let k = 0; k < kids.length; k++) {
      const c = kids[k]!;
      let v = score[c]!;
      const childKind = kind[c]!;
      if (childKind !== KIND_REGULAR) {
        if (Number.isNaN(v)) continue;
        v = capped(compiled, c, v);
        const sign = childKind === KIND_BONUS ? 1 : -1;
        sum += sign * v;
        app += sign * (Number.isNaN(appraisal[c]!) ? 0 : appraisal[c]!);
        sur += sign * (Number.isNaN(survey[c]!) ? 0 : survey[c]!);
        continue;
      }
      if (Number.isNaN(v)) {
        complete = false;
        continue;
      }
      knownSum += v;
      sum += v;
      app += appraisal[c]!;
      sur += survey[c]!;
    }
    if (origin[i] === ORIGIN_NONE) {
      if (complete) {
        score[i] = sum;
        appraisal[i] = app;
        survey[i] = sur;
        origin[i] = ORIGIN_CHILDREN;
      }
      continue;
    }
    if (!conflicts) continue;
    const code = compiled.nodes[i]!.code;
    if (complete && sum !== score[i]) conflicts.push({ code, kind: 'children', given: score[i] as Points, computed: sum as Points });
    else if (!complete && knownSum > score[i]!) conflicts.push({ code, kind: 'childrenExceed', given: score[i] as Points, computed: knownSum as Points });
    if (complete && Number.isNaN(appraisal[i]!) && !Number.isNaN(app) && !Number.isNaN(sur)) {
      appraisal[i] = app;
      survey[i] = sur;
    }
  }
}

function rankingTotal(framework: Framework, scores: UnitScores): Points | undefined {
  const rule = framework.settings.withoutSurvey;
  const split = framework.settings.split;
  if (rule.mode === 'rescale' && split && split.appraisal > 0 && scores.appraisalTotal !== undefined && !scores.surveyTotal) {
    return toPoints(fraction(BigInt(scores.appraisalTotal) * BigInt(rule.to), BigInt(split.appraisal)));
  }
  return scores.total;
}

export function originOf(scores: UnitScores, code: string): Origin | undefined {
  const i = scores.compiled.index.get(code);
  return i === undefined ? undefined : ORIGINS[scores.origin[i]!];
}

/** A node's exact score, or undefined when it cannot be known from the data. */
export function scoreOf(scores: UnitScores, code: string): Points | undefined {
  const i = scores.compiled.index.get(code);
  if (i === undefined) return undefined;
  const v = scores.score[i]!;
  return Number.isNaN(v) ? undefined : (v as Points);
}
