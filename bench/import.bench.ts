/**
 * Import of a province-wide table: 4,000 units × 150 criteria, generated here, written as
 * .xlsx and CSV with the exporter, then read and validated through the core (the same path
 * as `parindex import --dry-run`), then, as `parindex import --database` and `POST
 * /api/import/file` do, read against a database's data and written into it in one transaction
 * (the embedded one in a folder; a PostgreSQL server too when PARINDEX_BENCH_DATABASE_URL or
 * PARINDEX_TEST_DATABASE_URL names one). Target: ≤ 15 s for the whole import, file to stored rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataset, readResults, type Dataset } from '../src/core/index.ts';
import { generatedProvince } from '../src/io/generatedProvince.ts';
import { exportTables, importWorkbook, readWorkbook, writeTables, DEFAULT_LIMITS } from '../src/io/index.ts';
import pg from 'pg';
import { createStore, openDatabase, type Database } from '../src/store/index.ts';
import { SYSTEM } from '../src/workflow/policy.ts';

const UNITS = 4000;
const CRITERIA = 150;
const YEAR = 2030;

const { frameworkId, framework, units, results } = generatedProvince({ units: UNITS, criteria: CRITERIA, year: YEAR });
const base: Dataset = buildDataset([
  { file: 'framework', data: framework },
  { file: 'units', data: units },
]);
const set = readResults(results, (id) => base.frameworks.get(id));
const stored: Dataset = { ...base, results: [set] };

const limits = { ...DEFAULT_LIMITS };
const line = (name: string, ms: number, target?: number, cpuMs?: number) =>
  console.log(`${name}: ${Math.round(ms)} ms${cpuMs !== undefined ? ` (CPU ${Math.round(cpuMs)} ms)` : ''}${target ? ` (target ≤ ${target} ms)` : ''}`);
// CPU time of this process (PGlite runs in it): what the work costs when other processes share the cores.
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

let t = performance.now();
const tables = exportTables(stored, { what: 'results', year: YEAR });
const xlsx = await writeTables(tables, { format: 'xlsx' });
line(`export.xlsx.${UNITS}x${CRITERIA} (${(xlsx.byteLength / 1024 / 1024).toFixed(1)} MB, with the computed summary)`, performance.now() - t);
t = performance.now();
const csv = await writeTables(tables, { format: 'csv' });
line(`export.csv.${UNITS}x${CRITERIA} (${(csv.byteLength / 1024 / 1024).toFixed(1)} MB)`, performance.now() - t);

const empty: Dataset = { ...base, results: [] };
for (const [format, bytes] of [
  ['xlsx', xlsx],
  ['csv', csv],
] as const) {
  const started = performance.now();
  const cpuStarted = cpu();
  const workbook = await readWorkbook(bytes, { format, limits, file: `bench.${format}` });
  const read = performance.now() - started;
  const cpuRead = cpu() - cpuStarted;
  const imported = importWorkbook(workbook, empty, { kind: 'results', year: YEAR, framework: frameworkId });
  const total = performance.now() - started;
  const cpuTotal = cpu() - cpuStarted;
  if (!('results' in imported) || imported.results.units.length !== UNITS) throw new Error('bench import lost units');
  line(`import.${format}.${UNITS}x${CRITERIA}.read`, read, undefined, cpuRead);
  line(`import.${format}.${UNITS}x${CRITERIA}.validate+diff`, total - read);
  line(`import.${format}.${UNITS}x${CRITERIA}.inMemory`, total, undefined, cpuTotal);
}

/**
 * File to stored rows, as `parindex import --database` and `POST /api/import/file` do: the
 * store's dataset read, the file read and validated against it (the preview), then written in
 * one transaction. The framework and units are stored first, as an installation has them.
 */
async function intoDatabase(engine: string, open: () => Promise<Database>, done: () => Promise<void>) {
  const store = createStore(await open());
  try {
    await store.importDocuments(
      [
        { file: 'framework', data: framework },
        { file: 'units', data: units },
      ],
      SYSTEM,
    );
    const started = performance.now();
    const cpuStarted = cpu();
    const dataset = await store.dataset();
    const imported = importWorkbook(await readWorkbook(xlsx, { format: 'xlsx', limits, file: 'bench.xlsx' }), dataset, {
      kind: 'results',
      year: YEAR,
      framework: frameworkId,
    });
    if (!('results' in imported)) throw new Error('bench import is not results');
    const validated = performance.now();
    const cpuValidated = cpu();
    const written = await store.importDocuments([{ file: 'bench.xlsx', data: imported.document }], SYSTEM, {
      validated: { basis: dataset, results: imported.results, changes: imported.changes },
    });
    const end = performance.now();
    const [{ n }] = (await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE final_total IS NOT NULL')) as [{ n: number }];
    if (!written.written.length || n !== UNITS * CRITERIA) throw new Error(`bench import stored ${n} scores`);
    line(`import.xlsx.${UNITS}x${CRITERIA}.store (${engine}, one transaction)`, end - validated, undefined, cpu() - cpuValidated);
    line(`import.xlsx.${UNITS}x${CRITERIA} (${engine}: file to stored rows)`, end - started, 15_000, cpu() - cpuStarted);
    // The same file again: the stored rows read back into the dataset (as the server does after a write), previewed, nothing to write.
    const again = performance.now();
    const cpuAgain = cpu();
    const stored = await store.dataset();
    const loaded = performance.now() - again;
    const same = importWorkbook(await readWorkbook(xlsx, { format: 'xlsx', limits, file: 'bench.xlsx' }), stored, {
      kind: 'results',
      year: YEAR,
      framework: frameworkId,
    });
    if (!('results' in same)) throw new Error('bench import is not results');
    const none = await store.importDocuments([{ file: 'bench.xlsx', data: same.document }], SYSTEM, {
      validated: { basis: stored, results: same.results, changes: same.changes },
    });
    if (none.changes.length) throw new Error(`the same file changed ${none.changes.length} values`);
    line(`import.xlsx.${UNITS}x${CRITERIA}.dataset (${engine}: 600,000 stored scores read back)`, loaded);
    line(
      `import.xlsx.${UNITS}x${CRITERIA}.again (${engine}: the same file over the stored rows, no change)`,
      performance.now() - again,
      undefined,
      cpu() - cpuAgain,
    );
  } finally {
    await store.close();
    await done();
  }
}

// The embedded database in a folder, as an installation keeps it.
const folder = mkdtempSync(join(tmpdir(), 'parindex-bench-'));
await intoDatabase(
  'PGlite',
  () => openDatabase({ folder }),
  async () => rmSync(folder, { recursive: true, force: true }),
);
// A PostgreSQL server when one is reachable (a fresh schema, dropped afterwards); Node's CPU only.
const url = process.env.PARINDEX_BENCH_DATABASE_URL ?? process.env.PARINDEX_TEST_DATABASE_URL;
if (url) {
  const schema = `bench_import_${process.pid}`;
  await intoDatabase(
    'PostgreSQL',
    () => openDatabase({ url, schema }),
    async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  );
} else console.log('import.xlsx.postgres: skipped (set PARINDEX_BENCH_DATABASE_URL to a PostgreSQL server)');
console.log(`import.rss: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`);
