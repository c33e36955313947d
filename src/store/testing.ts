/**
 * The engines the storage and HTTP suites run against: the embedded one always, and the
 * PostgreSQL server named by PARINDEX_TEST_DATABASE_URL (required when PARINDEX_REQUIRE_POSTGRES=1,
 * as `.ci/run` sets it). Each opened database is a fresh schema, dropped on close.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './database.ts';
import { openDatabase } from './open.ts';
import { fromMicro, missingSelfAssessment, readFramework, toDecimalString, type FrameworkNode } from '../core/index.ts';
import { listScores } from './scores.ts';

export interface TestEngine {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

export function testEngines(): TestEngine[] {
  const url = process.env.PARINDEX_TEST_DATABASE_URL;
  if (!url && process.env.PARINDEX_REQUIRE_POSTGRES === '1') throw new Error('PARINDEX_REQUIRE_POSTGRES=1 but PARINDEX_TEST_DATABASE_URL is not set');
  const engines: TestEngine[] = [{ name: 'pglite', open: () => openDatabase({}) }];
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
            await client.query(`DROP SCHEMA ${schema} CASCADE`);
            await client.end();
          },
        });
      },
    });
  }
  return engines;
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
