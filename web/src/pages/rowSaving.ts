/**
 * How one criterion's row keeps its input safe: writes one at a time with the version last
 * known (never two racing), saves by itself when the person stops typing or leaves the row,
 * keeps the edit in the browser when the line is down (offlineQueue.ts) and, when someone else
 * saved meanwhile, holds both values until the person chooses. A whole component's save
 * (Assess.tsx) collects the rows' changes through the handle each row registers.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { dropEdit, onQueueChange, queueEdit, queuedEdit, unreachable, type QueuedEdit } from '../components/offlineQueue.ts';
import type { ScoreBatchResponse } from '../../../src/server/responses.ts';

export type Stored = Record<string, unknown>;
/** A row's answer in a whole-component save (POST …/scores). */
/** A row's outcome in a batch save (POST …/scores): saved, refused with its problems, or in conflict with the stored row. */
export type BatchResult = ScoreBatchResponse['results'][number];

export interface RowHandle {
  /** The row's changed, sendable values with the version they are based on; undefined when nothing to send. */
  pending(): ({ code: string; version: number } & Stored) | undefined;
  applied(result: BatchResult | 'offline'): void;
}

/** Waiting after the last keystroke before saving by itself. */
const IDLE_MS = 2500;

export function useRowSaving(options: {
  code: string;
  key: string;
  path: string;
  /** The stored row's version. */
  version: number;
  /** The form's values as they would be sent, and as they were stored: different = unsaved. */
  values: Stored;
  storedValues: Stored;
  /** Whether the form may be saved by itself now (editable, nothing wrong typed, nothing half-done). */
  canAutosave: boolean;
  /** The person's choice: save by itself, or only with the buttons. */
  auto: boolean;
  onSaved: () => void;
  register?: (code: string, handle: RowHandle | undefined) => void;
}) {
  const known = useRef(options.version);
  const [base, setBase] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [conflict, setConflict] = useState<{ current: Stored | null; mine: Stored }>();
  const [queued, setQueued] = useState<QueuedEdit | undefined>(() => queuedEdit(options.key));
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const tried = useRef<string>();
  const live = useRef(options);
  live.current = options;

  useEffect(() => {
    known.current = Math.max(known.current, options.version);
    setBase(undefined);
  }, [options.version]);
  const now = JSON.stringify(options.values);
  const dirty = now !== (base ?? JSON.stringify(options.storedValues));

  const succeeded = (sent: Stored, score: Stored & { version: number }) => {
    known.current = score.version;
    setBase(JSON.stringify(sent));
    setSaved(true);
    setError(undefined);
    setConflict(undefined);
    if (queuedEdit(live.current.key)) dropEdit(live.current.key);
  };
  const keepOffline = (fields: Stored) => {
    queueEdit({ key: live.current.key, path: live.current.path, version: known.current, fields });
    setBase(JSON.stringify(fields));
    setSaved(false);
  };

  // The queue sent this row's edit (the line returned), or found it in conflict.
  useEffect(
    () =>
      onQueueChange((key, stored) => {
        if (key !== live.current.key) return;
        const edit = queuedEdit(key);
        setQueued(edit);
        if (edit?.conflict) setConflict({ current: edit.conflict.current, mine: edit.fields });
        if (edit?.problems) setError(new ApiError(422, { error: { issues: edit.problems } }));
        if (!edit && stored) {
          known.current = Number(stored.version);
          setSaved(true);
          live.current.onSaved();
        }
      }),
    [],
  );
  useEffect(() => {
    const edit = queuedEdit(options.key);
    if (edit?.conflict) setConflict({ current: edit.conflict.current, mine: edit.fields });
  }, []);

  /** Writes `fields` after any write under way; `version` overrides the known one (keeping one's own value over a conflict). */
  const save = (fields: Stored, version?: number): Promise<boolean> => {
    const run = chain.current.then(async () => {
      setBusy(true);
      setSaved(false);
      try {
        setError(undefined);
        if (!navigator.onLine) {
          keepOffline(fields);
          return true;
        }
        const score = await api<Stored & { version: number }>('PUT', live.current.path, { version: version ?? known.current, ...fields });
        succeeded(fields, score);
        live.current.onSaved();
        return true;
      } catch (e) {
        if (unreachable(e)) {
          keepOffline(fields);
          return true;
        }
        const refused = e as ApiError;
        if (refused.status === 409) setConflict({ current: (refused.body?.error?.current as Stored | null) ?? null, mine: fields });
        else setError(refused);
        return false;
      } finally {
        setBusy(false);
      }
    });
    chain.current = run.catch(() => undefined);
    return run;
  };

  /** Saves the form by itself: only a change not yet sent (a refused value is not sent again until changed). */
  const autosave = () => {
    const o = live.current;
    const values = JSON.stringify(o.values);
    if (!o.auto || !o.canAutosave || conflict || values === (base ?? JSON.stringify(o.storedValues)) || values === tried.current) return;
    tried.current = values;
    void save(o.values);
  };
  useEffect(() => {
    if (!options.auto || !options.canAutosave || !dirty) return;
    const timer = setTimeout(autosave, IDLE_MS);
    return () => clearTimeout(timer);
  }, [now, options.canAutosave, options.auto]);

  /** The row's Lưu: what autosave just stored is not written a second time. */
  const saveNow = (): Promise<boolean> => {
    if (base !== undefined && now === base && !error && !conflict) {
      setSaved(true);
      return Promise.resolve(true);
    }
    return save(live.current.values);
  };

  const keepMine = async () => {
    if (!conflict) return;
    const version = Number(conflict.current?.version ?? 0);
    dropEdit(live.current.key);
    setConflict(undefined);
    await save(conflict.mine, version);
  };
  const takeStored = () => {
    known.current = Math.max(known.current, Number(conflict?.current?.version ?? 0));
    dropEdit(live.current.key);
    setConflict(undefined);
    setBase(undefined);
    live.current.onSaved();
  };

  /** What a whole component's save took from this row (input typed while it runs is not taken as saved). */
  const sent = useRef<Stored>({});
  const handle = useRef<RowHandle>({
    pending: () => {
      const o = live.current;
      const values = JSON.stringify(o.values);
      if (!o.canAutosave || values === (baseRef.current ?? JSON.stringify(o.storedValues))) return undefined;
      sent.current = o.values;
      return { code: o.code, version: known.current, ...o.values };
    },
    applied: (result) => {
      const taken = sent.current;
      if (result === 'offline') return keepOffline(taken);
      if (result.status === 'saved') return succeeded(taken, result.score);
      if (result.status === 'conflict') return setConflict({ current: result.current, mine: taken });
      setSaved(false);
      setError(new ApiError(422, { error: { issues: result.issues } }));
    },
  });
  const baseRef = useRef(base);
  baseRef.current = base;
  useEffect(() => {
    options.register?.(options.code, handle.current);
    return () => options.register?.(options.code, undefined);
  }, []);

  return {
    save,
    saveNow,
    autosave,
    busy,
    saved,
    setSaved,
    error,
    setError,
    dirty,
    conflict,
    keepMine,
    takeStored,
    unsynced: queued && !queued.conflict && !queued.problems,
  };
}
