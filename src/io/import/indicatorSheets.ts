/**
 * "Chỉ tiêu" (one row per unit and criterion: numerator, denominator, measured value, count,
 * yes/no, grade, survey answers) and "Hạn báo cáo" (one row per report due, for deadline
 * rules): the indicator values behind rule-scored criteria.
 */
import type { Framework, Issue } from '../../core/index.ts';
import { atCell, cellIssue, type CellAt } from '../table/cells.ts';
import type { CellValue, Sheet } from '../table/types.ts';
import { readBoolean, readCode, readDate, readInteger, readPairs, readQuantity, readDecimal, readText } from '../table/values.ts';
import { DEADLINE_COLUMNS, INDICATOR_COLUMNS } from '../table/vocabulary.ts';
import { readKeyedTable, rowsOf, type TableRow } from './columns.ts';
import type { IndicatorEntry, ResultsPatch, UnitPatch } from './patch.ts';
import type { UnitMatcher } from './units.ts';

interface Context {
  matcher: UnitMatcher;
  issues: Issue[];
  file?: string;
}

type UnitAndCode<K extends string> = { unit: UnitPatch; code: string; row: TableRow<K> };

/** The unit and criterion a row is about, or undefined (with issues). */
function unitAndCode<K extends 'unit' | 'unitId' | 'code'>(row: TableRow<K>, patch: ResultsPatch, context: Context): UnitAndCode<K> | undefined {
  const cell = (k: K) => (row.has(k) ? { value: row.value(k), at: row.at(k) } : undefined);
  const unitId = context.matcher.match(cell('unit' as K), cell('unitId' as K), context.issues);
  const code = atCell(row.at('code' as K), context.issues, () => readCode(row.value('code' as K)));
  if (unitId === undefined || code === undefined) {
    if (code !== undefined && unitId === undefined && row.value('unit' as K) === null && row.value('unitId' as K) === null) {
      context.issues.push(cellIssue('import.unitMissing', { vi: 'dòng không ghi đơn vị', en: 'the row names no unit' }, row.at('unit' as K)));
    }
    return undefined;
  }
  if (!patch.framework.nodes.has(code)) {
    context.issues.push(
      cellIssue(
        'import.unknownCriterion',
        { vi: `bộ tiêu chí ${patch.framework.id} không có tiêu chí ${code}`, en: `framework ${patch.framework.id} has no criterion ${code}` },
        row.at('code' as K),
        { node: code },
      ),
    );
    return undefined;
  }
  let unit = patch.units.get(unitId);
  if (!unit) patch.units.set(unitId, (unit = { unitId }));
  patch.provenance.unit(unitId, '', row.at('unit' as K));
  return { unit, code, row };
}

export function readIndicatorSheet(sheet: Sheet, patch: ResultsPatch, context: Context): string[] {
  const table = readKeyedTable(sheet, INDICATOR_COLUMNS, { anchors: ['code'], required: [['unit', 'unitId'], 'code'], file: context.file });
  const { issues } = context;
  const rowOf = new Map<string, number>();
  const valueKeys = ['numerator', 'denominator', 'value', 'count', 'achieved', 'grade', 'answers', 'note'] as const;
  for (const row of rowsOf(table)) {
    // A template row names the unit and criterion and waits for values: nothing to import yet.
    if (valueKeys.every((k) => row.value(k) === null)) continue;
    const found = unitAndCode(row, patch, context);
    if (!found) continue;
    const { unit, code } = found;
    const key = `${unit.unitId} ${code}`;
    if (rowOf.has(key)) {
      issues.push(
        cellIssue(
          'import.duplicateRow',
          {
            vi: `đơn vị ${unit.unitId}, tiêu chí ${code} đã có ở dòng ${rowOf.get(key)}`,
            en: `unit ${unit.unitId}, criterion ${code} is already on row ${rowOf.get(key)}`,
          },
          row.at('code'),
        ),
      );
      continue;
    }
    rowOf.set(key, row.row);
    const entry: IndicatorEntry = { ...unit.indicators?.[code] };
    const read = <T>(k: Parameters<typeof row.at>[0], reader: (v: ReturnType<typeof row.value>) => T | undefined): T | undefined => {
      const at = row.at(k);
      const value = atCell(at, issues, () => reader(row.value(k)));
      if (value !== undefined) patch.provenance.unit(unit.unitId, `indicators.${code}.${k}`, at);
      return value;
    };
    readIndicatorFields(entry, read, row.at('answers'), issues);
    patch.provenance.unit(unit.unitId, `indicators.${code}`, row.at('code'));
    (unit.indicators ??= {})[code] = entry;
  }
  return table.ignored;
}

/** The indicator fields a row gives (numerator … note). */
export type IndicatorField = 'numerator' | 'denominator' | 'value' | 'count' | 'achieved' | 'grade' | 'answers' | 'note';

/**
 * A row's indicator cells laid over `entry`, each read by its kind through `read` (which reports a
 * cell that does not read at that cell); an empty cell keeps the entry's value. Used by the
 * indicators sheet of a results file and by a plan's tracked values.
 */
export function readIndicatorFields(
  entry: IndicatorEntry,
  read: <T>(k: IndicatorField, reader: (v: CellValue) => T | undefined) => T | undefined,
  answersAt: CellAt,
  issues: Issue[],
): void {
  const numerator = read('numerator', readQuantity);
  const denominator = read('denominator', readQuantity);
  const value = read('value', readDecimal);
  const count = read('count', readInteger);
  const achieved = read('achieved', readBoolean);
  const grade = read('grade', readText);
  const answers = read('answers', readPairs);
  const note = read('note', readText);
  if (numerator !== undefined) entry.numerator = numerator;
  if (denominator !== undefined) entry.denominator = denominator;
  if (value !== undefined) entry.value = value;
  if (count !== undefined) entry.count = count;
  if (achieved !== undefined) entry.achieved = achieved;
  if (grade !== undefined) entry.grade = grade;
  if (note !== undefined) entry.note = note;
  if (answers !== undefined) {
    const counts: Record<string, number> = {};
    for (const [option, n] of answers) {
      const parsed = atCell(answersAt, issues, () => readInteger(n));
      if (parsed !== undefined) counts[option] = parsed;
    }
    entry.answers = counts;
  }
}

export function readDeadlineSheet(sheet: Sheet, patch: ResultsPatch, context: Context): string[] {
  const table = readKeyedTable(sheet, DEADLINE_COLUMNS, { anchors: ['code'], required: [['unit', 'unitId'], 'code', 'name', 'due'], file: context.file });
  const { issues } = context;
  for (const row of rowsOf(table)) {
    const found = unitAndCode(row, patch, context);
    if (!found) continue;
    const { unit, code } = found;
    const cell = (k: 'name' | 'due' | 'sent'): CellAt => row.at(k);
    const name = atCell(cell('name'), issues, () => readText(row.value('name')));
    const due = atCell(cell('due'), issues, () => readDate(row.value('due')));
    const sent = atCell(cell('sent'), issues, () => readDate(row.value('sent')));
    if (name === undefined) issues.push(cellIssue('import.required', { vi: 'phải ghi tên báo cáo', en: 'the report needs a name' }, cell('name')));
    if (due === undefined && row.value('due') === null)
      issues.push(cellIssue('import.required', { vi: 'phải ghi hạn gửi', en: 'the due date is required' }, cell('due')));
    if (name === undefined || due === undefined) continue;
    const entry = ((unit.indicators ??= {})[code] ??= {});
    const items = (entry.items ??= []);
    patch.provenance.unit(unit.unitId, `indicators.${code}.items.${items.length}`, cell('due'));
    patch.provenance.unit(unit.unitId, `indicators.${code}`, row.at('code'));
    items.push({ name, due, ...(sent !== undefined && { sent }) });
  }
  return table.ignored;
}

export type { Framework };
