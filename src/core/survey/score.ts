/**
 * Survey points: the valid answers of each unit tallied in one pass, then each survey
 * criterion scored by its rule — a scale's mean mapped to the criterion's maximum, or a share of
 * positive answers, per respondent group, groups mixed by weight, a group with fewer valid
 * answers than the minimum left out — and every figure explained in words:
 * "8.3: 71,4% đánh giá hài lòng trở lên trên 126 phiếu hợp lệ → 2,14/3 điểm".
 */
import type { Message } from '../errors.ts';
import { fraction, fromPoints, multiplyFractions, toPoints, type Fraction, type RoundingMode } from '../fraction.ts';
import { formatNumber, formatPercent, formatPoints } from '../format.ts';
import type { Points } from '../points.ts';
import type { Answers, CriterionPart, Questionnaire, SurveyCriterion } from './types.ts';

/** What one criterion part read: answers counted and the measure's numerator (hits, or scale points above 1). */
interface PartCount {
  answered: number;
  total: number;
}

/** A unit's tally: per criterion code, per part. */
export type UnitTally = Map<string, PartCount[]>;

export interface Tally {
  units: Map<string, UnitTally>;
  /** Valid responses per unit and group. */
  responses: Map<string, Map<string, number>>;
}

interface Compiled {
  code: string;
  part: number;
  group: string;
  question: string;
  /** Answer value → what it adds to `total`. */
  read: (answer: Answers[string]) => number;
}

function compile(questionnaire: Questionnaire): Map<string, Compiled[]> {
  const byGroup = new Map<string, Compiled[]>();
  for (const criterion of questionnaire.criteria) {
    criterion.parts.forEach((part, index) => {
      const m = part.measure;
      let read: Compiled['read'];
      if (m.type === 'scaleMean') read = (a) => Number(a) - 1;
      else if (m.type === 'shareAtLeast') read = (a) => (Number(a) >= m.atLeast ? 1 : 0);
      else {
        const wanted = new Set(m.options);
        read = (a) => (Array.isArray(a) ? (a.some((v) => wanted.has(v)) ? 1 : 0) : wanted.has(String(a)) ? 1 : 0);
      }
      const list = byGroup.get(part.group) ?? [];
      list.push({ code: criterion.code, part: index, group: part.group, question: m.question, read });
      byGroup.set(part.group, list);
    });
  }
  return byGroup;
}

/** Tallies valid responses (already filtered: excluded and superseded ones left out). */
export function tallyResponses(questionnaire: Questionnaire, responses: Iterable<{ unit: string; group: string; answers: Answers }>): Tally {
  const byGroup = compile(questionnaire);
  const units = new Map<string, UnitTally>();
  const counts = new Map<string, Map<string, number>>();
  for (const r of responses) {
    let perGroup = counts.get(r.unit);
    if (!perGroup) counts.set(r.unit, (perGroup = new Map()));
    perGroup.set(r.group, (perGroup.get(r.group) ?? 0) + 1);
    const reads = byGroup.get(r.group);
    if (!reads) continue;
    let unit = units.get(r.unit);
    if (!unit) {
      unit = new Map(questionnaire.criteria.map((c) => [c.code, c.parts.map(() => ({ answered: 0, total: 0 }))]));
      units.set(r.unit, unit);
    }
    for (const c of reads) {
      const answer = r.answers[c.question];
      if (answer === undefined) continue;
      const count = unit.get(c.code)![c.part]!;
      count.answered++;
      count.total += c.read(answer);
    }
  }
  return { units, responses: counts };
}

export interface PartOutcome {
  group: string;
  answered: number;
  /** The measure, 0…1; undefined without answers. */
  measured?: Fraction;
  /** Left out: fewer valid answers than the minimum. */
  used: boolean;
}

export interface CriterionPoints {
  code: string;
  node: string;
  name: string;
  maxPoints: Points;
  /** null: not enough valid answers in any group. */
  points: Points | null;
  /** Valid answers the points rest on. */
  valid: number;
  parts: PartOutcome[];
  explanation: Message;
  illustrative: boolean;
}

export interface ScoreOptions {
  rounding: RoundingMode;
  /** Decimals shown in the explanation (the framework's precision). */
  precision: number;
}

export function scoreUnit(questionnaire: Questionnaire, tally: UnitTally | undefined, options: ScoreOptions): CriterionPoints[] {
  return questionnaire.criteria.map((c) => scoreCriterion(questionnaire, c, tally?.get(c.code), options));
}

/** Every unit's criteria, keyed by unit. */
export function scoreAll(questionnaire: Questionnaire, tally: Tally, units: Iterable<string>, options: ScoreOptions): Map<string, CriterionPoints[]> {
  const out = new Map<string, CriterionPoints[]>();
  for (const unit of units) out.set(unit, scoreUnit(questionnaire, tally.units.get(unit), options));
  return out;
}

/** The points per framework node (a node's survey part is the sum of its criteria), null when any is unknown. */
export function pointsByNode(criteria: CriterionPoints[]): Map<string, Points | null> {
  const out = new Map<string, Points | null>();
  for (const c of criteria) {
    const before = out.has(c.node) ? out.get(c.node)! : (0 as Points);
    out.set(c.node, before === null || c.points === null ? null : ((before + c.points) as Points));
  }
  return out;
}

function scoreCriterion(questionnaire: Questionnaire, criterion: SurveyCriterion, counts: PartCount[] | undefined, options: ScoreOptions): CriterionPoints {
  const parts: PartOutcome[] = criterion.parts.map((part, i) => {
    const count = counts?.[i] ?? { answered: 0, total: 0 };
    const measured = count.answered === 0 ? undefined : measureOf(questionnaire, part, count);
    return { group: part.group, answered: count.answered, ...(measured && { measured }), used: count.answered >= criterion.minResponses && count.answered > 0 };
  });
  let weightSum = fraction(0);
  let weighted = fraction(0);
  parts.forEach((p, i) => {
    if (!p.used) return;
    const w = criterion.parts[i]!.weight;
    weightSum = add(weightSum, w);
    weighted = add(weighted, multiplyFractions(w, p.measured!));
  });
  const used = parts.filter((p) => p.used);
  const points =
    used.length === 0
      ? null
      : toPoints(multiplyFractions(fromPoints(criterion.maxPoints), fraction(weighted.n * weightSum.d, weighted.d * weightSum.n)), options.rounding);
  const valid = used.reduce((n, p) => n + p.answered, 0);
  return {
    code: criterion.code,
    node: criterion.node,
    name: criterion.name,
    maxPoints: criterion.maxPoints,
    points,
    valid,
    parts,
    explanation: explain(questionnaire, criterion, parts, weightSum, points, options),
    illustrative: criterion.illustrative,
  };
}

function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.d + b.n * a.d, a.d * b.d);
}

function measureOf(questionnaire: Questionnaire, part: CriterionPart, count: PartCount): Fraction {
  if (part.measure.type === 'scaleMean') {
    const points = questionnaire.questions.find((q) => q.id === part.measure.question)!.points!;
    return fraction(count.total, count.answered * (points - 1));
  }
  return fraction(count.total, count.answered);
}

function explain(
  questionnaire: Questionnaire,
  criterion: SurveyCriterion,
  parts: PartOutcome[],
  weightSum: Fraction,
  points: Points | null,
  options: ScoreOptions,
): Message {
  const several = criterion.parts.length > 1;
  const groupName = (id: string) => questionnaire.groups.find((g) => g.id === id)?.name ?? id;
  const pieces = parts.map((p, i) => {
    const part = criterion.parts[i]!;
    const who = several ? `${groupName(p.group)}: ` : '';
    if (!p.used) {
      return {
        vi: `${who}${p.answered} phiếu hợp lệ, dưới mức tối thiểu ${criterion.minResponses} nên không tính`,
        en: `${who}${p.answered} valid responses, below the minimum of ${criterion.minResponses}, left out`,
      };
    }
    const what = measureWords(questionnaire, part, p.measured!);
    const weight = several ? fraction(part.weight.n * weightSum.d * 100n, part.weight.d * weightSum.n) : undefined;
    return {
      vi: `${who}${what.vi} trên ${formatNumber(p.answered)} phiếu hợp lệ${weight ? ` (trọng số ${formatPercent(weight, { decimals: 1, trimZeros: true })})` : ''}`,
      en: `${who}${what.en} of ${formatNumber(p.answered, { locale: 'en' })} valid responses${weight ? ` (weight ${formatPercent(weight, { decimals: 1, trimZeros: true, locale: 'en' })})` : ''}`,
    };
  });
  const shown = (p: Points, locale: 'vi' | 'en') => formatPoints(p, { decimals: options.precision, trimZeros: true, locale });
  const max = (locale: 'vi' | 'en') => formatPoints(criterion.maxPoints, { locale });
  const outcome =
    points === null
      ? { vi: 'chưa đủ phiếu hợp lệ để tính điểm', en: 'not enough valid responses to score' }
      : { vi: `${shown(points, 'vi')}/${max('vi')} điểm`, en: `${shown(points, 'en')}/${max('en')} points` };
  return {
    vi: `${criterion.code}: ${pieces.map((p) => p.vi).join('; ')} → ${outcome.vi}`,
    en: `${criterion.code}: ${pieces.map((p) => p.en).join('; ')} → ${outcome.en}`,
  };
}

function measureWords(questionnaire: Questionnaire, part: CriterionPart, measured: Fraction): Message {
  const m = part.measure;
  const percent = (locale: 'vi' | 'en') => formatPercent(fraction(measured.n * 100n, measured.d), { decimals: 1, locale });
  if (m.type === 'scaleMean') {
    const points = questionnaire.questions.find((q) => q.id === m.question)!.points!;
    const mean = fraction(measured.n * BigInt(points - 1) + measured.d, measured.d);
    return {
      vi: `điểm trung bình ${formatNumber(mean, { decimals: 2 })}/${points} (câu ${m.question})`,
      en: `mean ${formatNumber(mean, { decimals: 2, locale: 'en' })}/${points} (question ${m.question})`,
    };
  }
  if (m.type === 'shareAtLeast') {
    return {
      vi: `${percent('vi')} ${m.says ?? `chọn mức ${m.atLeast} trở lên ở câu ${m.question}`}`,
      en: `${percent('en')} at ${m.atLeast} or above on question ${m.question}`,
    };
  }
  return {
    vi: `${percent('vi')} ${m.says ?? `chọn ${m.options.join('/')} ở câu ${m.question}`}`,
    en: `${percent('en')} chose ${m.options.join('/')} on question ${m.question}`,
  };
}
