/**
 * The difference between the stored results of a year and the results an import would
 * store: per unit, every score (and its appraisal/survey part), indicator, deduction,
 * not-applicable mark (with its reason),
 * published figure and note that is added, changed or removed.
 */
import { compareValues, type Change } from '../changes.ts';
import { toDecimalString } from '../points.ts';
import { indicatorDocument } from './document.ts';
import type { ResultsSet, UnitResult } from './types.ts';

/** One value of a unit: which item, criterion and part it is, and its text. */
interface Value {
  item: string;
  code: string;
  part: string;
  value: string;
}

/** The values of one unit, each once. */
function valuesOf(result: UnitResult): Value[] {
  const values: Value[] = [];
  eachValue(result, (item, code, part, value) => values.push({ item, code, part, value }));
  return values;
}

/** Each value of one unit, once, to `take` (in the order valuesOf lists them). */
function eachValue(result: UnitResult, take: (item: string, code: string, part: string, value: string) => void): void {
  const put = (item: string, code: string, part: string, value: string | undefined) => {
    if (value !== undefined) take(item, code, part, value);
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
  for (const [code, reason] of result.notApplicable ?? []) put('notApplicable', code, '', reason);
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
}

const keyOf = (v: Value) => `${v.item}\u0000${v.code}\u0000${v.part}`;

/** A change of one value, its fields in the order the other changes have them (no empty code or part). */
function changeOf(change: Change['change'], unitId: string, v: Value, before: string | undefined, after: string | undefined): Change {
  const c: Change = { change, unitId, item: v.item };
  if (v.code) c.code = v.code;
  if (v.part) c.part = v.part;
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

/**
 * What changes in one unit, into `changes`: compareValues (changes.ts) for a unit's values, kept
 * apart because a province's first import makes 1,2 million changes here, and describing each
 * from a text key (split, spread into the change) took half the preview.
 */
function diffUnit(changes: Change[], unitId: string, previous: UnitResult | undefined, current: UnitResult | undefined): void {
  if (!previous) {
    // A unit new to the set (all 4,000 of a province's first load): its values made changes as they come, without a Value each first.
    if (current)
      eachValue(current, (item, code, part, value) => {
        const c: Change = { change: 'added', unitId, item };
        if (code) c.code = code;
        if (part) c.part = part;
        c.after = value;
        changes.push(c);
      });
    return;
  }
  const now = current ? valuesOf(current) : [];
  const was = new Map(valuesOf(previous).map((v) => [keyOf(v), v]));
  const kept = new Set<string>();
  for (const v of now) {
    const key = keyOf(v);
    const old = was.get(key);
    kept.add(key);
    if (old === undefined) changes.push(changeOf('added', unitId, v, undefined, v.value));
    else if (old.value !== v.value) changes.push(changeOf('changed', unitId, v, old.value, v.value));
  }
  for (const [key, v] of was) if (!kept.has(key)) changes.push(changeOf('removed', unitId, v, v.value, undefined));
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
    diffUnit(changes, unit.unitId, previous, current);
  }
  return changes;
}
