/**
 * Reading typed values out of cells typed by people: "9,52" and "9.52", Vietnamese thousands
 * ("1.339"), "62%", "−0,5", dates as Excel dates or dd/mm/yyyy, yes/no in Vietnamese.
 * Each reader returns undefined for an empty cell and throws a ParError (no place: the
 * caller adds the cell) for a value it cannot read.
 */
import { ParError, foldDiacritics, issue, parsePrinted, readDecimalText, type DecimalMark, type ErrorCode, type Message } from '../../core/index.ts';
import { isProblem, type CellValue } from './types.ts';
import { parseWrittenDate } from '../../core/dates.ts';

function fail(code: ErrorCode, message: Message): never {
  throw new ParError(issue(code, message));
}

function checked(value: CellValue): Exclude<CellValue, null> | undefined {
  if (value === null) return undefined;
  if (isProblem(value)) fail('import.cellProblem', value.problem);
  if (typeof value === 'string') {
    const text = value.normalize('NFC').trim();
    // A dash is how published tables leave a figure out.
    if (text === '' || /^[-–—]$/.test(text)) return undefined;
    return text;
  }
  return value;
}

/**
 * A double from a spreadsheet (9.52, or 9.520000000000001 from a formula) as the decimal a
 * person meant: binary noise below 1e-9 is dropped; real digits beyond 6 decimals are kept
 * (and refused later by the core as too precise).
 */
export function cleanNumber(value: number): number {
  if (!Number.isFinite(value)) return value;
  const rounded = Math.round(value * 1e6) / 1e6;
  return Math.abs(rounded - value) <= 1e-9 * Math.max(1, Math.abs(value)) ? rounded : value;
}

function normaliseSigns(text: string): string {
  return text.replace(/[\u2212\u2013]/g, '-').replace(/[\s\u00a0\u202f]/g, '');
}

const notANumber = (text: string): Message => ({ vi: `«${text}» không phải là số`, en: `"${text}" is not a number` });

/** The decimal separator a figure is written with (the core's); the other mark then groups thousands. */
export type { DecimalMark };

const OTHER: Record<DecimalMark, DecimalMark> = { ',': '.', '.': ',' };

interface Reading {
  value: number;
  /** The same figure as the core reads printed ones: a decimal comma, no grouping ("1339,5"). */
  printed: string;
}

/**
 * The number `text` is when `mark` separates its decimals ("1.339,5" with "," or "1,339.5" with
 * ".", groups of three never led by 0, "9," and ",5" as typed); undefined when it cannot be read so.
 */
function readWith(text: string, mark: DecimalMark): Reading | undefined {
  const digits = readDecimalText(text, { mark, grouping: true, loose: true });
  if (!digits) return undefined;
  const sign = text.startsWith('-') ? '-' : text.startsWith('+') ? '+' : '';
  return { value: Number(digits.plain), printed: `${sign}${digits.whole}${digits.fraction ? `,${digits.fraction}` : ''}` };
}

/**
 * What one written number says about its column's decimal mark: nothing (a whole number, or a
 * text that reads the same either way), a mark for sure ("1,5", "0,889", "9.52", "1.339,5"),
 * or the mark it is written with when that one decides its value ("15.753": 15,753 or 15753).
 */
type Evidence = { kind: 'none' } | { kind: 'sure'; mark: DecimalMark } | { kind: 'ambiguous'; written: DecimalMark };

function evidenceOf(text: string): Evidence {
  const comma = readWith(text, ',');
  const dot = readWith(text, '.');
  if (comma && dot) return comma.value === dot.value ? { kind: 'none' } : { kind: 'ambiguous', written: text.includes(',') ? ',' : '.' };
  if (comma || dot) return { kind: 'sure', mark: comma ? ',' : '.' };
  return { kind: 'none' };
}

/** A cell's text as a number is written: signs normalised, spaces and a trailing % dropped. */
function numberText(v: string): string {
  return normaliseSigns(v).replace(/%$/, '');
}

/**
 * Reads a written number. `mark` is its column's decimal mark (see `decimalMarkOf`); a cell
 * that can only be read with the other mark ("9.52" in a column of "9,52") is read with that
 * one. Without a column, the cell decides alone: a comma is the decimal mark and dots then
 * group thousands ("1.339,5"); without a comma a single dot is a decimal point ("9.52", "1.339"
 * = 1,339 points — scores are small), and a number grouped more than once ("1.234.567") reads
 * as thousands.
 */
function readWritten(v: string, mark: DecimalMark | undefined): Reading {
  const text = numberText(v);
  const first = mark ?? (text.includes(',') ? ',' : '.');
  const reading = readWith(text, first) ?? readWith(text, OTHER[first]);
  if (!reading) fail('import.notANumber', notANumber(v));
  return reading;
}

/**
 * Points and other decimals (scores, maxima, percentages typed as 62 or 62%), written with
 * `mark` as decimal separator when the column's is known (`decimalMarkOf`), else as the cell
 * alone says (see `readWritten`).
 */
export function readDecimal(value: CellValue, mark?: DecimalMark): number | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('import.notANumber', notANumber(String(v)));
    return cleanNumber(v);
  }
  if (typeof v !== 'string') fail('import.notANumber', notANumber(String(v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  return readWritten(v, mark).value;
}

/**
 * Points (a score, a survey part): a decimal as `readDecimal` reads it, but never a percentage —
 * "20%" in a points cell is a share someone meant to convert, not 20 points.
 */
export function readPointsCell(value: CellValue, mark?: DecimalMark): number | undefined {
  if (typeof value === 'string' && /%\s*$/.test(value)) {
    fail('import.percentInPoints', {
      vi: `«${value.trim()}» là tỷ lệ phần trăm, không phải số điểm: hãy ghi số điểm đạt (vd. 2,5)`,
      en: `"${value.trim()}" is a percentage, not points: write the points obtained (e.g. 2.5)`,
    });
  }
  return readDecimal(value, mark);
}

/**
 * A printed figure (a published total, a percent) as the core reads printed figures: the
 * cell's own text when the core reads it as the column does ("78,12", "22.3"), else the same
 * digits with a decimal comma ("15.753" in a column of dot decimals → "15,753", three decimals
 * kept); a number cell stays a number.
 */
export function readPrintedFigure(value: CellValue, mark?: DecimalMark): number | string | undefined {
  const v = checked(value);
  if (v === undefined || typeof v !== 'string') return readDecimal(value, mark);
  const reading = readWritten(v, mark);
  const text = v.replace(/\s/g, '');
  const percent = text.endsWith('%') ? '%' : '';
  try {
    const core = parsePrinted(text);
    if (Number(core.value.n) / Number(core.value.d) === reading.value && core.decimals === (reading.printed.split(',')[1] ?? '').length) return text;
  } catch {
    // written in a way the core does not read: given in its form below
  }
  return `${reading.printed}${percent}`;
}

/**
 * Counts and other quantities where Vietnamese grouping is the rule: "1.339" = 1339,
 * "2.818", "10", "1.339,5" — unless the column writes its decimals with a dot (`mark` ".").
 */
export function readQuantity(value: CellValue, mark?: DecimalMark): number | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (typeof v === 'number') return cleanNumber(v);
  if (typeof v !== 'string') fail('import.notANumber', notANumber(shown(v)));
  return readWritten(v, mark ?? ',').value;
}

/** How a column's numbers are read: points (a single "1.339" is 1,339) or counts (ranks, numbers of units: 1339). */
export type NumberKind = 'points' | 'count';

export interface ColumnMark {
  /** The column's decimal mark; undefined when its cells read the same either way. */
  mark?: DecimalMark;
  /** Cells whose value depends on a mark the column does not settle, each with why (no place: the caller adds the cell). */
  conflicts: { index: number; message: Message }[];
}

/**
 * The decimal mark of a column, decided from all its cells, not cell by cell: a column that
 * writes "15.753" beside "14.201" and "9.870" writes decimals with a dot, whatever the next
 * column does; a column that writes "1,5" reads "1,978" as 1,978 points. A cell written with
 * the mark only it uses, where that decides its value ("15.753" and "15,753" in one column, or
 * "1.234" under "1,5" in points), is a conflict the person resolves: nothing is guessed.
 * Whole numbers and cells that read the same either way say nothing; for counts a column that
 * says nothing takes `sheetMark`, the mark of the sheet's other number columns.
 * `cells`: each value with the name of its cell for messages ("L3").
 */
export function decimalMarkOf(cells: { value: CellValue; cell: string }[], kind: NumberKind, sheetMark?: DecimalMark): ColumnMark {
  const sure = new Map<DecimalMark, { text: string; cell: string }>();
  const ambiguous: { index: number; written: DecimalMark; text: string; cell: string }[] = [];
  cells.forEach(({ value, cell }, index) => {
    if (typeof value !== 'string') return;
    const text = value.normalize('NFC').trim();
    const found = evidenceOf(numberText(text));
    if (found.kind === 'sure' && !sure.has(found.mark)) sure.set(found.mark, { text, cell });
    if (found.kind === 'ambiguous') ambiguous.push({ index, written: found.written, text, cell });
  });
  const conflicts: ColumnMark['conflicts'] = [];
  if (sure.size === 2) {
    const comma = sure.get(',')!;
    const dot = sure.get('.')!;
    for (const a of ambiguous) {
      const { decimal, grouped } = bothReadings(a.text, a.written);
      conflicts.push({
        index: a.index,
        message: {
          vi: `cột này viết số thập phân lúc bằng dấu phẩy (ô ${comma.cell} «${comma.text}»), lúc bằng dấu chấm (ô ${dot.cell} «${dot.text}») nên không rõ «${a.text}» là ${decimal.vi} hay ${grouped.vi}: hãy viết cả cột cùng một kiểu`,
          en: `this column writes decimals both with a comma (cell ${comma.cell} "${comma.text}") and with a dot (cell ${dot.cell} "${dot.text}"), so "${a.text}" may be ${decimal.en} or ${grouped.en}: write the whole column one way`,
        },
      });
    }
    return { conflicts };
  }
  if (sure.size === 1) {
    const [[mark, witness]] = [...sure] as [[DecimalMark, { text: string; cell: string }]];
    if (kind === 'points') {
      for (const a of ambiguous.filter((a) => a.written !== mark)) {
        const { decimal, grouped } = bothReadings(a.text, a.written);
        const rewritten = mark === ',' ? decimal.vi : decimal.en;
        conflicts.push({
          index: a.index,
          message: {
            vi: `cột này viết số thập phân bằng dấu ${MARK_NAMES[mark].vi} (ô ${witness.cell} «${witness.text}») nên «${a.text}» sẽ là ${grouped.vi} điểm: nếu là ${decimal.vi} điểm, hãy viết «${rewritten}»`,
            en: `this column writes decimals with a ${MARK_NAMES[mark].en} (cell ${witness.cell} "${witness.text}"), so "${a.text}" would be ${grouped.en} points: if it means ${decimal.en} points, write "${rewritten}"`,
          },
        });
      }
    }
    return { mark, conflicts };
  }
  const first = ambiguous[0];
  if (!first) return { mark: kind === 'count' ? sheetMark : undefined, conflicts };
  for (const a of ambiguous.filter((a) => a.written !== first.written)) {
    const { decimal, grouped } = bothReadings(a.text, a.written);
    conflicts.push({
      index: a.index,
      message: {
        vi: `cột này viết «${first.text}» (ô ${first.cell}) bằng dấu ${MARK_NAMES[first.written].vi} nhưng ô này viết bằng dấu ${MARK_NAMES[a.written].vi}: không rõ «${a.text}» là ${decimal.vi} hay ${grouped.vi}; hãy viết cả cột cùng một kiểu`,
        en: `this column writes "${first.text}" (cell ${first.cell}) with a ${MARK_NAMES[first.written].en} but this cell with a ${MARK_NAMES[a.written].en}: "${a.text}" may be ${decimal.en} or ${grouped.en}; write the whole column one way`,
      },
    });
  }
  // Points are small: "15.753" is 15,753 points. A count («1.000» a rank?) follows the sheet's other columns.
  return { mark: kind === 'points' ? first.written : sheetMark, conflicts };
}

const MARK_NAMES: Record<DecimalMark, Message> = { ',': { vi: 'phẩy', en: 'comma' }, '.': { vi: 'chấm', en: 'dot' } };

/** An ambiguous cell's two values as each language writes them: with its mark as decimals ("15,753" / "15.753"), and as grouping ("15753"). */
function bothReadings(text: string, written: DecimalMark): { decimal: Message; grouped: Message } {
  const shown = (reading: Reading): Message => ({ vi: reading.printed, en: reading.printed.replace(',', '.') });
  return { decimal: shown(readWith(numberText(text), written)!), grouped: shown(readWith(numberText(text), OTHER[written])!) };
}

export function readInteger(value: CellValue, { min = 0, mark }: { min?: number; mark?: DecimalMark } = {}): number | undefined {
  const n = readQuantity(value, mark);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min) {
    fail('import.notAnInteger', {
      vi: `«${shown(value)}» phải là số nguyên${min > 0 ? ` từ ${min} trở lên` : ' không âm'}`,
      en: `"${shown(value)}" must be a whole number${min > 0 ? ` of at least ${min}` : ' (not negative)'}`,
    });
  }
  return n;
}

export function readText(value: CellValue): string | undefined {
  const v = value === null || isProblem(value) ? checkedText(value) : value;
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const text = (typeof v === 'number' ? String(cleanNumber(v)) : String(v)).normalize('NFC').trim();
  return text === '' ? undefined : text;
}

function checkedText(value: CellValue): undefined {
  if (value !== null && isProblem(value)) fail('import.cellProblem', value.problem);
  return undefined;
}

const YES = new Set(['co', 'x', 'dat', 'yes', 'y', 'true', '1', 'minh hoa']);
const NO = new Set(['khong', 'khong dat', 'no', 'n', 'false', '0']);

export function readBoolean(value: CellValue): boolean | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  const key = foldDiacritics(String(v)).toLowerCase().trim();
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return fail('import.notABoolean', { vi: `«${shown(value)}» phải là «Có» hoặc «Không»`, en: `"${shown(value)}" must be yes ("Có") or no ("Không")` });
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as ISO text: an Excel date, an Excel serial number, dd/mm/yyyy, d-m-yyyy or yyyy-mm-dd. */
export function readDate(value: CellValue): string | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('import.notADate', notADate(shown(value)));
    // Excel dates carry no zone; exceljs gives them as UTC midnight.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2_958_466) {
    return new Date(EXCEL_EPOCH + v * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(v);
  return parseWrittenDate(text, { lenient: true }) ?? fail('import.notADate', notADate(text));
}

const notADate = (text: string): Message => ({ vi: `«${text}» không phải là ngày (dạng dd/mm/yyyy)`, en: `"${text}" is not a date (dd/mm/yyyy)` });

function shown(value: CellValue): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/**
 * A criterion code as people write it: "1.2.1", "1.2.1.", "Tiêu chí 1.2", a number cell 6.
 * Returns undefined for an empty cell; throws for anything else that is not a code.
 */
export function readCode(value: CellValue): string | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  const text = typeof v === 'number' ? String(v) : String(v);
  const stripped = foldDiacritics(text)
    .toLowerCase()
    .replace(/^(chi so thanh phan|chi so|tieu chi thanh phan|tieu chi|linh vuc|ma)\s*/, '')
    .replace(/\s+/g, '')
    .replace(/\.$/, '');
  if (/^\d+(\.\d+)*$/.test(stripped))
    return stripped
      .split('.')
      .map((part) => String(Number(part)))
      .join('.');
  return fail('import.code', { vi: `mã «${text}» không hợp lệ: dùng dạng 1, 1.2 hoặc 1.2.1`, en: `code "${text}" is not valid: use 1, 1.2 or 1.2.1` });
}

/** "100: 0,5; 50: 0,25" → [["100", "0,5"], ["50", "0,25"]]: a list of levels in one cell. */
export function readPairs(value: CellValue): [string, string][] | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  const pairs: [string, string][] = [];
  for (const part of text
    .split(/[;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(.+?)\s*(?::|=|→|->)\s*(.+)$/.exec(part);
    if (!match) {
      fail('import.pairs', {
        vi: `«${part}» phải có dạng «mức: giá trị», các mức cách nhau bởi dấu chấm phẩy`,
        en: `"${part}" must read "level: value", levels separated by semicolons`,
      });
    }
    pairs.push([match[1]!.replace(/^(≥|>=)\s*/, '').trim(), match[2]!.trim()]);
  }
  return pairs;
}
