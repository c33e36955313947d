/**
 * The province changes a unit's fields (name, full name, type, group, dates, other names,
 * document header data);
 * a change naming an older version than the stored one is refused (409) with the current unit.
 * A field given as null is cleared.
 */
import { z } from 'zod';
import { parseWith } from '../core/validation.ts';
import type { Actor } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { lockedUnit, unitFields, withFields, writeUnits, type UnitWriteResult } from './unitWrites.ts';

export const unitChangeInput = z
  .object({
    /** The version the administrator read: a stale one gets 409. */
    version: z.number().int().min(1),
    name: unitFields.name.optional(),
    fullName: unitFields.fullName.nullable().optional(),
    level: unitFields.level.optional(),
    type: unitFields.type.nullable().optional(),
    peerGroup: unitFields.peerGroup.nullable().optional(),
    validFrom: unitFields.validFrom.nullable().optional(),
    validTo: unitFields.validTo.nullable().optional(),
    aliases: unitFields.aliases.nullable().optional(),
    note: unitFields.note.nullable().optional(),
    /** The unit's whole document header data (replaces the stored one; null or {} clears it). */
    document: unitFields.document.nullable().optional(),
  })
  .strict();

export type UnitChange = z.input<typeof unitChangeInput>;

export async function updateUnit(db: Database, id: string, input: UnitChange, actor: Actor): Promise<UnitWriteResult> {
  const { version, ...fields } = parseWith(unitChangeInput, input, { file: 'body' });
  return writeUnits(db, actor, { action: 'unit.update', subject: `unit/${id}` }, async (tx, stored) => {
    const { province } = await lockedUnit(tx, id, version, (u) => stored.units.get(u));
    return { province, entries: (entries) => entries.map((e) => (e.id === id ? withFields(e, fields) : e)) };
  });
}
