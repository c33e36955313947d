/**
 * The inverse of `buildFramework`: a framework written back as a framework document (the
 * YAML/JSON shape), so that `readFramework(frameworkDocument(f))` builds the same framework.
 * Sources are written where they differ from the parent's, as a person would.
 *
 * Its numbers (maxima, rule points, thresholds) are written by a `DocumentNumbers`: JSON numbers
 * in the file format (`fileNumbers`, as people author it), exact decimal texts ("9.52") in the
 * HTTP API (`decimalTexts`, the presenter `frameworkJson`). A document accepts either.
 */
import { fraction, multiplyFractions, toDecimalText, type Fraction } from '../fraction.ts';
import { toDecimalString, toNumber, type Points } from '../points.ts';
import type { FrameworkFile, NodeFile, RuleFile } from './schema.ts';
import type { Framework, FrameworkNode, ScoringRule } from './types.ts';

/** How a document writes its points and its other figures (percentages, band thresholds). */
export interface DocumentNumbers {
  points(p: Points): number | string;
  figure(f: Fraction): number | string;
}

/** The file format: JSON numbers, as a person writes them in YAML. */
export const fileNumbers: DocumentNumbers = { points: toNumber, figure: (f) => Number(toDecimalText(f)) };

/** The API: exact decimal texts with a dot ("9.52", "62.5"), as every answer sends points. */
export const decimalTexts: DocumentNumbers = { points: toDecimalString, figure: toDecimalText };

export function ruleDocument(rule: ScoringRule, numbers: DocumentNumbers = fileNumbers): RuleFile {
  const { points: pt, figure } = numbers;
  const percent = (share: Fraction) => figure(multiplyFractions(share, fraction(100)));
  switch (rule.type) {
    case 'manual':
      return { type: 'manual' };
    case 'boolean':
      return rule.falsePoints ? { type: 'boolean', falsePoints: pt(rule.falsePoints) } : { type: 'boolean' };
    case 'ratio':
      return { type: 'ratio', ...(rule.target && { targetPercent: percent(rule.target) }), zeroDenominator: rule.zeroDenominator };
    case 'bands':
      return { type: 'bands', measure: rule.measure, bands: rule.bands.map((b) => ({ atLeast: figure(b.atLeast), points: pt(b.points) })) };
    case 'perOccurrence':
      return { type: 'perOccurrence', pointsEach: pt(rule.pointsEach), ...(rule.floor ? { floor: pt(rule.floor) } : {}) };
    case 'deadline':
      return { type: 'deadline', pointsPerLate: pt(rule.pointsPerLate), ...(rule.graceDays ? { graceDays: rule.graceDays } : {}) };
    case 'grades':
      return { type: 'grades', grades: Object.fromEntries(Object.entries(rule.grades).map(([k, p]) => [k, pt(p)])) };
    case 'surveyAnswers':
      return { type: 'surveyAnswers', options: Object.fromEntries(Object.entries(rule.options).map(([k, share]) => [k, percent(share)])) };
  }
}

export function nodeDocument(node: FrameworkNode, parent?: FrameworkNode, numbers: DocumentNumbers = fileNumbers): NodeFile {
  const pt = numbers.points;
  const out: NodeFile = { code: node.code, name: node.name };
  if (node.maxPoints !== undefined) out.maxPoints = pt(node.maxPoints);
  if (!parent || parent.source !== node.source) out.source = node.source;
  if (node.kind !== 'regular') out.kind = node.kind;
  if (node.cap !== undefined) out.cap = pt(node.cap);
  if (node.department !== undefined) out.department = node.department;
  if (node.rule) out.rule = ruleDocument(node.rule, numbers);
  if (node.incomplete) out.incomplete = true;
  if (node.assumption !== undefined) out.assumption = node.assumption;
  if (node.note !== undefined) out.note = node.note;
  if (node.from) out.from = node.from.length === 1 ? node.from[0]! : [...node.from];
  if (node.isNew) out.new = true;
  if (node.children.length) out.children = node.children.map((c) => nodeDocument(c, node, numbers));
  return out;
}

export function frameworkDocument(framework: Framework, numbers: DocumentNumbers = fileNumbers): FrameworkFile {
  const { points: pt, figure } = numbers;
  const s = framework.settings;
  const doc: FrameworkFile = {
    kind: 'framework',
    id: framework.id,
    name: framework.name,
    level: framework.level,
    year: framework.year,
    components: [],
  };
  if (framework.province !== undefined) doc.province = framework.province;
  if (framework.decision) doc.decision = { ...framework.decision };
  if (framework.index) doc.index = { ...framework.index };
  if (framework.levelNames) doc.levelNames = { singular: { ...framework.levelNames.singular }, plural: { ...framework.levelNames.plural } };
  doc.totalPoints = pt(framework.totalPoints);
  doc.settings = {
    tieRule: s.tieRule,
    withoutSurvey: s.withoutSurvey.mode === 'rescale' ? { mode: 'rescale', to: pt(s.withoutSurvey.to) } : { mode: 'none' },
    ...(s.split && { split: { appraisal: pt(s.split.appraisal), survey: pt(s.split.survey) } }),
    ...(s.rankBy !== 'points' && { rankBy: s.rankBy }),
    ...(s.classification.length
      ? {
          classification: s.classification.map((c) => ({
            label: c.label,
            ...(c.atLeastPoints !== undefined && { atLeastPoints: pt(c.atLeastPoints) }),
            ...(c.atLeastPercent !== undefined && { atLeastPercent: figure(c.atLeastPercent) }),
            ...(!c.inclusive && { inclusive: false }),
            ...(c.componentFloorPercent !== undefined && { componentFloorPercent: figure(c.componentFloorPercent) }),
          })),
        }
      : {}),
    pointsRounding: s.pointsRounding,
    ...(s.precision !== 2 && { precision: s.precision }),
    ...(s.baseline && { baseline: s.baseline }),
  };
  if (framework.notes.length) doc.notes = [...framework.notes];
  if (framework.derivedFrom) doc.derivedFrom = framework.derivedFrom;
  if (framework.dropped?.length) doc.dropped = [...framework.dropped];
  doc.components = framework.components.map((c) => nodeDocument(c, undefined, numbers));
  return doc;
}

/** A document's type with its numbers as decimal texts: a field that may be a number or a text is a text. */
export type DecimalTexts<T> = undefined extends T
  ? DecimalTexts<Exclude<T, undefined>> | undefined
  : [string | number] extends [T]
    ? string
    : [T] extends [readonly (infer U)[]]
      ? DecimalTexts<U>[]
      : [T] extends [object]
        ? { [K in keyof T]: DecimalTexts<T[K]> }
        : T;
