/**
 * Writes that cost what they change (issue 16.1): score writes into a cycle of 4,000 units × 150
 * criteria (600,000 stored scores), through the store as the HTTP route calls it, on the embedded
 * database in a folder (durable commits) and, when PARINDEX_BENCH_DATABASE_URL (or
 * PARINDEX_TEST_DATABASE_URL) names one, on PostgreSQL. Printed per engine:
 * - one writer: p50/p99 of a score write (a unit editor's self score, its bounds checked on the
 *   scores of its component (store/scoreCheck.ts), the audit entry, the commit);
 * - the read that follows a write of a final score (a self score changes no reader's dataset):
 *   the cached dataset brought up to date (the written unit
 *   re-read and replaced) — what the next request pays;
 * - 20 writers at once, each on its own unit: the first round after start apart (its units not
 *   touched since the import), then 5 rounds on the same units: p99 and p50 of each write, the
 *   wall time of a round against the same 20 writes one after another (the ratio: 1 when writers
 *   queue behind each other), this process's CPU a write and, when the PostgreSQL server runs on
 *   this machine, its backends' CPU a write (/proc), with the load average — on a shared machine
 *   the CPU and the ratio are the figures to compare. On PostgreSQL the pool is the server's
 *   (PARINDEX_DB_POOL, opened at start and warmed as the server warms it, store/warmPool.ts: each
 *   connection has run a score write, rolled back; PARINDEX_BENCH_COLD=1 leaves it cold); the
 *   writers queue their audit entries and revision changes and a sealer chains them after the
 *   commits (store/auditQueue.ts); the embedded engine runs one transaction at a time whatever
 *   the code does;
 * - 20 writers on one unit, apart: checked one after another by design.
 * The generated province is imported as published results; the bench then sets its units back to
 * draft with one UPDATE, as a cycle being self-assessed is.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { configFrom } from '../src/server/config.ts';
import {
  anchoring,
  createStore,
  warmWrites,
  openAuditSeal,
  openDatabase,
  pgliteThreadFrom,
  SERVER_PGLITE_SETTINGS,
  useAuditSeal,
  type Store,
} from '../src/store/index.ts';
import type { Database } from '../src/store/database.ts';
import { cycleIdOf } from '../src/store/save.ts';
import { line, loadAverage, ms } from './measure.ts';
import { fillOpenCycle, scoreWriter } from './openCycle.ts';

const UNITS = Number(process.env.PARINDEX_BENCH_UNITS ?? 4000);
const CRITERIA = 150;
const YEAR = 2030;
const province = generatedProvince({ units: UNITS, criteria: CRITERIA, year: YEAR });
const cycleId = cycleIdOf(YEAR, province.frameworkId);
const leaves = province.framework.components.flatMap((c: { children?: { code: string }[] }) => (c.children ?? []).map((n) => n.code));

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

const fill = (store: Store) => fillOpenCycle(store, province, YEAR);

async function run(name: string, store: Store, serverCpu?: () => number | undefined, pool = 1): Promise<void> {
  const t = performance.now();
  await fill(store);
  const filled = performance.now() - t;
  // As the server does at start on stored data (store/warmPool.ts): each pool connection runs a write's reading statements once.
  // PARINDEX_BENCH_COLD=1 leaves them cold (before the warm-up existed), for an A/B.
  const warmed = process.env.PARINDEX_BENCH_COLD === '1' ? 0 : await warmWrites(store.db, pool);
  let t0 = performance.now();
  await store.dataset();
  const firstRead = performance.now() - t0;
  const write = await scoreWriter(store, cycleId, 60);
  // One writer, then the read that follows.
  const single: number[] = [];
  const singleCpu: number[] = [];
  // The server's main thread alone (the embedded engine runs in a worker thread of its own unless PARINDEX_PGLITE_THREAD=main).
  const singleMain: number[] = [];
  const reads: number[] = [];
  const readsCpu: number[] = [];
  const cpuSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  for (let i = 0; i < 120; i++) {
    t0 = performance.now();
    let cpu = process.cpuUsage();
    const main = process.threadCpuUsage();
    await write(1 + (i % 40), leaves[i % leaves.length]!, i % 2 ? '0.25' : '0.5');
    single.push(performance.now() - t0);
    singleCpu.push(cpuSince(cpu));
    const mainUsed = process.threadCpuUsage(main);
    singleMain.push((mainUsed.user + mainUsed.system) / 1000);
    if (i % 4 === 3) {
      // A self score changes no reader's dataset (store/scores.ts): the read follows a final score of the same unit.
      await write(1 + (i % 40), leaves[(i + 1) % leaves.length]!, i % 8 === 3 ? '0.25' : '0.5', 'final');
      t0 = performance.now();
      cpu = process.cpuUsage();
      await store.dataset();
      reads.push(performance.now() - t0);
      readsCpu.push(cpuSince(cpu));
    }
  }
  // This process's CPU (the embedded engine's work included; PostgreSQL's own is not): what contention on a shared machine does not inflate.
  const cpuNote = (values: number[]) => `CPU here p50 ${ms(percentile(values, 0.5))}, p99 ${ms(percentile(values, 0.99))}`;
  line(
    `write.score.${UNITS}.${name}.p99`,
    `${ms(percentile(single, 0.99))} (p50 ${ms(percentile(single, 0.5))}, ${cpuNote(singleCpu)}, main thread p50 ${ms(percentile(singleMain, 0.5))}, p99 ${ms(percentile(singleMain, 0.99))}, ${single.length} writes; store filled in ${ms(filled)}, first full read ${ms(firstRead)}; load ${loadAverage()})`,
    '≤ 50 ms',
  );
  line(
    `write.score.${UNITS}.${name}.readAfter.p99`,
    `${ms(percentile(reads, 0.99))} (p50 ${ms(percentile(reads, 0.5))}, ${cpuNote(readsCpu)}: the cached dataset patched with the unit, after a final score written)`,
    '≤ 50 ms',
  );
  // 20 writers at once, each on its own unit (as twenty officers would), 5 rounds; then the same
  // twenty writes one after another, for the ratio (queueing behind each other would make it 1).
  const WRITERS = 20;
  const ROUNDS = 5;
  // The first round after start, on twenty units no write or read has touched since the import:
  // shown apart. It pays once what the rounds after it do not — on PostgreSQL the first reading
  // of those units' rows and index pages into shared buffers (a bulk import and a full read go
  // through small ring buffers and leave them out), ≈ 3 ms of the server's CPU a write more.
  t0 = performance.now();
  const firstCpu = process.cpuUsage();
  const firstServer = serverCpu?.();
  const first: number[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const start = performance.now();
      await write(41 + w, leaves[(w * 3 + 1) % leaves.length]!, '0.25');
      first.push(performance.now() - start);
    }),
  );
  const firstRound = performance.now() - t0;
  line(
    `write.score.${UNITS}.${name}.concurrent20.firstRound`,
    `${ms(Math.max(...first))} (the slowest of the first ${WRITERS} writers at once after start, on ${WRITERS} units not touched since the import; round ${ms(firstRound)}; ` +
      `CPU a write Node ${ms(cpuSince(firstCpu) / WRITERS)}${firstServer === undefined ? '' : `, PostgreSQL ${ms(((serverCpu?.() ?? 0) - firstServer) / WRITERS)}`}; load ${loadAverage()})`,
  );
  const each: number[] = [];
  const rounds: number[] = [];
  const cpu = process.cpuUsage();
  const server = serverCpu?.();
  for (let round = 0; round < ROUNDS; round++) {
    t0 = performance.now();
    const roundCpu = process.cpuUsage();
    const roundServer = serverCpu?.();
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const start = performance.now();
        await write(41 + w, leaves[(round * 7 + w) % leaves.length]!, round % 2 ? '0.25' : '0.5');
        each.push(performance.now() - start);
      }),
    );
    rounds.push(performance.now() - t0);
    if (process.env.PARINDEX_BENCH_ROUNDS)
      console.log(
        `  round ${round}: ${ms(rounds.at(-1)!)}, slowest ${ms(Math.max(...each.slice(-WRITERS)))}, CPU a write Node ${ms(cpuSince(roundCpu) / WRITERS)}, PostgreSQL ${ms(((serverCpu?.() ?? 0) - (roundServer ?? 0)) / WRITERS)}`,
      );
  }
  const writes = ROUNDS * WRITERS;
  const nodeCpu = cpuSince(cpu) / writes;
  const serverAfter = serverCpu?.();
  const serverUsed = server === undefined || serverAfter === undefined ? undefined : (serverAfter - server) / writes;
  const sequential: number[] = [];
  const cpuAlone = process.cpuUsage();
  const serverAlone = serverCpu?.();
  for (let round = 0; round < 3; round++) {
    t0 = performance.now();
    for (let w = 0; w < WRITERS; w++) await write(41 + w, leaves[(round * 11 + w) % leaves.length]!, round % 2 ? '0.5' : '0.25');
    sequential.push(performance.now() - t0);
  }
  const nodeCpuAlone = cpuSince(cpuAlone) / (3 * WRITERS);
  const serverAloneAfter = serverCpu?.();
  const serverUsedAlone = serverAlone === undefined || serverAloneAfter === undefined ? undefined : (serverAloneAfter - serverAlone) / (3 * WRITERS);
  const round = percentile(rounds, 0.5);
  const oneByOne = percentile(sequential, 0.5);
  line(
    `write.score.${UNITS}.${name}.concurrent20.p99`,
    `${ms(percentile(each, 0.99))} (p50 ${ms(percentile(each, 0.5))}; a round of ${WRITERS} on ${WRITERS} units in ${ms(round)} median, ` +
      `the same ${WRITERS} one after another in ${ms(oneByOne)}: ratio ${(round / oneByOne).toFixed(2)}; ` +
      `${warmed ? `pool of ${warmed} warmed at start as the server's; ` : ''}CPU a write at once / one after another: Node ${ms(nodeCpu)} / ${ms(nodeCpuAlone)}` +
      `${serverUsed === undefined || serverUsedAlone === undefined ? '' : `, PostgreSQL ${ms(serverUsed)} / ${ms(serverUsedAlone)}`}; ${writes} writes; load ${loadAverage()})`,
    name === 'postgres'
      ? '≤ 50 ms, no queueing: ratio well under 1'
      : '≤ 50 ms (the embedded engine has one connection: its transactions run one at a time, ratio ≈ 1)',
  );
  // Twenty writers on one unit: checked one after another by design (the unit's row is locked to
  // the commit, so that sums under a parent hold) — shown apart, not a target.
  const same: number[] = [];
  t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const start = performance.now();
      await write(40, leaves[w % leaves.length]!, '0.25');
      same.push(performance.now() - start);
    }),
  );
  line(
    `write.score.${UNITS}.${name}.concurrent20.sameUnit.p99`,
    `${ms(percentile(same, 0.99))} (a round in ${ms(performance.now() - t0)}; one unit's writes are checked in turn by design; load ${loadAverage()})`,
  );
}

/**
 * CPU time (ms) of this bench's PostgreSQL backends, when the server runs on this machine: found
 * by the connections' application name, read from /proc (Linux); undefined elsewhere.
 */
function backendCpu(url: string, application: string): (() => number | undefined) & { find(): Promise<void> } {
  let pids: number[] = [];
  const ticks = (pid: number) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  };
  const read = () => {
    const all = pids.map(ticks);
    return all.some((t) => t === undefined) ? undefined : (all.reduce((a, b) => a! + b!, 0)! * 1000) / 100;
  };
  return Object.assign(read, {
    async find() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        pids = (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [application])).rows.map((r) => r.pid);
      } finally {
        await client.end();
      }
    },
  });
}

/**
 * The store as the server opens it (start.ts): the audit trail keyed with a key file and its head
 * anchored in the file beside it after each commit that appended.
 */
async function serverStore(db: Database, keys: string): Promise<Store> {
  useAuditSeal(await openAuditSeal(db, { keyFile: join(keys, 'audit.key') }));
  return createStore(anchoring(db));
}

// PARINDEX_BENCH_ENGINE=pglite|postgres runs one engine only (both by default).
const only = process.env.PARINDEX_BENCH_ENGINE;
const folder = mkdtempSync(join(tmpdir(), 'parindex-bench-writes-'));
if (only !== 'postgres')
  try {
    // The server's settings (PARINDEX_BENCH_PGLITE_SETTINGS=0: PGlite's own, for comparison).
    const settings = process.env.PARINDEX_BENCH_PGLITE_SETTINGS === '0' ? {} : { pgliteSettings: SERVER_PGLITE_SETTINGS };
    const store = await serverStore(
      await openDatabase({ folder: join(folder, 'pglite'), pgliteThread: pgliteThreadFrom(process.env, 'worker'), ...settings }),
      folder,
    );
    try {
      await run('pglite', store);
    } finally {
      await store.close();
      useAuditSeal(undefined);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

const url = process.env.PARINDEX_BENCH_DATABASE_URL ?? process.env.PARINDEX_TEST_DATABASE_URL;
if (url && only !== 'pglite') {
  const schema = `bench_writes_${process.pid}`;
  const keys = mkdtempSync(join(tmpdir(), 'parindex-bench-writes-'));
  // The server's pool (PARINDEX_DB_POOL, its default), opened at start as the server opens it.
  const application = `parindex-bench-writes-${process.pid}`;
  const named = `${url}${url.includes('?') ? '&' : '?'}application_name=${application}`;
  const pool = configFrom(process.env, process.cwd()).dbPool;
  const store = await serverStore(await openDatabase({ url: named, schema, poolSize: pool, warm: true }), keys);
  const cpu = backendCpu(url, application);
  await cpu.find();
  try {
    await run('postgres', store, cpu, pool);
  } finally {
    await store.close();
    useAuditSeal(undefined);
    rmSync(keys, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}
