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
  importDocuments(documents: SourceDocument[], options?: { dryRun?: boolean }): Promise<ImportResult>;
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}

export function createStore(db: Database): Store {
  let cached: { revision: bigint; dataset: Dataset } | undefined;
  let loading: Promise<{ revision: bigint; dataset: Dataset }> | undefined;
  const revision = async () => (await db.query<{ value: bigint }>('SELECT value FROM revision'))[0]!.value;
  return {
    db,
    async dataset() {
      const now = await revision();
      if (cached?.revision === now) return cached.dataset;
      // Readers arriving together share one rebuild.
      loading ??= db
        .transaction(async (tx) => {
          const [{ value }] = (await tx.query<{ value: bigint }>('SELECT value FROM revision')) as [{ value: bigint }];
          return { revision: value, dataset: buildDataset(await loadDocuments(tx)) };
        })
        .finally(() => (loading = undefined));
      cached = await loading;
      return cached.dataset;
    },
    importDocuments: (documents, options) => importDocuments(db, documents, options),
    async isEmpty() {
      return (await db.query('SELECT 1 FROM frameworks LIMIT 1')).length === 0;
    },
    close: () => db.close(),
  };
}
