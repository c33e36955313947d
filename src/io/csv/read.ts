/**
 * Reads a CSV file (UTF-8, with or without BOM; separator `;`, `,` or tab, detected from the
 * first lines outside quotes) into a workbook of one sheet. Cells stay text: the importers
 * read "9,52" and "9.52" alike. Encodings: see `decodeText`.
 */
import { parse } from 'csv-parse/sync';
import { ParError, issue, type Message } from '../../core/index.ts';
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

/**
 * The text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's «Unicode
 * Text»), else Windows-1258, the code page Vietnamese Windows gives Excel's plain «CSV» — read
 * with a notice, since a file in another code page would show wrong letters (its unit names
 * then match no unit and are reported at their cells; numbers are unaffected).
 */
export function decodeText(input: Uint8Array): { text: string; notice?: Message } {
  if (input[0] === 0xff && input[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(input) };
  if (input[0] === 0xfe && input[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(input) };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input) };
  } catch {
    return {
      text: new TextDecoder('windows-1258').decode(input).normalize('NFC'),
      notice: {
        vi: 'tệp CSV không phải mã UTF-8: đã đọc theo bảng mã Windows-1258 (tiếng Việt của Windows); nếu chữ có dấu bị sai, trong Excel hãy chọn Lưu thành → «CSV UTF-8 (Comma delimited)»',
        en: 'the CSV file is not UTF-8: it was read as Windows-1258 (Vietnamese Windows); if letters look wrong, save it from Excel as "CSV UTF-8 (Comma delimited)"',
      },
    };
  }
}

export function readCsv(input: Uint8Array, limits: ImportLimits, file?: string, separator?: Separator): Workbook {
  checkFileSize(input.byteLength, limits);
  const { text, notice } = decodeText(input);
  if (text.includes('\u0000')) {
    throw new ParError(
      issue('csv.binary', { vi: 'tệp không phải văn bản CSV (có byte nhị phân)', en: 'the file is not CSV text (it holds binary bytes)' }, { file }),
    );
  }
  let records: string[][];
  try {
    records = parse(text, { delimiter: separator ?? detectSeparator(text), relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ParError(
      issue(
        'csv.syntax',
        {
          vi: `tệp CSV sai cú pháp${e.lines ? ` ở dòng ${e.lines}` : ''}: ${e.message}`,
          en: `the CSV file is malformed${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`,
        },
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
  return { format: 'csv', file, sheets: [{ name, rows }], notices: notice ? [notice] : [] };
}
