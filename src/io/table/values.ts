/**
 * Reading typed values out of cells typed by people: "9,52" and "9.52", Vietnamese thousands
 * ("1.339"), "62%", "−0,5", dates as Excel dates or dd/mm/yyyy, yes/no in Vietnamese.
 * Each reader returns undefined for an empty cell and throws a ParError (no place: the
 * caller adds the cell) for a value it cannot read.
 */
import { ParError, foldDiacritics, issue, parsePrinted, type Message } from '../../core/index.ts';
import { isProblem, type CellValue } from './types.ts';

function fail(code: string, message: Message): never {
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

/**
 * Points and other decimals (scores, maxima, percentages typed as 62 or 62%). A comma is the
 * decimal separator and dots then group thousands ("1.339,5"); without a comma a single dot
 * is a decimal point ("9.52", "1.339" = 1,339 points — scores are small), and only a number
 * grouped more than once ("1.234.567") is read as thousands.
 */
export function readDecimal(value: CellValue): number | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('import.notANumber', notANumber(String(v)));
    return cleanNumber(v);
  }
  if (typeof v !== 'string') fail('import.notANumber', notANumber(String(v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  const text = normaliseSigns(v).replace(/%$/, '');
  let plain: string | undefined;
  if (text.includes(',')) {
    if (/^[+-]?(\d{1,3}(\.\d{3})+|\d+),\d+$/.test(text)) plain = text.replace(/\./g, '').replace(',', '.');
  } else if (/^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(text)) plain = text.replace(/\./g, '');
  else if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) plain = text;
  if (plain === undefined) fail('import.notANumber', notANumber(v));
  return Number(plain);
}

/**
 * Counts and other quantities where Vietnamese grouping is the rule: "1.339" = 1339,
 * "2.818", "10", "1.339,5". Reads through the core's printed-figure reader.
 */
export function readQuantity(value: CellValue): number | undefined {
  const v = checked(value);
  if (v === undefined) return undefined;
  if (typeof v === 'number') return cleanNumber(v);
  if (typeof v !== 'string') fail('import.notANumber', notANumber(shown(v)));
  try {
    const { value: f } = parsePrinted(normaliseSigns(v));
    return Number(f.n) / Number(f.d);
  } catch {
    return fail('import.notANumber', notANumber(v));
  }
}

export function readInteger(value: CellValue, { min = 0 }: { min?: number } = {}): number | undefined {
  const n = readQuantity(value);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < min) {
    fail('import.notAnInteger', { vi: `«${shown(value)}» phải là số nguyên${min > 0 ? ` từ ${min} trở lên` : ' không âm'}`, en: `"${shown(value)}" must be a whole number${min > 0 ? ` of at least ${min}` : ' (not negative)'}` });
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
  let y: number, m: number, d: number;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail('import.notADate', notADate(shown(value)));
    // Excel dates carry no zone; exceljs gives them as UTC midnight.
    return v.toISOString().slice(0, 10);
  }
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2_958_466) {
    return new Date(EXCEL_EPOCH + v * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(v);
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return fail('import.notADate', notADate(text));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return fail('import.notADate', notADate(text));
  return date.toISOString().slice(0, 10);
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
  if (/^\d+(\.\d+)*$/.test(stripped)) return stripped.split('.').map((part) => String(Number(part))).join('.');
  return fail('import.code', { vi: `mã «${text}» không hợp lệ: dùng dạng 1, 1.2 hoặc 1.2.1`, en: `code "${text}" is not valid: use 1, 1.2 or 1.2.1` });
}

/** "100: 0,5; 50: 0,25" → [["100", "0,5"], ["50", "0,25"]]: a list of levels in one cell. */
export function readPairs(value: CellValue): [string, string][] | undefined {
  const text = readText(value);
  if (text === undefined) return undefined;
  const pairs: [string, string][] = [];
  for (const part of text.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean)) {
    const match = /^(.+?)\s*(?::|=|→|->)\s*(.+)$/.exec(part);
    if (!match) {
      fail('import.pairs', { vi: `«${part}» phải có dạng «mức: giá trị», các mức cách nhau bởi dấu chấm phẩy`, en: `"${part}" must read "level: value", levels separated by semicolons` });
    }
    pairs.push([match[1]!.replace(/^(≥|>=)\s*/, '').trim(), match[2]!.trim()]);
  }
  return pairs;
}
