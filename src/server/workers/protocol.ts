/** Messages between the pool (pool.ts) and its workers (worker.ts). */
import type { Dataset, Issue } from '../../core/index.ts';
import type { UnitPatch } from '../../store/datasetPatches.ts';

/** How many datasets (by revision and reader's view) a worker keeps, most recent last. */
export const DATASETS_KEPT = 2;

export interface JobMessage {
  id: number;
  name: string;
  input: unknown;
  /** 0: the job reads no dataset. */
  datasetId: number;
  /** Sent only when the worker does not hold this dataset yet. */
  dataset?: Dataset;
  /** Instead of `dataset`: build it from dataset `base`, which the worker holds, with these patches in order (datasetPatches.ts). */
  derive?: { base: number; patches: UnitPatch[][] };
}

export type JobReply = { id: number; output: unknown } | { id: number; parError: Issue[] } | { id: number; error: { message: string; stack: string } };
