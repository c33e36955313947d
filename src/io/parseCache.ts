/**
 * Parsed data documents kept as JSON, by the SHA-256 of their text: YAML parsing is most of the
 * time `parindex` spends reading the demo's folders, JSON.parse a small part of it. The key is
 * the content, so an edited file is parsed anew and a stale entry is never read. Only documents
 * of some size are kept (the parse of a small one costs less than the file), and only those whose
 * value JSON keeps exactly (no non-finite numbers). PARINDEX_CACHE_DIR chooses the folder
 * (default node_modules/.cache/parindex); an empty value turns the cache off. A folder that
 * cannot be written is no error: the document is parsed as without a cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicWrite.ts';
import { DEFAULT_CACHE_DIR } from './fileCache.ts';

const MIN_SIZE = 4 * 1024;
/** The base folder itself when PARINDEX_CACHE_DIR names one; `documents` in the default. */
const folder = () => process.env.PARINDEX_CACHE_DIR ?? join(DEFAULT_CACHE_DIR, 'documents');

/** True when JSON gives back exactly this value (plain objects, arrays, strings, finite numbers, booleans, null). */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value as object).every(jsonSafe);
  return false;
}

/** `parse(text)`, or its value kept from an earlier parse of the same text. */
export function parseCached(text: string, parse: (text: string) => unknown): unknown {
  const dir = folder();
  if (!dir || text.length < MIN_SIZE) return parse(text);
  const file = join(dir, `${createHash('sha256').update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // Not kept yet (or unreadable): parse, then keep it.
  }
  const value = parse(text);
  if (jsonSafe(value)) {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(file, JSON.stringify(value));
    } catch {
      // A read-only checkout: no cache, same result.
    }
  }
  return value;
}
