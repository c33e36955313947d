/**
 * Import and export of the platform's data as files people exchange: Excel (.xlsx) and CSV.
 * Pure functions where possible: bytes → workbook (readers), workbook + dataset → validated
 * core documents with the changes they would make (importers), dataset → tables (exporters,
 * templates), tables → bytes (writers). Nothing here stores anything: the caller writes the
 * documents (atomically: `writeFileAtomic`) or, later, the database in one transaction.
 */
import {
  fromDouble,
  toDecimalText,
  levelName,
  NATIONAL_GROUP,
  ParError,
  issue,
  planFramework,
  planOf,
  resultGroups,
  type Dataset,
  type ErrorCode,
  type Framework,
  type Issue,
  type Locale,
  type ResultsSet,
  type UnitLevel,
} from '../core/index.ts';
import { readCsv, type Separator } from './csv/read.ts';
import { writeCsv } from './csv/write.ts';
import { deductionsReport } from './export/deductions.ts';
import { frameworkTables } from './export/framework.ts';
import { instructionsTable } from './export/instructions.ts';
import { planTables } from './export/plan.ts';
import { rankingTables } from './export/ranking.ts';
import { resultsWorkbookTables, type Detail } from './export/resultsWorkbook.ts';
import { importFramework, type FrameworkImport, type FrameworkImportOptions } from './import/framework.ts';
import { importPlan, type PlanImport } from './import/plan.ts';
import { importUnits, type UnitsImport } from './import/unitList.ts';
import { importLineage } from './import/lineageTable.ts';
import { unitListTables, unitTemplateTables } from './export/units.ts';
import { importResults, type ResultsImport, type ResultsImportOptions } from './import/results.ts';
import { DEFAULT_LIMITS, type ImportLimits } from './limits.ts';
import type { ColumnFormat, OutTable, OutValue } from './table/output.ts';
import type { Workbook } from './table/types.ts';
import { readXlsx } from './xlsx/read.ts';
import { writeXlsx } from './xlsx/write.ts';

export { DEFAULT_LIMITS, limitsFromEnvironment, type ImportLimits } from './limits.ts';
export { writeFileAtomic, writePiecesAtomic } from './atomicWrite.ts';
export type { Workbook, Sheet, CellValue } from './table/types.ts';
export type { OutTable } from './table/output.ts';
export type { ResultsImport, FrameworkImport, PlanImport, UnitsImport, Detail };
export { auditCsvHead, auditCsvPage, auditTable } from './export/audit.ts';
export { planTables } from './export/plan.ts';
export { readXlsx, readCsv, writeXlsx, writeCsv };

export type FileFormat = 'xlsx' | 'csv';
export type ImportKind = 'framework' | 'results' | 'survey' | 'indicators' | 'plan' | 'units' | 'lineage';
export type ImportOutcome = ResultsImport | FrameworkImport | PlanImport | UnitsImport;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;
const isOle = (bytes: Uint8Array) => bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/**
 * The format of a file by its content, whatever its name: a zip is an .xlsx (the reader tells
 * an .ods), an OLE file an old .xls (refused by the reader with the way out), text is CSV. A
 * binary file named .xlsx goes to the .xlsx reader, which says it is not one.
 */
export function formatOf(bytes: Uint8Array, file?: string): FileFormat {
  if (isZip(bytes) || isOle(bytes)) return 'xlsx';
  if (file && /\.xlsx?$/i.test(file) && !looksLikeText(bytes)) return 'xlsx';
  return 'csv';
}

function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  const head = bytes.subarray(0, 4096);
  return head.length > 0 && !head.includes(0) && head.filter((b) => b < 0x09 || (b > 0x0d && b < 0x20)).length === 0;
}

export async function readWorkbook(
  bytes: Uint8Array,
  options: { file?: string; format?: FileFormat; limits?: ImportLimits; separator?: Separator } = {},
): Promise<Workbook> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (bytes.byteLength === 0)
    throw new ParError(
      issue(
        'import.emptyFile',
        { vi: 'tệp rỗng (0 byte): hãy chọn đúng tệp đã lưu', en: 'the file is empty (0 bytes): pick the saved file' },
        { file: options.file },
      ),
    );
  const format = options.format ?? formatOf(bytes, options.file);
  const workbook = format === 'xlsx' ? await readXlsx(bytes, limits, options.file) : readCsv(bytes, limits, options.file, options.separator);
  if (format === 'csv' && options.file && /\.xlsx$/i.test(options.file) && !options.format) {
    workbook.notices.unshift({
      vi: 'tệp có tên .xlsx nhưng là văn bản CSV: đã đọc như CSV',
      en: 'the file is named .xlsx but holds CSV text: it was read as CSV',
    });
  }
  return workbook;
}

export type ImportOptions = { kind: ImportKind } & Omit<ResultsImportOptions, 'kind'> & FrameworkImportOptions & { unit?: string; province?: string };

/** A workbook read as the kind asked, validated through the core, with what it would change. */
export function importWorkbook(workbook: Workbook, dataset: Dataset, options: ImportOptions): ImportOutcome {
  if (options.kind === 'framework') return importFramework(workbook, dataset, options);
  if (options.kind === 'lineage') return importLineage(workbook, dataset, { ...(options.province && { province: options.province }) });
  if (options.kind === 'units') return importUnits(workbook, dataset, { ...(options.province && { province: options.province }) });
  if (options.kind === 'plan') {
    const { unit, year } = options;
    if (!unit || !year) throw new ParError(planTarget(unit, year, 'import.planTarget'));
    return importPlan(workbook, dataset, { unit, year });
  }
  return importResults(workbook, dataset, { ...options, kind: options.kind as 'results' | 'survey' | 'indicators' });
}

/**
 * What a plan file or export is missing to know whose plan of which year: one issue per field.
 * Problems are phrased by field (unit, year); the command line shows its own option names.
 */
function planTarget(unit: string | undefined, year: number | undefined, code: ErrorCode): Issue[] {
  return [
    ...(unit ? [] : [issue(code, { vi: 'cần chọn đơn vị của kế hoạch', en: 'the unit whose plan it is is required' }, { field: 'unit' })]),
    ...(year ? [] : [issue(code, { vi: 'cần năm kế hoạch, vd. 2024', en: 'the plan year is required, e.g. 2024' }, { field: 'year' })]),
  ];
}

/** Reads and imports in one call (the web upload's path). */
export async function importFile(
  bytes: Uint8Array,
  dataset: Dataset,
  options: ImportOptions & { file?: string; format?: FileFormat; limits?: ImportLimits },
): Promise<ImportOutcome> {
  return importWorkbook(await readWorkbook(bytes, options), dataset, options);
}

/** " (có: a, b)": the framework ids one may choose. */
function known(dataset: Dataset, locale: Locale = 'vi'): string {
  const ids = [...dataset.frameworks.keys()].sort().join(', ');
  return ids ? (locale === 'vi' ? ` (có: ${ids})` : ` (available: ${ids})`) : '';
}

function frameworkById(dataset: Dataset, id: string | undefined): Framework {
  if (!id)
    throw new ParError(
      issue(
        'export.frameworkRequired',
        { vi: `cần chọn bộ tiêu chí${known(dataset)}`, en: `a framework is required${known(dataset, 'en')}` },
        { field: 'framework' },
      ),
    );
  const framework = dataset.frameworks.get(id);
  if (!framework)
    throw new ParError(
      issue(
        'export.frameworkNotFound',
        { vi: `không có bộ tiêu chí «${id}»${known(dataset)}`, en: `no framework "${id}"${known(dataset, 'en')}` },
        { field: 'framework' },
      ),
    );
  return framework;
}

export interface TemplateOptions {
  kind: Exclude<ImportKind, 'lineage'>;
  /** Framework id; a framework template without one is blank. */
  framework?: string;
  year?: number;
  detail?: Detail;
  /** Plan templates: the unit whose tasks the file will hold. */
  unit?: string;
  /** Units templates: the province (the only one when omitted). */
  province?: string;
}

/** A template to fill: the «Hướng dẫn» sheet first, then the sheets the importer reads, with the framework's units and criteria. */
export function templateTables(dataset: Dataset, options: TemplateOptions): OutTable[] {
  const framework = options.framework ? dataset.frameworks.get(options.framework) : undefined;
  const exampleUnit = framework && [...dataset.units.values()].find((u) => u.level === framework.level)?.name;
  const withSurvey = framework?.components.some((c) => c.source !== 'appraisal');
  return [instructionsTable(options.kind, { exampleUnit, withSurvey }), ...templateSheets(dataset, options)];
}

function templateSheets(dataset: Dataset, options: TemplateOptions): OutTable[] {
  if (options.kind === 'plan') {
    const unit = options.unit ? dataset.units.get(options.unit) : undefined;
    if (options.unit && !unit)
      throw new ParError(issue('export.unitNotFound', { vi: `không có đơn vị «${options.unit}»`, en: `no unit "${options.unit}"` }, { field: 'unit' }));
    const empty = { unitId: options.unit ?? '', year: options.year ?? 0, basedOn: (options.year ?? 0) - 1, tasks: [], tracking: [], reports: [] };
    const framework = unit && options.year ? planFramework(dataset, empty) : undefined;
    return planTables(empty, { unitName: unit?.fullName ?? unit?.name, ...(framework && { framework }) });
  }
  if (options.kind === 'framework') return frameworkTables(options.framework ? frameworkById(dataset, options.framework) : undefined);
  if (options.kind === 'units') return unitTemplateTables(dataset, options.province);
  const framework = frameworkById(dataset, options.framework);
  return resultsWorkbookTables(dataset, framework, options.year ?? framework.year, undefined, {
    kind: options.kind as 'results' | 'survey' | 'indicators',
    detail: options.detail,
  });
}

export type ExportWhat = 'results' | 'ranking' | 'deductions' | 'framework' | 'plan' | 'units';

function setsOf(dataset: Dataset, year: number, level?: string): ResultsSet[] {
  const sets = dataset.results.filter((s) => s.year === year && (!level || dataset.frameworks.get(s.frameworkId)?.level === level));
  if (!sets.length) throw new ParError(issue('export.noResults', { vi: `không có kết quả năm ${year}`, en: `no results for ${year}` }, { field: 'year' }));
  return sets;
}

/**
 * Tables of an export. Results: the stored data in the importable layout plus the computed
 * summary; ranking and deductions: figures from the core's computation and analysis.
 */
export function exportTables(
  dataset: Dataset,
  options: { what: ExportWhat; year?: number; level?: string; group?: string; framework?: string; unit?: string; province?: string },
): OutTable[] {
  if (options.what === 'units') return unitListTables(dataset, options.province);
  if (options.what === 'framework') return frameworkTables(frameworkById(dataset, options.framework));
  if (options.what === 'plan') {
    if (!options.unit || !options.year) throw new ParError(planTarget(options.unit, options.year, 'export.planTarget'));
    const plan = planOf(dataset, options.unit, options.year);
    const named = dataset.units.get(options.unit)?.name ?? options.unit;
    if (!plan)
      throw new ParError(
        issue('export.noPlan', { vi: `không có kế hoạch năm ${options.year} của ${named}`, en: `no ${options.year} plan of ${named}` }, { field: 'year' }),
      );
    const unit = dataset.units.get(plan.unitId);
    const framework = planFramework(dataset, plan);
    return planTables(plan, { unitName: unit?.fullName ?? unit?.name, ...(framework && { framework }) });
  }
  const year = options.year;
  if (year === undefined)
    throw new ParError(issue('export.yearRequired', { vi: 'cần năm đánh giá, vd. 2023', en: 'the assessment year is required, e.g. 2023' }, { field: 'year' }));
  let sets = setsOf(dataset, year, options.level);
  const group = options.group;
  if (group !== undefined && group !== NATIONAL_GROUP) {
    // Only the asked group's units: the summary and the ranking then rank that group alone, as it is ranked.
    const groups = resultGroups(dataset, year).filter((g) => !options.level || g.level === options.level);
    if (!groups.some((g) => g.group === group)) {
      const list = groups.map((g) => `${g.group} (${g.name})`).join(', ') || '—';
      throw new ParError(
        issue(
          'export.noGroup',
          {
            vi: `năm ${year} không có kết quả của nhóm ${group}; các nhóm có kết quả: ${list}`,
            en: `no results for group ${group} in ${year}; groups with results: ${list}`,
          },
          { field: 'group' },
        ),
      );
    }
    sets = sets.filter((s) => groups.some((g) => g.group === group && g.framework === s.frameworkId));
  }
  switch (options.what) {
    case 'results':
      if (sets.length > 1) {
        const levels = [...new Set(sets.map((set) => dataset.frameworks.get(set.frameworkId)!.level))];
        const choices = (locale: Locale) =>
          levels.map((level: UnitLevel) => `${level} (${levelName(level)[locale]})`).join(locale === 'vi' ? ' hoặc ' : ' or ');
        throw new ParError(
          issue(
            'export.severalSets',
            {
              vi: `năm ${year} có kết quả của nhiều cấp: chọn một cấp, ${choices('vi')}`,
              en: `${year} has results for several levels: choose one, ${choices('en')}`,
            },
            { field: 'level' },
          ),
        );
      }
      if (group && group !== NATIONAL_GROUP)
        return resultsWorkbookTables(dataset, dataset.frameworks.get(sets[0]!.frameworkId)!, year, inGroup(dataset, sets[0]!, group), { group });
      return resultsWorkbookTables(dataset, dataset.frameworks.get(sets[0]!.frameworkId)!, year, sets[0]!);
    case 'ranking':
      return sets.flatMap((set) => rankingTables(dataset, set, { ...(group && { group }) }));
    case 'deductions':
      return sets.map((set) => deductionsReport(dataset, group && group !== NATIONAL_GROUP ? inGroup(dataset, set, group) : set));
  }
}

/** The set with only the units of one peer group (a group's ranks are the same alone as among other groups). */
function inGroup(dataset: Dataset, set: ResultsSet, group: string): ResultsSet {
  return { ...set, units: set.units.filter((u) => dataset.units.get(u.unitId)?.peerGroup === group) };
}

/**
 * Tables as file bytes. An .xlsx holds them all; a CSV holds one table: the one named by
 * `sheet`, else the main table (the first with a header: results, ranking, framework tree),
 * with the rows of the tables of the same columns after it (a ranking's groups, each row naming its group).
 */
export async function writeTables(
  tables: OutTable[],
  options: { format: FileFormat; separator?: ';' | ','; locale?: Locale; sheet?: string },
): Promise<Uint8Array> {
  if (options.format === 'xlsx') return writeXlsx(tables, { locale: options.locale });
  const main = options.sheet ? tables.find((t) => t.name === options.sheet) : tables.find((t) => !t.keyValue);
  if (!main) throw new ParError(issue('export.noTable', { vi: 'không có bảng để ghi CSV', en: 'no table to write as CSV' }));
  const columns = JSON.stringify(main.columns.map((c) => c.header));
  const alike = options.sheet ? [main] : tables.filter((t) => !t.keyValue && JSON.stringify(t.columns.map((c) => c.header)) === columns);
  return writeCsv(alike.length > 1 ? { ...main, rows: alike.flatMap((t) => t.rows) } : main, { separator: options.separator, locale: options.locale });
}

/** Columns whose numbers are points or derived figures: decimal text in JSON, as every API answer sends them. */
const FIGURE_FORMATS = new Set<ColumnFormat>(['points', 'pointsExact', 'percent']);

/** A figure as the API sends it: exact decimal text with a dot ("9.52", "91.666666666667"); null stays null. */
const figureText = (v: number | null) => (v === null ? null : toDecimalText(fromDouble(v)));

/**
 * Tables as JSON values: points and percentages (columns of points or percent, the maxima row)
 * as exact decimal text ("78.119875"; a repeating percentage to 12 decimals: "91.666666666667"),
 * a date as its ISO text, counts, ranks and indicator quantities as numbers, text as it is.
 */
export function tablesToJson(tables: OutTable[]) {
  const value = (v: OutValue, figure: boolean) =>
    v !== null && typeof v === 'object' ? ('percent' in v ? toDecimalText(v.percent) : v.date) : figure && typeof v === 'number' ? figureText(v) : v;
  return tables.map((t) => ({
    name: t.name,
    ...(t.title && { title: t.title }),
    columns: t.columns.map((c) => ({ header: c.header, format: c.format })),
    ...(t.maxRow && { maxRow: { label: t.maxRow.label, values: t.maxRow.values.map(figureText) } }),
    rows: t.rows.map((row) => row.map((v, i) => value(v, FIGURE_FORMATS.has(t.columns[i]?.format ?? 'text')))),
    ...(t.footer && { footer: t.footer }),
    ...(t.keyValue && { keyValue: true }),
  }));
}
