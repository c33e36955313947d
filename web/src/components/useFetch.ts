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
      (error) => live && setState({ error: error instanceof ApiError ? error : new ApiError(0, { error: { message: String(error) } }), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, version]);
  return state;
}
