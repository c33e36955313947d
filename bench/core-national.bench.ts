/**
 * Issue 2's benchmark: a national-scale synthetic set (4,000 units × 150 leaf criteria × 2
 * years). Measures the core's full recompute (every node of every unit, totals, split) + all
 * ranks (total and 8 components, both years) + year-over-year deltas, and the same
 * computation as SQL window functions on a local PostgreSQL server, side by side, checking
 * that both give the same ranks and deltas.
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { componentDeltas, computeYear, rankGroup, recompute, type YearComputation } from '../src/core/index.ts';
import { benchDatabaseUrl, line, loadAverage, ms, time, timeWithCpu } from './measure.ts';
import { leavesOf, syntheticFramework, syntheticResults, syntheticScores } from './synthetic.ts';

const UNITS = 4000;
const frameworks = [syntheticFramework(2023), syntheticFramework(2024)];
const leaves = leavesOf(frameworks[0]!);
const scores = frameworks.map((f, y) => syntheticScores(f, UNITS, y + 1));
const sets = frameworks.map((f, y) => syntheticResults(f, scores[y]!));

let years: YearComputation[] = [];
const loading = await time(() => (years = sets.map((s, y) => computeYear(s, frameworks[y]!))), 3, 1);
const everyone = Int32Array.from({ length: UNITS }, (_, u) => u);

let checksum = { ranks: 0, deltas: 0 };
function full() {
  for (const y of years) recompute(y.matrix);
  const rankings = years.map((y) => rankGroup(y.matrix, 'all', everyone));
  const delta = componentDeltas(years[0]!, years[1]!);
  let ranks = 0;
  for (const r of rankings) {
    for (const v of r.total) ranks += v;
    for (const c of r.components.values()) for (const v of c.ranks) ranks += v;
  }
  let deltas = 0;
  for (const v of delta.points) deltas += v;
  checksum = { ranks, deltas };
}
const { wall: core, cpu: coreCpu } = await timeWithCpu(full, 15, 3);
console.log(
  `# ${UNITS.toLocaleString('en')} units × ${leaves.length} leaf criteria × 2 years; recompute = every node, totals and split, ranks by total and by 8 components, deltas`,
);
line('core.load.national', ms(loading));
line('core.recompute.national', ms(core), '≤ 100 ms');
// On a shared machine the wall time includes waiting for a core: the CPU time is the work itself.
line('core.recompute.national.cpu', `${ms(coreCpu)} (load average ${loadAverage()} on ${availableParallelism()} cores)`);

const url = process.env.PARINDEX_BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? benchDatabaseUrl();
const client = new pg.Client({ connectionString: url });
const connected = await client.connect().then(
  () => true,
  (error: Error) => {
    line('core.vs.postgres', `skipped: no PostgreSQL server at ${url.replace(/:[^:@/]*@/, ':***@')} (${error.message})`);
    return false;
  },
);
if (connected) {
  await client.query('DROP TABLE IF EXISTS bench_leaf_scores');
  await client.query('CREATE UNLOGGED TABLE bench_leaf_scores (year int, unit int, component int, criterion text, micro bigint)');
  for (let y = 0; y < 2; y++) {
    for (let start = 0; start < UNITS; start += 500) {
      const years: number[] = [],
        units: number[] = [],
        components: number[] = [],
        criteria: string[] = [],
        micros: number[] = [];
      for (let u = start; u < Math.min(start + 500, UNITS); u++) {
        leaves.forEach((leaf, i) => {
          years.push(2023 + y);
          units.push(u);
          components.push(leaf.component);
          criteria.push(leaf.criterion);
          micros.push(scores[y]![u]![i]!);
        });
      }
      await client.query('INSERT INTO bench_leaf_scores SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::bigint[])', [
        years,
        units,
        components,
        criteria,
        micros,
      ]);
    }
  }
  await client.query('ANALYZE bench_leaf_scores');
  const sql = `
    WITH crit AS (SELECT year, unit, criterion, sum(micro) AS score FROM bench_leaf_scores GROUP BY year, unit, criterion),
    comp AS (SELECT year, unit, component, sum(micro) AS score FROM bench_leaf_scores GROUP BY year, unit, component),
    tot AS (SELECT year, unit, sum(score) AS total FROM comp GROUP BY year, unit),
    total_rank AS (SELECT year, unit, rank() OVER (PARTITION BY year ORDER BY total DESC) AS r FROM tot),
    comp_rank AS (SELECT year, unit, component, rank() OVER (PARTITION BY year, component ORDER BY score DESC) AS r FROM comp),
    deltas AS (SELECT c.unit, c.component, c.score - p.score AS d FROM comp c JOIN comp p ON p.unit = c.unit AND p.component = c.component AND p.year = c.year - 1)
    SELECT (SELECT count(*) FROM crit) AS criteria,
           (SELECT sum(r) FROM total_rank) + (SELECT sum(r) FROM comp_rank) AS ranks,
           (SELECT sum(d) FROM deltas) AS deltas`;
  let result: { ranks: string; deltas: string } | undefined;
  const postgres = await time(async () => (result = (await client.query(sql)).rows[0]), 5, 1);
  const version = (await client.query('SHOW server_version')).rows[0].server_version;
  await client.query('DROP TABLE bench_leaf_scores');
  await client.end();
  const agree = Number(result!.ranks) === checksum.ranks && Number(result!.deltas) === checksum.deltas;
  console.log(
    `# the same computation as SQL (GROUP BY, rank() window functions, a self-join for deltas) on the PostgreSQL ${version} server at ${url.replace(/:[^:@/]*@/, ':***@')}`,
  );
  line('postgres.recompute.national', ms(postgres));
  line('core.vs.postgres', `${(postgres / core).toFixed(1)}× faster${agree ? ', same ranks and deltas' : ' — RESULTS DIFFER'}`, '≥ 5×');
  if (!agree) process.exitCode = 1;
}
