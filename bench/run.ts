/**
 * `npm run bench [-- name…]`: runs every bench/*.bench.ts (or those whose name contains one
 * of the arguments), one after the other. Each prints its own lines: "<figure>: <value> (target …)".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { line, loadAverage, ms } from './measure.ts';

const filters = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filters.length || filters.some((name) => f.includes(name)))
  .sort();
if (!files.length) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exitCode = 2;
}
/** measure.ts `machineSpeed` in a fresh process: the start's and the end's figures from the same state of the JIT. */
const speed = (when: string) => {
  const code = `import { machineSpeed } from ${JSON.stringify(new URL('measure.ts', import.meta.url).href)}; console.log(machineSpeed());`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  const value = Number(child.stdout.trim());
  line(
    `machine.speed.${when}`,
    `${ms(value)} for a fixed piece of work on one thread (lower is faster; the same commit's figures follow it; load ${loadAverage()})`,
  );
};
if (files.length > 1) speed('start');
for (const file of files) {
  console.log(`# ${file}`);
  await import(new URL(file, import.meta.url).href);
}
if (files.length > 1) speed('end');
