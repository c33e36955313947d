/**
 * The store the HTTP layer and the CLI use: the database plus the dataset the core computes
 * on, rebuilt only when a write changed the revision (so reads cost one small query).
 */
import { buildDataset, type Dataset, type SourceDocument } from '../core/index.ts';
import type { Database } from './database.ts';
import { importDocuments, type ImportResult } from './importDocuments.ts';
import { loadDocuments } from './load.ts';

export interface Store {
  readonly db: Database;
  dataset(): Promise<Dataset>;
  /**
   * A figure computed by the core from the current dataset, kept until the data changes:
   * the same request on unchanged data never recomputes.
   */
  computed<T>(key: string, compute: (dataset: Dataset) => T): Promise<T>;
  importDocuments(documents: SourceDocument[], options?: { dryRun?: boolean }): Promise<ImportResult>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

export function createStore(database: Database): Store {
  // Writes made through this store mark the moment they committed, so that a revision check
  // shared by concurrent readers is never reused by a request that follows a local write.
  let lastLocalCommit = 0;
  const db: Database = {
    ...database,
    query: database.query.bind(database),
    script: database.script.bind(database),
    close: database.close.bind(database),
    engine: database.engine,
    async transaction(work) {
      const result = await database.transaction(work);
      lastLocalCommit = performance.now();
      return result;
    },
  };
  let check: { started: number; value: Promise<bigint> } | undefined;
  /** The revision, read once for all readers arriving while a read is in flight (single flight). */
  const revision = () => {
    if (!check || check.started <= lastLocalCommit) {
      const value = db.query<{ value: bigint }>('SELECT value FROM revision').then((rows) => rows[0]!.value);
      const entry = { started: performance.now(), value };
      check = entry;
      value.then(
        () => setImmediate(() => check === entry && (check = undefined)),
        () => check === entry && (check = undefined),
      );
    }
    return check.value;
  };
  let cached: { revision: bigint; dataset: Dataset; figures: Map<string, unknown> } | undefined;
  let loading: Promise<{ revision: bigint; dataset: Dataset; figures: Map<string, unknown> }> | undefined;
  const MAX_FIGURES = 2000;
  const current = async () => {
    const now = await revision();
    if (cached?.revision === now) return cached;
      // Readers arriving together share one rebuild.
      loading ??= db
        .transaction(async (tx) => {
          const [{ value }] = (await tx.query<{ value: bigint }>('SELECT value FROM revision')) as [{ value: bigint }];
          return { revision: value, dataset: buildDataset(await loadDocuments(tx)), figures: new Map<string, unknown>() };
        })
        .finally(() => (loading = undefined));
    cached = await loading;
    return cached;
  };
  return {
    db,
    dataset: async () => (await current()).dataset,
    async computed<T>(key: string, compute: (dataset: Dataset) => T) {
      const state = await current();
      if (state.figures.has(key)) return state.figures.get(key) as T;
      const value = compute(state.dataset);
      if (state.figures.size >= MAX_FIGURES) state.figures.clear();
      state.figures.set(key, value);
      return value;
    },
    importDocuments: (documents, options) => importDocuments(db, documents, options),
    async isEmpty() {
      return (await db.query('SELECT 1 FROM frameworks LIMIT 1')).length === 0;
    },
    close: () => db.close(),
  };
}
