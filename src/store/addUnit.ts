/** The province adds a unit (a commune created, a department set up): refused when its id is taken. */
import { z } from 'zod';
import { issue, ParError, type Issue } from '../core/index.ts';
import type { Dataset } from '../core/dataset.ts';
import { parseWith } from '../core/validation.ts';
import type { Actor } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { unitFields, unitSlug, writeUnits, type UnitWriteResult } from './unitWrites.ts';

export const newUnitInput = z
  .object({
    /** The province the unit belongs to (the only one when omitted). */
    province: unitSlug.optional(),
    id: unitSlug,
    name: unitFields.name,
    fullName: unitFields.fullName.optional(),
    level: unitFields.level,
    type: unitFields.type.optional(),
    peerGroup: unitFields.peerGroup.optional(),
    validFrom: unitFields.validFrom.optional(),
    validTo: unitFields.validTo.optional(),
    aliases: unitFields.aliases.optional(),
    note: unitFields.note.optional(),
  })
  .strict();

export type NewUnit = z.input<typeof newUnitInput>;

export async function addUnit(db: Database, input: NewUnit, actor: Actor): Promise<UnitWriteResult> {
  const { province: asked, ...entry } = parseWith(newUnitInput, input, { file: 'body' });
  return writeUnits(db, actor, { action: 'unit.add', subject: `unit/${entry.id}` }, async (_tx, stored) => {
    // Both said at once: the form shows each at its field.
    const taken = stored.units.get(entry.id);
    const province = asked ?? (stored.provinces.length === 1 ? stored.provinces[0]!.id : undefined);
    const problems = [
      ...(taken ? [idTaken(entry.id, taken.name)] : []),
      ...(!province ? [issue('unit.province', { vi: 'chọn tỉnh của đơn vị', en: "choose the unit's province" }, { field: 'province' })] : []),
    ];
    if (problems.length || !province) throw new ParError(problems);
    return { province, entries: (entries) => [...entries, entry] };
  });
}

const idTaken = (id: string, name: string): Issue =>
  issue('unit.duplicate', { vi: `mã đơn vị ${id} đã có (${name})`, en: `unit id ${id} is taken (${name})` }, { field: 'id' });

/** A new unit's id already taken, looked up on the raw form (one the schema refuses): said with its other problems. */
export function newUnitLookups(dataset: Dataset, input: unknown): Issue[] {
  const id = unitSlug.safeParse((input as { id?: unknown } | null)?.id);
  const taken = id.success ? dataset.units.get(id.data) : undefined;
  return taken ? [idTaken(taken.id, taken.name)] : [];
}
