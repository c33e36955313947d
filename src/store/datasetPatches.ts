/**
 * Datasets made from another by replacing some units' results (a score write patches the
 * store's cached dataset, store.ts), numbered and remembered as "this one is that one with these
 * units replaced", so that a worker thread holding the older dataset receives the replaced units
 * only, not the whole dataset cloned again (server/workers/pool.ts). No I/O: the worker applies
 * the same replacement.
 */
import type { Dataset, UnitResult } from '../core/index.ts';

/** Units' results to put in place of the same units of one cycle (year and framework). */
export interface UnitPatch {
  year: number;
  frameworkId: string;
  units: UnitResult[];
}

/** The dataset with the patch's units replaced where it has them (others left out); `replaced` counts them. */
export function replaceUnits(dataset: Dataset, patch: readonly UnitPatch[]): { dataset: Dataset; replaced: number } {
  const bySet = new Map(patch.map((p) => [`${p.year}|${p.frameworkId}`, new Map(p.units.map((u) => [u.unitId, u]))]));
  let replaced = 0;
  const results = dataset.results.map((set) => {
    const units = bySet.get(`${set.year}|${set.frameworkId}`);
    if (!units) return set;
    return {
      ...set,
      units: set.units.map((u) => {
        const next = units.get(u.unitId);
        if (!next) return u;
        replaced++;
        return next;
      }),
    };
  });
  return { dataset: { ...dataset, results }, replaced };
}

const ids = new WeakMap<Dataset, number>();
let nextId = 1;
/** The last derivations, by the derived dataset's number: a worker more than this many writes behind gets the whole dataset. */
const derivations = new Map<number, { base: number; patch: UnitPatch[] }>();
const KEPT = 64;

/** The dataset's number (the same object, the same number, for this process's life). */
export function datasetId(dataset: Dataset): number {
  let id = ids.get(dataset);
  if (id === undefined) ids.set(dataset, (id = nextId++));
  return id;
}

/** `derived` is `base` with the patch applied (replaceUnits): remembered by number only, never holding the datasets. */
export function recordDerivation(derived: Dataset, base: Dataset, patch: UnitPatch[]): void {
  derivations.set(datasetId(derived), { base: datasetId(base), patch });
  while (derivations.size > KEPT) derivations.delete(derivations.keys().next().value!);
}

/**
 * How to build dataset `target` from one that `held` says is at hand: that dataset's number and
 * the patches to apply to it in order; undefined when no chain of remembered derivations (up to
 * `steps` long) leads there.
 */
export function patchesTo(target: number, held: (id: number) => boolean, steps = 16): { base: number; patches: UnitPatch[][] } | undefined {
  const patches: UnitPatch[][] = [];
  for (let id = target; patches.length < steps; ) {
    const step = derivations.get(id);
    if (!step) return undefined;
    patches.unshift(step.patch);
    if (held(step.base)) return { base: step.base, patches };
    id = step.base;
  }
  return undefined;
}
