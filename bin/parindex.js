#!/usr/bin/env node
// Launcher: the platform runs TypeScript directly on Node >= 24 (type stripping). When started
// by an older system Node, re-run with the Node that `npm install` placed in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  // Imported, main.ts is not the entry module, so it is told to run.
  const { runCommandLine } = await import(main);
  await runCommandLine(process.argv.slice(2));
} else {
  const local = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(local)) {
    console.error(
      `parindex cần Node.js 24 trở lên (đang chạy ${process.version}); hãy chạy "npm install" trước. / parindex needs Node.js 24+; run "npm install" first.`,
    );
    process.exit(2);
  }
  const result = spawnSync(local, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
