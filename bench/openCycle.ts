/**
 * A generated province stored as an open cycle (the benches of writes and of the event loop):
 * framework and units, its results through the validated bulk path, then every unit back in draft
 * so that score writes are allowed.
 */
import { diffResults, readResults } from '../src/core/index.ts';
import type { generatedProvince } from '../src/io/generatedProvince.ts';
import type { Store } from '../src/store/index.ts';
import { cycleIdOf } from '../src/store/save.ts';
import { SYSTEM } from '../src/workflow/policy.ts';

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
