/** `npm run bench`: runs every bench/*.bench.ts in turn; each prints one line per figure. */
import { readdirSync } from 'node:fs';

const only = process.argv[2];
for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort()) {
  await import(new URL(file, import.meta.url).href);
}
