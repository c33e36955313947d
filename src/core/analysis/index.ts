import { reportOf, resolveUnit, resultsOf, type Dataset } from '../dataset.ts';
import { figureJson, percentOf, pointsJson, toDecimalText } from '../fraction.ts';
import { toDecimalString, type Points } from '../points.ts';
import { indexWords, levelNouns } from '../framework/words.ts';
import type { DroppedNode } from '../framework/compareNodes.ts';
import { buildAnalysis, computationFor } from './build.ts';
import { checkConsistency } from './consistency.ts';
import type { UnitAnalysis } from './types.ts';
import { baselineToJson } from './baseline.ts';

export type * from './types.ts';
export { computationFor, departmentOf, directionOf, frameworkOf } from './build.ts';
export {
  baselineToJson,
  baselineRanksText,
  baselineRuleOf,
  resolveBaseline,
  unitLabel,
  type Baseline,
  type BaselineKind,
  type BaselineSource,
} from './baseline.ts';
export { checkConsistency, duplicatedWords, matchFigure, statedDirection, type FigureMatch } from './consistency.ts';
export { compactAnalysis, NAMED_TIES, PEERS_LISTED } from './compact.ts';
export {
  analyzeProvince,
  provinceToJson,
  resultGroups,
  trendOf,
  type Distribution,
  type ProvinceUnitRow,
  type ProvinceView,
  type ResultGroup,
  type TrendPoint,
} from './province.ts';
export {
  DEFAULT_PAGE,
  MAX_PAGE,
  rankingIndex,
  rankingPage,
  rankingSummary,
  trendBand,
  type ProvinceJson,
  type RankingIndex,
  type RankingQuery,
} from './rankingWindow.ts';

/**
 * The analysis of one unit for one year, with consistency findings (`findings: false`: without
 * them, for a reader that does not show them — the signed report).
 * @param unit id or name ("tam-duong", "Tam Đường", "tam duong").
 */
export function analyzeUnit(dataset: Dataset, unit: string, year: number, options: { findings?: boolean } = {}): UnitAnalysis {
  const { id } = resolveUnit(dataset, unit);
  const analysis = buildAnalysis(dataset, id, year);
  if (options.findings === false) return analysis;
  const found = resultsOf(dataset, id, year)!;
  const scores = computationFor(dataset, found.set).scores.get(id);
  analysis.findings = checkConsistency(analysis, reportOf(dataset, id, year), scores);
  return analysis;
}

const points = pointsJson;
const ratio = figureJson;
/** score / max × 100 as exact decimal text ("3.625"), ready to format to the framework's precision; null when either is unknown or max is zero. */
const percentText = (score: Points | undefined, max: Points | undefined) => {
  const percent = score === undefined || max === undefined ? undefined : percentOf(score, max);
  return percent === undefined ? null : toDecimalText(percent);
};

/**
 * The analysis as plain JSON: points and derived figures as exact decimal texts ("9.52"; a
 * repeating percentage to 12 decimals), never rounded for display, null where the data does not say. Other tools read this; keep its keys stable.
 */
export function analysisToJson(a: UnitAnalysis) {
  return {
    unit: { id: a.unit.id, name: a.unit.name, fullName: a.unit.fullName, illustrative: a.unit.illustrative },
    year: a.year,
    level: a.level,
    framework: { id: a.framework.id, name: a.framework.name },
    /** What the framework measures, in words ready to show: name, short name, label "Name (SHORT)", phrase "Chỉ số SHORT". */
    index: { vi: indexWords(a.framework, 'vi'), en: indexWords(a.framework, 'en') },
    /** Nouns for the units of this level: { singular: {vi, en}, plural: {vi, en} }. */
    levelNames: levelNouns({ ...a.framework, level: a.level }),
    /** Decimals the framework shows totals and scores with. */
    precision: a.framework.precision,
    publication: a.publication ?? null,
    illustrative: a.illustrative,
    max: toDecimalString(a.totalPoints),
    /** The maximum less the unit's not-applicable criteria (= max when none): percent and band are on it. */
    applicableMax: toDecimalString(a.applicableTotal),
    /** Criteria marked not applicable to the unit, with their reason. */
    notApplicable: a.notApplicable.map((n) => ({ code: n.code, name: n.name, reason: n.reason, max: points(n.max) })),
    total: points(a.total),
    /** The figure the unit is ranked on when it differs from the total (a survey-less unit rescaled); else null. */
    rankingTotal: points(a.rankingTotal),
    percent: ratio(a.percent),
    /** Whether the framework has a survey part: the appraisal / survey split is shown only then. */
    hasSurvey: a.components.some((c) => c.source !== 'appraisal'),
    appraisal: points(a.appraisal),
    survey: points(a.survey),
    rank: a.rank ?? null,
    of: a.of,
    /** Ids of the peers sharing the unit's rank on the total. */
    tiedWith: a.tiedWith.map((u) => u.id),
    classification: a.classification ?? null,
    previous: a.previous
      ? {
          year: a.previous.year,
          total: points(a.previous.total),
          appraisal: points(a.previous.appraisal),
          survey: points(a.previous.survey),
          rank: a.previous.rank ?? null,
          of: a.previous.of,
        }
      : null,
    totalChange: a.totalChange ? { points: toDecimalString(a.totalChange.points), direction: a.totalChange.direction } : null,
    rankChange: a.rankChange ?? null,
    /** What `previous`, `totalChange` and `rankChange` are measured against, in data and words (kind own | predecessor | combined | none). */
    baseline: a.baseline ? baselineToJson(a.baseline) : null,
    components: a.components.map((c) => ({
      code: c.code,
      name: c.name,
      max: toDecimalString(c.max),
      applicableMax: toDecimalString(c.applicableMax),
      notApplicable: c.notApplicable ?? false,
      score: points(c.score),
      percent: ratio(c.percent),
      appraisal: points(c.appraisal),
      survey: points(c.survey),
      previousScore: points(c.previousScore),
      previousMax: points(c.previousMax),
      previousPercent: ratio(c.previousPercent),
      deltaPoints: points(c.deltaPoints),
      deltaPercentagePoints: ratio(c.deltaPercentagePoints),
      direction: c.direction ?? null,
      rank: c.rank ?? null,
      of: c.of,
      previousRank: c.previousRank ?? null,
      tiedWith: c.tiedWith.map((u) => u.id),
      ahead: c.ahead.map((u) => u.id),
      pointsLost: points(c.pointsLost),
      deducted: toDecimalString(c.deductedTotal),
      ruleLoss: toDecimalString(c.ruleLoss),
      unexplainedLoss: points(c.unexplainedLoss),
      /** Through the framework crosswalk: same | renamed | maxChanged | split | merged | new (null: the same node, or no previous year). */
      change: c.change ?? null,
      /** Its code(s) in the previous year's framework, with a change. */
      previousCodes: c.previousCodes ?? null,
      /** Why the comparison is not like for like, { vi, en }. */
      changeNote: c.changeNote ?? null,
      criteria: c.criteria.map((k) => ({
        code: k.code,
        name: k.name,
        max: points(k.maxPoints),
        applicableMax: points(k.applicableMax),
        notApplicable: k.notApplicable ?? false,
        score: points(k.score),
        percent: percentText(k.score, k.applicableMax),
        pointsLost: points(k.pointsLost),
        department: k.department ?? null,
        previousScore: points(k.previousScore),
        previousMax: points(k.previousMax),
        previousPercent: ratio(k.previousPercent),
        deltaPoints: points(k.deltaPoints),
        deltaPercentagePoints: ratio(k.deltaPercentagePoints),
        change: k.change ?? null,
        previousCodes: k.previousCodes ?? null,
        changeNote: k.changeNote ?? null,
      })),
      /** Last year's criteria of this component that the framework dropped. */
      droppedCriteria: (c.droppedCriteria ?? []).map(droppedJson),
    })),
    /** Last year's components that the framework dropped. */
    droppedComponents: (a.droppedComponents ?? []).map(droppedJson),
    /** Mixed nodes given by one part: the part not entered yet ('appraisal' | 'survey'), why a total is null. */
    missingParts: a.missingParts.map((m) => ({ code: m.code, name: m.name, missing: m.missing })),
    adjustments: a.adjustments.map((x) => ({
      code: x.code,
      name: x.name,
      kind: x.kind,
      cap: points(x.cap),
      score: points(x.score),
      applied: points(x.applied),
    })),
    deductions: a.deductions.map((d) => ({
      criterion: d.criterion,
      criterionName: d.criterionName ?? null,
      component: d.component,
      points: toDecimalString(d.points),
      computedPoints: points(d.computedPoints),
      reason: d.reason,
      department: d.department ?? null,
      documents: d.documents,
    })),
    group: a.group,
    peers: a.peers.map((p) => ({ unit: p.unit.id, name: p.unit.name, illustrative: p.unit.illustrative, total: points(p.total), rank: p.rank ?? null })),
    findings: a.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      where: f.where,
      component: f.component ?? null,
      criterion: f.criterion ?? null,
      year: f.year,
      message: f.message,
      printed: ratio(f.printed),
      computed: ratio(f.computed),
    })),
  };
}

function droppedJson(d: DroppedNode) {
  return { code: d.code, name: d.name, previousScore: points(d.previousScore), previousMax: points(d.previousMax), note: d.note };
}

export type AnalysisJson = ReturnType<typeof analysisToJson>;
