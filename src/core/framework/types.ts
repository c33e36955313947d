/**
 * A criteria framework (bộ tiêu chí): the tree of components, criteria and sub-criteria
 * for one year and one unit level, with maximum points, sources and scoring rules.
 * This is the validated, normalised form; the file format is in `schema.ts`.
 */
import type { Fraction, RoundingMode } from '../fraction.ts';
import type { Points } from '../points.ts';

/**
 * A level of assessed units, as data: any lower-case slug (`province`, `ministry`, `department`,
 * `district`, `commune`, or a province's own). The five known ones have built-in names (`levelName`).
 */
export type UnitLevel = string;
export type Source = 'appraisal' | 'survey';
export type NodeSource = Source | 'mixed';
/** Bonus and penalty nodes sit outside the 100 points: they add or remove up to `cap`. */
export type NodeKind = 'regular' | 'bonus' | 'penalty';
/** competition: 1, 1, 3 (the next rank skips); dense: 1, 1, 2. */
export type TieRule = 'competition' | 'dense';

export type ScoringRule =
  | { type: 'manual' }
  | { type: 'boolean'; falsePoints: Points }
  | { type: 'ratio'; target?: Fraction; zeroDenominator: 'full' | 'zero' }
  | { type: 'bands'; measure: 'percent' | 'value'; bands: Band[] }
  | { type: 'perOccurrence'; pointsEach: Points; floor: Points }
  | { type: 'deadline'; pointsPerLate: Points; graceDays: number }
  | { type: 'grades'; grades: Record<string, Points> }
  | { type: 'surveyAnswers'; options: Record<string, Fraction> };

export type RuleType = ScoringRule['type'];

/** Points for a measured value at or above `atLeast` (bands sorted high to low). */
export interface Band {
  atLeast: Fraction;
  points: Points;
}

export interface FrameworkNode {
  code: string;
  name: string;
  /** Undefined when the source does not state it (only allowed below an incompletely known node). */
  maxPoints?: Points;
  source: NodeSource;
  kind: NodeKind;
  /** Bonus/penalty nodes: the most they can add or remove. */
  cap?: Points;
  /** Department in charge (cơ quan chủ trì), when known. */
  department?: string;
  /** Leaves only. */
  rule?: ScoringRule;
  children: FrameworkNode[];
  /** True when the listed children are not all of this node's children (the source names only some). */
  incomplete: boolean;
  /** Text marking any value of this node that is an assumption rather than a sourced fact. */
  assumption?: string;
  note?: string;
  /** Crosswalk: the codes this node had in the framework it derives from, when declared (`from`). */
  from?: string[];
  /** Crosswalk: declared new, whatever codes the source framework has. */
  isNew?: boolean;
  /** 1 for components, 2 for criteria, 3 for sub-criteria. */
  depth: number;
  parentCode?: string;
}

/**
 * A band (xếp loại) as the decision writes it: a threshold in points or in percent of the
 * maximum, reached at or above it (inclusive) or only above it, and optionally a floor no
 * component may fall below. Against a unit with not-applicable criteria both thresholds read
 * on its applicable maximum (a points threshold keeps its share of the total).
 */
export interface ClassificationBand {
  label: string;
  /** Exactly one of atLeastPoints and atLeastPercent. */
  atLeastPoints?: Points;
  atLeastPercent?: Fraction;
  /** true: total ≥ threshold; false: total > threshold. */
  inclusive: boolean;
  /** No regular component below this percent of its applicable maximum, else the unit falls to the next band that holds. */
  componentFloorPercent?: Fraction;
}

/** What ranks are computed on: points, or the percent of each unit's applicable maximum. */
export type RankBy = 'points' | 'percent';

export interface FrameworkSettings {
  tieRule: TieRule;
  /** What a unit without survey results gets: nothing special, or its appraisal rescaled to `to` points. */
  withoutSurvey: { mode: 'none' } | { mode: 'rescale'; to: Points };
  /** Expected maxima per source, when the framework states them. */
  split?: { appraisal: Points; survey: Points };
  /** Best first. */
  classification: ClassificationBand[];
  rankBy: RankBy;
  /** How rule results (ratio × max, …) are rounded to whole micro-points. */
  pointsRounding: RoundingMode;
  /** Decimals shown for totals and scores (display only; the figures stay exact). Default 2. */
  precision: number;
  /** What a unit without its own previous result is compared with (core/lineage.ts); default: the province's rule. */
  baseline?: 'none' | 'predecessor' | 'mean' | 'weighted';
}

/** What the framework measures, as its documents name it ("Chỉ số cải cách hành chính", "PAR INDEX"). */
export interface IndexNames {
  name: string;
  shortName?: string;
  nameEn?: string;
  shortNameEn?: string;
}

/** Nouns for the framework's units when not the built-in ones of its level ("sở" / "sở, ban, ngành"). */
export interface LevelNames {
  singular: { vi: string; en: string };
  plural: { vi: string; en: string };
}

export interface Framework {
  id: string;
  name: string;
  province?: string;
  level: UnitLevel;
  /** The year assessed (results are published the year after). */
  year: number;
  decision?: { number: string; date?: string; issuedBy?: string };
  /** What it measures; without it the wording is built from `name` (core/framework/words.ts). */
  index?: IndexNames;
  levelNames?: LevelNames;
  totalPoints: Points;
  settings: FrameworkSettings;
  components: FrameworkNode[];
  notes: string[];
  /** The framework this one is a new version of: its nodes' `from`/`isNew` and `dropped` map onto it (core/framework/crosswalk.ts). */
  derivedFrom?: string;
  /** Codes of the source framework declared without successor. */
  dropped?: string[];
  /** Every node by code, in document (pre-)order. */
  nodes: Map<string, FrameworkNode>;
}
