/**
 * Whether the browser bundle (web/dist) is older than its sources, and building it with Vite
 * when it is: one process at a time (test files run in parallel, each starting a server), into
 * a folder beside web/dist that then replaces it, so that no server ever finds it half-written.
 * A build records what it was built from (`web/dist/.sources`, a SHA-256 of the sources and the
 * lock file), so that an upgrade whose app is unchanged takes the installed build (reuseWebBuild).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
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
  join(projectRoot, 'src', 'server', 'contract'),
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

/** The build's sources by content, with the lock file (vite and the app's packages): what `web/dist/.sources` records. */
export function webSourcesHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(`${relative(projectRoot, path).split('\\').join('/')}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  };
  for (const source of [...WEB_SOURCES, join(projectRoot, 'package-lock.json')]) add(source);
  return hash.digest('hex');
}

/**
 * Takes `from`'s web/dist (another installation of the platform, e.g. the one an upgrade
 * replaces) when it was built from the same sources as this checkout's; true when it did.
 */
export function reuseWebBuild(from: string, to = webDist): boolean {
  const built = join(from, 'web', 'dist');
  if (!existsSync(join(built, '.sources')) || !existsSync(join(built, 'index.html'))) return false;
  if (readFileSync(join(built, '.sources'), 'utf8').trim() !== webSourcesHash()) return false;
  const next = `${to}.next-${process.pid}`;
  try {
    cpSync(built, next, { recursive: true, preserveTimestamps: true });
    rmSync(to, { recursive: true, force: true });
    renameSync(next, to);
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
  return true;
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
      // What it is built from, taken before: a source edited meanwhile makes the record differ, not lie.
      const sources = webSourcesHash();
      const { build } = await import('vite');
      await build({ configFile: join(webFolder, 'vite.config.ts'), logLevel: 'warn', build: { outDir: next, emptyOutDir: true } });
      precompress(next);
      writeFileSync(join(next, '.sources'), `${sources}\n`);
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
