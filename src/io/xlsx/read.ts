/**
 * Reads an .xlsx into sheets of cell values with exceljs, after the zip has passed `checkZip`
 * (which bounds what exceljs may inflate). exceljs's streaming reader is not used: in 4.4 it
 * stops reading the archive after worksheets that come before the shared strings (as Excel
 * and exceljs's own writer order them), losing the sheet names and the texts; `load` reads the
 * central directory, the same one the guard checked.
 * Formulas: the value Excel stored with the formula is read (Excel and LibreOffice always
 * store it); a formula without a stored value, or whose value is an error, becomes a cell
 * problem that is reported only if an importer reads that cell.
 */
import ExcelJS from 'exceljs';
import { ParError, issue, type Message } from '../../core/index.ts';
import { checkFileSize, tooManyCells, type ImportLimits } from '../limits.ts';
import type { CellValue, Sheet, Workbook } from '../table/types.ts';
import { checkZip } from './zipGuard.ts';

type RawValue = ExcelJS.CellValue | { sharedString: number } | undefined;

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((r) => r.text ?? '').join('');
}

const errorProblem = (code: string): Message => ({
  vi: `ô có lỗi công thức ${code}: hãy sửa công thức hoặc nhập giá trị`,
  en: `the cell holds the formula error ${code}: fix the formula or type the value`,
});

/** One exceljs value as a plain cell value. */
export function cellValueOf(raw: RawValue, counters: { formulas: number }): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { problem: errorProblem('#NUM!'), raw: String(raw) };
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (raw instanceof Date) return raw;
  if ('richText' in raw && Array.isArray(raw.richText)) return richText(raw);
  if ('formula' in raw || 'sharedFormula' in raw) {
    counters.formulas++;
    const formula = `=${'formula' in raw ? raw.formula : raw.sharedFormula}`;
    const result = (raw as { result?: unknown }).result;
    if (result === undefined || result === null) {
      return {
        problem: {
          vi: 'ô có công thức nhưng chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại, hoặc dán giá trị thay cho công thức',
          en: 'the cell has a formula but no stored value: open the file in Excel and save it, or paste the values over the formulas',
        },
        raw: formula,
      };
    }
    if (typeof result === 'object' && 'error' in (result as object)) return { problem: errorProblem(String((result as { error: unknown }).error)), raw: formula };
    if (typeof result === 'number' && !Number.isFinite(result)) return { problem: errorProblem('#VALUE!'), raw: formula };
    return cellValueOf(result as RawValue, counters);
  }
  if ('error' in raw) return { problem: errorProblem(String(raw.error)), raw: String(raw.error) };
  if ('text' in raw && typeof raw.text === 'string') return raw.text;
  if ('text' in raw && raw.text && typeof raw.text === 'object' && 'richText' in raw.text) return richText(raw.text as { richText: { text: string }[] });
  return { problem: { vi: 'không đọc được ô này', en: 'this cell cannot be read' }, raw: JSON.stringify(raw).slice(0, 40) };
}

async function readSheets(bytes: Buffer, limits: ImportLimits, file?: string): Promise<{ sheets: Sheet[]; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: Sheet[] = [];
  const counters = { formulas: 0 };
  let cells = 0;
  for (const worksheet of workbook.worksheets) {
    const rows: CellValue[][] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        // The cells a merge covers repeat its value in exceljs; files and CSV leave them empty, so do we.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const value = cellValueOf(cell.value as RawValue, counters);
        if (value === null) return;
        values[column - 1] = value;
        if (++cells > limits.maxCells) throw tooManyCells(limits, file);
      });
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
      rows[rowNumber - 1] = values;
    });
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    sheets.push({ name: worksheet.name, rows });
  }
  return { sheets, formulas: counters.formulas };
}

/** Bytes of an .xlsx → workbook of cell values, or a ParError saying why the file is refused. */
export async function readXlsx(input: Uint8Array, limits: ImportLimits, file?: string): Promise<Workbook> {
  checkFileSize(input.byteLength, limits);
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // An OpenDocument file starts with its uncompressed «mimetype» entry.
  if (bytes.subarray(30, 38).toString('latin1') === 'mimetype' && bytes.subarray(38, 120).toString('latin1').includes('opendocument')) {
    throw new ParError(
      issue(
        'xlsx.openDocument',
        { vi: 'tệp OpenDocument (.ods, LibreOffice/WPS) chứ không phải .xlsx: hãy mở và lưu lại dạng Excel (.xlsx)', en: 'an OpenDocument file (.ods, LibreOffice/WPS), not an .xlsx: open it and save it as Excel (.xlsx)' },
        { file },
      ),
    );
  }
  await checkZip(bytes, limits, file);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ParError(issue('xlsx.timeout', { vi: `đọc tệp quá ${limits.timeoutMs / 1000} giây: tệp bị từ chối`, en: `reading the file took over ${limits.timeoutMs / 1000} s: refused` }, { file }))),
      limits.timeoutMs,
    );
  });
  try {
    const { sheets, formulas } = await Promise.race([readSheets(bytes, limits, file), timeout]);
    if (!sheets.length) {
      throw new ParError(issue('xlsx.noSheet', { vi: 'tệp .xlsx không có trang tính nào', en: 'the .xlsx file has no worksheet' }, { file }));
    }
    const notices: Message[] = formulas
      ? [{ vi: `${formulas} ô có công thức: đã dùng giá trị Excel lưu sẵn của công thức`, en: `${formulas} cells hold formulas: their values as stored by Excel were used` }]
      : [];
    return { format: 'xlsx', file, sheets, notices };
  } catch (error) {
    if (error instanceof ParError) throw error;
    throw new ParError(
      issue(
        'xlsx.unreadable',
        {
          vi: `không đọc được tệp .xlsx (${(error as Error).message}); hãy mở bằng Excel và lưu lại dạng .xlsx`,
          en: `the .xlsx file cannot be read (${(error as Error).message}); open it in Excel and save it again as .xlsx`,
        },
        { file },
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}
