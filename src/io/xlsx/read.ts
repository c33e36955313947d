/**
 * Reads an .xlsx into sheets of cell values through the one zip reader (`zip.ts`: the archive's
 * directory checked against the limits before anything is inflated, then only the parts read
 * inflated, once, within the deadline): the worksheets' XML is read by `sheetXml.ts`, values only. exceljs
 * (which writes our files) is not used to read them: its `load` builds the whole object model
 * (6 s and 530 MB for 600,000 cells), and its streaming reader in 4.4 stops after worksheets
 * stored before the shared strings (as Excel and exceljs's own writer order them).
 * Formulas: the value Excel stored with the formula is read (Excel and LibreOffice always
 * store it); a formula without a stored value, or whose value is an error, becomes a cell
 * problem that is reported only if an importer reads that cell.
 */
import { ParError, issue, type Message } from '../../core/index.ts';
import { checkFileSize, tooManyCells, type ImportLimits } from '../limits.ts';
import type { Workbook } from '../table/types.ts';
import { readSheetsXml } from './sheetXml.ts';
import { openZip } from './zip.ts';

/** The refusal of a read past `limits.timeoutMs`. */
function tooSlowFor(limits: ImportLimits, file?: string) {
  return () =>
    new ParError(
      issue(
        'xlsx.timeout',
        { vi: `đọc tệp quá ${limits.timeoutMs / 1000} giây: tệp bị từ chối`, en: `reading the file took over ${limits.timeoutMs / 1000} s: refused` },
        { file },
      ),
    );
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
        {
          vi: 'tệp OpenDocument (.ods, LibreOffice/WPS) chứ không phải .xlsx: hãy mở và lưu lại dạng Excel (.xlsx)',
          en: 'an OpenDocument file (.ods, LibreOffice/WPS), not an .xlsx: open it and save it as Excel (.xlsx)',
        },
        { file },
      ),
    );
  }
  // An old .xls is an OLE compound file.
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) {
    throw new ParError(
      issue(
        'xlsx.legacyFormat',
        { vi: 'tệp Excel 97-2003 (.xls) chưa được hỗ trợ: hãy lưu lại dạng .xlsx', en: 'Excel 97-2003 files (.xls) are not supported: save the file as .xlsx' },
        { file },
      ),
    );
  }
  // The time limit counts from here: the directory checks, every inflate and the sheets' parse.
  const deadline = Date.now() + limits.timeoutMs;
  const zip = openZip(bytes, limits, file);
  try {
    const { sheets, formulas } = await readSheetsXml(
      zip,
      { maxCells: limits.maxCells, deadline },
      { tooManyCells: () => tooManyCells(limits, file), tooSlow: tooSlowFor(limits, file) },
    );
    if (!sheets.length) {
      throw new ParError(issue('xlsx.noSheet', { vi: 'tệp .xlsx không có trang tính nào', en: 'the .xlsx file has no worksheet' }, { file }));
    }
    const notices: Message[] = formulas
      ? [
          {
            vi: `${formulas} ô có công thức: đã dùng giá trị Excel lưu sẵn của công thức`,
            en: `${formulas} cells hold formulas: their values as stored by Excel were used`,
          },
        ]
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
  }
}
