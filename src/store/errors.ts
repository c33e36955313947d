/** Storage outcomes the HTTP layer maps to status codes: not found (404) and stale writes (409). */
import { ParError, issue, type Message } from '../core/index.ts';

export function notFound(what: Message, field?: string): ParError {
  return new ParError(issue('store.notFound', what, field === undefined ? {} : { field }));
}

/** A write based on an old version: the caller gets the current row to merge and retry. */
export class ConflictError extends ParError {
  readonly current: unknown;
  constructor(message: Message, current: unknown, field = 'version') {
    super(issue('store.conflict', message, { field }));
    this.current = current;
  }
}

/** Rows that must never change (published snapshots, the audit trail). */
export function immutable(what: Message): ParError {
  return new ParError(issue('store.immutable', what));
}
