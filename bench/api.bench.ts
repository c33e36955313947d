/**
 * Load test of the HTTP API on a PostgreSQL server: the server runs in its own process (as in
 * production), autocannon drives reads of a unit's analysis with 200 connections; score writes
 * are measured with 20 writers each editing its own criterion (read version → PUT).
 * Needs a local PostgreSQL: PARINDEX_BENCH_DATABASE_URL (default: the one `.ci/run` creates).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import pg from 'pg';
import { line, ms } from './measure.ts';

const base = process.env.PARINDEX_BENCH_DATABASE_URL ?? 'postgres://parindex:parindex@127.0.0.1:5432/parindex_bench';
const schema = 'bench_api';

async function freePort(): Promise<number> {
  const server = createServer().listen(0);
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
await admin.query(`CREATE SCHEMA ${schema}`);
await admin.end();

const port = await freePort();
const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
  cwd: new URL('..', import.meta.url),
  env: { ...process.env, DATABASE_URL: url, PORT: String(port), PARINDEX_LANG: 'en', PARINDEX_DEMO_PASSWORD: 'bench-password-2026' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
const origin = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100 && !output.includes('http://'); i++) await new Promise((r) => setTimeout(r, 100));

try {
  const path = '/api/units/tam-duong/analysis?year=2023';
  await autocannon({ url: origin + path, connections: 20, duration: 2 }); // warm-up
  const reads = await autocannon({ url: origin + path, connections: 200, duration: 10 });
  const errors = reads.errors + reads.timeouts + reads.non2xx;
  line('api.read.analysis.rps', `${Math.round(reads.requests.average)} req/s`, '≥ 2,000 req/s at 200 connections');
  line('api.read.analysis.p99', ms(reads.latency.p99), '≤ 50 ms');
  line('api.read.analysis.errors', String(errors), '0');
  const ranking = await autocannon({ url: `${origin}/api/results?year=2023&level=district`, connections: 200, duration: 5 });
  line('api.read.ranking.rps', `${Math.round(ranking.requests.average)} req/s (p99 ${ms(ranking.latency.p99)}, errors ${ranking.errors + ranking.non2xx})`);

  // Writes: the province enters scores in the open 2024 cycle (API token, no CSRF); each writer
  // owns one criterion of one unit, so conflicts only come from a bug.
  const session = await fetch(`${origin}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'bench-password-2026', token: true }),
  });
  const auth = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
  const units = ['tam-duong', 'than-uyen', 'tan-uyen', 'lai-chau-city', 'muong-te'];
  const codes = ['1', '2', '3', '5'];
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + 5000;
  await Promise.all(
    units.flatMap((unit) =>
      codes.map(async (code) => {
        const scores = `${origin}/api/cycles/lai-chau-district-2024/units/${unit}/scores`;
        let version =
          ((await (await fetch(scores, { headers: auth })).json()) as { code: string; version: number }[]).find((s) => s.code === code)?.version ?? 0;
        for (let i = 0; performance.now() < until; i++) {
          const start = performance.now();
          const response = await fetch(`${scores}/${code}`, {
            method: 'PUT',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ version, final: i % 2 ? '1' : '1.5' }),
          });
          latencies.push(performance.now() - start);
          if (response.ok) version = ((await response.json()) as { version: number }).version;
          else {
            failures++;
            await response.arrayBuffer();
          }
        }
      }),
    ),
  );
  latencies.sort((a, b) => a - b);
  line('api.write.score.rps', `${Math.round(latencies.length / 5)} req/s (20 writers)`);
  line('api.write.score.p99', ms(latencies[Math.floor(latencies.length * 0.99)] ?? 0));
  line('api.write.score.errors', String(failures), '0');
} finally {
  child.kill('SIGTERM');
  await once(child, 'exit');
}
