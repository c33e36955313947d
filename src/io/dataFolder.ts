/**
 * Reads a folder tree of YAML/JSON documents (frameworks, units, results, reports) into a
 * dataset. The only place the core's data files touch the disk.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildDataset, parseDocument, ParError, type Dataset, type SourceDocument } from '../core/index.ts';
import { cachedDataset } from './datasetCache.ts';
import { demoFolders, documentTexts, listDocuments } from './documentFiles.ts';
import { parseCached } from './parseCache.ts';

export { demoFolders, documentTexts, listDocuments, projectRoot, reformFolders, sourceFolders } from './documentFiles.ts';

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
  const texts = documentTexts(paths);
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
