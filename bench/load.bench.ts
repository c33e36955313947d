/**
 * Issue 16.7 at national scale: the generated set of 4,000 communes × 150 criteria (framework,
 * units and one year's results as JSON files) loaded with `parindex load` into a fresh embedded
 * database in a folder — a fresh Node process, as an operator runs it: bin/parindex.js with the
 * Node options of its first line, running the prebuilt command line (built first when missing or
 * stale, as `npm ci` builds it): wall time, CPU time (all threads, and the main thread: on an idle
 * machine the wall time follows the main thread, V8's compiler and GC threads running beside it),
 * peak resident memory and the load average. `load.cli.src` starts src/cli/main.ts instead, for
 * comparison. Then the server started on that database (`parindex serve`, a fresh process), its
 * rankings, a unit's analysis and the units asked for, and its resident memory printed (targets:
 * load ≤ 10 s and ≤ 1.5 GB; server ≤ 1 GB), with its parts: the V8 heaps of its threads, the embedded
 * engine's WebAssembly memory, malloc's arenas (memoryProbe.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { line, loadAverage, ms } from './measure.ts';
import type { MemoryParts } from './memoryProbe.ts';

// @ts-expect-error: plain JavaScript beside the launcher, without types.
import { freshBundle } from '../bin/parindex-bundle.js';

const UNITS = Number(process.env.PARINDEX_BENCH_UNITS ?? 4000);
const CRITERIA = 150;
const YEAR = 2030;
const root = new URL('..', import.meta.url).pathname;
const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
const bin = new URL('../bin/parindex.js', import.meta.url).pathname;
/** The Node options of the launcher's `#!/usr/bin/env -S node …` line. */
const options = (/^#!.*\bnode\b(.*)$/m.exec(readFileSync(bin, 'utf8').split('\n')[0]!)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
if (!freshBundle(root)) spawnSync(process.execPath, [new URL('../scripts/build-cli.ts', import.meta.url).pathname], { stdio: 'inherit' });
/**
 * Makes each Node process print its CPU time (all threads; its main thread) and peak RSS on exit:
 * the launcher may run the command in a second process (bin/parindex.js), whose line is added.
 */
const HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage(),t=process.threadCpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+" main-ms "+(t.user+t.system)/1000+" maxrss-kb "+process.resourceUsage().maxRSS+"\\n")})';
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

/** `parindex load <files>` into `data` (a new folder), started as `args` say: its wall, CPU (all threads, main thread) and peak RSS. */
function load(args: string[], files: string, env: NodeJS.ProcessEnv) {
  const start = performance.now();
  const child = spawnSync(process.execPath, [...args, 'load', files], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`parindex load: exit ${child.status}\n${child.stderr.slice(-4000)}`);
  const lines = [...child.stderr.matchAll(/cpu-ms ([\d.]+) main-ms ([\d.]+) maxrss-kb (\d+)/g)];
  return {
    wall,
    cpu: lines.reduce((sum, m) => sum + Number(m[1]), 0),
    main: lines.reduce((sum, m) => sum + Number(m[2]), 0),
    rss: Math.max(...lines.map((m) => Number(m[3]))),
    processes: lines.length,
  };
}

const folder = mkdtempSync(join(tmpdir(), 'parindex-bench-load-'));
try {
  const files = join(folder, 'files');
  const data = join(folder, 'data');
  spawnSync('mkdir', ['-p', files]);
  const province = generatedProvince({ units: UNITS, criteria: CRITERIA, year: YEAR });
  writeFileSync(join(files, 'framework.json'), JSON.stringify(province.framework));
  writeFileSync(join(files, 'units.json'), JSON.stringify(province.units));
  writeFileSync(join(files, 'results.json'), JSON.stringify(province.results));
  // The embedded database in the data folder, whatever this shell names.
  const { DATABASE_URL: _url, PARINDEX_DATABASE_URL: _purl, ...inherited } = process.env;
  const env = { ...inherited, PARINDEX_DATA_DIR: data };

  const report = (name: string, r: ReturnType<typeof load>, target?: string) =>
    line(
      name,
      `${ms(r.wall)}, peak RSS ${mb(r.rss)} (CPU ${ms(r.cpu)}, main thread ${ms(r.main)}, ${r.processes} Node process${r.processes > 1 ? 'es' : ''}, load ${loadAverage()}; framework, units and ${UNITS * CRITERIA} scores into a fresh embedded database)`,
      target,
    );
  // As operators run it; then from src for comparison, into a folder of its own.
  report(`load.cli.${UNITS}x${CRITERIA}`, load([...options, '--import', HOOK, bin], files, env), '≤ 10 s, ≤ 1.5 GB');
  if (process.env.PARINDEX_BENCH_LOAD_SRC !== '0')
    report(`load.cli.src.${UNITS}x${CRITERIA}`, load(['--import', HOOK, main], files, { ...env, PARINDEX_DATA_DIR: join(folder, 'data-src') }));

  // The server on that database: resident memory once the national set is read and asked for.
  // As the service starts it (its unit's Environment= lines: malloc's settings), with the probe
  // (memoryProbe.ts) that says, over the IPC channel, where its memory is.
  const unit = readFileSync(new URL('../deploy/parindex.service', import.meta.url), 'utf8');
  const service = Object.fromEntries([...unit.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
  const server = spawn(process.execPath, ['--import', new URL('./memoryProbe.ts', import.meta.url).pathname, main, 'serve'], {
    env: { ...env, ...service, PARINDEX_DEMO: '0', PARINDEX_PORT: '0', PORT: '0', PARINDEX_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /(http:\/\/[\d.:a-z[\]]+:\d+)/.exec(output);
        if (m) resolve(m[1]!.replace('0.0.0.0', '127.0.0.1'));
      };
      server.stdout!.on('data', seen);
      server.stderr!.on('data', seen);
      server.on('exit', (code) => reject(new Error(`server exited ${code}: ${output.slice(-2000)}`)));
      setTimeout(() => reject(new Error(`server did not start: ${output.slice(-2000)}`)), 120_000).unref();
    });
    const where = `year=${YEAR}&level=commune&group=generated-commune`;
    const t0 = performance.now();
    for (const path of [`/api/results?${where}`, `/api/results?${where}&page=2`, '/api/units', `/api/units/xa-2167/analysis?year=${YEAR}`, '/api/health']) {
      const response = await fetch(url + path);
      await response.arrayBuffer();
    }
    const asked = performance.now() - t0;
    const parts = await new Promise<MemoryParts>((resolve) => {
      server.once('message', (message: { memory: MemoryParts }) => resolve(message.memory));
      server.send('memory');
    });
    const peak = Number(/VmHWM:\s+(\d+)/.exec(spawnSync('cat', [`/proc/${server.pid}/status`], { encoding: 'utf8' }).stdout)?.[1] ?? NaN);
    const b = (bytes: number) => mb(bytes / 1024);
    const heaps = [`main ${b(parts.mainHeap)} (${b(parts.mainHeapUsed)} used)`, ...parts.workers.map((w) => `${w.name} ${b(w.heap)} (${b(w.used)} used)`)];
    line(
      `server.rss.${UNITS}x${CRITERIA}`,
      `${b(parts.rss)} resident (peak ${mb(peak)}; rankings, units, an analysis and health asked in ${ms(asked)}; CPU since start ${ms(parts.cpu / 1000)}; ${
        Object.entries(service)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'no environment from the service unit'
      }; load ${loadAverage()})`,
      '≤ 1 GB',
    );
    line(
      `server.rss.parts.${UNITS}x${CRITERIA}`,
      `V8 heaps: ${heaps.join(', ')}; WebAssembly ${b(parts.wasm)}; malloc: main ${b(parts.brk)}, threads' arenas ${b(parts.arenas)}; other anonymous ${b(parts.anonymous)} (the heaps' pages among them); files ${b(parts.files)}; external ${b(parts.external)}`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
