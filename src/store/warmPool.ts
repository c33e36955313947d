/**
 * A PostgreSQL pool made ready for writers at once (issue 16.1). A connection that has never run
 * a score write pays, at its first one, for loading the catalog entries of every table, index and
 * function the write touches and for parsing and planning each of its statements: measured at
 * 17 ms of PostgreSQL's CPU a write in the first round of twenty writers on fresh connections,
 * 3–7 ms in the rounds after. The server therefore runs, at start, the reading statements of a
 * score write on every connection of its pool, in transactions held open together (so that each
 * gets a connection of its own) and rolled back: nothing is written, locked past the roll-back
 * or audited. The named statements stay prepared on each connection (postgres.ts).
 */
import { shareWrites } from './auditQueue.ts';
import type { Database } from './database.ts';
import { loadUnitResult } from './load.ts';
import { getScore, LOCKED_OWNER } from './scores.ts';

/** Planned as a score write plans them (writeGroups.ts), so that the plans kept are the ones it uses. */
const WRITE_PLANS = { plans: 'generic' } as const;

/** Thrown to roll a warm-up back; never leaves this module. */
class WarmedUp extends Error {}

/**
 * Runs a score write's reading statements on `connections` connections at once (the pool's size),
 * against a stored unit when there is one. Returns how many connections were warmed. Does nothing
 * on the embedded engine (one connection, warmed by its first query).
 * `connections` must not exceed the pool's size: each warm-up holds its connection until all
 * have one.
 */
export async function warmWrites(db: Database, connections: number): Promise<number> {
  if (db.engine !== 'postgres') return 0;
  const [sample] = await db.query<{ cycle_id: string; unit_id: string; code: string | null }>(
    `SELECT r.cycle_id, r.unit_id, (SELECT s.code FROM scores s WHERE s.cycle_id = r.cycle_id AND s.unit_id = r.unit_id LIMIT 1) AS code
     FROM unit_results r ORDER BY r.cycle_id DESC LIMIT 1`,
  );
  const cycleId = sample?.cycle_id ?? '';
  const unitId = sample?.unit_id ?? '';
  // Every warm-up waits here until all hold a connection: none can run on another's.
  let arrived = 0;
  let release!: () => void;
  const together = new Promise<void>((resolve) => {
    release = resolve;
  });
  const warmed = await Promise.all(
    Array.from({ length: connections }, () =>
      db
        .transaction(async (tx) => {
          if (++arrived === connections) release();
          await together;
          await shareWrites(tx);
          // The locking read with a unit that cannot exist: planned and run, no row locked.
          await tx.query(LOCKED_OWNER, [cycleId, '', sample?.code ?? '']);
          await getScore(tx, cycleId, unitId, sample?.code ?? '', []);
          await loadUnitResult(tx, cycleId, unitId);
          throw new WarmedUp();
        }, WRITE_PLANS)
        .then(
          () => 0,
          (error) => {
            if (error instanceof WarmedUp) return 1;
            throw error;
          },
        ),
    ),
  );
  return warmed.reduce<number>((a, b) => a + b, 0);
}
