/**
 * What a unit's analysis contains: the figures of the seed report's part I, computed.
 * Exact values (Points, Fraction); JSON and text adapters round only for display.
 */
import type { Message } from '../errors.ts';
import type { Fraction } from '../fraction.ts';
import type { IndexNames, LevelNames, NodeSource, Source, UnitLevel } from '../framework/types.ts';
import type { NodeChange } from '../framework/crosswalk.ts';
import type { DroppedNode } from '../framework/compareNodes.ts';
import type { Points } from '../points.ts';
import type { DocumentRef, Publication, PublishedFigures } from '../results/types.ts';
import type { RuleOutcome } from '../rules.ts';
import type { Baseline } from './baseline.ts';

export type Direction = 'up' | 'down' | 'unchanged';

export interface UnitRef {
  id: string;
  name: string;
  fullName: string;
  /** Demo figures not taken from any source: label them wherever shown. */
  illustrative: boolean;
}

export interface DeductionView {
  criterion: string;
  criterionName?: string;
  component: string;
  /** Points as recorded (the appraisal's figure). */
  points: Points;
  reason: string;
  documents: DocumentRef[];
  department?: string;
  /** Points lost according to the criterion's rule and indicator values, when there are both. */
  computedPoints?: Points;
  rule?: RuleOutcome;
}

export interface CriterionSummary {
  code: string;
  name: string;
  maxPoints?: Points;
  /** Its maximum for this unit (0 when it does not apply, less the criteria below it that do not). */
  applicableMax?: Points;
  score?: Points;
  pointsLost?: Points;
  department?: string;
  /** Not applicable to the unit (không áp dụng): no score, out of the maximum. */
  notApplicable?: boolean;
  /** Through the framework crosswalk, when the criterion is not the same as last year's: renamed, maxChanged, split, merged, new. */
  change?: NodeChange;
  /** Its code(s) last year, with `change`. */
  previousCodes?: string[];
  previousScore?: Points;
  previousMax?: Points;
  previousPercent?: Fraction;
  deltaPoints?: Points;
  deltaPercentagePoints?: Fraction;
  /** Why the comparison is not like for like ("điểm tối đa đổi từ 3 thành 4: so sánh theo tỷ lệ %"). */
  changeNote?: Message;
}

export interface ComponentAnalysis {
  code: string;
  name: string;
  max: Points;
  /** The maximum less the unit's not-applicable criteria in it: what percent and points lost are on. */
  applicableMax: Points;
  notApplicable?: boolean;
  source: NodeSource;
  score?: Points;
  /** Of the applicable maximum. */
  percent?: Fraction;
  appraisal?: Points;
  survey?: Points;
  previousScore?: Points;
  previousMax?: Points;
  previousPercent?: Fraction;
  /** Only when both years have the same maximum. */
  deltaPoints?: Points;
  deltaPercentagePoints?: Fraction;
  direction?: Direction;
  rank?: number;
  of: number;
  previousRank?: number;
  /** Peers with exactly the same score. */
  tiedWith: UnitRef[];
  /** Peers ranked strictly above. */
  ahead: UnitRef[];
  pointsLost?: Points;
  deductions: DeductionView[];
  deductedTotal: Points;
  /** Points lost on criteria scored by their rule from indicator values, where no deduction is recorded. */
  ruleLoss: Points;
  /** Points lost that neither a recorded deduction nor a rule explains (pointsLost − deductedTotal − ruleLoss), when positive. */
  unexplainedLoss?: Points;
  criteria: CriterionSummary[];
  /** Through the framework crosswalk, when the component is not the same as last year's (see CriterionSummary.change). */
  change?: NodeChange;
  previousCodes?: string[];
  changeNote?: Message;
  /** Last year's criteria of this component that the framework dropped, with last year's figures. */
  droppedCriteria?: DroppedNode[];
}

/** A bonus or penalty node (outside the 100 points): what it added to or removed from the total. */
export interface AdjustmentView {
  code: string;
  name: string;
  kind: 'bonus' | 'penalty';
  /** The most it can add or remove. */
  cap?: Points;
  /** Points as scored (before the cap); undefined when the data does not give them. */
  score?: Points;
  /** What it changes in the total: + for a bonus, − for a penalty, after the cap. */
  applied?: Points;
}

export interface PeerRow {
  unit: UnitRef;
  total?: Points;
  appraisal?: Points;
  survey?: Points;
  rank?: number;
}

export type Severity = 'error' | 'warning' | 'rounding' | 'info';

export interface Finding {
  /** Stable id: the check and where it applies, e.g. `claim.direction:I.2.6`. */
  id: string;
  severity: Severity;
  /** Where in the report or the publication: "I.2.6", "Quyết định công bố". */
  where: string;
  unitId: string;
  year: number;
  component?: string;
  criterion?: string;
  message: Message;
  printed?: Fraction;
  computed?: Fraction;
}

export interface UnitAnalysis {
  unit: UnitRef;
  year: number;
  level: UnitLevel;
  /** The framework's name, what it measures and its display precision (words: core/framework/words.ts). */
  framework: { id: string; name: string; index?: IndexNames; levelNames?: LevelNames; precision: number };
  publication?: Publication;
  /** True when any figure shown for this unit or its peers is illustrative. */
  illustrative: boolean;
  /** The framework's total (100). */
  totalPoints: Points;
  /** The total less the maxima of the unit's not-applicable criteria: what the percent and the band are on. */
  applicableTotal: Points;
  /** Criteria that do not apply to the unit, with the reason given. */
  notApplicable: { code: string; name: string; reason: string; max?: Points }[];
  total?: Points;
  /** Total on 100 after a survey-less rescale, when the framework applies one. */
  rankingTotal?: Points;
  percent?: Fraction;
  appraisal?: Points;
  survey?: Points;
  rank?: number;
  of: number;
  /** Peers with the same rank on the total (a tie). */
  tiedWith: UnitRef[];
  classification?: string;
  /**
   * The figures compared with (the baseline's): its rank and denominator are among its own peers,
   * which are the unit's only when `baseline.rankComparable`.
   */
  previous?: { year: number; total?: Points; appraisal?: Points; survey?: Points; rank?: number; of: number };
  /** What the change is measured against, in data and in words (core/analysis/baseline.ts); absent only on hand-made analyses. */
  baseline?: Baseline;
  totalChange?: { points: Points; direction: Direction };
  /** Places moved: positive when the unit moved up (rank 4 → 3 is +1). */
  rankChange?: { places: number; direction: Direction };
  components: ComponentAnalysis[];
  /** Last year's components the framework dropped, with last year's figures. */
  droppedComponents?: DroppedNode[];
  /**
   * Mixed nodes given by one part only, whose other part is not entered yet (the survey file
   * came before the appraisal): why the total, or a component's score, is not known yet.
   */
  missingParts: { code: string; name: string; missing: Source }[];
  /** Bonus and penalty nodes of the framework, in its order. */
  adjustments: AdjustmentView[];
  deductions: DeductionView[];
  /** The unit's peer group (the units ranked with it), named. */
  group: { id: string; name: string; nameEn?: string };
  peers: PeerRow[];
  published?: PublishedFigures;
  findings: Finding[];
}
