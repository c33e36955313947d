/**
 * The province records a merger (or a split, one predecessor into several successors by calls
 * in turn): from `date` the successor takes over from its predecessors. The predecessors end
 * the day before, the successor begins on the date (a new unit is created), and the lineage is
 * written on both sides; the core refuses what would leave a gap or an overlap.
 */
import { z } from 'zod';
import { dayBefore, issue, ParError } from '../core/index.ts';
import { parseWith } from '../core/validation.ts';
import type { Actor } from '../workflow/policy.ts';
import type { Database } from './database.ts';
import { lockedUnit, unitFields, unitSlug, type Json, writeUnits, type UnitWriteResult } from './unitWrites.ts';

export const mergerInput = z
  .object({
    predecessors: z.array(unitSlug).min(1).max(100),
    /** The unit formed: an existing unit's id, or a new unit (id, name, level …). */
    successor: z
      .object({
        id: unitSlug,
        name: unitFields.name.optional(),
        fullName: unitFields.fullName.optional(),
        level: unitFields.level.optional(),
        type: unitFields.type.optional(),
        peerGroup: unitFields.peerGroup.optional(),
      })
      .strict(),
    /** The day the successor begins (its predecessors end the day before). */
    date: unitFields.validFrom,
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .strict();

export type Merger = z.input<typeof mergerInput>;

export async function recordMerger(db: Database, input: Merger, actor: Actor): Promise<UnitWriteResult> {
  const { predecessors, successor, date, reason } = parseWith(mergerInput, input, { file: 'body' });
  if (predecessors.includes(successor.id)) {
    throw new ParError(
      issue(
        'units.lineageSelf',
        { vi: `đơn vị ${successor.id} không thể là tiền thân của chính mình`, en: `unit ${successor.id} cannot be its own predecessor` },
        { field: 'predecessors' },
      ),
    );
  }
  return writeUnits(db, actor, { action: 'unit.merger', subject: `unit/${successor.id}`, ...(reason && { reason }) }, async (tx, stored) => {
    const provinces = new Set<string>();
    for (const id of predecessors) provinces.add((await lockedUnit(tx, id, undefined, (u) => stored.units.get(u))).province);
    const existing = stored.units.get(successor.id);
    if (existing) await lockedUnit(tx, successor.id, undefined, (u) => stored.units.get(u));
    else {
      const missing = (['name', 'level'] as const).filter((k) => !successor[k]);
      if (missing.length) {
        throw new ParError(
          missing.map((k) =>
            issue(
              'unit.required',
              { vi: `đơn vị mới ${successor.id} cần ${k === 'name' ? 'tên' : 'cấp'}`, en: `new unit ${successor.id} needs a ${k}` },
              { field: `successor.${k}` },
            ),
          ),
        );
      }
    }
    const province = existing?.provinceId ?? [...provinces][0]!;
    if (provinces.size > 1 || !provinces.has(province)) {
      throw new ParError(
        issue(
          'units.mergerProvinces',
          { vi: 'các đơn vị của một lần sáp nhập phải cùng một tỉnh', en: "a merger's units must be of one province" },
          { field: 'predecessors' },
        ),
      );
    }
    const end = dayBefore(date);
    const add = (list: unknown, id: string) => [...new Set([...((list as string[] | undefined) ?? []), id])];
    return {
      province,
      entries: (entries) => {
        const next: Json[] = entries.map((e) => {
          const id = String(e.id);
          if (predecessors.includes(id)) return { ...e, validTo: end, successors: add(e.successors, successor.id) };
          if (id === successor.id)
            return { ...e, validFrom: date, predecessors: predecessors.reduce((list, p) => add(list, p), e.predecessors as string[] | undefined) };
          return e;
        });
        if (!existing) next.push({ ...successor, validFrom: date, predecessors });
        return next;
      },
    };
  });
}
