/**
 * Builds the `parindex` command line into dist/cli/ (one JavaScript file per command, loaded on
 * demand as in src), so that bin/parindex.js starts without stripping the types of a few hundred
 * .ts files on every run (issue 19.6, docs/performance.md). Packages stay in node_modules; only
 * src/ is bundled. A source's `import.meta.url` keeps pointing at the source file, so the paths
 * it resolves (package.json, data/demo, migrations, the worker, the chart's WebAssembly) are the
 * same as when run from src.
 *
 * dist/cli/inputs.json lists every bundled source with its size and modification time:
 * bin/parindex.js runs the bundle only while they all match, and src otherwise, so an edited
 * checkout never runs stale code. Run by `npm ci` (prepare) and deploy/install.sh; by hand:
 * `npm run build:cli`.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'cli');
// Built beside, then put in place: a command starting meanwhile runs the previous build or src.
const outdir = join(root, 'dist', 'cli.next');

let esbuild: typeof import('esbuild');
try {
  esbuild = await import('esbuild');
} catch {
  // esbuild comes with vite; without it the command line runs from src, only slower to start.
  console.error('build-cli: esbuild is not installed; parindex runs from src');
  process.exit(0);
}

/** Packages bundled into dist/cli rather than loaded from node_modules: pure JavaScript, many modules each (zod, yaml) or one large one (docx). */
const BUNDLED = ['zod', 'yaml', 'docx'];
/** The languages of zod's messages kept in the bundle. */
const ZOD_LOCALES = ['en', 'vi'];
const bundled = (specifier: string) => BUNDLED.some((p) => specifier === p || specifier.startsWith(`${p}/`));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  // The chart's drawing thread is an entry of its own (src/report/raster.ts starts it beside its chunk).
  entryPoints: { main: 'src/cli/main.ts', rasterWorker: 'src/report/rasterWorker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [
    {
      // resvg's loader asks `typeof Response` and `typeof Request` even when given the bytes, which
      // makes Node load its fetch (undici, about 90 ms of CPU) for nothing: bundled with the
      // questions answered, in this build only.
      name: 'resvg-without-fetch',
      setup(build) {
        build.onResolve({ filter: /^@resvg\/resvg-wasm$/ }, () => ({ path: fileURLToPath(import.meta.resolve('@resvg/resvg-wasm')) }));
        build.onLoad({ filter: /resvg-wasm[\\/]index\.mjs$/ }, async (args) => {
          const text = await readFile(args.path, 'utf8');
          const contents = text.replaceAll('typeof Response === "function"', 'false').replaceAll('typeof Request === "function"', 'false');
          if (contents === text) throw new Error('build-cli: @resvg/resvg-wasm changed; look again at its loader');
          return { contents, loader: 'js' };
        });
      },
    },
    {
      // Packages stay in node_modules, but for the few whose hundreds of small modules cost more to
      // find and load one by one than to run, or of which a command uses a part (BUNDLED): about
      // 300 files fewer for `report`, and docx tree-shaken to half its 1 MB.
      name: 'packages-external',
      setup(build) {
        // A bundled package's CommonJS `require`s Node's own modules (yaml: process, buffer), which
        // an ES module bundle cannot: they are taken from process.getBuiltinModule instead.
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === 'require-call' && isBuiltin(args.path)
            ? { path: args.path, namespace: 'node-builtin' }
            : bundled(args.path)
              ? undefined
              : { path: args.path, external: true },
        );
        build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
          contents: `module.exports = process.getBuiltinModule(${JSON.stringify(args.path)});`,
          loader: 'js',
        }));
      },
    },
    {
      // zod's messages in every language are half of zod; the platform speaks Vietnamese and English
      // (src/core/validation.ts, z.locales.vi and .en; src/cli/bundle.test.ts checks that src uses no
      // other), so the bundle keeps those two.
      name: 'zod-locales',
      setup(build) {
        build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
          contents: ZOD_LOCALES.map((l) => `export { default as ${l} } from "./${l}.js";`).join('\n'),
          loader: 'js',
          resolveDir: dirname(args.path),
        }));
      },
    },
    {
      name: 'source-url',
      setup(build) {
        build.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
          const text = await readFile(args.path, 'utf8');
          // Relative to dist/cli/, where every output file lies (chunks too).
          const source = relative(outdir, args.path).split('\\').join('/');
          return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(source)}, import.meta.url).href`), loader: 'ts' };
        });
      },
    },
  ],
});

/**
 * Node keeps a module's source as one-byte text only when all of it is ASCII: one "đ" in a regular
 * expression or "…" in a comment, which esbuild leaves as written (it escapes strings and
 * templates), makes the whole file two-byte, slower to decode and to scan at every start (≈ 11 ms
 * for the core's megabyte). Escaped here as \uXXXX, which means the same in both places.
 */
function asciiOnly(text: string, file: string): string {
  return text.replace(/[^\x00-\x7f]/g, (c: string, at: number) => {
    let slashes = 0;
    for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) slashes++;
    if (slashes % 2) throw new Error(`build-cli: ${file}: an escaped non-ASCII character at ${at}; escape it in the source`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
for (const file of readdirSync(outdir).filter((f) => f.endsWith('.mjs'))) {
  const text = readFileSync(join(outdir, file), 'utf8');
  const ascii = asciiOnly(text, file);
  if (ascii !== text) writeFileSync(join(outdir, file), ascii);
}

// A bundled package's package.json stands for its files: an upgrade rewrites it.
const inputs = [...Object.keys(result.metafile.inputs).filter((p) => p.startsWith('src/')), ...BUNDLED.map((p) => `node_modules/${p}/package.json`)]
  .sort()
  .map((p) => {
    const s = statSync(join(root, p));
    return [p, s.size, s.mtimeMs] as const;
  });
writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify({ inputs })}\n`);
rmSync(target, { recursive: true, force: true });
renameSync(outdir, target);
console.error(`build-cli: ${inputs.length} sources → ${relative(root, target)}`);
