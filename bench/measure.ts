/** Small helpers shared by the benchmarks: timing with warm-up, and the printed line format. */
import { loadavg } from 'node:os';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time in ms of `runs` calls after `warmup` unmeasured ones. */
export async function time(fn: () => unknown, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** "name: 41 ms (target ≤ 100 ms)" */
export function line(name: string, value: string, target?: string): void {
  console.log(`${name}: ${value}${target ? ` (target ${target})` : ''}`);
}

/**
 * The PostgreSQL database the benches that need one use (each in schemas of its own):
 * PARINDEX_BENCH_DATABASE_URL, else the test suite's (PARINDEX_TEST_DATABASE_URL, which `.ci/run`
 * creates), else a local `parindex_bench`.
 */
export const benchDatabaseUrl = (): string =>
  process.env.PARINDEX_BENCH_DATABASE_URL ?? process.env.PARINDEX_TEST_DATABASE_URL ?? 'postgres://parindex:parindex@127.0.0.1:5432/parindex_bench';

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** Median wall and CPU time (ms, this process) of `runs` calls: on a shared machine the CPU time shows what contention adds to the wall time. */
export async function timeWithCpu(fn: () => unknown, runs = 7, warmup = 2): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/** The 1-minute load average, to read a timing against (on 2 cores, above 2 the machine is shared). */
export const loadAverage = () => loadavg()[0]!.toFixed(1);

/**
 * The machine's speed now: the median of five runs of one fixed piece of work on one thread (a
 * JSON text of 20,000 records written, read back and sorted), in ms. The same commit's figures
 * move by a third between hours on a shared virtual machine; printed at the start and the end of
 * `npm run bench`, it says which figures were taken in a slow spell.
 */
export function machineSpeed(): number {
  const records = Array.from({ length: 20_000 }, (_, i) => ({ id: `xa-${i}`, total: (i * 7919) % 100_003, parts: [i % 7, i % 11, i % 13] }));
  const samples: number[] = [];
  for (let run = 0; run < 6; run++) {
    const start = performance.now();
    for (let k = 0; k < 4; k++) {
      const back = JSON.parse(JSON.stringify(records)) as typeof records;
      back.sort((a, b) => a.total - b.total || a.id.localeCompare(b.id));
    }
    if (run > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}
