/**
 * One worker thread of the pool (pool.ts): receives jobs, runs them (jobs.ts), answers with
 * the output or the error. Keeps the last datasets it was sent, as the pool expects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ParError, type Dataset } from '../../core/index.ts';
import { replaceUnits } from '../../store/datasetPatches.ts';
import { jobs, type JobName } from './jobs.ts';
import { lowerThreadPriority } from './threadPriority.ts';
import { DATASETS_KEPT, type JobMessage, type JobReply } from './protocol.ts';

const gate: Int32Array | undefined = (workerData as { gate?: Int32Array } | undefined)?.gate;
// Its jobs run for hundreds of ms at a time: the server's event loop goes first (threadPriority.ts).
lowerThreadPriority();
const datasets: { id: number; dataset: Dataset }[] = [];

function datasetOf(message: JobMessage): Dataset | null {
  if (message.datasetId === 0) return null;
  const index = datasets.findIndex((d) => d.id === message.datasetId);
  const entry = message.dataset
    ? { id: message.datasetId, dataset: message.dataset }
    : message.derive
      ? derived(message.datasetId, message.derive)
      : datasets[index];
  if (!entry) throw new Error(`worker: dataset ${message.datasetId} was never sent`);
  if (index >= 0) datasets.splice(index, 1);
  datasets.push(entry);
  if (datasets.length > DATASETS_KEPT) datasets.shift();
  return entry.dataset;
}

/** A dataset built from one this worker holds, the same way the store built it (a score write's units replaced). */
function derived(id: number, derive: NonNullable<JobMessage['derive']>): { id: number; dataset: Dataset } {
  const base = datasets.find((d) => d.id === derive.base);
  if (!base) throw new Error(`worker: dataset ${derive.base} to derive ${id} from is gone`);
  let dataset = base.dataset;
  for (const patch of derive.patches) dataset = replaceUnits(dataset, patch).dataset;
  return { id, dataset };
}

/** Byte arrays in the output (itself, or one level down) are moved to the main thread, not copied. */
function transferables(reply: JobReply): ArrayBuffer[] {
  if (!('output' in reply)) return [];
  const found = new Set<ArrayBuffer>();
  const add = (value: unknown) => {
    if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
  };
  const output = reply.output;
  add(output);
  if (output && typeof output === 'object' && !ArrayBuffer.isView(output))
    for (const value of Object.values(output)) {
      add(value);
      if (value && typeof value === 'object' && !ArrayBuffer.isView(value))
        for (const inner of Object.values(value)) {
          add(inner);
          // Pieces of one text (a change list's JSON in chunks).
          if (Array.isArray(inner)) for (const piece of inner) add(piece);
        }
    }
  return [...found];
}

parentPort!.on('message', async (message: JobMessage) => {
  let reply: JobReply;
  try {
    const dataset = datasetOf(message);
    // Tests hold jobs here (the main thread stays free) until they release the gate; -1 stops the worker as a crash would.
    if (gate) while (Atomics.load(gate, 0) === 0) Atomics.wait(gate, 0, 0);
    if (gate && Atomics.load(gate, 0) === -1) process.exit(70);
    const run = jobs[message.name as JobName] as (dataset: Dataset | null, input: unknown) => unknown;
    reply = { id: message.id, output: await run(dataset, message.input) };
  } catch (error) {
    reply =
      error instanceof ParError
        ? { id: message.id, parError: error.issues }
        : {
            id: message.id,
            error: { message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? (error.stack ?? '') : '' },
          };
  }
  parentPort!.postMessage(reply, transferables(reply));
});
