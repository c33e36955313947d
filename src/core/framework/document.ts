/**
 * The inverse of `buildFramework`: a framework written back as a framework document (the
 * YAML/JSON shape), so that `readFramework(frameworkDocument(f))` builds the same framework.
 * Sources are written where they differ from the parent's, as a person would.
 */
import { fraction, multiplyFractions, toDecimalText, type Fraction } from '../fraction.ts';
import { toNumber } from '../points.ts';
import type { FrameworkFile, NodeFile, RuleFile } from './schema.ts';
import type { Framework, FrameworkNode, ScoringRule } from './types.ts';

const decimal = (f: Fraction) => Number(toDecimalText(f));
const percent = (share: Fraction) => decimal(multiplyFractions(share, fraction(100)));

export function ruleDocument(rule: ScoringRule): RuleFile {
  switch (rule.type) {
    case 'manual':
      return { type: 'manual' };
    case 'boolean':
      return rule.falsePoints ? { type: 'boolean', falsePoints: toNumber(rule.falsePoints) } : { type: 'boolean' };
    case 'ratio':
      return { type: 'ratio', ...(rule.target && { targetPercent: percent(rule.target) }), zeroDenominator: rule.zeroDenominator };
    case 'bands':
      return { type: 'bands', measure: rule.measure, bands: rule.bands.map((b) => ({ atLeast: decimal(b.atLeast), points: toNumber(b.points) })) };
    case 'perOccurrence':
      return { type: 'perOccurrence', pointsEach: toNumber(rule.pointsEach), ...(rule.floor ? { floor: toNumber(rule.floor) } : {}) };
    case 'deadline':
      return { type: 'deadline', pointsPerLate: toNumber(rule.pointsPerLate), ...(rule.graceDays ? { graceDays: rule.graceDays } : {}) };
    case 'grades':
      return { type: 'grades', grades: Object.fromEntries(Object.entries(rule.grades).map(([k, p]) => [k, toNumber(p)])) };
    case 'surveyAnswers':
      return { type: 'surveyAnswers', options: Object.fromEntries(Object.entries(rule.options).map(([k, share]) => [k, percent(share)])) };
  }
}

export function nodeDocument(node: FrameworkNode, parent?: FrameworkNode): NodeFile {
  const out: NodeFile = { code: node.code, name: node.name };
  if (node.maxPoints !== undefined) out.maxPoints = toNumber(node.maxPoints);
  if (!parent || parent.source !== node.source) out.source = node.source;
  if (node.kind !== 'regular') out.kind = node.kind;
  if (node.cap !== undefined) out.cap = toNumber(node.cap);
  if (node.department !== undefined) out.department = node.department;
  if (node.rule) out.rule = ruleDocument(node.rule);
  if (node.incomplete) out.incomplete = true;
  if (node.assumption !== undefined) out.assumption = node.assumption;
  if (node.note !== undefined) out.note = node.note;
  if (node.from) out.from = node.from.length === 1 ? node.from[0]! : [...node.from];
  if (node.isNew) out.new = true;
  if (node.children.length) out.children = node.children.map((c) => nodeDocument(c, node));
  return out;
}

export function frameworkDocument(framework: Framework): FrameworkFile {
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
  doc.totalPoints = toNumber(framework.totalPoints);
  doc.settings = {
    tieRule: s.tieRule,
    withoutSurvey: s.withoutSurvey.mode === 'rescale' ? { mode: 'rescale', to: toNumber(s.withoutSurvey.to) } : { mode: 'none' },
    ...(s.split && { split: { appraisal: toNumber(s.split.appraisal), survey: toNumber(s.split.survey) } }),
    ...(s.rankBy !== 'points' && { rankBy: s.rankBy }),
    ...(s.classification.length
      ? {
          classification: s.classification.map((c) => ({
            label: c.label,
            ...(c.atLeastPoints !== undefined && { atLeastPoints: toNumber(c.atLeastPoints) }),
            ...(c.atLeastPercent !== undefined && { atLeastPercent: decimal(c.atLeastPercent) }),
            ...(!c.inclusive && { inclusive: false }),
            ...(c.componentFloorPercent !== undefined && { componentFloorPercent: decimal(c.componentFloorPercent) }),
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
  doc.components = framework.components.map((c) => nodeDocument(c));
  return doc;
}
