/**
 * Builds a unit's analysis for a year from the dataset: totals, split, ranks with ties,
 * per-component figures against the previous year, who the unit ties with or trails,
 * deductions with reasons and what they leave unexplained.
 */
import { computeYear, peersOf, rankOf, type YearComputation } from '../compute/year.ts';
import { applicableMaxOf, isNotApplicable, originOf, scoreOf, type UnitScores } from '../compute/score.ts';
import { classifyScores } from '../compute/bands.ts';
import { ParError, issue, type Message } from '../errors.ts';
import { formatDate } from '../format.ts';
import { percentOf, signOf, subtractFractions } from '../fraction.ts';
import { compareNode, componentCodeOf, droppedNodes, type FiguresOf, type NodeComparison } from '../framework/index.ts';
import type { Framework, FrameworkNode } from '../framework/types.ts';
import { subtract, sum, type Points } from '../points.ts';
import type { ResultsSet } from '../results/types.ts';
import { groupOf, NATIONAL_GROUP, unitById, resultsOf, unitResultIn, yearsOf, type Dataset } from '../dataset.ts';
import { resolveBaseline, type Baseline } from './baseline.ts';
import type { AdjustmentView, ComponentAnalysis, CriterionSummary, DeductionView, Direction, PeerRow, UnitAnalysis, UnitRef } from './types.ts';

const computations = {
  group: new WeakMap<Dataset, WeakMap<ResultsSet, YearComputation>>(),
  national: new WeakMap<Dataset, WeakMap<ResultsSet, YearComputation>>(),
};

/**
 * The year's computation for a results set, ranking units within their peer groups — or, with
 * `national`, every unit of the set together across provinces and groups (group `*`). Memoised per dataset.
 */
export function computationFor(dataset: Dataset, set: ResultsSet, scope: 'group' | 'national' = 'group'): YearComputation {
  let perDataset = computations[scope].get(dataset);
  if (!perDataset) computations[scope].set(dataset, (perDataset = new WeakMap()));
  let computation = perDataset.get(set);
  if (!computation) {
    const framework = frameworkOf(dataset, set);
    computation = computeYear(set, framework, scope === 'national' ? () => NATIONAL_GROUP : (id) => dataset.units.get(id)?.peerGroup ?? 'all');
    perDataset.set(set, computation);
  }
  return computation;
}

function namedGroup(dataset: Dataset, id: string, level: string): { id: string; name: string; nameEn?: string } {
  const { name, nameEn } = groupOf(dataset, id, level);
  return { id, name, ...(nameEn && { nameEn }) };
}

export function frameworkOf(dataset: Dataset, set: ResultsSet): Framework {
  const framework = dataset.frameworks.get(set.frameworkId);
  if (!framework)
    throw new ParError(issue('results.frameworkNotFound', { vi: `không có bộ tiêu chí ${set.frameworkId}`, en: `framework ${set.frameworkId} is not loaded` }));
  return framework;
}

export function directionOf(sign: -1 | 0 | 1): Direction {
  return sign > 0 ? 'up' : sign < 0 ? 'down' : 'unchanged';
}

export function unitRef(dataset: Dataset, unitId: string, set?: ResultsSet): UnitRef {
  const unit = unitById(dataset, unitId);
  const illustrative = (set && unitResultIn(set, unitId)?.illustrative) ?? false;
  return { id: unit.id, name: unit.name, fullName: unit.fullName, illustrative };
}

/**
 * The results a single-unit baseline is made of (own or predecessor), whose components and ranks
 * are read as they are; a combined baseline gives its components below (combinedComponent).
 */
function previousOf(dataset: Dataset, baseline: Baseline) {
  return baseline.kind === 'own' || baseline.kind === 'predecessor' ? resultsOf(dataset, baseline.units[0]!.unitId, baseline.year) : undefined;
}

/** A component of a combined baseline: the weighted score of its sources, when all have it on the same maximum. */
function combinedComponent(dataset: Dataset, baseline: Baseline, code: string): { score?: Points; max?: Points } {
  if (baseline.kind !== 'combined') return {};
  const parts = baseline.units.map((s) => {
    const found = resultsOf(dataset, s.unitId, s.year)!;
    const scores = computationFor(dataset, found.set).scores.get(s.unitId);
    const node = computationFor(dataset, found.set).framework.nodes.get(code);
    return {
      score: scores && scoreOf(scores, code),
      max: scores && node ? (applicableMaxOf(scores, code) ?? node.maxPoints) : node?.maxPoints,
      weight: s.weight ?? 0,
    };
  });
  const max = parts[0]?.max;
  if (max === undefined || parts.some((p) => p.score === undefined || p.max !== max)) return {};
  return { score: Math.round(parts.reduce((s, p) => s + p.score! * p.weight, 0)) as Points, max };
}

export function buildAnalysis(dataset: Dataset, unitId: string, year: number): UnitAnalysis {
  const found = resultsOf(dataset, unitId, year);
  if (!found) throw new ParError(issue('analysis.noResults', noResultsMessage(dataset, unitId, year), { field: 'year' }));
  const { set, result } = found;
  const computation = computationFor(dataset, set);
  const framework = computation.framework;
  const scores = computation.scores.get(unitId)!;
  const unit = unitRef(dataset, unitId, set);

  const baseline = resolveBaseline(dataset, unitId, year, set);
  const previousFound = previousOf(dataset, baseline);
  const previousComputation = previousFound && computationFor(dataset, previousFound.set);
  const previousScores = previousComputation?.scores.get(previousFound!.result.unitId);
  const previousFramework = previousComputation?.framework;
  // Last year's figures by last year's code: what the crosswalk compares this year's nodes with.
  const previousFigures: FiguresOf | undefined =
    previousFramework &&
    ((code) => {
      const previousNode = previousFramework.nodes.get(code);
      return {
        score: previousScores && scoreOf(previousScores, code),
        max: previousScores && previousNode ? (applicableMaxOf(previousScores, code) ?? previousNode.maxPoints) : previousNode?.maxPoints,
      };
    });

  const deductions: DeductionView[] = result.deductions.map((d) => {
    const node = framework.nodes.get(d.criterion);
    const rule = scores.ruleOutcomes.get(d.criterion);
    return {
      criterion: d.criterion,
      criterionName: node?.name,
      component: componentCodeOf(d.criterion),
      points: d.points,
      reason: d.reason,
      documents: d.documents,
      department: departmentOf(framework, d.criterion),
      computedPoints: rule && node?.maxPoints !== undefined ? subtract(node.maxPoints, rule.score) : undefined,
      rule,
    };
  });

  const components: ComponentAnalysis[] = framework.components
    .filter((c) => c.kind === 'regular')
    .map((node) => {
      const i = scores.compiled.index.get(node.code)!;
      const max = node.maxPoints!;
      // Percent and points lost are on the unit's applicable maximum (less its not-applicable criteria).
      const applicableMax = applicableMaxOf(scores, node.code) ?? max;
      const score = scoreOf(scores, node.code);
      const percent = score === undefined ? undefined : percentOf(score, applicableMax);
      const compared = previousFramework ? compareNode(framework, previousFramework, node.code, { score, max: applicableMax }, previousFigures!) : undefined;
      // A combined baseline (a merger) gives its components as the weighted sum of its sources'.
      const combined = baseline.kind === 'combined' ? combinedComponent(dataset, baseline, node.code) : undefined;
      const previousScore = combined ? combined.score : compared?.previousScore;
      const previousMax = combined ? combined.max : compared?.previousMax;
      const previousPercent = combined
        ? combined.score !== undefined && combined.max !== undefined
          ? percentOf(combined.score, combined.max)
          : undefined
        : compared?.previousPercent;
      const deltaPercentagePoints = combined
        ? percent && previousPercent
          ? subtractFractions(percent, previousPercent)
          : undefined
        : compared?.deltaPercentagePoints;
      const deltaPoints = combined
        ? score !== undefined && previousScore !== undefined && previousMax === applicableMax
          ? subtract(score, previousScore)
          : undefined
        : compared?.deltaPoints;
      const oneToOne = compared && compared.previousCodes.length === 1 && compared.change !== 'split' ? compared.previousCodes[0] : undefined;
      const { rank, of } = rankOf(computation, unitId, node.code);
      const peers = peersOf(computation, unitId, node.code).filter((p) => p.unitId !== unitId && p.rank !== undefined);
      const own = deductions.filter((d) => d.component === node.code);
      const deductedTotal = sum(own.map((d) => d.points));
      const ruleLoss = ruleLossOf(node, scores, new Set(own.map((d) => d.criterion)));
      const pointsLost = score === undefined ? undefined : subtract(applicableMax, score);
      const unexplained = pointsLost === undefined ? undefined : subtract(subtract(pointsLost, deductedTotal), ruleLoss);
      const criteria: CriterionSummary[] = node.children.map((child) => {
        const childScore = scoreOf(scores, child.code);
        const childMax = applicableMaxOf(scores, child.code);
        const notApplicable = isNotApplicable(scores, child.code);
        const against =
          previousFramework && !notApplicable
            ? compareNode(framework, previousFramework, child.code, { score: childScore, max: childMax ?? child.maxPoints }, previousFigures!)
            : undefined;
        return {
          code: child.code,
          name: child.name,
          maxPoints: child.maxPoints,
          applicableMax: childMax,
          score: notApplicable ? undefined : childScore,
          pointsLost: !notApplicable && childScore !== undefined && childMax !== undefined ? subtract(childMax, childScore) : undefined,
          department: child.department ?? node.department,
          ...(notApplicable && { notApplicable: true }),
          ...(against && comparisonFields(against)),
        };
      });
      return {
        code: node.code,
        name: node.name,
        max,
        applicableMax,
        ...(isNotApplicable(scores, node.code) && { notApplicable: true }),
        source: node.source,
        score,
        percent,
        appraisal: finite(scores.appraisal[i]!),
        survey: finite(scores.survey[i]!),
        previousScore,
        previousMax,
        previousPercent,
        deltaPoints,
        deltaPercentagePoints,
        direction: deltaPercentagePoints ? directionOf(signOf(deltaPercentagePoints)) : undefined,
        ...(compared && compared.change !== 'same' && compared.change !== 'unlisted' && { change: compared.change, previousCodes: compared.previousCodes }),
        ...(compared?.note && { changeNote: compared.note }),
        rank,
        of,
        // A rank compares with last year's only among comparable peers, and for one node continuing one node.
        previousRank:
          previousComputation && baseline.rankComparable && oneToOne !== undefined
            ? rankOf(previousComputation, previousFound!.result.unitId, oneToOne).rank
            : undefined,
        tiedWith: rank === undefined ? [] : peers.filter((p) => p.rank === rank).map((p) => unitRef(dataset, p.unitId, set)),
        ahead:
          rank === undefined
            ? []
            : peers
                .filter((p) => p.rank! < rank)
                .sort((a, b) => a.rank! - b.rank!)
                .map((p) => unitRef(dataset, p.unitId, set)),
        pointsLost,
        deductions: own,
        deductedTotal,
        ruleLoss,
        unexplainedLoss: unexplained !== undefined && unexplained > 0 ? unexplained : undefined,
        criteria,
        ...(previousFramework && droppedUnder(framework, previousFramework, previousFigures!, compared?.previousCodes ?? [])),
      };
    });

  const { rank, of } = rankOf(computation, unitId);
  const previousRank = previousComputation ? rankOf(previousComputation, previousFound!.result.unitId) : undefined;
  const total = scores.total;
  const previousTotal = baseline.total;
  const peers: PeerRow[] = peersOf(computation, unitId)
    .map((p) => {
      const s = computation.scores.get(p.unitId)!;
      return { unit: unitRef(dataset, p.unitId, set), total: s.total, appraisal: s.appraisalTotal, survey: s.surveyTotal, rank: p.rank };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.name.localeCompare(b.unit.name, 'vi'));

  const adjustments: AdjustmentView[] = framework.components
    .filter((c) => c.kind !== 'regular')
    .map((node) => {
      const score = scoreOf(scores, node.code);
      const cap = node.cap ?? node.maxPoints;
      const capped = score === undefined ? undefined : cap === undefined ? score : (Math.min(score, cap) as Points);
      return {
        code: node.code,
        name: node.name,
        kind: node.kind as 'bonus' | 'penalty',
        cap,
        score,
        applied: capped === undefined ? undefined : node.kind === 'penalty' ? (-capped as Points) : capped,
      };
    });

  // The percentage (and the classification) follow the figure the unit is ranked on: the rescaled one without a survey.
  // On the unit's applicable maximum: 68,32 of 84 applicable points is 81,33%.
  const percent = scores.rankingTotal === undefined ? undefined : percentOf(scores.rankingTotal, scores.applicableTotal);
  return {
    unit,
    year,
    level: framework.level,
    framework: {
      id: framework.id,
      name: framework.name,
      ...(framework.index && { index: framework.index }),
      ...(framework.levelNames && { levelNames: framework.levelNames }),
      precision: framework.settings.precision,
    },
    publication: set.publication,
    illustrative: peers.some((p) => p.unit.illustrative),
    totalPoints: framework.totalPoints,
    applicableTotal: scores.applicableTotal,
    notApplicable: [...(result.notApplicable ?? [])].map(([code, reason]) => ({
      code,
      name: framework.nodes.get(code)?.name ?? code,
      reason,
      max: framework.nodes.get(code)?.maxPoints,
    })),
    total,
    rankingTotal: scores.rankingTotal !== total ? scores.rankingTotal : undefined,
    percent,
    appraisal: scores.appraisalTotal,
    survey: scores.surveyTotal,
    rank,
    of,
    tiedWith: rank === undefined ? [] : peers.filter((p) => p.rank === rank && p.unit.id !== unitId).map((p) => p.unit),
    classification: classifyScores(framework, scores),
    previous:
      baseline.kind === 'none'
        ? undefined
        : {
            year: baseline.year,
            total: previousTotal,
            appraisal: baseline.appraisal,
            survey: baseline.survey,
            rank: previousRank?.rank,
            of: previousRank?.of ?? 0,
          },
    baseline,
    totalChange:
      total !== undefined && previousTotal !== undefined
        ? { points: subtract(total, previousTotal), direction: directionOf(Math.sign(total - previousTotal) as -1 | 0 | 1) }
        : undefined,
    rankChange:
      rank !== undefined && previousRank?.rank !== undefined && baseline.rankComparable
        ? { places: previousRank.rank - rank, direction: directionOf(Math.sign(previousRank.rank - rank) as -1 | 0 | 1) }
        : undefined,
    components,
    ...(previousFramework && droppedComponentsOf(framework, previousFramework, previousFigures!)),
    missingParts: [...result.scores]
      .filter(([code, given]) => given.total === undefined && scoreOf(scores, code) === undefined)
      .map(([code, given]) => ({
        code,
        name: framework.nodes.get(code)?.name ?? code,
        missing: given.appraisal === undefined ? ('appraisal' as const) : ('survey' as const),
      })),
    adjustments,
    deductions,
    group: namedGroup(dataset, computation.groupOf.get(unitId) ?? 'all', framework.level),
    peers,
    published: result.published,
    findings: [],
  };
}

/** A criterion's comparison, as the analysis keeps it: only what differs from "the same, nothing before". */
function comparisonFields(c: NodeComparison): Partial<CriterionSummary> {
  return {
    ...(c.change !== 'same' && c.change !== 'unlisted' && { change: c.change, previousCodes: c.previousCodes }),
    ...(c.previousScore !== undefined && { previousScore: c.previousScore }),
    ...(c.previousMax !== undefined && { previousMax: c.previousMax }),
    ...(c.previousPercent && { previousPercent: c.previousPercent }),
    ...(c.deltaPoints !== undefined && { deltaPoints: c.deltaPoints }),
    ...(c.deltaPercentagePoints && { deltaPercentagePoints: c.deltaPercentagePoints }),
    ...(c.note && { changeNote: c.note }),
  };
}

/** Last year's criteria under the component's previous node(s) that no criterion continues. */
function droppedUnder(
  framework: Framework,
  previousFramework: Framework,
  previousFigures: FiguresOf,
  previousCodes: string[],
): Pick<ComponentAnalysis, 'droppedCriteria'> {
  const dropped = droppedNodes(framework, previousFramework, previousFigures, previousCodes);
  return dropped.length ? { droppedCriteria: dropped } : {};
}

function droppedComponentsOf(framework: Framework, previousFramework: Framework, previousFigures: FiguresOf): Pick<UnitAnalysis, 'droppedComponents'> {
  const dropped = droppedNodes(framework, previousFramework, previousFigures).filter((d) => previousFramework.nodes.get(d.code)?.kind === 'regular');
  return dropped.length ? { droppedComponents: dropped } : {};
}

/**
 * Points lost on the leaves of a node that were scored by their rule (indicator values) and
 * carry no recorded deduction: the rule explains them (e.g. 2/3 reports on time).
 */
function ruleLossOf(node: FrameworkNode, scores: UnitScores, deducted: Set<string>): Points {
  let lost = 0;
  const visit = (n: FrameworkNode) => {
    if (deducted.has(n.code)) return;
    if (n.children.length) {
      n.children.forEach(visit);
      return;
    }
    const outcome = scores.ruleOutcomes.get(n.code);
    if (outcome && n.maxPoints !== undefined && originOf(scores, n.code) === 'rule') lost += n.maxPoints - outcome.score;
  };
  node.children.forEach(visit);
  return lost as Points;
}

/**
 * Why a unit has no results for a year, with what helps next: the years it has, and — across the
 * 2025 reform — when it existed and which units it came from or became.
 */
function noResultsMessage(dataset: Dataset, unitId: string, year: number): Message {
  const unit = unitById(dataset, unitId);
  const names = (ids: string[]) => ids.map((id) => dataset.units.get(id)?.name ?? id).join(', ');
  const vi: string[] = [];
  const en: string[] = [];
  if (unit.validFrom && `${year}-12-31` < unit.validFrom) {
    vi.push(`đơn vị có từ ${formatDate(unit.validFrom)}`);
    en.push(`the unit exists from ${formatDate(unit.validFrom, 'en')}`);
  }
  if (unit.validTo && `${year}-01-01` > unit.validTo) {
    vi.push(`đơn vị kết thúc ngày ${formatDate(unit.validTo)}`);
    en.push(`the unit ended on ${formatDate(unit.validTo, 'en')}`);
  }
  if (unit.predecessors.length) {
    vi.push(`kế thừa ${names(unit.predecessors)}`);
    en.push(`successor of ${names(unit.predecessors)}`);
  }
  if (unit.successors.length && vi.length) {
    vi.push(`các đơn vị kế thừa: ${names(unit.successors)}`);
    en.push(`succeeded by ${names(unit.successors)}`);
  }
  const years = yearsOf(dataset, unitId).sort((a, b) => a - b);
  vi.push(years.length ? `các năm có kết quả: ${years.join(', ')}` : 'chưa có kết quả năm nào');
  en.push(years.length ? `years with results: ${years.join(', ')}` : 'no results for any year yet');
  return { vi: `${unit.name} không có kết quả năm ${year} (${vi.join('; ')})`, en: `${unit.name} has no results for ${year} (${en.join('; ')})` };
}

function finite(v: number): Points | undefined {
  return Number.isNaN(v) ? undefined : (v as Points);
}

/** The department in charge of a criterion: its own, or the nearest ancestor's. */
export function departmentOf(framework: Framework, code: string): string | undefined {
  for (let node = framework.nodes.get(code); node; node = node.parentCode ? framework.nodes.get(node.parentCode) : undefined) {
    if (node.department) return node.department;
  }
  return undefined;
}
