/** A write to the API from a form: busy while it runs, then done, or the server's messages by field. */
import { useState } from 'preact/hooks';
import { api, ApiError, type ApiIssue } from '../api.ts';
import { currentLocale } from '../i18n.ts';

export interface Action<T> {
  /** `raw`: a file sent as it is (an upload) instead of a JSON body. */
  run(method: string, path: string, body?: unknown, raw?: { type: string; data: BodyInit }): Promise<T | undefined>;
  /** Back to the start (a new file chosen: the last answer no longer applies). */
  reset(): void;
  busy: boolean;
  done: boolean;
  result?: T;
  /** The whole message (every issue), for the form. */
  error?: string;
  /** The message about one field, for showing next to it. */
  field(name: string): string | undefined;
  /** Every issue of the refusal as the server gave it (an import's problems, cell by cell). */
  issues: ApiIssue[];
  /** The server refused because someone changed the thing since it was read (409). */
  conflict: boolean;
}

export function useAction<T = unknown>(onDone?: (result: T) => void): Action<T> {
  const [state, setState] = useState<{ busy: boolean; done: boolean; result?: T; error?: ApiError | Error }>({ busy: false, done: false });
  return {
    ...state,
    error: state.error && (state.error instanceof ApiError ? state.error.text(currentLocale()) : state.error.message),
    field: (name) => (state.error instanceof ApiError ? state.error.fieldMessage(name, currentLocale()) : undefined),
    conflict: state.error instanceof ApiError && state.error.status === 409,
    issues: state.error instanceof ApiError ? state.error.issues : [],
    reset: () => setState({ busy: false, done: false }),
    async run(method, path, body, raw) {
      setState({ busy: true, done: false });
      try {
        const result = await api<T>(method, path, body, raw);
        setState({ busy: false, done: true, result });
        onDone?.(result);
        return result;
      } catch (e) {
        setState({ busy: false, done: false, error: e instanceof Error ? e : new Error(String(e)) });
        return undefined;
      }
    },
  };
}
