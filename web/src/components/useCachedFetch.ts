/**
 * GET with a small in-memory cache of answers: a screen opened again (back from a unit to the
 * ranking) renders at once with what it had, while its data is asked again in the background.
 * `keep`: while a new path loads, keep showing the previous path's data when it was asked with
 * the same `keep` (a table of the same ranking being sorted or paged on the server does not
 * flash empty; another ranking's rows are never shown under this one's title).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';

const answers = new Map<string, unknown>();
const LIMIT = 60;

function remember(path: string, data: unknown) {
  answers.delete(path);
  answers.set(path, data);
  if (answers.size > LIMIT) answers.delete(answers.keys().next().value!);
}

/** The answer kept for a path, if any (without asking). */
export const cachedAnswer = <T>(path: string): T | undefined => answers.get(path) as T | undefined;

export function useCachedFetch<T>(path: string | undefined, options: { keep?: string } = {}): { data?: T; error?: ApiError; loading: boolean } {
  const [state, setState] = useState<{ path?: string; keep?: string; data?: T; error?: ApiError; loading: boolean }>(() => ({
    path,
    keep: options.keep,
    data: path ? (answers.get(path) as T | undefined) : undefined,
    loading: !!path,
  }));
  useEffect(() => {
    if (!path) return setState({ loading: false });
    let live = true;
    const known = answers.get(path) as T | undefined;
    setState((s) => ({
      path,
      keep: options.keep,
      data: known ?? (options.keep !== undefined && s.keep === options.keep ? s.data : undefined),
      loading: known === undefined,
    }));
    api<T>('GET', path).then(
      (data) => {
        remember(path, data);
        if (live) setState({ path, keep: options.keep, data, loading: false });
      },
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
  const known = path && state.path !== path ? (answers.get(path) as T | undefined) : undefined;
  if (known) return { data: known, loading: false };
  // Between a new path and its effect: the previous data only under the same `keep`.
  if (state.path !== path) return options.keep === undefined || state.keep !== options.keep ? { loading: !!path } : { ...state, loading: true };
  return state;
}

const positions = new Map<string, number>();

/**
 * Keeps the page's scroll position for this address (the hash) and puts it back once `ready`
 * (the content is there again): back from a unit, the reader is where they left the table.
 */
export function useKeptScroll(ready: boolean): void {
  const key = useRef(location.hash);
  const restored = useRef(false);
  useEffect(() => {
    // The browser's own restoring (on a page still showing the previous screen) would fight this one.
    history.scrollRestoration = 'manual';
    const save = () => positions.set(location.hash, scrollY);
    addEventListener('scroll', save, { passive: true });
    return () => removeEventListener('scroll', save);
  }, []);
  useLayoutEffect(() => {
    if (!ready || restored.current) return;
    restored.current = true;
    const y = positions.get(key.current);
    if (!y) return;
    scrollTo(0, y);
    // Again once laid out (charts and the trend table come a frame later).
    requestAnimationFrame(() => scrollTo(0, y));
  }, [ready]);
}

/** The address's hash changed by the page itself (filters, sort, page): replaced, not a new history entry. */
export function replaceHash(hash: string): void {
  if (location.hash === hash) return;
  const y = positions.get(location.hash);
  history.replaceState(history.state, '', hash);
  if (y !== undefined) positions.set(hash, y);
}
