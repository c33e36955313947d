/** Column builders shared by the exporters, so that one label is written one way everywhere. */
import { formatPoints, toNumber, type FrameworkNode, type Unit } from '../../core/index.ts';
import type { OutColumn, OutValue } from '../table/output.ts';
import type { Term } from '../table/vocabulary.ts';

export function column(header: string | string[], format: OutColumn['format'], extra: Partial<OutColumn> = {}): OutColumn {
  return { header: Array.isArray(header) ? header : [header], format, ...extra };
}

/** A column named by a vocabulary term, so the importer recognises what the exporter wrote. */
export function termColumn<K extends string>(terms: readonly Term<K>[], key: K, format: OutColumn['format'], extra: Partial<OutColumn> = {}): OutColumn {
  return column(terms.find((t) => t.key === key)!.label, format, extra);
}

/** The columns of an indicator's values (numerator … survey answers), labelled by the sheet's own vocabulary. */
export function indicatorValueColumns(label: (key: 'numerator' | 'denominator' | 'value' | 'count' | 'achieved' | 'grade' | 'answers') => string): OutColumn[] {
  return [
    column(label('numerator'), 'quantity', { width: 10 }),
    column(label('denominator'), 'quantity', { width: 10 }),
    column(label('value'), 'quantity', { width: 11 }),
    column(label('count'), 'integer', {
      width: 8,
      validation: { type: 'whole', min: 0, message: { vi: 'Nhập số nguyên không âm', en: 'Enter a whole number' } },
    }),
    column(label('achieved'), 'boolean', {
      width: 10,
      validation: { type: 'list', values: ['Có', 'Không'], message: { vi: 'Chọn Có hoặc Không', en: 'Choose Có (yes) or Không (no)' } },
    }),
    column(label('grade'), 'text', { width: 12 }),
    column(label('answers'), 'text', { width: 20 }),
  ];
}

export function nodeLabel(node: FrameworkNode): string {
  return `${node.code}. ${node.name}`;
}

/** Input check for a score cell: 0 to the node's maximum (or cap), in the units people type. */
export function scoreValidation(node: FrameworkNode): OutColumn['validation'] {
  const max = node.kind === 'regular' ? node.maxPoints : (node.cap ?? node.maxPoints);
  // A criterion that does not apply is written «Không áp dụng: lý do» in its score cell: Excel warns, the import decides.
  const notApplicable = {
    vi: ', hoặc «Không áp dụng: lý do» khi tiêu chí không áp dụng với đơn vị',
    en: ', or «Không áp dụng: reason» when the criterion does not apply to the unit',
  };
  if (max === undefined)
    return {
      type: 'decimal',
      min: 0,
      max: 1_000,
      warnOnly: true,
      message: { vi: `Nhập số điểm không âm${notApplicable.vi}`, en: `Enter a non-negative score${notApplicable.en}` },
    };
  return {
    type: 'decimal',
    min: 0,
    max: toNumber(max),
    warnOnly: true,
    message: {
      vi: `Nhập số điểm từ 0 đến ${formatPoints(max)}${notApplicable.vi}`,
      en: `Enter a score from 0 to ${formatPoints(max, { locale: 'en' })}${notApplicable.en}`,
    },
  };
}

export const unitCells = (unit: Unit | undefined, id: string): OutValue[] => [id, unit?.name ?? id];
