/**
 * Load test of the HTTP API on a PostgreSQL server: the server runs in its own process (as in
 * production), autocannon drives reads of a unit's analysis with 200 connections; score writes
 * are measured with 20 writers each editing its own criterion (read version → PUT), on that
 * server and then on one over the embedded engine (the default install: the engine in its thread,
 * each write run there whole, store/engineCalls.ts).
 * Needs a PostgreSQL server: measure.ts `benchDatabaseUrl` (the test suite's database by default).
 */
import autocannon from 'autocannon';
import { line, ms } from './measure.ts';
import { load, startBenchServer, type BenchServer } from './server.ts';

const server = await startBenchServer({ schema: 'bench_api', startSeconds: 60 });
const { origin } = server;

try {
  const path = '/api/units/tam-duong/analysis?year=2023';
  await autocannon({ url: origin + path, connections: 20, duration: 2 }); // warm-up
  const reads = await load(server, { url: origin + path, connections: 200, duration: 10 });
  line('api.read.analysis.rps', `${reads.rps} req/s (${reads.context})`, '≥ 2,000 req/s at 200 connections');
  line('api.read.analysis.p99', ms(reads.p99), '≤ 50 ms');
  line('api.read.analysis.errors', String(reads.errors), '0');
  const ranking = await autocannon({ url: `${origin}/api/results?year=2023&level=district`, connections: 200, duration: 5 });
  line('api.read.ranking.rps', `${Math.round(ranking.requests.average)} req/s (p99 ${ms(ranking.latency.p99)}, errors ${ranking.errors + ranking.non2xx})`);

  await writes(server, 'api.write.score');
} finally {
  await server.close();
}

// The same writers on the embedded engine, as `npm start` installs it.
const embedded = await startBenchServer({ startSeconds: 60 });
try {
  await writes(embedded, 'api.write.score.pglite');
} finally {
  await embedded.close();
}

/**
 * Twenty writers for 5 s: the province enters final scores in the open 2024 cycle (API token, no
 * CSRF); each writer owns one criterion of one unit (four writers a unit: a unit's writes are
 * checked in turn by design), so conflicts only come from a bug.
 */
async function writes(server: BenchServer, name: string): Promise<void> {
  const { origin } = server;
  const auth = await server.login();
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
  line(`${name}.rps`, `${Math.round(latencies.length / 5)} req/s (20 writers)`);
  line(`${name}.p99`, ms(latencies[Math.floor(latencies.length * 0.99)] ?? 0));
  line(`${name}.errors`, String(failures), '0');
}
