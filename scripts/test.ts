/**
 * The test files of `npm test`, run as `node --test` runs them (each in a process of its own, the
 * spec reporter, exit code 1 on any failure), four at a time and longest first: the browser suites
 * (web/e2e, 30 s to 3 min each) and the installation test, then the rest (most under 20 s). With
 * three at a time, sorted by path as `node --test` sorts them, an idle run kept the two cores 75 %
 * busy: the files wait on Chromium, on fsync and on the PostgreSQL server part of their time
 * (docs/performance.md, "The suite's own time"). Files named on the command line run alone, in the
 * order given: `npx node scripts/test.ts src/store/scores.test.ts`.
 */
import { globSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const root = resolve(import.meta.dirname, '..');
/** Longest first; a file is listed once, in its first group. */
const GROUPS = ['web/e2e/*.test.ts', 'deploy/*.test.ts', 'src/**/*.test.ts'];

const named = process.argv.slice(2);
const inGroup = (pattern: string) =>
  globSync(pattern, { cwd: root })
    .sort()
    .map((f) => resolve(root, f));
const files = named.length ? named.map((f) => resolve(f)) : [...new Set(GROUPS.flatMap(inGroup))];

// --liftoff-only: WebAssembly (PGlite, resvg) runs as V8 first compiles it, without recompiling its busy
// functions on other threads, which a test process of seconds rarely earns back: 20–35 % less CPU
// a file (workflow, import, audit and CLI files measured), as the command line's launcher does
// (bin/parindex.js). The server itself runs without it.
const stream = run({ files, concurrency: 4, execArgv: ['--liftoff-only'] });
stream.on('test:fail', (event) => {
  // A failed file (its process exited non-zero) is reported as a failed test too.
  if (!event.todo && !event.skip) process.exitCode = 1;
});
stream.compose(new spec()).pipe(process.stdout);
stream.once('end', () => {
  if (!files.length) console.error(`no test file in ${GROUPS.join(', ')} under ${relative(process.cwd(), root) || '.'}`);
});
