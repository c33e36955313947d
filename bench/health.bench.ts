/**
 * A server that stays responsive (issue 15, must-have 4): `/api/health` p99 while heavy work
 * runs in the worker pool. The server runs in its own process (embedded database in a temporary
 * folder, the demo seeded); meanwhile a province-wide results file (4,000 units × 150 criteria,
 * .xlsx, previewed: read, validated and diffed, nothing written) is imported and a batch of 120
 * DOCX unit reports is rendered, 4 at a time, while exports (.xlsx of the results) and robustness
 * runs (20,000 runs, a new seed each time: never from the cache) follow one another. One client
 * asks /api/health every 20 ms throughout.
 * PARINDEX_WORKERS sets the pool's size as for the server (default: processors − 1, at least 1).
 */
import { buildDataset, readResults } from '../src/core/index.ts';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { exportTables, writeTables } from '../src/io/index.ts';
import { line, loadAverage, ms } from './measure.ts';
import { startBenchServer } from './server.ts';

const UNITS = 4000;
const CRITERIA = 150;
const YEAR = 2030;
const REPORTS = 120;

const { frameworkId, framework, units, results } = generatedProvince({ units: UNITS, criteria: CRITERIA, year: YEAR });
const base = buildDataset([
  { file: 'framework', data: framework },
  { file: 'units', data: units },
]);
const xlsx = await writeTables(exportTables({ ...base, results: [readResults(results, (id) => base.frameworks.get(id))] }, { what: 'results', year: YEAR }), {
  format: 'xlsx',
});

// The first start migrates and seeds the demo: minutes on a heavily loaded machine.
const server = await startBenchServer({ startSeconds: 300 });
const { origin } = server;

try {
  const auth = await server.login();
  // The generated province's framework and units, stored as an installation has them.
  const setup = await fetch(`${origin}/api/import`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      documents: [
        { name: 'framework', data: framework },
        { name: 'units', data: units },
      ],
    }),
  });
  if (!setup.ok) throw new Error(`setup: ${setup.status} ${await setup.text()}`);
  // Warm-up: the workers start and load the code (once per server).
  const warm = await fetch(`${origin}/api/units/tam-duong/report?year=2023&format=docx`, { headers: auth });
  if (!warm.ok) throw new Error(`report: ${warm.status} ${await warm.text()}`);

  // The floor the machine sets: /api/health alone for 10 s, with nothing heavy running. On a
  // shared machine (load far above the 2 cores) this p99 is already high; the line under load is
  // read against it.
  const idle: number[] = [];
  for (const until = performance.now() + 10_000; performance.now() < until; ) {
    const start = performance.now();
    await (await fetch(`${origin}/api/health`)).arrayBuffer();
    idle.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  const idleSorted = idle.sort((a, b) => a - b);
  line(
    'health.p99.idle',
    `${ms(idleSorted[Math.min(idleSorted.length - 1, Math.floor(idleSorted.length * 0.99))]!)} (max ${ms(idleSorted.at(-1)!)}, ${idleSorted.length} requests over 10 s, nothing else asked; load ${loadAverage()})`,
  );

  let running = true;
  const latencies: number[] = [];
  let workersSeen = { size: 0, busy: 0, queued: 0 };
  const poll = (async () => {
    while (running) {
      const start = performance.now();
      const response = await fetch(`${origin}/api/health`);
      const body = (await response.json()) as { workers: typeof workersSeen };
      latencies.push(performance.now() - start);
      if (body.workers.busy + body.workers.queued > workersSeen.busy + workersSeen.queued) workersSeen = body.workers;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();

  const started = performance.now();
  const loadBefore = loadAverage();
  const serverCpu = server.cpu();
  const ownCpu = process.cpuUsage();
  const importing = (async () => {
    const t = performance.now();
    const response = await fetch(`${origin}/api/import/file?kind=results&year=${YEAR}&framework=${frameworkId}&dryRun=true&changes=0&name=tinh.xlsx`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: xlsx,
    });
    const body = (await response.json()) as { changesTotal?: number };
    if (!response.ok || !body.changesTotal || body.changesTotal < UNITS * CRITERIA)
      throw new Error(`import: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    return performance.now() - t;
  })();
  const demoUnits = ['tam-duong', 'than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te', 'sin-ho', 'phong-tho', 'nam-nhun'];
  let next = 0;
  const batch = (async () => {
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < REPORTS) {
          const unit = demoUnits[next++ % demoUnits.length]!;
          const response = await fetch(`${origin}/api/units/${unit}/report?year=2023&format=docx`, { headers: auth });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`report ${unit}: ${response.status}`);
        }
      }),
    );
    return performance.now() - t;
  })();
  let exports = 0;
  let simulations = 0;
  const others = (async () => {
    const formats = ['xlsx', 'csv', 'json'];
    for (let seed = 100; running; seed++) {
      const exported = await fetch(`${origin}/api/export?what=results&year=2023&format=${formats[seed % 3]}`, { headers: auth });
      await exported.arrayBuffer();
      if (!exported.ok) throw new Error(`export: ${exported.status}`);
      exports++;
      const simulated = await fetch(`${origin}/api/robustness?year=2023&level=district&runs=20000&seed=${seed}`, { headers: auth });
      await simulated.arrayBuffer();
      if (!simulated.ok) throw new Error(`robustness: ${simulated.status}`);
      simulations++;
    }
  })();
  const [importMs, batchMs] = await Promise.all([importing, batch]).finally(() => (running = false));
  await others;
  const total = performance.now() - started;
  await poll;
  const serverCpuMs = server.cpu() - serverCpu;
  const own = process.cpuUsage(ownCpu);

  const sorted = [...latencies].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
  line(
    'health.p99.underLoad',
    `${ms(p99)} (max ${ms(sorted.at(-1)!)}, ${sorted.length} requests over ${ms(total)}; import ${UNITS}x${CRITERIA} preview ${ms(importMs)}, ${REPORTS} DOCX ${ms(batchMs)}; ${exports} exports and ${simulations} robustness runs of 20,000 meanwhile; pool ${workersSeen.size}, up to ${workersSeen.busy} busy, ${workersSeen.queued} queued; CPU: server ${ms(serverCpuMs)} (main thread and workers), bench ${ms((own.user + own.system) / 1000)}; load ${loadBefore} → ${loadAverage()})`,
    '≤ 50 ms',
  );
} finally {
  await server.close();
}
