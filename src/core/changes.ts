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

/** Counts per kind of change, for a one-line summary. */
export function countChanges(changes: readonly Change[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, changed: 0, removed: 0 };
  for (const c of changes) counts[c.change]++;
  return counts;
}
