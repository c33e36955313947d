/**
 * A generated province stored as an open cycle (the benches of writes and of the event loop):
 * framework and units, its results through the validated bulk path, then every unit back in draft
 * so that score writes are allowed.
 */
import { diffResults, parsePoints, readResults } from '../src/core/index.ts';
import type { generatedProvince } from '../src/io/generatedProvince.ts';
import { type Store, writeScore } from '../src/store/index.ts';
import { cycleIdOf } from '../src/store/save.ts';
import { type Actor, SYSTEM } from '../src/workflow/policy.ts';

export async function fillOpenCycle(store: Store, province: ReturnType<typeof generatedProvince>, year: number): Promise<void> {
  await store.importDocuments(
    [
      { file: 'framework', data: province.framework },
      { file: 'units', data: province.units },
    ],
    SYSTEM,
  );
  const dataset = await store.dataset();
  const results = readResults(province.results, (id) => dataset.frameworks.get(id));
  await store.importDocuments([{ file: 'tinh.xlsx', data: province.results }], SYSTEM, {
    validated: { basis: dataset, results, changes: diffResults(undefined, results) },
  });
  await store.db.query("UPDATE unit_results SET state = 'draft' WHERE cycle_id = $1", [cycleIdOf(year, province.frameworkId)]);
  await store.db.query('UPDATE revision SET value = value + 1');
}

/**
 * A unit officer's self-score write on the generated province (`xa-N` writes as its own officer),
 * each at the version last written or read: the stored rows of units 1…`units` are read first
 * (the generated scores are final ones; a self score starts on a row that exists). `kind`
 * 'final': the province's final score instead (the survey's or a correction's, as SYSTEM) — a
 * write that changes what readers compute from; a self score changes no reader's dataset.
 */
export async function scoreWriter(store: Store, cycleId: string, units: number) {
  const versions = new Map<string, number>();
  for (const row of await store.db.query<{ unit_id: string; code: string; version: number }>(
    'SELECT unit_id, code, version FROM scores WHERE cycle_id = $1 AND unit_id = ANY($2::text[])',
    [cycleId, Array.from({ length: units }, (_, i) => `xa-${i + 1}`)],
  ))
    versions.set(`${row.unit_id}/${row.code}`, row.version);
  return async (unit: number, code: string, points: string, kind: 'self' | 'final' = 'self'): Promise<void> => {
    const unitId = `xa-${unit}`;
    const actor: Actor = kind === 'self' ? { userId: `u-${unit}`, role: 'unitEditor', unitId } : SYSTEM;
    const key = `${unitId}/${code}`;
    const patch = kind === 'self' ? { self: parsePoints(points), comment: 'Tự chấm' } : { final: { total: parsePoints(points) } };
    const written = await writeScore(store.db, { cycleId, unitId, code, version: versions.get(key) ?? 0, patch }, actor);
    versions.set(key, written.version);
  };
}
