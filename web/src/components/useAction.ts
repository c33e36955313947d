/** A write to the API from a form: busy while it runs, then done, or the server's messages by field. */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import { currentLocale } from '../i18n.ts';

export interface Action<T> {
  run(method: string, path: string, body?: unknown): Promise<T | undefined>;
  busy: boolean;
  done: boolean;
  result?: T;
  /** The whole message (every issue), for the form. */
  error?: string;
  /** The message about one field, for showing next to it. */
  field(name: string): string | undefined;
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
    async run(method, path, body) {
      setState({ busy: true, done: false });
      try {
        const result = await api<T>(method, path, body);
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
