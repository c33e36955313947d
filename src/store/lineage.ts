/**
 * Lineage read from its rows (unit_links, kept from the units' documents by migration 010's
 * trigger): the province's screen of units without lineage after a reform date — begun on or
 * after it with no predecessor, or ended the day before it with no successor.
 */
import { dayBefore } from '../core/index.ts';
import type { Queryable } from './database.ts';

export interface UnmappedUnit {
  id: string;
  name: string;
  level: string;
  validFrom: string | null;
  validTo: string | null;
  /** What the unit lacks: predecessors (a new unit) or successors (an ended one). */
  missing: 'predecessors' | 'successors';
}

export async function unitsWithoutLineageAfter(q: Queryable, provinceId: string, date: string): Promise<UnmappedUnit[]> {
  const rows = await q.query<{
    id: string;
    name: string;
    level: string;
    valid_from: string | null;
    valid_to: string | null;
    missing: 'predecessors' | 'successors';
  }>(
    `SELECT u.id, u.name, u.level, to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to,
            CASE WHEN u.valid_from >= $2::date THEN 'predecessors' ELSE 'successors' END AS missing
     FROM units AS u
     WHERE u.province_id = $1
       AND ((u.valid_from >= $2::date AND NOT EXISTS (SELECT 1 FROM unit_links AS l WHERE l.successor_id = u.id))
         OR (u.valid_to = $3::date AND NOT EXISTS (SELECT 1 FROM unit_links AS l WHERE l.predecessor_id = u.id)))
     ORDER BY missing DESC, u.position`,
    [provinceId, date, dayBefore(date)],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, validFrom: r.valid_from, validTo: r.valid_to, missing: r.missing }));
}

/** Every link of a province's units as stored rows (for tests and exports): successor, predecessor, kind, date, shares. */
export async function unitLinks(q: Queryable, provinceId: string) {
  return q.query<{
    successor_id: string;
    predecessor_id: string;
    kind: string | null;
    effective_date: string | null;
    population_share: string | null;
    area_share: string | null;
  }>(
    `SELECT l.successor_id, l.predecessor_id, l.kind, to_char(l.effective_date, 'YYYY-MM-DD') AS effective_date, l.population_share::text, l.area_share::text
     FROM unit_links AS l JOIN units AS u ON u.id = l.successor_id WHERE u.province_id = $1 ORDER BY u.position, l.predecessor_id`,
    [provinceId],
  );
}
