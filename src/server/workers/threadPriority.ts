/**
 * Heavy work yields the processor to the server's event loop: a worker thread of the pool lowers
 * its own scheduling priority (a nice value), so that on a machine with fewer cores than busy
 * threads the thread answering requests is not the one kept waiting. Linux only (a thread is named
 * by its id, read from /proc/thread-self); elsewhere, or where the system refuses, nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value the pool's workers run at: the event loop wins about nine slices in ten against one. */
export const WORKER_NICE = 10;

/** This thread's id on Linux (`/proc/thread-self` → `PID/task/TID`), else undefined. */
export function threadId(): number | undefined {
  try {
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** Lowers the calling thread's priority to `nice` (never raises it); nothing where it cannot. */
export function lowerThreadPriority(nice = WORKER_NICE): void {
  const tid = threadId();
  if (tid === undefined) return;
  try {
    if (getPriority(tid) < nice) setPriority(tid, nice);
  } catch {
    // Refused by the system: the thread keeps its priority.
  }
}
