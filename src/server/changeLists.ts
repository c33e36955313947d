/**
 * The full list of changes of the last previews, kept in memory for the user who asked (a
 * province-wide file has a million): the answer lists a few and gives the list's id, which the
 * review routes read — per unit and criterion, filtered, or as a file.
 */
import { randomUUID } from 'node:crypto';
import { ParError, issue, type Change } from '../core/index.ts';
import type { Actor } from '../workflow/policy.ts';
import { IndexedChanges } from './changeIndex.ts';

interface Kept {
  owner: string;
  /**
   * The list, or its JSON text in pieces as a worker made it: parsed and indexed on the first
   * review a piece at a time, other requests running between the pieces (600,000 changes parsed
   * at once held the main thread for a second), then kept with its index (changeIndex.ts).
   */
  changes: Change[] | Uint8Array[] | Promise<IndexedChanges> | IndexedChanges;
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

export interface ChangeLists {
  keep(actor: Actor, changes: Change[] | Uint8Array[]): string;
  /** The list with its index: pages, selections and counts without going through the whole list. */
  open(actor: Actor, id: string): Promise<IndexedChanges>;
  get(actor: Actor, id: string): Promise<Change[]>;
}

export function changeLists(now = () => Date.now()): ChangeLists {
  const lists = new Map<string, Kept>();
  const open = (actor: Actor, id: string): Promise<IndexedChanges> | IndexedChanges => {
    const kept = lists.get(id);
    if (!kept || kept.owner !== actor.userId || now() - kept.at > KEEP_MS) {
      throw new ParError(
        issue(
          'import.changesGone',
          {
            vi: 'danh sách thay đổi không còn (đã quá 30 phút hoặc đã kiểm tra tệp khác): hãy kiểm tra lại tệp',
            en: 'the list of changes is gone (over 30 minutes old, or another file was checked): check the file again',
          },
          { field: 'id' },
        ),
      );
    }
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
  return {
    keep(actor, changes) {
      for (const [id, kept] of lists) if (now() - kept.at > KEEP_MS || kept.owner === actor.userId) lists.delete(id);
      while (lists.size >= MAX_LISTS) lists.delete(lists.keys().next().value!);
      const id = randomUUID();
      lists.set(id, { owner: actor.userId, changes, at: now() });
      return id;
    },
    async open(actor, id) {
      return open(actor, id);
    },
    async get(actor, id) {
      return (await open(actor, id)).changes;
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
