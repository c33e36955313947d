/**
 * Where a command reads its data: `--data` folders or files (the demo province when none is
 * given), or `--database`, the server's own database. Every read command builds its dataset
 * here, from either source alike.
 */
import type { Dataset } from '../core/index.ts';
import { loadDataset } from '../io/dataFolder.ts';
import { sourceFolders } from '../io/documentFiles.ts';
import { UsageError } from './io.ts';

/** `--data` folders or files; the demo province when none is given. */
export const dataOption = { data: { type: 'string', multiple: true } } as const;

/** `--database`: the frameworks, units and results of the server's database instead of data folders. */
export const databaseOption = { database: { type: 'boolean', default: false } } as const;

/** A read command's source: `--data <folder>…` or `--database`. */
export const sourceOptions = { ...dataOption, ...databaseOption } as const;

/** Usage text for the source options. */
export const SOURCE_USAGE = '[--data <thư mục> | --database]';

export function datasetFrom(paths: string[] | undefined): Dataset {
  return loadDataset(sourceFolders(paths));
}

/**
 * The dataset of `--data` or `--database`. The database is opened the way the server opens it
 * (`DATABASE_URL`, else the embedded one under `PARINDEX_DATA_DIR`) and read whole, as the
 * installation's operator: the command line is not a reader with a role.
 */
export async function datasetFor(values: { database?: boolean; data?: string[] }): Promise<Dataset> {
  if (!values.database) return datasetFrom(values.data);
  if (values.data?.length) throw new UsageError({ vi: '--database không dùng cùng --data', en: '--database goes without --data' });
  // The database driver loads only when asked for.
  const { withStore } = await import('./store.ts');
  return withStore((store) => store.dataset());
}
