/**
 * A PostgreSQL pool made ready for writers at once (issue 16.1). A connection that has never run
 * a score write pays, at its first one, for loading the catalog entries of every table, index and
 * function the write touches and for parsing and planning each of its statements: measured at
 * 17 ms of PostgreSQL's CPU a write in the first round of twenty writers on fresh connections,
 * 3–7 ms in the rounds after. And this process pays, at its first writes, for compiling the
 * write's code (the core's check, the audit entry, the driver's parsing): 5 ms of Node's CPU a
 * write in that first round, 1.5–2 ms after. The server therefore runs, at start, a score write
 * on every connection of its pool — the real one (`writeScore`), on a unit in draft, rewriting a
 * score with its own value — in transactions held open together (so that each gets a connection
 * of its own) and rolled back: nothing is written, locked past the roll-back, audited or sealed.
 * The named statements stay prepared on each connection (postgres.ts), planned as a write plans
 * them. Without a unit in draft, the write's reading statements only.
 */
import { ParError, parsePoints } from '../core/index.ts';
import { shareWrites } from './auditQueue.ts';
import { joined, type Database, type Queryable } from './database.ts';
import { cycleFramework, loadUnitResult } from './load.ts';
import { getScore, LOCKED_OWNER, writeScore } from './scores.ts';

/** Planned as a score write plans them (writeGroups.ts), so that the plans kept are the ones it uses. */
const WRITE_PLANS = { plans: 'generic' } as const;

/** Thrown to roll a warm-up back; never leaves this module. */
class WarmedUp extends Error {}

interface Sample {
  cycle_id: string;
  unit_id: string;
  code: string | null;
  version: number | null;
  self_points: string | null;
  state: string;
}

/**
 * Runs a score write on `connections` connections at once (the pool's size), each rolled back.
 * Returns how many connections were warmed. Does nothing on the embedded engine (one
 * connection, warmed by its first query). `connections` must not exceed the pool's size: each
 * warm-up holds its connection until all have one.
 */
export async function warmWrites(db: Database, connections: number): Promise<number> {
  if (db.engine !== 'postgres') return 0;
  // Units in draft first (of any cycle), one per connection where there are enough, each with a stored score when it has one;
  // chosen before the scores are looked up, so that only those few are.
  const samples = await db.query<Sample>(
    `SELECT r.cycle_id, r.unit_id, r.state, s.code, s.version, s.self_points::text AS self_points
     FROM (SELECT cycle_id, unit_id, state FROM unit_results ORDER BY state = 'draft' DESC, cycle_id DESC, unit_id LIMIT $1) r
       LEFT JOIN LATERAL (SELECT code, version, self_points FROM scores s WHERE s.cycle_id = r.cycle_id AND s.unit_id = r.unit_id LIMIT 1) s ON true
     ORDER BY r.state = 'draft' DESC, r.cycle_id DESC, r.unit_id`,
    [connections],
  );
  // A unit in draft with no score stored yet writes its cycle's first criterion: looked up once per cycle.
  const leaves = new Map<string, string | undefined>();
  for (const sample of samples) {
    if (sample.state !== 'draft' || sample.code !== null) continue;
    if (!leaves.has(sample.cycle_id)) leaves.set(sample.cycle_id, await firstLeaf(db, sample.cycle_id));
    sample.code = leaves.get(sample.cycle_id) ?? null;
  }
  // Every warm-up waits here until all hold a connection: none can run on another's.
  let arrived = 0;
  let release!: () => void;
  const together = new Promise<void>((resolve) => {
    release = resolve;
  });
  const warmed = await Promise.all(
    Array.from({ length: connections }, (_, i) =>
      db
        .transaction(async (tx) => {
          if (++arrived === connections) release();
          await together;
          await warmOne(tx, samples.length ? samples[i % samples.length]! : undefined);
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

/**
 * The server's warm-up at start: only a head start for the first writers, so a failure (a lock held
 * by another server's import past a statement timeout, a schema not yet there …) is said with
 * `say`, in both languages, and the server goes on. Returns how many connections were warmed.
 */
export async function warmWritesAtStart(db: Database, connections: number, say: (line: string) => void): Promise<number> {
  try {
    return await warmWrites(db, connections);
  } catch (error) {
    say(
      `Không làm nóng được các kết nối (bỏ qua, các lần ghi đầu tiên sẽ chậm hơn) / Warming the pool's connections failed (skipped; the first writes will be slower): ${error instanceof Error ? error.message : String(error)}`,
    );
    return 0;
  }
}

/** One connection's warm-up, inside its transaction (rolled back by the caller). */
async function warmOne(tx: Queryable, sample: Sample | undefined): Promise<void> {
  if (sample?.state === 'draft' && sample.code !== null) {
    const { cycle_id: cycleId, unit_id: unitId, code } = sample;
    // As the unit's own officer, its score written back unchanged (or a first one, none: an INSERT); joined: the write's transaction is this one.
    try {
      await writeScore(
        joined(tx, 'postgres'),
        { cycleId, unitId, code, version: sample.version ?? 0, patch: { self: sample.self_points === null ? null : parsePoints(sample.self_points) } },
        { userId: 'system', role: 'unitEditor', unitId },
      );
    } catch (error) {
      // A write refused (a criterion marked not applicable, a unit's other score out of its bounds: a ParError) has run its statements all the same.
      if (!(error instanceof ParError)) throw error;
    }
    return;
  }
  await shareWrites(tx);
  // The locking read with a unit that cannot exist: planned and run, no row locked.
  await tx.query(LOCKED_OWNER, [sample?.cycle_id ?? '', '', sample?.code ?? '']);
  await getScore(tx, sample?.cycle_id ?? '', sample?.unit_id ?? '', sample?.code ?? '', []);
  await loadUnitResult(tx, sample?.cycle_id ?? '', sample?.unit_id ?? '');
}

/** The cycle's first criterion without children (a unit with no score stored yet): nodes are in document order. */
async function firstLeaf(q: Queryable, cycleId: string): Promise<string | undefined> {
  const framework = await cycleFramework(q, cycleId);
  for (const node of framework?.nodes.values() ?? []) if (!node.children.length) return node.code;
  return undefined;
}
