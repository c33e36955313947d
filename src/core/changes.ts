/**
 * What an import would change, value by value, so that a person can check it before it is
 * written: added, changed and removed values per unit and criterion (results) or per node
 * (frameworks). Values are exact texts (decimals with a dot, printed figures as printed).
 */
export type ChangeKind = 'added' | 'changed' | 'removed';

export interface Change {
  change: ChangeKind;
  /** The unit concerned (results). */
  unitId?: string;
  /** unit | score | indicator | deduction | published | notes | illustrative | publication (results); node | framework (frameworks). */
  item: string;
  /** Criterion code, when the value belongs to one. */
  code?: string;
  /** Which value of the item: appraisal / survey / total for scores, a field name otherwise. */
  part?: string;
  before?: string;
  after?: string;
}

/** Compares two keyed maps of texts and lists what was added, changed or removed. */
export function compareValues(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  describe: (key: string) => Omit<Change, 'change' | 'before' | 'after'>,
): Change[] {
  const changes: Change[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) changes.push({ change: 'added', ...describe(key), after: value });
    else if (old !== value) changes.push({ change: 'changed', ...describe(key), before: old, after: value });
  }
  for (const [key, value] of before) {
    if (!after.has(key)) changes.push({ change: 'removed', ...describe(key), before: value });
  }
  return changes;
}

type ScorePart = 'total' | 'appraisal' | 'survey';
const isScorePart = (c: Change): c is Change & { part: ScorePart } =>
  c.item === 'score' && (c.part === 'total' || c.part === 'appraisal' || c.part === 'survey');
const sameValue = (a: Change | undefined, b: Change | undefined) =>
  a !== undefined && b !== undefined && a.change === b.change && a.before === b.before && a.after === b.after;

/**
 * Each change once: a single-source criterion's score changes its total and that part alike
 * (a province's file lists 600,000 scores as 1,2 million changes); folded into one change
 * without a part. A mixed criterion keeps a change per part.
 */
export function foldScoreParts(changes: readonly Change[]): Change[] {
  // Unit → criterion → its score changes.
  const scores = new Map<string | undefined, Map<string | undefined, Partial<Record<ScorePart, Change>>>>();
  const partsOf = (c: Change) => {
    let unit = scores.get(c.unitId);
    if (!unit) scores.set(c.unitId, (unit = new Map()));
    let parts = unit.get(c.code);
    if (!parts) unit.set(c.code, (parts = {}));
    return parts;
  };
  for (const c of changes) if (isScorePart(c)) partsOf(c)[c.part] = c;
  const out: Change[] = [];
  for (const c of changes) {
    if (!isScorePart(c)) {
      out.push(c);
      continue;
    }
    const parts = partsOf(c);
    const [appraisal, survey] = [sameValue(parts.total, parts.appraisal), sameValue(parts.total, parts.survey)];
    // Folded when exactly one part says what the total says.
    if (appraisal === survey) out.push(c);
    else if (c.part === 'total') {
      const { part: _, ...whole } = c;
      out.push(whole);
    } else if (!(c.part === 'appraisal' ? appraisal : survey)) out.push(c);
  }
  return out;
}

/** Counts per kind of change, for a one-line summary: each change once (foldScoreParts). */
export function countChanges(changes: readonly Change[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, changed: 0, removed: 0 };
  // A score's total and parts come together in the diff's order (core/results/diff.ts): a part counted
  // with its total is not counted again, when it is the only part saying what the total says.
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    counts[c.change]++;
    if (!isScorePart(c) || c.part !== 'total') continue;
    let j = i + 1;
    while (
      j < changes.length &&
      isScorePart(changes[j]!) &&
      changes[j]!.part !== 'total' &&
      changes[j]!.unitId === c.unitId &&
      changes[j]!.code === c.code &&
      changes[j]!.change === c.change
    )
      j++;
    const run = changes.slice(i + 1, j);
    const same = run.filter((p) => sameValue(c, p));
    for (const p of run) if (!(same.length === 1 && same[0] === p)) counts[p.change]++;
    i = j - 1;
  }
  return counts;
}
