/**
 * The command line's caches on disk (parsed documents, built datasets): where they live and how a
 * folder is kept small. PARINDEX_CACHE_DIR chooses the base folder (default
 * node_modules/.cache/parindex); an empty value turns the caches off.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CACHE_DIR = join(resolve(fileURLToPath(new URL('../..', import.meta.url))), 'node_modules', '.cache', 'parindex');

/** The cache's `name` folder, or undefined when caching is off. */
export function cacheFolder(name: string): string | undefined {
  const base = process.env.PARINDEX_CACHE_DIR ?? DEFAULT_CACHE_DIR;
  return base ? join(base, name) : undefined;
}

/** Removes the files ending in `extension` written longest ago beyond `keep`. */
export function pruneOldest(dir: string, extension: string, keep: number): void {
  const names = readdirSync(dir).filter((n) => n.endsWith(extension));
  if (names.length <= keep) return;
  const dated = names.map((n) => {
    try {
      return { n, t: statSync(join(dir, n)).mtimeMs };
    } catch {
      return { n, t: 0 };
    }
  });
  dated.sort((a, b) => a.t - b.t);
  for (const { n } of dated.slice(0, dated.length - keep)) rmSync(join(dir, n), { force: true });
}
