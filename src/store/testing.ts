/**
 * The engines the storage and HTTP suites run against: the embedded one always, and the
 * PostgreSQL server named by PARINDEX_TEST_DATABASE_URL (required when PARINDEX_REQUIRE_POSTGRES=1,
 * as `.ci/run` sets it). Each opened database is a fresh schema, dropped on close.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrations } from './migrate.ts';
import { openDatabase } from './open.ts';
import type { PgliteDatabase } from './pglite.ts';
import { fromMicro, missingSelfAssessment, readFramework, toDecimalString, type FrameworkNode } from '../core/index.ts';
import { listScores } from './scores.ts';
import { openCycle } from './assessments.ts';
import type { Store } from './store.ts';
import { demoDocuments } from '../io/dataFolder.ts';
import { SYSTEM } from '../workflow/policy.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** The embedded engine in a worker thread of its own, as the server runs it (pgliteThread.ts). */
  thread?: 'worker';
  open(): Promise<Database>;
}

/**
 * `pgliteThread`: the embedded engine also in its worker thread (the server's way; the suites
 * otherwise run it in the test's thread unless PARINDEX_PGLITE_THREAD says so), for the suites
 * of what runs differently there (engineCalls.ts).
 */
export function testEngines(options: { pgliteThread?: boolean } = {}): TestEngine[] {
  const url = process.env.PARINDEX_TEST_DATABASE_URL;
  if (!url && process.env.PARINDEX_REQUIRE_POSTGRES === '1') throw new Error('PARINDEX_REQUIRE_POSTGRES=1 but PARINDEX_TEST_DATABASE_URL is not set');
  const engines: TestEngine[] = [{ name: 'pglite', open: () => openMigratedPglite() }];
  if (options.pgliteThread) engines.push({ name: 'pglite', thread: 'worker', open: () => openMigratedPglite('worker') });
  if (url) {
    engines.push({
      name: 'postgres',
      async open() {
        const schema = `t_${randomBytes(6).toString('hex')}`;
        const db = await openDatabase({ url, schema });
        const close = db.close.bind(db);
        return Object.assign(db, {
          async close() {
            await close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              await client.query(`DROP SCHEMA ${schema} CASCADE`);
            } finally {
              // A connected client left open keeps the test's process alive.
              await client.end();
            }
          },
        });
      },
    });
  }
  return engines;
}

/** Runs each closing step, also after one failed; then throws the first failure. For a test's after(): what a set-up started is closed, whatever failed. */
export async function closeAll(steps: readonly (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw failures[0];
}

/**
 * A fresh embedded database, migrated: started from a dump of one that was (PGlite's initdb and
 * the migrations cost 3–5 s of CPU for each database, a copy about 1 s). The dump is kept in
 * `node_modules/.cache/parindex/test-databases`, named by the migrations' text and PGlite's
 * version, so that the test files of a run share it; `migrate` still runs on each copy (then a
 * no-op), and a database is made from scratch when no dump fits. `PARINDEX_TEST_TEMPLATE=0` turns
 * it off.
 */
async function openMigratedPglite(thread?: 'worker'): Promise<Database> {
  const where = thread && { pgliteThread: thread };
  if (process.env.PARINDEX_TEST_TEMPLATE === '0') return openDatabase({ ...where });
  templateBytes ??= readTemplate();
  const bytes = await templateBytes;
  if (!bytes) {
    const db = await openDatabase({ ...where });
    // Dumped before the test writes anything into it.
    templateBytes = saveTemplate(db as PgliteDatabase);
    await templateBytes;
    return db;
  }
  return openDatabase({ from: bytes, ...where });
}

let templateBytes: Promise<Uint8Array | undefined> | undefined;

function templateFile(): string {
  const hash = createHash('sha256');
  // PGlite's version, from its package.json beside dist/ (not among the package's exports).
  hash.update(JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.resolve('@electric-sql/pglite'))), 'utf8')).version);
  for (const m of migrations()) hash.update(`\0${m.version}\0${m.name}\0${m.sql}`);
  return join(
    fileURLToPath(new URL('../../', import.meta.url)),
    'node_modules',
    '.cache',
    'parindex',
    'test-databases',
    `pglite-${hash.digest('hex').slice(0, 32)}.tar`,
  );
}

async function readTemplate(): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(templateFile()));
  } catch {
    return undefined;
  }
}

async function saveTemplate(db: PgliteDatabase): Promise<Uint8Array | undefined> {
  try {
    const bytes = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
    const file = templateFile();
    mkdirSync(dirname(file), { recursive: true });
    // Written beside, then renamed: a test file starting meanwhile reads a whole dump or none.
    writeFileSync(`${file}.${process.pid}`, bytes);
    renameSync(`${file}.${process.pid}`, file);
    // Dumps of earlier migrations (42 MB each), when a day old: other checkouts may share the folder.
    for (const name of readdirSync(dirname(file))) {
      const other = join(dirname(file), name);
      if (other !== file && Date.now() - statSync(other).mtimeMs > 86_400_000) rmSync(other, { force: true });
    }
    return bytes;
  } catch {
    return undefined;
  }
}

/**
 * Completes a unit's self-assessment for a test that submits: every criterion the framework
 * requires (core missingSelfAssessment) and still missing gets a self score — its maximum, or
 * `points` (micro-points) — with a written explanation. Scores already written are kept.
 */
export async function completeSelfAssessment(db: Database, cycleId: string, unitId: string, points?: (code: string, max: number) => number): Promise<string[]> {
  const missing = await missingNodes(db, cycleId, unitId);
  for (const node of missing) {
    const max = node.maxPoints ?? 0;
    await db.query(
      `INSERT INTO scores (cycle_id, unit_id, code, self_points, comment) VALUES ($1, $2, $3, $4, 'Tự chấm (kiểm thử)')
       ON CONFLICT (cycle_id, unit_id, code) DO UPDATE SET self_points = EXCLUDED.self_points, comment = coalesce(scores.comment, EXCLUDED.comment), version = scores.version + 1`,
      [cycleId, unitId, node.code, points ? points(node.code, max) : max],
    );
  }
  return missing.map((n) => n.code);
}

/** The nodes a unit has still to self-assess before it can submit. */
export async function missingNodes(db: Database, cycleId: string, unitId: string): Promise<FrameworkNode[]> {
  const [row] = await db.query<{ document: unknown }>('SELECT f.document FROM cycles c JOIN frameworks f ON f.id = c.framework_id WHERE c.id = $1', [cycleId]);
  if (!row) throw new Error(`no cycle ${cycleId}`);
  const scores = await listScores(db, cycleId, unitId);
  const scored = new Set(scores.filter((s) => s.self !== null || s.indicator !== null).map((s) => s.code));
  const notApplicable = new Set(scores.filter((s) => s.notApplicable !== null).map((s) => s.code));
  return missingSelfAssessment(readFramework(row.document), { scored, notApplicable });
}

/** A node's maximum as the API's decimal text ("13.5"), or "0" when the framework does not state it. */
export const maxText = (node: FrameworkNode): string => toDecimalString(fromMicro(node.maxPoints ?? 0));

/** The demo province's documents imported into `store` and its 2024 cycle opened on `frameworkId` (the draft framework the store tests write to). */
export async function openDemoCycle(store: Store, frameworkId: string): Promise<void> {
  await store.importDocuments(demoDocuments(), SYSTEM);
  await openCycle(store.db, { year: 2024, frameworkId }, SYSTEM);
}
