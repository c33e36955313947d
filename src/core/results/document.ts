/**
 * The inverse of `buildResults`: a validated results set written back as a results document
 * (the YAML/JSON shape), so that exports, merges and storage hand documents around and
 * `readResults(resultsDocument(set, framework))` gives the same set again.
 */
import { toDecimalText } from '../fraction.ts';
import type { Framework } from '../framework/types.ts';
import { parsePrinted, type Printed } from '../printed.ts';
import { toNumber } from '../points.ts';
import type { IndicatorValue } from '../rules.ts';
import type { IndicatorFile, ResultsFile, UnitResultFile } from './schema.ts';
import type { GivenScore, UnitResult, ResultsSet } from './types.ts';

type GivenFile = NonNullable<UnitResultFile['scores']>[string];

/** A given score in the shortest form that reads back the same for this node's source. */
export function givenScoreDocument(given: GivenScore, source: 'appraisal' | 'survey' | 'mixed'): GivenFile {
  const { total, appraisal, survey } = given;
  // One part of a mixed node, the other not entered yet.
  if (total === undefined) return appraisal !== undefined ? { appraisal: toNumber(appraisal) } : { survey: toNumber(survey!) };
  if (appraisal !== undefined && survey !== undefined) {
    return appraisal + survey === total
      ? { appraisal: toNumber(appraisal), survey: toNumber(survey) }
      : { total: toNumber(total), appraisal: toNumber(appraisal), survey: toNumber(survey) };
  }
  const scalar =
    source === 'mixed'
      ? appraisal === undefined && survey === undefined
      : source === 'appraisal'
        ? appraisal === total && survey === undefined
        : survey === total && appraisal === undefined;
  if (scalar) return toNumber(total);
  return {
    total: toNumber(total),
    ...(appraisal !== undefined && { appraisal: toNumber(appraisal) }),
    ...(survey !== undefined && { survey: toNumber(survey) }),
  };
}

/** A printed figure as it was written: the text, unless the text would read as another number. */
export function printedDocument(printed: Printed): number | string {
  const asText = parsePrinted(printed.text);
  const same = asText.value.n === printed.value.n && asText.value.d === printed.value.d && asText.decimals === printed.decimals;
  return same ? printed.text : Number(printed.text);
}

export function indicatorDocument(value: IndicatorValue): IndicatorFile {
  const out: IndicatorFile = {};
  if (value.numerator !== undefined) out.numerator = value.numerator;
  if (value.denominator !== undefined) out.denominator = value.denominator;
  if (value.value !== undefined) out.value = Number(toDecimalText(value.value));
  if (value.count !== undefined) out.count = value.count;
  if (value.achieved !== undefined) out.achieved = value.achieved;
  if (value.grade !== undefined) out.grade = value.grade;
  if (value.items !== undefined) out.items = value.items.map((i) => ({ name: i.name, due: i.due, ...(i.sent !== undefined && { sent: i.sent }) }));
  if (value.answers !== undefined) out.answers = { ...value.answers };
  if (value.note !== undefined) out.note = value.note;
  return out;
}

export function unitResultDocument(result: UnitResult, framework: Framework, setIllustrative = false): UnitResultFile {
  const out: UnitResultFile = { unit: result.unitId };
  if (result.illustrative !== setIllustrative) out.illustrative = result.illustrative;
  if (result.scores.size) {
    out.scores = {};
    for (const [code, given] of result.scores) out.scores[code] = givenScoreDocument(given, framework.nodes.get(code)?.source ?? 'mixed');
  }
  if (result.indicators.size) {
    out.indicators = {};
    for (const [code, value] of result.indicators) out.indicators[code] = indicatorDocument(value);
  }
  if (result.deductions.length) {
    out.deductions = result.deductions.map((d) => ({
      criterion: d.criterion,
      points: toNumber(d.points),
      reason: d.reason,
      ...(d.documents.length > 0 && { documents: d.documents.map((doc) => ({ ...doc })) }),
      ...(d.note !== undefined && { note: d.note }),
    }));
  }
  if (result.notApplicable?.size) out.notApplicable = [...result.notApplicable].map(([code, reason]) => ({ code, reason }));
  const p = result.published;
  if (p) {
    const published: NonNullable<UnitResultFile['published']> = {};
    if (p.total) published.total = printedDocument(p.total);
    if (p.appraisal) published.appraisal = printedDocument(p.appraisal);
    if (p.survey) published.survey = printedDocument(p.survey);
    if (p.rank !== undefined) published.rank = p.rank;
    if (p.of !== undefined) published.of = p.of;
    if (p.classification !== undefined) published.classification = p.classification;
    if (p.components.size) {
      published.components = {};
      for (const [code, c] of p.components) {
        published.components[code] = {
          ...(c.score && { score: printedDocument(c.score) }),
          ...(c.percent && { percent: printedDocument(c.percent) }),
          ...(c.rank !== undefined && { rank: c.rank }),
        };
      }
    }
    out.published = published;
  }
  if (result.notes.length) out.notes = [...result.notes];
  return out;
}

/**
 * @param illustrative the document-level flag to write (units that differ carry their own);
 *   defaults to true when every unit is illustrative.
 */
export function resultsDocument(set: ResultsSet, framework: Framework, options: { illustrative?: boolean } = {}): ResultsFile {
  const illustrative = options.illustrative ?? (set.units.length > 0 && set.units.every((u) => u.illustrative));
  const doc: ResultsFile = { kind: 'results', year: set.year, framework: set.frameworkId, units: [] };
  if (illustrative) doc.illustrative = true;
  if (set.assessedOn) doc.assessedOn = set.assessedOn;
  if (set.publication) {
    const { decision, date, issuedBy, title, auditHead, council } = set.publication;
    doc.publication = {
      decision,
      ...(date !== undefined && { date }),
      ...(issuedBy !== undefined && { issuedBy }),
      ...(title !== undefined && { title }),
      ...(auditHead !== undefined && { auditHead }),
      ...(council !== undefined && { council }),
    };
  }
  if (set.notes?.length) doc.notes = [...set.notes];
  doc.units = set.units.map((u) => unitResultDocument(u, framework, illustrative));
  return doc;
}
