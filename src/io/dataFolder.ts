/**
 * Reads a folder tree of YAML/JSON documents (frameworks, units, results, reports) into a
 * dataset. The only place the core's data files touch the disk.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset, parseDocument, ParError, type Dataset, type SourceDocument } from '../core/index.ts';
import { cachedDataset } from './datasetCache.ts';
import { parseCached } from './parseCache.ts';

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

/** Reads and parses one document; errors name the file relative to the working directory. */
export function readDocument(file: string): SourceDocument {
  const name = relative(process.cwd(), file) || file;
  const text = readFileSync(file, 'utf8');
  return { file: name, data: parseCached(text, (t) => parseDocument(t, name)) };
}

/**
 * Loads every document under the given files or folders into one dataset (all problems reported
 * together); the same documents give back the dataset built from them before (./datasetCache.ts).
 */
export function loadDataset(paths: string[] = demoFolders): Dataset {
  const texts = paths.flatMap(listDocuments).map((file) => ({ name: relative(process.cwd(), file) || file, text: readFileSync(file, 'utf8') }));
  return cachedDataset(texts, () => {
    const documents: SourceDocument[] = [];
    const problems: ParError[] = [];
    for (const { name, text } of texts) {
      try {
        documents.push({ file: name, data: parseCached(text, (t) => parseDocument(t, name)) });
      } catch (error) {
        if (error instanceof ParError) problems.push(error);
        else throw error;
      }
    }
    if (problems.length) throw new ParError(problems.flatMap((p) => p.issues));
    return buildDataset(documents);
  });
}

/** The demo province's documents, as the server seeds them on first start. */
export function demoDocuments(): SourceDocument[] {
  return demoFolders.flatMap(listDocuments).map(readDocument);
}
