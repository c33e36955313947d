/**
 * The full list of changes of the last previews, kept in memory for the user who asked (a
 * province-wide file has a million): the answer lists a few and gives the list's id, which the
 * review routes read — per unit and criterion, filtered, or as a file.
 */
import { randomUUID } from 'node:crypto';
import type { Change, Dataset } from '../core/index.ts';
import type { Actor } from '../workflow/policy.ts';
import { type ChangeCount, type ChangeFilter, changesGone, IndexedChanges } from './changeIndex.ts';
import { changeTable } from './changeTable.ts';
import { PinGone, type WorkerPool } from './workers/pool.ts';

/** A list held by the worker that made it (changeJobs.ts), reached through jobs pinned to its id. */
interface Held {
  pool: WorkerPool;
  id: string;
}

interface Kept {
  owner: string;
  /**
   * A list held by a worker (a file's preview), or one made on the main thread (a JSON import's),
   * or its JSON text in pieces: parsed and indexed on the first review a piece at a time, other
   * requests running between the pieces, then kept with its index (changeIndex.ts).
   */
  changes: Held | Change[] | Uint8Array[] | Promise<IndexedChanges> | IndexedChanges;
  at: number;
}

/** JSON arrays parsed and indexed one after another, yielding to the event loop between them. */
async function parsePieces(pieces: Uint8Array[]): Promise<IndexedChanges> {
  const decoder = new TextDecoder();
  const indexed = new IndexedChanges();
  for (const piece of pieces) {
    indexed.add(JSON.parse(decoder.decode(piece)) as Change[]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return indexed;
}

/** Two lists at once (one may be a few hundred MB at a million changes), one per user, for half an hour. */
const MAX_LISTS = 2;
const KEEP_MS = 30 * 60_000;

export interface FileOptions {
  format: 'xlsx' | 'csv';
  separator?: ';' | ',' | undefined;
  locale: 'vi' | 'en';
}

/** What the review routes ask of a list, wherever it is kept. */
export interface ReviewList {
  page(filter: ChangeFilter, offset: number, limit: number): Promise<{ total: number; changes: Change[] }>;
  counts(by: 'unit' | 'criterion', filter: ChangeFilter): Promise<readonly ChangeCount[]>;
  /** The changes a filter keeps as xlsx or CSV, units named from `dataset`. */
  file(filter: ChangeFilter, options: FileOptions, dataset: Dataset): Promise<Uint8Array>;
}

export interface ChangeLists {
  keep(actor: Actor, changes: Change[] | Uint8Array[]): string;
  /** Registers a list a worker of `pool` holds under `id` (the preview job ran pinned to it). */
  hold(actor: Actor, id: string, pool: WorkerPool): string;
  /** The list for review; `pool` writes the files of lists kept here. */
  review(actor: Actor, id: string, pool: WorkerPool): Promise<ReviewList>;
  /** The list with its index (a list kept on the main thread only). */
  open(actor: Actor, id: string): Promise<IndexedChanges>;
  get(actor: Actor, id: string): Promise<Change[]>;
}

/** Tells the worker holding a list to drop it; its pin is forgotten. */
export function release(pool: WorkerPool, id: string): void {
  pool
    .run('dropChangeList', null, { list: id }, id)
    .catch(() => {})
    .finally(() => pool.unpin(id));
}

const isHeld = (changes: Kept['changes']): changes is Held => !Array.isArray(changes) && 'pool' in changes;

/** A job on the list's worker; a worker gone (it died) means the list is gone. */
async function onWorker<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof PinGone ? changesGone() : error;
  }
}

function heldList({ pool, id }: Held): ReviewList {
  const filterOf = (f: ChangeFilter) => ({ ...(f.unit && { unit: f.unit }), ...(f.code && { code: f.code }), ...(f.change && { change: f.change }) });
  return {
    page: (filter, offset, limit) => onWorker(() => pool.run('changePage', null, { list: id, filter: filterOf(filter), offset, limit }, id)),
    counts: (by, filter) => onWorker(() => pool.run('changeCounts', null, { list: id, by, filter: filterOf(filter) }, id)),
    file: (filter, options, dataset) =>
      onWorker(() =>
        pool.run(
          'changeFile',
          dataset,
          { list: id, filter: filterOf(filter), format: options.format, ...(options.separator && { separator: options.separator }), locale: options.locale },
          id,
        ),
      ),
  };
}

function localList(list: IndexedChanges, pool: WorkerPool): ReviewList {
  return {
    async page(filter, offset, limit) {
      const kept = await list.select(filter);
      return { total: list.size(kept), changes: list.page(kept, offset, limit) };
    },
    counts: (by, filter) => list.counts(by, filter),
    async file(filter, options, dataset) {
      const changes = await list.all(await list.select(filter));
      const table = changeTable(changes, (unitId) => dataset.units.get(unitId)?.name, options.locale, options.format);
      return pool.run('writeTables', null, {
        tables: [table],
        options: { format: options.format, ...(options.separator && { separator: options.separator }), locale: options.locale },
      });
    },
  };
}

export function changeLists(now = () => Date.now()): ChangeLists {
  const lists = new Map<string, Kept>();
  const drop = (id: string) => {
    const kept = lists.get(id);
    lists.delete(id);
    if (kept && isHeld(kept.changes)) release(kept.changes.pool, id);
  };
  const found = (actor: Actor, id: string): Kept => {
    const kept = lists.get(id);
    if (!kept || kept.owner !== actor.userId || now() - kept.at > KEEP_MS) throw changesGone();
    return kept;
  };
  const open = (kept: Kept): Promise<IndexedChanges> | IndexedChanges => {
    if (isHeld(kept.changes)) throw changesGone();
    if (Array.isArray(kept.changes)) {
      // Readers arriving during the parse share it.
      const pieces = kept.changes;
      const indexing = pieces.length > 0 && pieces[0] instanceof Uint8Array ? parsePieces(pieces as Uint8Array[]) : IndexedChanges.of(pieces as Change[]);
      kept.changes = indexing;
      indexing.then(
        (indexed) => {
          if (kept.changes === indexing) kept.changes = indexed;
        },
        () => {},
      );
    }
    return kept.changes;
  };
  const add = (actor: Actor, id: string, changes: Kept['changes']) => {
    for (const [other, kept] of lists) if (now() - kept.at > KEEP_MS || kept.owner === actor.userId) drop(other);
    while (lists.size >= MAX_LISTS) drop(lists.keys().next().value!);
    lists.set(id, { owner: actor.userId, changes, at: now() });
    return id;
  };
  return {
    keep: (actor, changes) => add(actor, randomUUID(), changes),
    hold: (actor, id, pool) => add(actor, id, { pool, id }),
    async review(actor, id, pool) {
      const kept = found(actor, id);
      return isHeld(kept.changes) ? heldList(kept.changes) : localList(await open(kept), pool);
    },
    async open(actor, id) {
      return open(found(actor, id));
    },
    async get(actor, id) {
      return (await open(found(actor, id))).changes;
    },
  };
}

export { changeFilter, countBy, type ChangeCount } from './changeIndex.ts';

/** One registry per store (per server): no new field on the routes' services. */
const registries = new WeakMap<object, ChangeLists>();
export function changeListsOf(store: object): ChangeLists {
  let lists = registries.get(store);
  if (!lists) registries.set(store, (lists = changeLists()));
  return lists;
}
