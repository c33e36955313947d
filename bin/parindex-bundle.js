// Which entry bin/parindex.js runs: the prebuilt command line in dist/cli (scripts/build-cli.ts)
// while every source it was built from has the size and modification time it had then.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** dist/cli/main.mjs under `root` when it was built from the sources as they are now, else undefined. */
export function freshBundle(root) {
  try {
    const built = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'inputs.json'), 'utf8'));
    if (!Array.isArray(built.inputs) || !built.inputs.length) return undefined;
    for (const [path, size, mtimeMs] of built.inputs) {
      const s = statSync(join(root, path));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
    }
    return join(root, 'dist', 'cli', 'main.mjs');
  } catch {
    return undefined;
  }
}
