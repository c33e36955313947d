/**
 * Units as people name them in messages: "Tam Đường", not tam-duong. An id no unit has stays as
 * written (it is what the caller typed).
 */
import type { ParError } from '../core/index.ts';
import type { Queryable } from './database.ts';
import { notFound } from './errors.ts';

export async function unitNames(q: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = ids.length ? await q.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE id = ANY($1::text[])', [[...ids]]) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return new Map(ids.map((id) => [id, names.get(id) ?? id]));
}

/** The 404 for a unit that is not in a cycle: named when it exists, "no unit x" when it does not. */
export async function notInCycle(q: Queryable, cycleId: string, unitId: string): Promise<ParError> {
  const [unit] = await q.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [unitId]);
  if (!unit) return notFound({ vi: `không có đơn vị ${unitId}`, en: `no unit ${unitId}` }, 'unit');
  return notFound({ vi: `${unit.name} không có trong kỳ đánh giá ${cycleId}`, en: `${unit.name} is not in cycle ${cycleId}` }, 'unit');
}
