/**
 * A small pool of worker threads for the server's heavy work (file imports, report rendering,
 * Monte Carlo robustness), so that one large request never stalls the others: the main thread
 * only hands the job over and waits. Jobs wait in a queue (first come, first served) when every
 * worker is busy.
 *
 * The dataset a job reads is sent by structured clone, once per worker and dataset: a worker
 * keeps the last DATASETS_KEPT it received (the store hands out one object per revision and
 * reader's view), so the next job on the same data sends only its own input. A dataset the store
 * made by patching one the worker holds (a score write: datasetPatches.ts) is sent as the
 * replaced units, which the worker applies to its copy: the whole dataset (≈ 17 ms and more of
 * cloning on the main thread at 4,000 units) crosses once per worker, not after every write.
 *
 * A ParError thrown in a worker comes back as the same ParError with its issues (the HTTP
 * error shape is unchanged); any other error as an Error with the worker's stack.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ParError, issue, type Dataset } from '../../core/index.ts';
import { datasetId as numberOf, patchesTo } from '../../store/datasetPatches.ts';
import type { JobDataset, JobInput, JobName, JobOutput } from './jobs.ts';
import { DATASETS_KEPT, type JobMessage, type JobReply } from './protocol.ts';

export interface PoolStats {
  /** Workers the pool may run at once. */
  size: number;
  /** Workers running a job now. */
  busy: number;
  /** Jobs waiting for a worker. */
  queued: number;
}

export interface WorkerPool {
  /**
   * `dataset` null: the job reads only its input (tables to write, a file to read against a questionnaire).
   * `pin`: the job runs on the worker that ran the first job with the same pin (state a job left
   * there: a preview's change list), or, if that worker is gone, fails with PinGone.
   */
  run<N extends JobName>(name: N, dataset: JobDataset<N>, input: JobInput<N>, pin?: string): Promise<JobOutput<N>>;
  /** Forgets a pin (the state it named was dropped). */
  unpin(pin: string): void;
  stats(): PoolStats;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Number of workers (default: poolSizeFrom(process.env)). */
  size?: number;
  /**
   * For tests: jobs wait in their worker before running until `gate[0]` is not 0 (set it with
   * Atomics.store and wake them with Atomics.notify), so a test can hold a job and release it;
   * at -1 the worker that takes the next job stops instead, as a crash would.
   */
  gate?: Int32Array;
  /** For tests: told of each dataset sent to a worker, whole or as patches of one it holds. */
  onSend?: (sent: { datasetId: number; as: 'whole' | 'patches' }) => void;
}

/**
 * Figures a reader waits for (recomputed after each write, tens of ms) and a preview's review
 * (a page, a summary of a list a worker holds): ahead of queued files, reports and simulations.
 */
const FIRST: ReadonlySet<string> = new Set(['province', 'rankingIndex', 'analysis', 'changePage', 'changeCounts']);

/** A pinned job whose worker is gone (it died, or the pool was closed): the state it read is lost. */
export class PinGone extends Error {}

/** PARINDEX_WORKERS, or one less than the processors available, at least 1. */
export function poolSizeFrom(env: NodeJS.ProcessEnv): number {
  const value = env.PARINDEX_WORKERS?.trim();
  if (value === undefined || value === '') return Math.max(1, availableParallelism() - 1);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new ParError(
      issue(
        'config.workers',
        {
          vi: `PARINDEX_WORKERS phải là số nguyên từ 1 đến 64, không phải "${value}"`,
          en: `PARINDEX_WORKERS must be a whole number from 1 to 64, not "${value}"`,
        },
        { field: 'PARINDEX_WORKERS' },
      ),
    );
  }
  return n;
}

interface Pending {
  name: string;
  pin?: string | undefined;
  input: unknown;
  dataset: Dataset | null;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Ids of the datasets the worker holds, most recent last (the worker keeps the same list). */
  datasets: number[];
  job?: { id: number; pending: Pending };
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

export function createWorkerPool(options: PoolOptions = {}): WorkerPool {
  const size = options.size ?? poolSizeFrom(process.env);
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  /** Which worker each pin runs on. */
  const pins = new Map<string, Slot>();
  /** Pins ever placed on a worker (a pinned job arriving after its worker died fails rather than starting afresh elsewhere). */
  const pinnedBefore = new Set<string>();
  let nextJob = 1;
  let closed = false;

  const idOf = (dataset: Dataset | null) => (dataset === null ? 0 : numberOf(dataset));

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, { name: 'jobs', workerData: { gate: options.gate } });
    const slot: Slot = { worker, datasets: [] };
    worker.unref();
    worker.on('message', (reply: JobReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      worker.unref();
      if ('output' in reply) job.pending.resolve(reply.output);
      else if ('parError' in reply) job.pending.reject(new ParError(reply.parError));
      else job.pending.reject(Object.assign(new Error(reply.error.message), { stack: `${reply.error.stack}\n    (in a worker thread)` }));
      dispatch();
    });
    // A worker that dies (out of memory, a crash in a native module) fails its job and is replaced.
    const fail = (error: unknown) => {
      const index = slots.indexOf(slot);
      if (index < 0) return;
      slots.splice(index, 1);
      // Jobs waiting for this worker's state cannot run anywhere else (dispatch fails them).
      for (const [pin, pinned] of pins) if (pinned === slot) pins.delete(pin);
      slot.job?.pending.reject(error instanceof Error ? error : new Error(`worker stopped: ${String(error)}`));
      slot.job = undefined;
      dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    slots.push(slot);
    return slot;
  };

  const start = (slot: Slot, pending: Pending) => {
    const id = nextJob++;
    const datasetId = idOf(pending.dataset);
    // Dataset 0 (none) is neither sent nor kept.
    const known = datasetId === 0 ? 0 : slot.datasets.indexOf(datasetId);
    // A dataset the store patched from one the worker holds goes as the patches, not whole.
    const derive = known < 0 && datasetId !== 0 ? patchesTo(datasetId, (id) => slot.datasets.includes(id)) : undefined;
    if (datasetId !== 0) {
      if (known >= 0) slot.datasets.splice(known, 1);
      slot.datasets.push(datasetId);
      if (slot.datasets.length > DATASETS_KEPT) slot.datasets.shift();
    }
    const message: JobMessage = {
      id,
      name: pending.name,
      input: pending.input,
      datasetId,
      ...(known < 0 && pending.dataset && (derive ? { derive } : { dataset: pending.dataset })),
    };
    if (known < 0 && pending.dataset) options.onSend?.({ datasetId, as: derive ? 'patches' : 'whole' });
    slot.job = { id, pending };
    slot.worker.ref();
    try {
      slot.worker.postMessage(message);
    } catch (error) {
      // Input that cannot be cloned (a function, a class the worker cannot rebuild): a bug, said at once.
      slot.job = undefined;
      slot.datasets = slot.datasets.filter((d) => d !== datasetId || known >= 0);
      slot.worker.unref();
      pending.reject(error);
    }
  };

  function dispatch() {
    // The first job that can start, in queue order: a pinned job waits for its own worker only.
    for (let i = 0; i < queue.length && !closed; i++) {
      const pending = queue[i]!;
      const pinned = pending.pin === undefined ? undefined : pins.get(pending.pin);
      if (pending.pin !== undefined && !pinned && pinnedBefore.has(pending.pin)) {
        queue.splice(i--, 1);
        pending.reject(new PinGone(`the worker holding ${pending.pin} stopped`));
        continue;
      }
      let slot: Slot | undefined;
      if (pinned) slot = pinned.job ? undefined : pinned;
      else {
        const idle = slots.filter((s) => !s.job);
        // Prefer a worker that already holds the job's dataset.
        const id = pending.dataset ? numberOf(pending.dataset) : undefined;
        slot =
          idle.find((s) => id !== undefined && s.datasets.includes(id)) ??
          idle.find((s) => id !== undefined && patchesTo(id, (d) => s.datasets.includes(d))) ??
          idle[0] ??
          (slots.length < size ? spawn() : undefined);
        // No worker free at all: every later job waits too (first come, first served).
        if (!slot) return;
      }
      if (!slot) continue;
      if (pending.pin !== undefined && !pinned) {
        pins.set(pending.pin, slot);
        pinnedBefore.add(pending.pin);
      }
      queue.splice(i--, 1);
      start(slot, pending);
    }
  }

  return {
    run(name, dataset, input, pin) {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise((resolve, reject) => {
        const pending = { name, pin, input, dataset, resolve: resolve as (value: unknown) => void, reject };
        const behind = FIRST.has(name) ? queue.findIndex((p) => !FIRST.has(p.name)) : -1;
        if (behind < 0) queue.push(pending);
        else queue.splice(behind, 0, pending);
        dispatch();
      });
    },
    unpin(pin) {
      pins.delete(pin);
      pinnedBefore.delete(pin);
    },
    stats: () => ({ size, busy: slots.filter((s) => s.job).length, queued: queue.length }),
    async close() {
      closed = true;
      const stopping = slots.splice(0);
      for (const pending of queue.splice(0)) pending.reject(new Error('the worker pool is closed'));
      for (const slot of stopping) slot.job?.pending.reject(new Error('the worker pool is closed'));
      await Promise.all(stopping.map((s) => s.worker.terminate()));
    },
  };
}
