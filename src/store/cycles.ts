/** Reading cycles: the list with each one's number of units, one cycle, and the state of each unit's file in it. */
import type { AssessmentState } from '../workflow/states.ts';
import type { Queryable } from './database.ts';
import { notFound } from './errors.ts';

export interface CycleSummary {
  id: string;
  year: number;
  framework: string;
  phase: string;
  publication: unknown;
  version: number;
  units: number;
}

export interface CycleUnit {
  unit: string;
  name: string;
  state: AssessmentState;
  illustrative: boolean;
  version: number;
}

export async function listCycles(q: Queryable): Promise<CycleSummary[]> {
  return q.query<CycleSummary>(
    `SELECT c.id, c.year, c.framework_id AS framework, c.phase, c.publication, c.version, count(r.unit_id)::int AS units
     FROM cycles c LEFT JOIN unit_results r ON r.cycle_id = c.id GROUP BY c.id ORDER BY c.year DESC, c.id`,
  );
}

/** One cycle, or a 404 naming it. */
export async function cycleOrFail(q: Queryable, id: string): Promise<Omit<CycleSummary, 'units'>> {
  const [cycle] = await q.query<Omit<CycleSummary, 'units'>>(
    'SELECT id, year, framework_id AS framework, phase, publication, version FROM cycles WHERE id = $1',
    [id],
  );
  if (!cycle) throw notFound({ vi: `không có kỳ đánh giá ${id}`, en: `no cycle ${id}` }, 'cycle');
  return cycle;
}

/** Each unit's file in the cycle, in the cycle's order; only those in `state` when given. */
export async function cycleUnits(q: Queryable, cycleId: string, state?: AssessmentState): Promise<CycleUnit[]> {
  return q.query<CycleUnit>(
    `SELECT r.unit_id AS unit, u.name, r.state, r.illustrative, r.version FROM unit_results r JOIN units u ON u.id = r.unit_id
     WHERE r.cycle_id = $1 AND ($2::text IS NULL OR r.state = $2) ORDER BY r.position`,
    [cycleId, state ?? null],
  );
}

/** The cycles a unit has a file in, newest first: which of its years are published, which still open. */
export async function unitCycles(q: Queryable, unitId: string): Promise<{ id: string; year: number; phase: string }[]> {
  return q.query('SELECT c.id, c.year, c.phase FROM cycles c JOIN unit_results r ON r.cycle_id = c.id WHERE r.unit_id = $1 ORDER BY c.year DESC, c.id', [
    unitId,
  ]);
}
