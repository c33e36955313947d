/**
 * What still blocks the server's main thread (issue 15 item 4, left-overs): the event loop's
 * delay (perf_hooks.monitorEventLoopDelay, this process: the server runs here, in-process, on
 * the embedded database in memory) while each piece of work happens at 4,000 units × 150
 * criteria (the generated province, stored as a published cycle set back to draft):
 * - a write burst: unit editors write scores (as the route does) while a reader follows the
 *   national ranking's page and summary after each write (the cached figures recomputed);
 * - the whole audit trail listed (JSON, a page) and exported (CSV) with `AUDIT_ROWS` entries;
 * - a province-wide file's preview, the first review of its change list and its download;
 * - an export right after a write (the dataset sent to a worker for the first time).
 * Each line prints the loop's max delay and p99, the wall time and this process's CPU time (the
 * workers' included) and the load average. Targets: max delay ≤ 50 ms.
 */
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { readResults, buildDataset } from '../src/core/index.ts';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { exportTables, writeTables } from '../src/io/index.ts';
import { buildApp } from '../src/server/app.ts';
import { createWorkerPool } from '../src/server/workers/pool.ts';
import { seedDemo } from '../src/server/demo.ts';
import { createStore, openDatabase, pgliteThreadFrom } from '../src/store/index.ts';
import { cycleIdOf } from '../src/store/save.ts';
import { line, loadAverage, ms } from './measure.ts';
import { fillOpenCycle, scoreWriter } from './openCycle.ts';

const UNITS = Number(process.env.PARINDEX_BENCH_UNITS ?? 4000);
const CRITERIA = 150;
const YEAR = 2030;
const AUDIT_ROWS = Number(process.env.PARINDEX_BENCH_AUDIT_ROWS ?? 600_000);
const WRITES = 30;
const PASSWORD = 'bench-password-2026';
/** PARINDEX_BENCH_ONLY=auditList,auditExport: only these lines (the province is filled only when a line needs it). */
const ONLY = process.env.PARINDEX_BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (name: string) => !ONLY || ONLY.includes(name);
const needsProvince = ['writeBurst', 'firstSend', 'importPreview', 'changeReview', 'changeFile'].some(wanted);
// A one-unit province stands in when no line needs it (its framework names the cycle): the
// 4,000-unit one would stay in this process's heap and lengthen the collector's pauses.
const province = generatedProvince({ units: needsProvince ? UNITS : 1, criteria: CRITERIA, year: YEAR });
/** PARINDEX_BENCH_PROFILE=folder: the main thread's CPU profile of each line written there (open it in Chrome's DevTools). */
const PROFILE = process.env.PARINDEX_BENCH_PROFILE;
const cycleId = cycleIdOf(YEAR, province.frameworkId);
const leaves = province.framework.components.flatMap((c: { children?: { code: string }[] }) => (c.children ?? []).map((n) => n.code));

/** Runs `work` with the event loop watched: its max delay and p99 (ms), wall and CPU time. */
async function watched(name: string, work: () => Promise<string>): Promise<void> {
  if (!wanted(name)) return;
  const profiler = PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const cpu = process.cpuUsage();
  const mainCpu = process.threadCpuUsage();
  const load = loadAverage();
  const start = performance.now();
  histogram.enable();
  longest.clear();
  // The garbage collector's longest pause in this process (the server's heap and the bench's).
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMax = Math.max(gcMax, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const said = await work();
  histogram.disable();
  gc.disconnect();
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(`${PROFILE}/mainthread-${name}.cpuprofile`, JSON.stringify(profile));
    profiler.disconnect();
  }
  const pieces = [...longest]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([what, time]) => `${what} ${ms(time)}`);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const main = process.threadCpuUsage(mainCpu);
  line(
    `mainthread.${name}.loopDelay.max`,
    `${ms(histogram.max / 1e6)} (p99 ${histogram.count} samples, ${ms(histogram.percentile(99) / 1e6)}; ${said}; longest pieces (main thread's CPU): ${pieces.join(', ') || 'none'}; longest GC pause ${ms(gcMax)}; wall ${ms(wall)}, CPU ${ms((used.user + used.system) / 1000)} (main thread ${ms((main.user + main.system) / 1000)}); load ${load} → ${loadAverage()})`,
    '≤ 50 ms',
  );
}

// The embedded engine where the server runs it (its own thread unless PARINDEX_PGLITE_THREAD=main).
const store = createStore(await openDatabase({ pgliteThread: pgliteThreadFrom(process.env, 'worker') }));
await seedDemo(store.db, PASSWORD);
let t = performance.now();
if (needsProvince) await fillOpenCycle(store, province, YEAR);
const filled = performance.now() - t;
// A province's trail: AUDIT_ROWS more entries, as many small ones as score writes make (listed, not verified).
t = performance.now();
await store.db.query(
  `INSERT INTO audit_log (sequence, at, actor_id, action, subject, before, after, reason, previous_hash, hash)
   SELECT s + 1000000, '2030-05-01T08:00:00.000Z', 'u-' || (s % 4000), 'score.write', 'cycle/${cycleId}/unit/xa-' || (s % 4000 + 1) || '/criterion/1.1',
     '{"self":"1.5"}'::jsonb, '{"self":"2","comment":"Tự chấm"}'::jsonb, NULL, md5(s::text), md5((s + 1)::text)
   FROM generate_series(1, $1::int) AS s`,
  [AUDIT_ROWS],
);
const audited = performance.now() - t;

// Over real sockets: requests arrive as I/O, as in production (injected ones never leave the microtask queue).
// The longest synchronous pieces, named: a figure computed (store.computed) and a job handed to a
// worker (the structured clone of its input and dataset happens in the call).
const longest = new Map<string, number>();
/** The main thread's own CPU time, ms (a wall time on a loaded machine counts the waits for a core). */
const threadCpu = () => {
  const used = process.threadCpuUsage();
  return (used.user + used.system) / 1000;
};
const note = (what: string, start: number) => longest.set(what, Math.max(longest.get(what) ?? 0, threadCpu() - start));
const compute = store.computed.bind(store);
store.computed = (key, actor, fn) =>
  compute(key, actor, (dataset) => {
    const start = threadCpu();
    try {
      return fn(dataset);
    } finally {
      note(`computed ${key.split(':')[0]}`, start);
    }
  });
const pool = createWorkerPool();
const run = pool.run.bind(pool);
pool.run = (name, dataset, input) => {
  const start = threadCpu();
  try {
    return run(name, dataset, input);
  } finally {
    note(`handed to a worker (${name})`, start);
  }
};
const app: FastifyInstance = buildApp({ store, pool });
const origin = await app.listen({ host: '127.0.0.1', port: 0 });
const session = await fetch(`${origin}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: PASSWORD, token: true }),
});
if (!session.ok) throw new Error(`login: ${session.status} ${await session.text()}`);
const auth = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
/**
 * Bytes POSTed through node:http: fetch's request body (a stream teed and copied, 3 MB, in this
 * process) held the loop the bench watches for ≈ 290 ms under load, a stall of the client's own.
 */
const postBytes = (url: string, body: Uint8Array) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(
      origin + url,
      { method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'content-length': String(body.byteLength) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
/** The answer's bytes. */
const get = async (url: string) => {
  const response = await fetch(origin + url, { headers: auth });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url}: ${response.status} ${new TextDecoder().decode(bytes.slice(0, 300))}`);
  return bytes;
};
/** The answer read as it comes and counted, not kept (a 159 MB file would weigh on this process, the server's). */
const count = async (url: string) => {
  const response = await fetch(origin + url, { headers: auth });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${(await response.text()).slice(0, 300)}`);
  let bytes = 0;
  for await (const piece of response.body!) bytes += piece.byteLength;
  return bytes;
};
const rows = `/api/results/rows?year=${YEAR}&level=commune&scope=national&limit=50`;
const summary = `/api/results/summary?year=${YEAR}&level=commune&scope=national`;

try {
  line('mainthread.setup', `store filled in ${ms(filled)}, ${AUDIT_ROWS} audit entries added in ${ms(audited)}; load ${loadAverage()}`);
  // Warm: the first full read, the workers started, the figures computed once.
  if (needsProvince) {
    await get(rows);
    await get(summary);
    await get(`/api/export?what=results&year=${YEAR}&format=csv`);
  }

  const writeScoreOf = needsProvince ? await scoreWriter(store, cycleId, WRITES + 1) : () => Promise.reject(new Error('no province'));
  // Final scores: what changes the ranking readers ask for (a self score changes no reader's dataset).
  const write = (unit: number, points: string) => writeScoreOf(unit, leaves[unit % leaves.length]!, points, 'final');

  await watched('writeBurst', async () => {
    const reads: number[] = [];
    for (let i = 1; i <= WRITES; i++) {
      await write(i, i % 2 ? '0.5' : '0.25');
      const r = performance.now();
      await get(rows);
      await get(summary);
      reads.push(performance.now() - r);
    }
    reads.sort((a, b) => a - b);
    return `${WRITES} final score writes at ${UNITS} × ${CRITERIA}, each followed by the national ranking's page and summary (read p50 ${ms(reads[reads.length >> 1]!)}, max ${ms(reads.at(-1)!)})`;
  });

  await watched('auditList', async () => {
    const response = await get('/api/audit');
    return `GET /api/audit (its first page) → ${(response.byteLength / 1e6).toFixed(1)} MB, ${AUDIT_ROWS} entries stored`;
  });

  await watched('firstSend', async () => {
    await write(WRITES + 1, '0.5');
    await get(`/api/export?what=results&year=${YEAR}&format=csv`);
    return 'an export right after a write: the new dataset sent to a worker';
  });

  // Every unit's scores changed: each takes the next unit's.
  const changed = { ...province.results, units: province.results.units.map((u, i, all) => ({ unit: u.unit, scores: all[(i + 1) % all.length]!.scores })) };
  const base = buildDataset([
    { file: 'framework', data: province.framework },
    { file: 'units', data: province.units },
  ]);
  const csv = await writeTables(exportTables({ ...base, results: [readResults(changed, (id) => base.frameworks.get(id))] }, { what: 'results', year: YEAR }), {
    format: 'csv',
  });
  let listId = '';
  await watched('importPreview', async () => {
    const response = await postBytes(`/api/import/file?kind=results&year=${YEAR}&framework=${province.frameworkId}&dryRun=true&changes=0&name=tinh.csv`, csv);
    const body = JSON.parse(response.text) as { changeList?: string; changesTotal?: number };
    if (response.status !== 200 || !body.changeList) throw new Error(`preview: ${response.status} ${response.text.slice(0, 300)}`);
    listId = body.changeList;
    return `a ${UNITS} × ${CRITERIA} results file (CSV, ${(csv.byteLength / 1e6).toFixed(1)} MB) previewed: ${body.changesTotal} changes`;
  });
  await watched('changeReview', async () => {
    await get(`/api/import/changes/${listId}?limit=50`);
    await get(`/api/import/changes/${listId}/summary?by=unit&limit=50`);
    return 'the change list reviewed for the first time: a page and the per-unit summary';
  });
  await watched('changeFile', async () => {
    const bytes = await get(`/api/import/changes/${listId}/file?format=csv`);
    return `the whole change list downloaded as CSV (${(bytes.byteLength / 1e6).toFixed(1)} MB)`;
  });

  await watched('auditExport', async () => {
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const before = process.memoryUsage().rss;
    const bytes = await count('/api/audit?format=csv').finally(() => clearInterval(sampler));
    return `GET /api/audit?format=csv → ${(bytes / 1e6).toFixed(1)} MB read as it came; RSS ${(before / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB (sampled every 100 ms)`;
  });
} finally {
  await app.close();
  await store.close();
}
