/**
 * Issue 19.6: how long the `parindex` command line takes, start-up included, as a person waits
 * for it: `parindex --help` (target ≤ 300 ms) and one unit's DOCX report (target ≤ 600 ms), each
 * a fresh Node process started as `npx parindex` starts it: bin/parindex.js with the Node options
 * of its first line, running the prebuilt command line (built first when it is missing or stale,
 * as `npm ci` builds it). Each line also gives the child's own CPU time (start-up included), which a
 * busy machine inflates less than the wall time, and the load average to read them against.
 * The DOCX is measured with the caches a repeated run finds (src/io/datasetCache.ts,
 * src/report/pngCache.ts) and, for reference, without them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { line, loadAverage, median, ms } from './measure.ts';

// @ts-expect-error: plain JavaScript beside the launcher, without types.
import { freshBundle } from '../bin/parindex-bundle.js';

const root = new URL('..', import.meta.url).pathname;
const bin = new URL('../bin/parindex.js', import.meta.url).pathname;
/** The Node options of the launcher's `#!/usr/bin/env -S node …` line. */
const options = (/^#!.*\bnode\b(.*)$/m.exec(readFileSync(bin, 'utf8').split('\n')[0]!)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
if (!freshBundle(root)) spawnSync(process.execPath, [new URL('../scripts/build-cli.ts', import.meta.url).pathname], { stdio: 'inherit' });
/**
 * Makes the child print its CPU time on exit (user + system, since its start): the whole process's,
 * and its main thread's alone (the chart may be drawn in a thread of its own, src/report/raster.ts).
 */
const CPU_HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage(),t=process.threadCpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+" main-ms "+(t.user+t.system)/1000+"\\n")})';

function run(args: string[], runs = 7, warmup = 1, env: NodeJS.ProcessEnv = process.env): { wall: number; cpu: number; main: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  const mains: number[] = [];
  for (let i = 0; i < runs + warmup; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [...options, '--import', CPU_HOOK, bin, ...args], { encoding: 'utf8', env });
    const wall = performance.now() - start;
    if (child.status !== 0) throw new Error(`parindex ${args.join(' ')}: exit ${child.status}\n${child.stderr}`);
    if (i < warmup) continue;
    walls.push(wall);
    cpus.push(Number(/cpu-ms ([\d.]+)/.exec(child.stderr)?.[1] ?? NaN));
    mains.push(Number(/main-ms ([\d.]+)/.exec(child.stderr)?.[1] ?? NaN));
  }
  return { wall: median(walls), cpu: median(cpus), main: median(mains) };
}

const help = run(['--help']);
line('cli.help', `${ms(help.wall)} (cpu ${ms(help.cpu)}, load ${loadAverage()})`, '≤ 300 ms');

const folder = mkdtempSync(join(tmpdir(), 'parindex-cli-bench-'));
try {
  const args = ['report', '--unit', 'tam-duong', '--year', '2023', '--format', 'docx', '--out', join(folder, 'r.docx')];
  // As a person runs it again and again: the dataset and the chart kept from the first run (their
  // content unchanged), Node's compile cache warm.
  const docx = run(args, 5);
  line('cli.report.docx.unit', `${ms(docx.wall)} (cpu ${ms(docx.cpu)}, main thread ${ms(docx.main)}, load ${loadAverage()})`, '≤ 600 ms');
  // Without the data caches (PARINDEX_CACHE_DIR=''): what the first run after a change of every
  // document costs (YAML parsed, dataset built, chart drawn in its own thread).
  const uncached = run(args, 5, 1, { ...process.env, PARINDEX_CACHE_DIR: '' });
  line('cli.report.docx.unit.uncached', `${ms(uncached.wall)} (cpu ${ms(uncached.cpu)}, main thread ${ms(uncached.main)}, load ${loadAverage()})`, '≤ 600 ms');
} finally {
  rmSync(folder, { recursive: true, force: true });
}
