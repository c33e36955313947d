/**
 * A year's results for the units of one level: what each unit scored (at whatever level of
 * the tree is known), the indicator values behind rule-scored criteria, deductions with
 * their reasons, and — kept apart — the figures as the province's decision printed them.
 */
import type { Printed } from '../printed.ts';
import type { Points } from '../points.ts';
import type { IndicatorValue } from '../rules.ts';

export interface DocumentRef {
  number?: string;
  title?: string;
  date?: string;
  issuer?: string;
}

/** Points lost on a criterion (trừ điểm), always with a reason. */
export interface Deduction {
  /** Criterion code (or a component code when the source names no criterion). */
  criterion: string;
  points: Points;
  reason: string;
  documents: DocumentRef[];
  note?: string;
}

/**
 * A node's score as given in the source; split by source when the node mixes appraisal and
 * survey. On a mixed node one part may come before the other (the survey file is imported in
 * Q4, before the appraisal council has finished): the total is then unknown until the other
 * part is entered, and the computation says which part is missing.
 */
export interface GivenScore {
  /** Undefined only on a mixed node given by one part. */
  total?: Points;
  appraisal?: Points;
  survey?: Points;
}

export interface PublishedComponent {
  score?: Printed;
  percent?: Printed;
  rank?: number;
}

/** Figures exactly as printed in the publication decision. Never overwritten by computed ones. */
export interface PublishedFigures {
  total?: Printed;
  appraisal?: Printed;
  survey?: Printed;
  rank?: number;
  of?: number;
  classification?: string;
  components: Map<string, PublishedComponent>;
}

export interface UnitResult {
  unitId: string;
  year: number;
  frameworkId: string;
  /** Figures made up for the demo (the seed gives none for this unit): always labelled as such. */
  illustrative: boolean;
  scores: Map<string, GivenScore>;
  indicators: Map<string, IndicatorValue>;
  deductions: Deduction[];
  /**
   * Criteria that do not apply to this unit (không áp dụng), code → reason: the criterion and
   * everything below it score nothing and leave the unit's applicable maximum. Absent = none.
   */
  notApplicable?: Map<string, string>;
  published?: PublishedFigures;
  notes: string[];
}

export interface Publication {
  decision: string;
  date?: string;
  issuedBy?: string;
  title?: string;
  /** The audit trail's head at the decision (`sequence:hash`): printed with the results, it anchors the trail outside the database. */
  auditHead?: string;
  /** The appraisal council's decision the publication cites, as one line. */
  council?: string;
}

export interface ResultsSet {
  year: number;
  frameworkId: string;
  /** The day the results were assessed (the appraisal council's closing date), when the document says. */
  assessedOn?: string;
  publication?: Publication;
  units: UnitResult[];
  /** Notes on the whole set, as the document gave them. */
  notes?: string[];
}
