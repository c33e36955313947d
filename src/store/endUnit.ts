/**
 * The province ends a unit's validity (a unit dissolved, the district level ended): its end
 * date is written, its history kept. A unit with successors must end the day before they begin.
 */
import { z } from 'zod';
import { parseWith } from '../core/validation.ts';
import type { Actor } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { lockedUnit, unitFields, writeUnits, type UnitWriteResult } from './unitWrites.ts';

export const endUnitInput = z
  .object({ validTo: unitFields.validTo, version: z.number().int().min(1).optional(), reason: z.string().trim().min(1).max(1000).optional() })
  .strict();

export type EndUnit = z.input<typeof endUnitInput>;

export async function endUnit(db: Database, id: string, input: EndUnit, actor: Actor): Promise<UnitWriteResult> {
  const { validTo, version, reason } = parseWith(endUnitInput, input, { file: 'body' });
  return writeUnits(db, actor, { action: 'unit.end', subject: `unit/${id}`, ...(reason && { reason }) }, async (tx, stored) => {
    const { province } = await lockedUnit(tx, id, version, (u) => stored.units.get(u));
    return { province, entries: (entries) => entries.map((e) => (e.id === id ? { ...e, validTo } : e)) };
  });
}
