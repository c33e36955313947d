#!/usr/bin/env -S node --liftoff-only
// Launcher: the platform runs TypeScript directly on Node >= 24 (type stripping). When started
// by an older system Node, re-run with the Node that `npm install` placed in node_modules.
// Started quickly (issue 19.6): the prebuilt command line in dist/cli (scripts/build-cli.ts) runs
// while every source it was built from is unchanged, src otherwise; and Node keeps the compiled
// code of the modules between runs (its compile cache, in the system's temporary folder).
// --liftoff-only: WebAssembly (the chart renderer, the embedded database) runs as V8 first compiles
// it, without recompiling its busy functions on other threads, which a command that ends in a
// second never earns back (a unit's DOCX: 0.4 s less CPU; `rank --database`: half). The service
// (deploy/parindex.service) starts src/cli/main.ts itself, without it.
// Commands that keep the embedded database busy for seconds (LONG: `load` of a national set runs
// PGlite's COPY, index build and queries for most of its time) earn it back several times over: V8
// cannot turn the flag off once started (v8.setFlagsFromString does not reach WebAssembly already
// set up), so they run in a second Node process started without it (issue 16.7, docs/performance.md).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { freshBundle } from './parindex-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const LONG = new Set(['load', 'restore']);

const source = `${root}src/cli/main.ts`;
const major = Number(process.versions.node.split('.')[0]);
const args = process.argv.slice(2);
const long = LONG.has(commandOf(args));
const liftoffOnly = process.execArgv.includes('--liftoff-only');
// Only ever re-run to drop the flag: started without it (`node bin/parindex.js serve`), a command keeps running without it.
if (major >= 24 && !(long && liftoffOnly)) {
  module.enableCompileCache?.();
  // Imported, main is not the entry module, so it is told to run.
  const { runCommandLine } = await import(freshBundle(root) ?? source);
  await runCommandLine(args);
} else if (major >= 24) {
  run(
    process.execPath,
    process.execArgv.filter((f) => f !== '--liftoff-only'),
  );
} else {
  const local = `${root}node_modules/node/bin/node`;
  if (!existsSync(local)) {
    console.error(
      `parindex cần Node.js 24 trở lên (đang chạy ${process.version}); hãy chạy "npm install" trước. / parindex needs Node.js 24+; run "npm install" first.`,
    );
    process.exit(2);
  }
  run(local, long ? [] : ['--liftoff-only']);
}

/** The command named on the line (after `--lang <vi|en>`, which main.ts reads wherever it is). */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') i++;
    else if (!argv[i].startsWith('--lang=')) return argv[i];
  }
  return undefined;
}

/** This launcher again in another Node (or with other flags): its exit code passed on, and the signals that stop it passed to it. */
async function run(node, flags) {
  // Loaded here only: with its streams and sockets it costs the commands run in this process ≈ 10 ms.
  const { spawn } = await import('node:child_process');
  const child = spawn(node, [...flags, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
