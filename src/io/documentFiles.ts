/**
 * Where the data documents are and their text, without parsing them (no core, no YAML): what
 * ./dataFolder.ts loads, and what a command checks early against the kept datasets
 * (./datasetCache.ts isKept) before it loads the code that builds one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where frameworks/ and data/ live). */
export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Folders of the built-in demo: the shipped frameworks and the demo province (data/demo). */
export const demoFolders = [join(projectRoot, 'frameworks'), join(projectRoot, 'data', 'demo', 'lai-chau')];

/**
 * A dataset across the 2025 reform, for tests and trials (not the demo): the frameworks, the demo's
 * district results, and data/reform-2025 (its units with lineage, 2024 district and 2025 commune results).
 */
export const reformFolders = [
  join(projectRoot, 'frameworks'),
  join(projectRoot, 'data', 'demo', 'lai-chau', 'results'),
  join(projectRoot, 'data', 'reform-2025'),
];

const DOCUMENT = /\.(ya?ml|json)$/i;

export function listDocuments(path: string): string[] {
  const stat = statSync(path);
  if (stat.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = join(path, entry.name);
      if (entry.isDirectory()) return listDocuments(full);
      return DOCUMENT.test(entry.name) ? [full] : [];
    });
}

/** The folders read for `--data <paths>`: the demo when none is given, else the shipped frameworks and the paths. */
export function sourceFolders(paths: readonly string[] | undefined): string[] {
  if (!paths?.length) return demoFolders;
  // Frameworks shipped with the platform stay available to the user's own data.
  return [demoFolders[0]!, ...paths.map((p) => resolve(p))].filter((p, i, all) => all.indexOf(p) === i);
}

/** Every document under `paths`, named relative to the working directory, with its text. */
export const documentTexts = (paths: readonly string[]): { name: string; text: string }[] =>
  paths.flatMap(listDocuments).map((file) => ({ name: relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8') }));
