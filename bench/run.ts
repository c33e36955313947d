/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or those whose name contains one
 * of the arguments), one after the other. Each prints its own lines: "<figure>: <value> (target …)".
 */
import { readdirSync } from 'node:fs';

const filters = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filters.length || filters.some((name) => f.includes(name)))
  .sort();
if (!files.length) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exitCode = 2;
}
for (const file of files) {
  console.log(`# ${file}`);
  await import(new URL(file, import.meta.url).href);
}
