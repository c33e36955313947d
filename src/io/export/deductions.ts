/** Deductions of a year with their reasons, criteria, departments and rule-computed points, from the core's analysis. */
import { analyzeUnit, formatDate, frameworkOf, indexWords, toNumber, type Dataset, type ResultsSet } from '../../core/index.ts';
import type { OutTable, OutValue } from '../table/output.ts';
import { CODE_COLUMN, CRITERION_NAME_COLUMN, DEDUCTION_COLUMNS, UNIT_COLUMNS, termLabel } from '../table/vocabulary.ts';
import { column } from './columns.ts';

export function deductionsReport(dataset: Dataset, set: ResultsSet): OutTable {
  const label = (key: (typeof DEDUCTION_COLUMNS)[number]['key']) => termLabel(DEDUCTION_COLUMNS, key);
  const rows: OutValue[][] = [];
  for (const result of set.units) {
    const analysis = analyzeUnit(dataset, result.unitId, set.year);
    for (const d of analysis.deductions) {
      rows.push([
        analysis.unit.id,
        analysis.unit.name,
        d.component,
        d.criterion,
        d.criterionName ?? null,
        toNumber(d.points),
        d.computedPoints === undefined ? null : toNumber(d.computedPoints),
        d.reason,
        d.department ?? null,
        d.documents.map((doc) => [doc.number, doc.title, doc.date && formatDate(doc.date), doc.issuer].filter(Boolean).join(', ')).join('\n') || null,
      ]);
    }
  }
  return {
    name: 'Điểm trừ',
    title: [`Điểm bị trừ và lý do — ${indexWords(frameworkOf(dataset, set)).label} năm ${set.year}`],
    columns: [
      column(termLabel(UNIT_COLUMNS, 'unitId'), 'text', { width: 16 }),
      column(termLabel(UNIT_COLUMNS, 'unit'), 'text', { width: 20 }),
      column('Chỉ số thành phần', 'text', { width: 10 }),
      column(CODE_COLUMN.label, 'text', { width: 10 }),
      column(CRITERION_NAME_COLUMN.label, 'text', { width: 40 }),
      column(label('points'), 'points', { width: 9, decimals: frameworkOf(dataset, set).settings.precision }),
      column('Điểm trừ theo quy tắc', 'points', { width: 11, decimals: frameworkOf(dataset, set).settings.precision }),
      column(label('reason'), 'text', { width: 60 }),
      column('Cơ quan chủ trì', 'text', { width: 22 }),
      column('Văn bản', 'text', { width: 30 }),
    ],
    rows,
    freezeColumns: 2,
  };
}
