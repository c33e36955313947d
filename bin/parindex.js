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
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { freshBundle } from './parindex-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));

const source = `${root}src/cli/main.ts`;
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  module.enableCompileCache?.();
  // Imported, main is not the entry module, so it is told to run.
  const { runCommandLine } = await import(freshBundle(root) ?? source);
  await runCommandLine(process.argv.slice(2));
} else {
  const local = `${root}node_modules/node/bin/node`;
  if (!existsSync(local)) {
    console.error(
      `parindex cần Node.js 24 trở lên (đang chạy ${process.version}); hãy chạy "npm install" trước. / parindex needs Node.js 24+; run "npm install" first.`,
    );
    process.exit(2);
  }
  const result = spawnSync(local, ['--liftoff-only', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
