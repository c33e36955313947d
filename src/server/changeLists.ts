/**
 * The full list of changes of the last previews, kept in memory for the user who asked (a
 * province-wide file has a million): the answer lists a few and gives the list's id, which the
 * review routes read — per unit and criterion, filtered, or as a file.
 */
import { randomUUID } from 'node:crypto';
import { ParError, issue, type Change } from '../core/index.ts';
import type { Actor } from '../workflow/policy.ts';

interface Kept {
  owner: string;
  /**
   * The list, or its JSON text in pieces as a worker made it: parsed on the first review a piece
   * at a time, other requests running between the pieces (600,000 changes parsed at once held
   * the main thread for a second), then kept parsed.
   */
  changes: Change[] | Uint8Array[] | Promise<Change[]>;
  at: number;
}

/** JSON arrays parsed one after another, yielding to the event loop between them. */
async function parsePieces(pieces: Uint8Array[]): Promise<Change[]> {
  const decoder = new TextDecoder();
  const changes: Change[] = [];
  for (const piece of pieces) {
    for (const change of JSON.parse(decoder.decode(piece)) as Change[]) changes.push(change);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return changes;
}

/** Two lists at once (one may be a few hundred MB at a million changes), one per user, for half an hour. */
const MAX_LISTS = 2;
const KEEP_MS = 30 * 60_000;

export interface ChangeLists {
  keep(actor: Actor, changes: Change[] | Uint8Array[]): string;
  get(actor: Actor, id: string): Promise<Change[]>;
}

export function changeLists(now = () => Date.now()): ChangeLists {
  const lists = new Map<string, Kept>();
  return {
    keep(actor, changes) {
      for (const [id, kept] of lists) if (now() - kept.at > KEEP_MS || kept.owner === actor.userId) lists.delete(id);
      while (lists.size >= MAX_LISTS) lists.delete(lists.keys().next().value!);
      const id = randomUUID();
      lists.set(id, { owner: actor.userId, changes, at: now() });
      return id;
    },
    async get(actor, id) {
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
      if (Array.isArray(kept.changes) && kept.changes[0] instanceof Uint8Array) {
        // Readers arriving during the parse share it.
        const parsing = parsePieces(kept.changes as Uint8Array[]);
        kept.changes = parsing;
        parsing.then(
          (changes) => {
            if (kept.changes === parsing) kept.changes = changes;
          },
          () => {},
        );
      }
      return kept.changes as Change[] | Promise<Change[]>;
    },
  };
}

/** One row of a summary: a unit or a criterion, and its changes by kind. */
export interface ChangeCount {
  key: string;
  added: number;
  changed: number;
  removed: number;
  total: number;
}

/** Changes counted per unit or per criterion (results: «1.7»; others: the item). */
export function countBy(changes: readonly Change[], by: 'unit' | 'criterion'): ChangeCount[] {
  const counts = new Map<string, ChangeCount>();
  for (const c of changes) {
    const key = (by === 'unit' ? c.unitId : c.code) ?? '';
    let row = counts.get(key);
    if (!row) counts.set(key, (row = { key, added: 0, changed: 0, removed: 0, total: 0 }));
    row[c.change]++;
    row.total++;
  }
  return [...counts.values()];
}

/** Whether a change is one the reader filtered for: a unit, a criterion (and the criteria under it), a kind. */
export function changeFilter(filter: { unit?: string | undefined; code?: string | undefined; change?: string | undefined }) {
  return (c: Change) =>
    (!filter.unit || c.unitId === filter.unit) &&
    (!filter.code || c.code === filter.code || c.code?.startsWith(`${filter.code}.`) === true) &&
    (!filter.change || c.change === filter.change);
}

/** One registry per store (per server): no new field on the routes' services. */
const registries = new WeakMap<object, ChangeLists>();
export function changeListsOf(store: object): ChangeLists {
  let lists = registries.get(store);
  if (!lists) registries.set(store, (lists = changeLists()));
  return lists;
}
