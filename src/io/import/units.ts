/**
 * Matching the unit named on a row to a known unit: by id when the table has a "Mã đơn vị"
 * column, else by name with or without diacritics (the core's finder), among the units of
 * the framework's level that existed in the year. Unknown and ambiguous names are issues at
 * the cell; a unit on two rows of one table is an issue at the second.
 */
import { ParError, unitFinder, type Issue, type Unit, type UnitLevel } from '../../core/index.ts';
import { cellIssue, type CellAt } from '../table/cells.ts';
import { readText } from '../table/values.ts';
import { atCell } from '../table/cells.ts';
import type { CellValue } from '../table/types.ts';

export interface UnitMatcher {
  /** The unit's id, or undefined (with an issue) when the row names none or an unknown one. */
  match(name: { value: CellValue; at: CellAt } | undefined, id: { value: CellValue; at: CellAt } | undefined, issues: Issue[]): string | undefined;
}

export function activeIn(unit: Unit, year: number): boolean {
  return (!unit.validFrom || unit.validFrom <= `${year}-12-31`) && (!unit.validTo || unit.validTo >= `${year}-01-01`);
}

export function unitMatcher(units: Iterable<Unit>, level: UnitLevel, year: number): UnitMatcher {
  const candidates = [...units].filter((u) => u.level === level && activeIn(u, year));
  const find = unitFinder(candidates);
  const ids = new Set(candidates.map((u) => u.id));
  return {
    match(name, id, issues) {
      const givenId = id && atCell(id.at, issues, () => readText(id.value));
      if (givenId !== undefined) {
        if (ids.has(givenId)) return givenId;
        issues.push(
          cellIssue(
            'import.unitNotFound',
            { vi: `không có đơn vị mã «${givenId}» ở cấp này trong năm ${year}`, en: `no unit with id "${givenId}" at this level in ${year}` },
            id!.at,
          ),
        );
        return undefined;
      }
      const text = name && atCell(name.at, issues, () => readText(name.value));
      if (text === undefined) return undefined;
      try {
        return find(text).id;
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        for (const i of error.issues) issues.push(cellIssue(i.code === 'unit.ambiguous' ? 'import.unitAmbiguous' : 'import.unitNotFound', i.message, name!.at));
        return undefined;
      }
    },
  };
}
