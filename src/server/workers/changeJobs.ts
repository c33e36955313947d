/**
 * A preview's change list kept in the worker that made it (issue 15 item 4, issue 16 item 6):
 * indexed there once (changeIndex.ts), then each review request — a page, a summary, the file —
 * is a small job pinned to that worker (pool.ts), so the list never crosses to the main thread
 * (588,176 changes at 4,000 units × 150 criteria: ≈ 80 MB of JSON text moved, then parsed and
 * held there, a second of the main thread's CPU and a heap that every later collection walks).
 */
import type { Change, Dataset } from '../../core/index.ts';
import { writeTables } from '../../io/index.ts';
import { changesGone, type ChangeFilter, IndexedChanges } from '../changeIndex.ts';
import { changeTable } from '../changeTable.ts';

/** Lists a worker holds at most (the main thread keeps two and releases them; this bounds a leak). */
const HELD = 4;
const lists = new Map<string, IndexedChanges>();

/** Keeps a list under the id the main thread gave (the oldest dropped past HELD). */
export function holdChangeList(id: string, changes: readonly Change[]): void {
  const indexed = new IndexedChanges();
  indexed.add(changes);
  lists.delete(id);
  lists.set(id, indexed);
  while (lists.size > HELD) lists.delete(lists.keys().next().value!);
}

function listOf(id: string): IndexedChanges {
  const list = lists.get(id);
  if (!list) throw changesGone();
  return list;
}

export const changeJobs = {
  /** A page of a held list's changes that a filter keeps, and their total. */
  async changePage(_dataset: null, input: { list: string; filter: ChangeFilter; offset: number; limit: number }) {
    const list = listOf(input.list);
    const positions = await list.select(input.filter);
    return { total: list.size(positions), changes: list.page(positions, input.offset, input.limit) };
  },
  /** A held list's changes counted per unit or per criterion (computed once per filter). */
  async changeCounts(_dataset: null, input: { list: string; by: 'unit' | 'criterion'; filter: ChangeFilter }) {
    return [...(await listOf(input.list).counts(input.by, input.filter))];
  },
  /** A held list (filtered) written as xlsx or CSV, the units named from the reader's dataset. */
  async changeFile(dataset: Dataset, input: { list: string; filter: ChangeFilter; format: 'xlsx' | 'csv'; separator?: ';' | ','; locale: 'vi' | 'en' }) {
    const list = listOf(input.list);
    const changes = await list.all(await list.select(input.filter));
    const table = changeTable(changes, (unitId) => dataset.units.get(unitId)?.name, input.locale, input.format);
    return writeTables([table], { format: input.format, ...(input.separator && { separator: input.separator }), locale: input.locale });
  },
  /** Forgets a held list (expired, replaced, or its preview refused). */
  dropChangeList(_dataset: null, input: { list: string }) {
    lists.delete(input.list);
  },
};
