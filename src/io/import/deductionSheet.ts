/**
 * "Điểm trừ": one row per deduction (unit, criterion, points, reason); the documents it cites
 * follow in the document columns, one per row — the rows under it that fill only those
 * columns (cells merged down in the source) add more documents to the same deduction.
 */
import type { Issue } from '../../core/index.ts';
import { atCell, cellIssue } from '../table/cells.ts';
import type { Sheet } from '../table/types.ts';
import { readCode, readDate, readDecimal, readText } from '../table/values.ts';
import { DEDUCTION_COLUMNS } from '../table/vocabulary.ts';
import { readKeyedTable, rowsOf } from './columns.ts';
import type { DeductionEntry, ResultsPatch } from './patch.ts';
import type { UnitMatcher } from './units.ts';

const DOCUMENT_KEYS = ['docNumber', 'docTitle', 'docDate', 'docIssuer'] as const;

export function readDeductionSheet(sheet: Sheet, patch: ResultsPatch, context: { matcher: UnitMatcher; issues: Issue[]; file?: string }): string[] {
  const table = readKeyedTable(sheet, DEDUCTION_COLUMNS, {
    anchors: ['code', 'points'],
    required: [['unit', 'unitId'], 'code', 'points', 'reason'],
    file: context.file,
  });
  const { issues } = context;
  let current: { unitId: string; index: number; deduction: DeductionEntry } | undefined;
  let failed = false;
  for (const row of rowsOf(table)) {
    const own = (['unit', 'unitId', 'code', 'points', 'reason'] as const).some((k) => row.value(k) !== null);
    if (!own) {
      if (failed) continue;
      if (!current) {
        issues.push(
          cellIssue(
            'import.orphanDocument',
            { vi: 'văn bản không thuộc điểm trừ nào (dòng trên chưa có điểm trừ)', en: 'a document row with no deduction above it' },
            row.at('docNumber'),
          ),
        );
        continue;
      }
    } else {
      current = undefined;
      failed = true;
      const unitId = context.matcher.match(
        row.has('unit') ? { value: row.value('unit'), at: row.at('unit') } : undefined,
        row.has('unitId') ? { value: row.value('unitId'), at: row.at('unitId') } : undefined,
        issues,
      );
      if (unitId === undefined && row.value('unit') === null && row.value('unitId') === null) {
        issues.push(cellIssue('import.unitMissing', { vi: 'dòng không ghi đơn vị', en: 'the row names no unit' }, row.at('unit')));
      }
      const criterion = atCell(row.at('code'), issues, () => readCode(row.value('code')));
      const points = atCell(row.at('points'), issues, () => readDecimal(row.value('points')));
      const reason = atCell(row.at('reason'), issues, () => readText(row.value('reason')));
      const note = atCell(row.at('note'), issues, () => readText(row.value('note')));
      if (criterion === undefined && row.value('code') === null)
        issues.push(cellIssue('import.required', { vi: 'phải ghi mã tiêu chí bị trừ điểm', en: 'the criterion code is required' }, row.at('code')));
      if (points === undefined && row.value('points') === null)
        issues.push(cellIssue('import.required', { vi: 'phải ghi số điểm bị trừ', en: 'the points deducted are required' }, row.at('points')));
      if (reason === undefined && row.value('reason') === null)
        issues.push(cellIssue('import.required', { vi: 'phải ghi lý do trừ điểm', en: 'a deduction needs a reason' }, row.at('reason')));
      if (unitId === undefined || criterion === undefined || points === undefined || reason === undefined) continue;
      let unit = patch.units.get(unitId);
      if (!unit) patch.units.set(unitId, (unit = { unitId }));
      const list = (unit.deductions ??= []);
      const deduction: DeductionEntry = { criterion, points, reason, ...(note !== undefined && { note }) };
      const base = `deductions.${list.length}`;
      patch.provenance.unit(unitId, '', row.at('unit'));
      patch.provenance.unit(unitId, base, row.at('code'));
      patch.provenance.unit(unitId, `${base}.criterion`, row.at('code'));
      patch.provenance.unit(unitId, `${base}.points`, row.at('points'));
      patch.provenance.unit(unitId, `${base}.reason`, row.at('reason'));
      current = { unitId, index: list.length, deduction };
      failed = false;
      list.push(deduction);
    }
    const number = atCell(row.at('docNumber'), issues, () => readText(row.value('docNumber')));
    const title = atCell(row.at('docTitle'), issues, () => readText(row.value('docTitle')));
    const date = atCell(row.at('docDate'), issues, () => readDate(row.value('docDate')));
    const issuer = atCell(row.at('docIssuer'), issues, () => readText(row.value('docIssuer')));
    if ([number, title, date, issuer].every((v) => v === undefined)) continue;
    if (!current) continue;
    const documents = (current.deduction.documents ??= []);
    patch.provenance.unit(
      current.unitId,
      `deductions.${current.index}.documents.${documents.length}`,
      row.at(DOCUMENT_KEYS.find((k) => row.value(k) !== null)!),
    );
    documents.push({
      ...(number !== undefined && { number }),
      ...(title !== undefined && { title }),
      ...(date !== undefined && { date }),
      ...(issuer !== undefined && { issuer }),
    });
  }
  return table.ignored;
}
