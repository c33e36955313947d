/** Which sheet of a workbook plays which part (the results table, the indicators, …). */
import { ParError, issue } from '../../core/index.ts';
import { headerKey } from './cells.ts';
import type { Sheet, Workbook } from './types.ts';
import { matchTerm, SHEETS, termLabel, type SheetRole } from './vocabulary.ts';

export function roleOf(sheet: Sheet): SheetRole | undefined {
  return matchTerm(SHEETS, sheet.name)?.key;
}

export function sheetFor(workbook: Workbook, role: SheetRole): Sheet | undefined {
  return workbook.sheets.find((s) => roleOf(s) === role);
}

/**
 * The sheet holding the main table: the one named for the role, the one named by `--sheet`,
 * or the only sheet of the file (a CSV, or a workbook of one sheet named "Sheet1").
 */
export function mainSheet(workbook: Workbook, role: SheetRole, name?: string): Sheet {
  if (name !== undefined) {
    const named = workbook.sheets.find((s) => headerKey(s.name) === headerKey(name));
    if (named) return named;
    throw missingSheet(workbook, `«${name}»`, `"${name}"`);
  }
  const found = sheetFor(workbook, role) ?? (workbook.sheets.length === 1 ? workbook.sheets[0] : undefined);
  if (found) return found;
  const label = termLabel(SHEETS, role);
  throw missingSheet(workbook, `«${label}»`, `"${label}"`);
}

function missingSheet(workbook: Workbook, vi: string, en: string): ParError {
  const names = workbook.sheets.map((s) => `«${s.name}»`).join(', ') || '—';
  return new ParError(
    issue(
      'import.sheetMissing',
      {
        vi: `không có trang tính ${vi} (tệp có: ${names}): đặt tên trang cho đúng hoặc chọn trang cần đọc`,
        en: `no sheet ${en} (the file has: ${names}): rename the sheet or choose the sheet to read`,
      },
      // About the choice of a sheet, not a place in the file: the command line names its option.
      { field: 'sheet' },
    ),
  );
}
