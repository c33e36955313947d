/**
 * The HTTP load harness the server benchmarks share: a server started in its own process (as in
 * production) on a free port, over PostgreSQL in a schema of its own (dropped afterwards) or the
 * embedded engine in a temporary folder; a signed-in API token; autocannon runs with the
 * server's own CPU time beside the wall time and the load average (the machine is shared).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { benchDatabaseUrl, loadAverage, ms } from './measure.ts';

export const BENCH_PASSWORD = 'bench-password-2026';
const root = new URL('..', import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

/** User + system CPU of a process so far, ms (Linux: /proc/<pid>/stat, in clock ticks of 10 ms). */
export function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface BenchServer {
  origin: string;
  child: ChildProcess;
  /** The server's CPU time so far, ms. */
  cpu(): number;
  /** Headers of a signed-in admin's API token. */
  login(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** A PostgreSQL schema for this benchmark (PARINDEX_BENCH_DATABASE_URL); else the embedded engine in a temporary folder. */
  schema?: string;
  env?: Record<string, string>;
  /** How long the first start may take (migrations and the demo seed: minutes on a loaded machine). */
  startSeconds?: number;
}

const benchDatabase = benchDatabaseUrl;

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchDatabase() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startBenchServer(options: ServerOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(port),
    PARINDEX_LANG: 'en',
    PARINDEX_DEMO_PASSWORD: BENCH_PASSWORD,
    ...options.env,
  };
  let folder: string | undefined;
  if (options.schema) {
    await adminQuery(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE; CREATE SCHEMA ${options.schema}`);
    const base = benchDatabase();
    env.DATABASE_URL = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${options.schema}`)}`;
  } else {
    folder = mkdtempSync(join(tmpdir(), 'parindex-bench-'));
    env.PARINDEX_DATA_DIR = folder;
  }
  const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    if (output.length < 100_000) output += chunk;
  });
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
    if (options.schema) await adminQuery(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`);
  };
  const deadline = Date.now() + (options.startSeconds ?? 300) * 1000;
  while (!output.includes('http://') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  if (!output.includes('http://')) {
    await close();
    throw new Error(`the server did not start: ${output.slice(-500)}`);
  }
  return {
    origin,
    child,
    cpu: () => processCpu(child.pid!),
    async login() {
      const session = await fetch(`${origin}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: BENCH_PASSWORD, token: true }),
      });
      if (!session.ok) throw new Error(`login: ${session.status} ${await session.text()}`);
      return { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
    },
    close,
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The server's CPU time per request, ms. */
  cpuPerRequest: number;
  /** "… (server CPU 0.9 ms/request, 0.45 cores; load 3.1)". */
  context: string;
}

/** An autocannon run against the server, with the server's CPU time over it and the load average at its end. */
export async function load(server: BenchServer, options: autocannon.Options): Promise<LoadResult> {
  const cpu = server.cpu();
  const start = performance.now();
  const result = await autocannon(options);
  const seconds = (performance.now() - start) / 1000;
  const used = server.cpu() - cpu;
  const requests = result.requests.total || 1;
  const cpuPerRequest = used / requests;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest,
    context: `server CPU ${ms(cpuPerRequest)}/request, ${(used / 1000 / seconds).toFixed(2)} cores; load ${loadAverage()}`,
  };
}
