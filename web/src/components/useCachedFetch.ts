/**
 * GET with a small in-memory cache of answers: a screen opened again (back from a unit to the
 * ranking) renders at once with what it had, while its data is asked again in the background
 * (an unchanged answer keeps the same object: nothing is drawn again). `prefetch` asks for a
 * path before a screen needs it (at start-up, on a click, when the pointer reaches a control):
 * the screen then finds the answer in flight or kept, never asking twice.
 * `keep`: while a new path loads, keep showing the previous path's data when it was asked with
 * the same `keep` (a table of the same ranking being sorted or paged on the server does not
 * flash empty; another ranking's rows are never shown under this one's title).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';

const answers = new Map<string, { data: unknown; text: string; at: number }>();
const inFlight = new Map<string, Promise<unknown>>();
const LIMIT = 60;
/** An answer this recent is not asked again when a screen shows it (a page asked on hover, then clicked). */
const FRESH_MS = 2000;

function remember(path: string, data: unknown, text: string) {
  answers.delete(path);
  answers.set(path, { data, text, at: performance.now() });
  if (answers.size > LIMIT) answers.delete(answers.keys().next().value!);
}

/** The path's answer: the one in flight if any, else asked now; kept, the same object as before when unchanged. */
function load<T>(path: string): Promise<T> {
  const flying = inFlight.get(path);
  if (flying) return flying as Promise<T>;
  const asked = api<T>('GET', path).then(
    (data) => {
      inFlight.delete(path);
      const text = JSON.stringify(data);
      const known = answers.get(path);
      const same = known?.text === text ? (known.data as T) : data;
      remember(path, same, text);
      return same;
    },
    (error) => {
      inFlight.delete(path);
      throw error;
    },
  );
  inFlight.set(path, asked);
  return asked;
}

/** Asks for a path now, unless it is kept fresh or already in flight (errors are the screen's to show when it asks). */
export function prefetch(path: string | undefined): void {
  if (!path || inFlight.has(path)) return;
  const known = answers.get(path);
  if (known && performance.now() - known.at < FRESH_MS) return;
  load(path).catch(() => undefined);
}

/** Forgets every kept answer (someone signed in or out: what they may read differs). */
export function forgetAnswers(): void {
  answers.clear();
}

/** The answer kept for a path, if any (without asking). */
export const cachedAnswer = <T>(path: string): T | undefined => answers.get(path)?.data as T | undefined;

export function useCachedFetch<T>(path: string | undefined, options: { keep?: string } = {}): { data?: T; error?: ApiError; loading: boolean } {
  const [state, setState] = useState<{ path?: string; keep?: string; data?: T; error?: ApiError; loading: boolean }>(() => ({
    path,
    keep: options.keep,
    data: path ? cachedAnswer<T>(path) : undefined,
    loading: !!path && cachedAnswer<T>(path) === undefined,
  }));
  useEffect(() => {
    if (!path) return setState({ loading: false });
    let live = true;
    const known = answers.get(path);
    setState((s) => {
      const data = (known?.data as T | undefined) ?? (options.keep !== undefined && s.keep === options.keep ? s.data : undefined);
      const loading = known === undefined;
      // Unchanged (a screen mounted with its kept answer): no second drawing.
      return s.path === path && s.keep === options.keep && s.data === data && s.loading === loading && !s.error
        ? s
        : { path, keep: options.keep, data, loading };
    });
    if (known && performance.now() - known.at < FRESH_MS && !inFlight.has(path)) return;
    load<T>(path).then(
      (data) => live && setState((s) => (s.path === path && s.data === data && !s.loading ? s : { path, keep: options.keep, data, loading: false })),
      (error) =>
        live &&
        setState({
          path,
          keep: options.keep,
          error: error instanceof ApiError ? error : new ApiError(0, { error: { message: String(error) } }),
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [path]);
  // The first render already has a cached answer: no loading frame in between.
  const known = path && state.path !== path ? cachedAnswer<T>(path) : undefined;
  if (known) return { data: known, loading: false };
  // Between a new path and its effect: the previous data only under the same `keep`.
  if (state.path !== path) return options.keep === undefined || state.keep !== options.keep ? { loading: !!path } : { ...state, loading: true };
  return state;
}
