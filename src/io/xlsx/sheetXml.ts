/**
 * The cells of an .xlsx read straight from its XML parts (workbook, relationships, shared
 * strings, styles, worksheets), inflated by the one zip reader (zip.ts) within its bounds. exceljs's
 * `load` builds a full object model (styles, formulas, every cell an object) and took 6 s and
 * 530 MB for a province's 600,000 cells; the importers need only values, so this reads them in
 * one pass over each part. It gives what exceljs gives the importers (see `cellValueOf` in
 * read.ts): shared, inline and rich-text strings as text, numbers in a date format as dates
 * (1900 or 1904 system), booleans, Excel errors and formulas as their stored value or as a cell
 * problem, cells covered by a merge left empty. Anything it cannot make sense of throws; the
 * caller turns that into the file's refusal.
 */
import type { Message } from '../../core/index.ts';
import type { CellValue, Sheet } from '../table/types.ts';
import type { Zip } from './zip.ts';

const decoder = new TextDecoder();
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function xmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e]!,
  );
}

/** The attributes of a tag's text (`r="B2" s="3" t="s"`). */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, xmlText(m[2] ?? m[3] ?? ''));
  return out;
}

/** The texts of a string item: its `<t>` runs joined, phonetic runs (`<rPh>`) left out. */
function runsText(xml: string): string {
  const plain = xml.includes('rPh') ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  let text = '';
  for (const m of plain.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += xmlText(m[1]!);
  return text;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(runsText(m[1] ?? ''));
  return out;
}

/** Built-in number formats that are dates or times (as exceljs reads them: 14–22, 45–47). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs's rule: a format is a date when, outside quotes and brackets, it has y, m, d, h, s or b. */
const isDateFormat = (code: string) => /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));

/** For each cell style index (`s`), whether numbers in it are dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attributes(m[1]!).get('numFmtId') ?? 0);
    if (!id) return false;
    return custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id);
  });
}

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** `B12` → [row index, column index] from 0 (`$` allowed), or undefined. */
function position(ref: string): [number, number] | undefined {
  let column = 0;
  let row = 0;
  let i = ref[0] === '$' ? 1 : 0;
  const start = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) break;
    column = column * 26 + (c - 64);
  }
  if (i === start || i - start > 3) return undefined;
  if (ref[i] === '$') i++;
  const digits = i;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    row = row * 10 + d;
  }
  if (i === digits || i - digits > 7 || row === 0) return undefined;
  return [row - 1, column - 1];
}

const cellKey = (row: number, column: number) => row * 16_384 + column;

function mergedCells(xml: string): Set<number> {
  const covered = new Set<number>();
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b([^>]*?)\/?>/g)) {
    const [from, to] = (attributes(m[1]!).get('ref') ?? '').split(':');
    const a = from && position(from);
    const b = to && position(to);
    if (!a || !b) continue;
    // Bounded: a merge over a whole column must not make a million keys.
    for (let r = a[0]; r <= Math.min(b[0], a[0] + 10_000); r++)
      for (let c = a[1]; c <= Math.min(b[1], a[1] + 1_000); c++) if (r !== a[0] || c !== a[1]) covered.add(cellKey(r, c));
  }
  return covered;
}

const errorProblem = (code: string): Message => ({
  vi: `ô có lỗi công thức ${code}: hãy sửa công thức hoặc nhập giá trị`,
  en: `the cell holds the formula error ${code}: fix the formula or type the value`,
});
const NO_STORED_VALUE: Message = {
  vi: 'ô có công thức nhưng chưa có giá trị tính sẵn: hãy mở tệp bằng Excel, lưu lại, hoặc dán giá trị thay cho công thức',
  en: 'the cell has a formula but no stored value: open the file in Excel and save it, or paste the values over the formulas',
};

const number = (text: string): CellValue => {
  const value = parseFloat(text);
  return Number.isFinite(value) ? value : { problem: errorProblem('#NUM!'), raw: text };
};

interface Context {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  counters: { formulas: number; cells: number };
  maxCells: number;
  tooManyCells: () => Error;
  /** When reading must have ended (Date.now() ms), checked as cells are read: the parse is synchronous, so no timer could stop it. */
  deadline: number;
  tooSlow: () => Error;
}

/** How many XML elements are read between two looks at the clock. */
const CLOCK_EVERY = 1024;

const CELL = /<(?:\w+:)?row\b([^>]*?)\/?>|<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

function readSheet(xml: string, context: Context): CellValue[][] {
  const rows: CellValue[][] = [];
  const covered = xml.includes('mergeCell') ? mergedCells(xml) : undefined;
  const formulas = new Map<string, string>();
  let row = -1;
  let column = -1;
  let read = 0;
  for (const m of xml.matchAll(CELL)) {
    if (++read % CLOCK_EVERY === 0 && Date.now() > context.deadline) throw context.tooSlow();
    if (m[1] !== undefined) {
      const r = attributes(m[1]).get('r');
      row = r === undefined ? row + 1 : Number(r) - 1;
      column = -1;
      continue;
    }
    const a = cellAttributes(m[2]!);
    const ref = a.r;
    const at = ref === undefined ? undefined : position(ref);
    if (at) [row, column] = at;
    else column++;
    if (row < 0 || row > 1_048_575 || column < 0 || column > 16_383) throw new Error(`cell ${ref ?? '?'} out of the sheet`);
    if (covered?.has(cellKey(row, column))) continue;
    const value = cellValue(m[3] ?? '', a, ref ?? '', formulas, context);
    if (value === null) continue;
    if (++context.counters.cells > context.maxCells) throw context.tooManyCells();
    const cells = (rows[row] ??= []);
    cells[column] = value;
  }
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i];
    if (cells === undefined) rows[i] = [];
    else for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
  }
  return rows;
}

interface CellAttributes {
  r?: string;
  s?: string;
  t?: string;
}

/** A cell's r, s and t, scanned by hand: a province's sheet has 600,000 cells. */
function cellAttributes(text: string): CellAttributes {
  const out: CellAttributes = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) break;
    const name = text.slice(i, eq).trim();
    let q = eq + 1;
    while (text[q] === ' ') q++;
    const quote = text[q];
    if (quote !== '"' && quote !== "'") break;
    const end = text.indexOf(quote, q + 1);
    if (end < 0) break;
    if (name === 'r' || name === 's' || name === 't') out[name] = xmlText(text.slice(q + 1, end));
    i = end + 1;
  }
  return out;
}

function cellValue(inner: string, a: CellAttributes, ref: string, formulas: Map<string, string>, context: Context): CellValue {
  const type = a.t ?? 'n';
  if (!inner) return null;
  const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(inner)?.[1];
  const value = v === undefined ? undefined : xmlText(v);
  const f = inner.includes('f') ? /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(inner) : null;
  const isDate = a.s !== undefined && context.dates[Number(a.s)] === true;
  if (f) {
    context.counters.formulas++;
    const fa = attributes(f[1]!);
    let formula = f[2] === undefined ? '' : xmlText(f[2]);
    if (fa.get('t') === 'shared' && fa.has('si')) {
      // The first cell of a shared formula holds its text; the others name it by its cell.
      if (formula) formulas.set(fa.get('si')!, ref);
      else formula = formulas.get(fa.get('si')!) ?? '';
    }
    const raw = `=${formula}`;
    if (!value) return { problem: NO_STORED_VALUE, raw };
    if (type === 'str') return value;
    if (type === 'b') return parseInt(value, 10) !== 0;
    if (type === 'e') return { problem: errorProblem(value), raw };
    const result = parseFloat(value);
    if (!Number.isFinite(result)) return { problem: errorProblem('#VALUE!'), raw };
    return isDate ? excelDate(result, context.date1904) : result;
  }
  if (type === 'inlineStr') {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1];
    return is === undefined ? null : runsText(is);
  }
  if (value === undefined) return null;
  switch (type) {
    case 's': {
      const text = context.strings[parseInt(value, 10)];
      if (text === undefined) throw new Error(`shared string ${value} missing`);
      return text;
    }
    case 'str':
      return value;
    case 'b':
      return parseInt(value, 10) !== 0;
    case 'e':
      return { problem: errorProblem(value), raw: value };
    default: {
      const n = number(value);
      return typeof n === 'number' && isDate ? excelDate(n, context.date1904) : n;
    }
  }
}

/** The path a relationship's target names, from the folder of the part that holds it. */
function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** The worksheets of an .xlsx (in the workbook's order) as rows of cell values, and the number of formula cells. */
export async function readSheetsXml(
  zip: Zip,
  limits: { maxCells: number; deadline: number },
  refusals: { tooManyCells: () => Error; tooSlow: () => Error },
): Promise<{ sheets: Sheet[]; formulas: number }> {
  const { deadline } = limits;
  const names = new Set<string>();
  const files = await zip.read(
    (name) => /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/i.test(name),
    deadline,
    refusals.tooSlow,
  );
  const text = (name: string) => {
    const key = [...files.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : decoder.decode(files.get(key));
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === undefined) throw new Error('xl/workbook.xml missing');
  const relations = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    if (/\/worksheet$/.test(a.get('Type') ?? '') && a.has('Id') && a.has('Target')) relations.set(a.get('Id')!, resolve('xl/workbook.xml', a.get('Target')!));
  }
  const listed = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)]
    .map((m) => attributes(m[1]!))
    // The relationship id is namespaced (r:id, whatever the prefix).
    .map((a) => ({ name: a.get('name') ?? '', path: relations.get([...a].find(([k]) => k.endsWith(':id'))?.[1] ?? '') }))
    .filter((s): s is { name: string; path: string } => s.path !== undefined);
  for (const s of listed) names.add(s.path.toLowerCase());
  const parts = await zip.read((name) => names.has(name.toLowerCase()), deadline, refusals.tooSlow);
  const byName = new Map([...parts].map(([k, v]) => [k.toLowerCase(), v]));
  const workbookPr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(workbook);
  const date1904 = workbookPr ? ['1', 'true'].includes(attributes(workbookPr[1]!).get('date1904') ?? '') : false;
  const context: Context = {
    strings: sharedStrings(text('xl/sharedStrings.xml')),
    dates: dateStyles(text('xl/styles.xml')),
    date1904,
    counters: { formulas: 0, cells: 0 },
    maxCells: limits.maxCells,
    ...refusals,
    deadline,
  };
  if (Date.now() > deadline) throw refusals.tooSlow();
  const sheets: Sheet[] = [];
  for (const s of listed) {
    const part = byName.get(s.path.toLowerCase());
    if (!part) continue;
    sheets.push({ name: s.name, rows: readSheet(decoder.decode(part), context) });
  }
  return { sheets, formulas: context.counters.formulas };
}
