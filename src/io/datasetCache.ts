/**
 * A dataset built before from the same documents, read back whole (V8's serialisation) instead of
 * validated and assembled again: about a fifth of a unit's DOCX from the command line (issue 19.6).
 * The key is the SHA-256 of every document's name and text, in order, and of the code that builds
 * a dataset from them (src/core and this folder's loader by size and modification time, the
 * versions of zod, yaml and V8): a changed figure, file or build is a new key, so a stale dataset
 * is never read. Beside the parsed documents (./parseCache.ts): PARINDEX_CACHE_DIR (default
 * node_modules/.cache/parindex), in its `datasets` folder; an empty value turns it off. A folder
 * that cannot be written is no error. Only datasets of demo-like size are kept (MAX_TEXT), the last
 * KEEP of them.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { Dataset } from '../core/index.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { cacheFolder, pruneOldest } from './fileCache.ts';

/** Documents of more text than this (a generated province, a bench) are built each time. */
const MAX_TEXT = 4 * 1024 * 1024;
export const KEEP = 20;

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

let code: string | undefined;

/** What builds a dataset: its source files by path, size and modification time, and the packages it runs on. */
function codeFingerprint(): string {
  if (code !== undefined) return code;
  const files = [
    ...readdirSync(join(root, 'src', 'core'), { recursive: true, encoding: 'utf8' }).map((f) => join('src', 'core', f)),
    ...['dataFolder.ts', 'documentFiles.ts', 'parseCache.ts', 'datasetCache.ts'].map((f) => join('src', 'io', f)),
    ...['zod', 'yaml'].map((p) => join('node_modules', p, 'package.json')),
  ]
    .filter((f) => f.endsWith('.ts') || f.endsWith('.json'))
    .sort();
  const hash = createHash('sha256').update(`v8 ${process.versions.v8}\n`);
  for (const f of files) {
    const s = statSync(join(root, f));
    hash.update(`${f} ${s.size} ${s.mtimeMs}\n`);
  }
  code = hash.digest('hex');
  return code;
}

/** Removes the datasets written longest ago beyond `keep`. */
export const prune = (dir: string, keep = KEEP): void => pruneOldest(dir, '.v8', keep);

const listeners: (() => void)[] = [];

/**
 * `listener` is told, once, just before a dataset is built anew rather than read back: what a
 * command derives from the data (a report's chart) is then likely new too, and may start meanwhile.
 */
export function beforeNextBuild(listener: () => void): void {
  listeners.push(listener);
}

type Documents = readonly { name: string; text: string }[];

/** Where the dataset of `documents` is kept, or undefined when it is not to be (cache off, too large, sources moved). */
function keptFile(documents: Documents): string | undefined {
  const dir = cacheFolder('datasets');
  if (!dir || documents.reduce((n, d) => n + d.text.length, 0) > MAX_TEXT) return undefined;
  try {
    const hash = createHash('sha256').update(codeFingerprint());
    for (const d of documents) hash.update(`\n${d.name.length} ${d.name} ${d.text.length}\n`).update(d.text);
    return join(dir, `${hash.digest('hex')}.v8`);
  } catch {
    // The sources are not where they were (an unusual install): no cache.
    return undefined;
  }
}

/** Whether the dataset of `documents` was built before and is kept: a command may tell early whether it will build one. */
export function isKept(documents: Documents): boolean {
  const file = keptFile(documents);
  return file !== undefined && existsSync(file);
}

/** `build()`'s dataset from `documents` (name and text each), or the one it built before from the same. */
export function cachedDataset(documents: Documents, given: () => Dataset): Dataset {
  const build = () => {
    for (const listener of listeners.splice(0)) listener();
    return given();
  };
  const file = keptFile(documents);
  if (!file) return build();
  try {
    return deserialize(readFileSync(file)) as Dataset;
  } catch {
    // Not kept yet (or unreadable): build, then keep it.
  }
  const dataset = build();
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, serialize(dataset));
    prune(dirname(file));
  } catch {
    // A read-only checkout: no cache, same dataset.
  }
  return dataset;
}
