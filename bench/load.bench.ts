/**
 * Issue 16.7 at national scale: the generated set of 4,000 communes × 150 criteria (framework,
 * units and one year's results as JSON files) loaded with `parindex load` into a fresh embedded
 * database in a folder — a fresh Node process, as an operator runs it: wall time, its CPU time
 * and its peak resident memory; then the server started on that database (`parindex serve`, a
 * fresh process), its rankings, a unit's analysis and the units asked for, and its resident
 * memory printed (targets: load ≤ 10 s and ≤ 1.5 GB; server ≤ 1 GB).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { line, loadAverage, ms } from './measure.ts';

const UNITS = Number(process.env.PARINDEX_BENCH_UNITS ?? 4000);
const CRITERIA = 150;
const YEAR = 2030;
const main = new URL('../src/cli/main.ts', import.meta.url).pathname;
/** Makes the child print its CPU time and peak RSS on exit. */
const HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+" maxrss-kb "+process.resourceUsage().maxRSS+"\\n")})';
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

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

  const start = performance.now();
  const child = spawnSync(process.execPath, ['--import', HOOK, main, 'load', files], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`parindex load: exit ${child.status}\n${child.stderr.slice(-4000)}`);
  const [, cpu, rss] = /cpu-ms ([\d.]+) maxrss-kb (\d+)/.exec(child.stderr) ?? [];
  line(
    `load.cli.${UNITS}x${CRITERIA}`,
    `${ms(wall)}, peak RSS ${mb(Number(rss))} (CPU ${ms(Number(cpu))}, load ${loadAverage()}; framework, units and ${UNITS * CRITERIA} scores into a fresh embedded database)`,
    '≤ 10 s, ≤ 1.5 GB',
  );

  // The server on that database: resident memory once the national set is read and asked for.
  const server = spawn(process.execPath, [main, 'serve'], {
    env: { ...env, PARINDEX_DEMO: '0', PARINDEX_PORT: '0', PORT: '0', PARINDEX_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
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
    const rss = Number(spawnSync('ps', ['-o', 'rss=', '-p', String(server.pid)], { encoding: 'utf8' }).stdout.trim());
    const peak = Number(/VmHWM:\s+(\d+)/.exec(spawnSync('cat', [`/proc/${server.pid}/status`], { encoding: 'utf8' }).stdout)?.[1] ?? NaN);
    line(
      `server.rss.${UNITS}x${CRITERIA}`,
      `${mb(rss)} resident (peak ${mb(peak)}; rankings, units, an analysis and health asked in ${ms(asked)}; load ${loadAverage()})`,
      '≤ 1 GB',
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
