/**
 * Reads a CSV file (UTF-8, with or without BOM; separator `;`, `,` or tab, detected from the
 * first lines outside quotes) into a workbook of one sheet. Cells stay text: the importers
 * read "9,52" and "9.52" alike. A file saved in a legacy code page is refused with the way out.
 */
import { parse } from 'csv-parse/sync';
import { ParError, issue } from '../../core/index.ts';
import { checkFileSize, tooManyCells, type ImportLimits } from '../limits.ts';
import type { CellValue, Workbook } from '../table/types.ts';

export type Separator = ';' | ',' | '\t';

/** The separator that splits the first lines into the most fields, quotes respected. */
export function detectSeparator(text: string): Separator {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') lines++;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  // Decimal commas ("9,52") are common in `;` files, so `;` wins ties and near-ties.
  if (counts[';'] > 0 && counts[';'] >= counts[','] / 2) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

export function decodeUtf8(input: Uint8Array, file?: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    throw new ParError(
      issue(
        'csv.encoding',
        {
          vi: 'tệp CSV không phải mã UTF-8 (chữ có dấu sẽ bị lỗi): trong Excel hãy chọn Lưu thành → «CSV UTF-8 (Comma delimited)»',
          en: 'the CSV file is not UTF-8 (Vietnamese letters would be garbled): in Excel use Save As → "CSV UTF-8 (Comma delimited)"',
        },
        { file },
      ),
    );
  }
}

export function readCsv(input: Uint8Array, limits: ImportLimits, file?: string, separator?: Separator): Workbook {
  checkFileSize(input.byteLength, limits, file);
  const text = decodeUtf8(input, file);
  if (text.includes('\u0000')) {
    throw new ParError(issue('csv.binary', { vi: 'tệp không phải văn bản CSV (có byte nhị phân)', en: 'the file is not CSV text (it holds binary bytes)' }, { file }));
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator ?? detectSeparator(text), relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ParError(
      issue(
        'csv.syntax',
        { vi: `tệp CSV sai cú pháp${e.lines ? ` ở dòng ${e.lines}` : ''}: ${e.message}`, en: `the CSV file is malformed${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}` },
        { file },
      ),
    );
  }
  let cells = 0;
  const rows: CellValue[][] = records.map((record) =>
    record.map((cell) => {
      const value = cell.trim() === '' ? null : /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
      if (value !== null && ++cells > limits.maxCells) throw tooManyCells(limits, file);
      return value;
    }),
  );
  const name = (file ?? 'CSV').replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
  return { format: 'csv', file, sheets: [{ name, rows }], notices: [] };
}
