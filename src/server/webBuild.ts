/**
 * Whether the browser bundle (web/dist) is older than its sources, and building it with Vite
 * when it is: one process at a time (test files run in parallel, each starting a server), into
 * a folder beside web/dist that then replaces it, so that no server ever finds it half-written.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { projectRoot } from '../io/dataFolder.ts';
import { withLock } from '../io/lockFile.ts';

export const webFolder = join(projectRoot, 'web');
export const webDist = join(webFolder, 'dist');

/**
 * What the bundle is built from: the app itself and the server-side folders it imports (the
 * core's formatter and text search, the workflow's state labels). web/e2e/sources.test.ts
 * checks that every folder the app imports is listed here.
 */
export const WEB_SOURCES = [
  join(webFolder, 'src'),
  join(webFolder, 'index.html'),
  // Copied as they are: the installable app's manifest, icons and service worker.
  join(webFolder, 'public'),
  join(webFolder, 'vite.config.ts'),
  join(projectRoot, 'src', 'core'),
  join(projectRoot, 'src', 'workflow'),
  join(projectRoot, 'src', 'server', 'responses.ts'),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function webIsStale(dist = webDist, sources = WEB_SOURCES): boolean {
  const index = join(dist, 'index.html');
  if (!existsSync(index)) return true;
  return Math.max(...sources.map(newest)) > statSync(index).mtimeMs;
}

/** Builds when stale (or forced); true when it built. */
export async function ensureWebBuilt(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!options.force && !webIsStale()) return false;
  return withLock(join(webFolder, '.build.lock'), async () => {
    // Another process may have built it while this one waited for the lock.
    if (!options.force && !webIsStale()) return false;
    options.log?.('Đang đóng gói giao diện web (vite build)… / building the web app…');
    const next = join(webFolder, `dist.next-${process.pid}`);
    try {
      const { build } = await import('vite');
      await build({ configFile: join(webFolder, 'vite.config.ts'), logLevel: 'warn', build: { outDir: next, emptyOutDir: true } });
      precompress(next);
      rmSync(webDist, { recursive: true, force: true });
      renameSync(next, webDist);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
    return true;
  });
}

/**
 * Brotli (best) and gzip copies beside every text file of the build (the server sends them to
 * clients that accept them: a slow line gets ECharts in 180 KB instead of 600).
 */
export function precompress(folder: string): void {
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|css|html|svg|json|txt|map)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    if (bytes.length < 1024) continue;
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(bytes, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    );
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
