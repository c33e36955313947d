/**
 * The difference between the stored results of a year and the results an import would
 * store: per unit, every score (and its appraisal/survey part), indicator, deduction,
 * published figure and note that is added, changed or removed.
 */
import { compareValues, type Change } from '../changes.ts';
import { toDecimalString } from '../points.ts';
import { indicatorDocument } from './document.ts';
import type { ResultsSet, UnitResult } from './types.ts';

const SEP = '\u0000';

/** The values of one unit as keyed texts: `item␀code␀part` → value. */
function valuesOf(result: UnitResult): Map<string, string> {
  const values = new Map<string, string>();
  const put = (item: string, code: string, part: string, value: string | undefined) => {
    if (value !== undefined) values.set(`${item}${SEP}${code}${SEP}${part}`, value);
  };
  for (const [code, given] of result.scores) {
    const total = given.total === undefined ? undefined : toDecimalString(given.total);
    if (total !== undefined) put('score', code, 'total', total);
    // A single-source score's part is its total: written once (a province's file has 600,000 of them).
    if (given.appraisal !== undefined) put('score', code, 'appraisal', given.appraisal === given.total ? total : toDecimalString(given.appraisal));
    if (given.survey !== undefined) put('score', code, 'survey', given.survey === given.total ? total : toDecimalString(given.survey));
  }
  for (const [code, value] of result.indicators) {
    for (const [field, v] of Object.entries(indicatorDocument(value))) put('indicator', code, field, JSON.stringify(v));
  }
  const byCriterion = new Map<string, string[]>();
  for (const d of result.deductions) {
    const docs = d.documents.map((doc) => [doc.number, doc.title, doc.date, doc.issuer].filter(Boolean).join(', ')).join('; ');
    const text = `−${toDecimalString(d.points)}: ${d.reason}${docs ? ` [${docs}]` : ''}${d.note ? ` (${d.note})` : ''}`;
    byCriterion.set(d.criterion, [...(byCriterion.get(d.criterion) ?? []), text]);
  }
  for (const [code, texts] of byCriterion) put('deduction', code, '', texts.join(' | '));
  const p = result.published;
  if (p) {
    put('published', '', 'total', p.total?.text);
    put('published', '', 'appraisal', p.appraisal?.text);
    put('published', '', 'survey', p.survey?.text);
    put('published', '', 'rank', p.rank?.toString());
    put('published', '', 'of', p.of?.toString());
    put('published', '', 'classification', p.classification);
    for (const [code, c] of p.components) {
      put('published', code, 'score', c.score?.text);
      put('published', code, 'percent', c.percent?.text);
      put('published', code, 'rank', c.rank?.toString());
    }
  }
  if (result.notes.length) put('notes', '', '', result.notes.join('\n'));
  if (result.illustrative) put('illustrative', '', '', 'true');
  return values;
}

export function diffResults(before: ResultsSet | undefined, after: ResultsSet): Change[] {
  const changes: Change[] = [];
  const beforePublication = new Map(Object.entries(before?.publication ?? {}).filter(([, v]) => v !== undefined));
  const afterPublication = new Map(Object.entries(after.publication ?? {}).filter(([, v]) => v !== undefined));
  changes.push(...compareValues(beforePublication, afterPublication, (part) => ({ item: 'publication', part })));
  const assessed = (set: ResultsSet | undefined) => new Map(set?.assessedOn ? [['assessedOn', set.assessedOn]] : []);
  changes.push(...compareValues(assessed(before), assessed(after), () => ({ item: 'assessedOn' })));
  const old = new Map((before?.units ?? []).map((u) => [u.unitId, u]));
  const now = new Map(after.units.map((u) => [u.unitId, u]));
  const seen = new Set<string>();
  const units = [...after.units, ...(before?.units ?? []).filter((u) => !now.has(u.unitId))];
  for (const unit of units) {
    if (seen.has(unit.unitId)) continue;
    seen.add(unit.unitId);
    const previous = old.get(unit.unitId);
    const current = now.get(unit.unitId);
    if (!previous) changes.push({ change: 'added', unitId: unit.unitId, item: 'unit' });
    else if (!current) changes.push({ change: 'removed', unitId: unit.unitId, item: 'unit' });
    const found = compareValues(previous ? valuesOf(previous) : new Map(), current ? valuesOf(current) : new Map(), (key) => {
      const [item, code, part] = key.split(SEP) as [string, string, string];
      const described: Omit<Change, 'change' | 'before' | 'after'> = { unitId: unit.unitId, item };
      if (code) described.code = code;
      if (part) described.part = part;
      return described;
    });
    // Not push(...found): a unit of a province's file has hundreds of changes, the set hundreds of thousands.
    for (const change of found) changes.push(change);
  }
  return changes;
}
