import { resolve } from 'node:path';
import type { Dataset } from '../core/index.ts';
import { demoFolders, loadDataset } from '../io/dataFolder.ts';

/** `--data` folders or files; the demo province when none is given. */
export const dataOption = { data: { type: 'string', multiple: true } } as const;

export function datasetFrom(paths: string[] | undefined): Dataset {
  if (!paths?.length) return loadDataset(demoFolders);
  // Frameworks shipped with the platform stay available to the user's own data.
  return loadDataset([demoFolders[0]!, ...paths.map((p) => resolve(p))].filter((p, i, all) => all.indexOf(p) === i));
}
