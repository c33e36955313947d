import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';

/** GET a path; re-fetches when the path or `version` changes. */
export function useFetch<T>(path: string | undefined, version = 0): { data?: T; error?: ApiError; loading: boolean } {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  useEffect(() => {
    if (!path) return setState({ loading: false });
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api<T>('GET', path).then(
      (data) => live && setState({ data, loading: false }),
      (error) =>
        live &&
        // The line dropped while a screen was open: it keeps what it shows (and what is typed in it) rather than turning into an error.
        setState((s) =>
          s.data !== undefined && !(error instanceof ApiError)
            ? { data: s.data, loading: false }
            : { error: error instanceof ApiError ? error : new ApiError(0, { error: { message: String(error) } }), loading: false },
        ),
    );
    return () => {
      live = false;
    };
  }, [path, version]);
  return state;
}
