/**
 * Score edits made without a connection (a commune on a mountain line): kept in the browser's
 * storage, shown as «chưa đồng bộ», and sent when the line returns — each with the version the
 * officer's edit was based on. If someone saved the criterion meanwhile, the server answers 409
 * with the stored row: the edit stays here as a conflict, both values shown, until the officer
 * chooses. Nothing typed is dropped without the officer's word.
 */
import { decimalNumber } from '../../../src/core/decimal.ts';
import { api, ApiError, type ApiIssue } from '../api.ts';

export interface QueuedEdit {
  /** `${cycle}/${unit}/${code}` */
  key: string;
  path: string;
  /** The version the edit was based on (the first edit's: later edits refine it). */
  version: number;
  fields: Record<string, unknown>;
  at: string;
  conflict?: { current: Record<string, unknown> | null };
  /** Who made the edit: only they send it (another person signing in on this computer does not). */
  owner?: string;
  problems?: ApiIssue[];
}

const STORE = 'parindex.offline-edits';
type Listener = (key: string, saved?: Record<string, unknown>) => void;
const listeners = new Set<Listener>();

let owner: string | undefined;
/** The person signed in (undefined: nobody); their waiting edits are sent now if the line is up. */
export function setQueueOwner(id: string | undefined): void {
  owner = id;
  if (id && navigator.onLine) void syncQueue();
}

function readAll(): QueuedEdit[] {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '[]') as QueuedEdit[];
  } catch {
    return [];
  }
}
/** The signed-in person's edits. */
const read = () => (owner ? readAll().filter((e) => e.owner === owner) : []);
function write(edits: QueuedEdit[], changed: string, saved?: Record<string, unknown>) {
  localStorage.setItem(STORE, JSON.stringify([...readAll().filter((e) => e.owner !== owner), ...edits]));
  for (const listener of listeners) listener(changed, saved);
}

export const queuedEdit = (key: string): QueuedEdit | undefined => read().find((e) => e.key === key);
export const queuedCount = () => read().length;

/** Keeps an edit to send later; a later edit of the same criterion replaces the fields, not the base version. */
export function queueEdit(edit: Omit<QueuedEdit, 'at'>): void {
  const edits = read();
  const earlier = edits.find((e) => e.key === edit.key);
  const next: QueuedEdit = { ...edit, owner, version: earlier && !earlier.conflict ? earlier.version : edit.version, at: new Date().toISOString() };
  write([...edits.filter((e) => e.key !== edit.key), next], edit.key);
}

export function dropEdit(key: string, saved?: Record<string, unknown>): void {
  write(
    read().filter((e) => e.key !== key),
    key,
    saved,
  );
}

/** Follows the queue: called with the criterion's key on every change, with the stored row when it was sent. */
export function onQueueChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A request that never reached the server (offline, the line dropped), as opposed to its refusal. */
export const unreachable = (e: unknown) => !(e instanceof ApiError) || e.status === 502 || e.status === 503 || e.status === 504;

let syncing: Promise<void> | undefined;

/** A request on a line that came back half-way can hang: given up after this long, tried again later. */
const GIVE_UP_MS = 10_000;
const sendOrGiveUp = <T>(request: Promise<T>) =>
  Promise.race([request, new Promise<never>((_, reject) => setTimeout(() => reject(new TypeError('no answer')), GIVE_UP_MS))]);
/** Points typed "0,5" and stored "0.5" are the same value. */
const norm = (v: unknown) => JSON.stringify(typeof v === 'string' ? (decimalNumber(v, { mark: 'either', signed: false }) ?? v) : (v ?? null));
const same = (current: Record<string, unknown> | null, fields: Record<string, unknown>) =>
  current !== null && Object.entries(fields).every(([k, v]) => norm(current[k]) === norm(v));

/** Sends what waits, oldest first; stops at the first edit that cannot reach the server. */
export function syncQueue(): Promise<void> {
  if (syncing) return syncing;
  // Cleared once it has run (`finally` on the promise: an empty queue runs the body synchronously).
  syncing = (async () => {
    for (const edit of read().filter((e) => !e.conflict && !e.problems)) {
      try {
        const saved = await sendOrGiveUp(api<Record<string, unknown>>('PUT', edit.path, { version: edit.version, ...edit.fields }));
        dropEdit(edit.key, saved);
      } catch (e) {
        const error = e as ApiError;
        // No line, or no session (expired, signed out): the edit waits for the next try.
        if (unreachable(e) || error.status === 401 || error.status === 403) return;
        const edits = read().map((q) =>
          q.key !== edit.key
            ? q
            : error.status === 409
              ? { ...q, conflict: { current: (error.body?.error?.current as Record<string, unknown> | null) ?? null } }
              : { ...q, problems: error.issues },
        );
        // An earlier try given up on may have arrived after all: the stored row is then this edit.
        const current = (error.body?.error?.current as Record<string, unknown> | null) ?? null;
        if (error.status === 409 && same(current, edit.fields)) dropEdit(edit.key, current!);
        else write(edits, edit.key);
      }
    }
  })().finally(() => {
    syncing = undefined;
  });
  return syncing;
}

// The line returns: send what waits. A check now and then too, for a line that came back unseen.
addEventListener('online', () => setTimeout(() => void syncQueue(), 500));
setInterval(() => {
  if (navigator.onLine && read().some((e) => !e.conflict && !e.problems)) void syncQueue();
}, 10_000);
