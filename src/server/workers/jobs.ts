/**
 * The heavy jobs the server hands to its worker threads (pool.ts): each takes plain,
 * structured-cloneable input (the dataset travels separately, see pool.ts) and returns plain
 * output. A job throws ParError as anywhere else; the pool brings it back to the route whole.
 */
import {
  analysisToJson,
  analyzeProvince,
  analyzeUnit,
  compactAnalysis,
  foldScoreParts,
  issue,
  ParError,
  provinceToJson,
  rankingIndex,
  rankingSummary,
  type Dataset,
  type Locale,
} from '../../core/index.ts';
import { provinceRobustness } from '../../core/planning/montecarlo.ts';
import type { Questionnaire } from '../../core/survey/types.ts';
import { auditCsvPage, auditTable, exportTables, importFile, readWorkbook, tablesToJson, templateTables, writeTables, type OutTable } from '../../io/index.ts';
import type { ImportLimits } from '../../io/limits.ts';
import { readResponses, type UnitName } from '../../io/survey/responses.ts';
import { summarizeValidated } from '../../store/importPlan.ts';
import { buildReport, toDocx, writeReport, type ReportFormat } from '../../report/index.ts';
import { surveyDocumentFor } from '../../report/survey.ts';
import { changeJobs, holdChangeList } from './changeJobs.ts';
import type { AuditEntry } from '../../workflow/audit.ts';

type TableFileOptions = Parameters<typeof writeTables>[1];

/** JSON text as UTF-8 bytes, made here: a province's tables are megabytes to serialise. */
const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

type Ranked = { year: number; level: Parameters<typeof analyzeProvince>[2]; group: Parameters<typeof analyzeProvince>[3] };

/** Changes per piece of a change list's JSON text: parsed on the main thread a piece at a time (≈ 8 ms of CPU each at 600,000 changes; 20,000 took up to 100 ms), never all at once. */
export const LIST_CHUNK = 5_000;
const listChunks = (changes: unknown[]) => {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < changes.length; i += LIST_CHUNK) chunks.push(jsonBytes(changes.slice(i, i + LIST_CHUNK)));
  return chunks;
};

export const jobs = {
  /**
   * The figures recomputed after every write (store.computed), here so that a national ranking
   * (≈ 55–70 ms of CPU at 4,000 units) never holds the main thread: a ranking as JSON text
   * (`/api/results`), its index for pages and summaries (`/api/results/rows`), a unit's analysis.
   */
  province(dataset: Dataset, input: Ranked) {
    return jsonBytes(provinceToJson(analyzeProvince(dataset, input.year, input.level, input.group)));
  },
  /** The ranking's index (pages are cut from it on the main thread) and its summary (distributions, heat maps). */
  rankingIndex(dataset: Dataset, input: Ranked) {
    const index = rankingIndex(dataset, provinceToJson(analyzeProvince(dataset, input.year, input.level, input.group)));
    return { index, summary: rankingSummary(index) };
  },
  analysis(dataset: Dataset, input: { unit: string; year: number; near: boolean }) {
    const analysis = analysisToJson(analyzeUnit(dataset, input.unit, input.year));
    return jsonBytes(input.near ? compactAnalysis(analysis) : analysis);
  },
  /** Reads and validates an imported Excel/CSV file against the dataset (nothing is written). */
  importFile(dataset: Dataset, input: { bytes: Uint8Array; options: Parameters<typeof importFile>[2] }) {
    return importFile(input.bytes, dataset, input.options);
  },
  /**
   * A file's dry run made here: read, validated, diffed and summarised (the first `changes`
   * changes, their counts, the units they touch), so that kilobytes cross back to the main thread,
   * not a province-wide file's document and 1.2 million changes (≈ 140 MB to copy there). A file
   * that is not a results set gives back its document, which the store previews as any other.
   */
  async previewFile(dataset: Dataset, input: { bytes: Uint8Array; options: Parameters<typeof importFile>[2]; changes?: number; list?: string }) {
    const outcome = await importFile(input.bytes, dataset, input.options);
    const file = input.options.file ?? 'file';
    const base = { notices: outcome.notices, ignoredColumns: outcome.ignoredColumns };
    if ('results' in outcome && outcome.results && 'changes' in outcome && outcome.changes) {
      const whole = summarizeValidated(file, { basis: dataset, results: outcome.results, changes: outcome.changes }, undefined);
      const summary = input.changes === undefined ? whole : { ...whole, changes: whole.changes.slice(0, input.changes) };
      // Each score change once (a total and its part folded), counted here. The whole list, for the
      // province to review per unit and criterion and download (GET /api/import/changes/:id), comes
      // back as JSON text in one buffer, moved rather than copied: 600,000 change objects cloned
      // to the main thread stalled it for seconds; the text is parsed there only if it is reviewed.
      const folded = foldScoreParts(whole.changes);
      const listed = input.changes === undefined ? folded : folded.slice(0, input.changes);
      // Given an id (the job then runs pinned to it), the whole list stays here for review (changeJobs.ts).
      const held = input.list !== undefined && folded.length > 0;
      if (held) holdChangeList(input.list!, folded);
      return {
        ...base,
        summary,
        folded: {
          changes: listed,
          total: folded.length,
          unitsChanged: [...new Set(folded.map((c) => c.unitId).filter((u): u is string => u !== undefined))],
          held,
          list: folded.length && !held ? listChunks(folded) : undefined,
        },
      };
    }
    return { ...base, document: outcome.document };
  },
  /** A unit's report, rendered (DOCX through docx, PDF through LibreOffice, HTML, Markdown). */
  async report(dataset: Dataset, input: { unit: string; year: number; format: ReportFormat; survey?: { code: string; text: string }[] }) {
    const doc = buildReport(dataset, input.unit, input.year, input.survey);
    const bytes = await writeReport(doc, input.format);
    return { bytes, fileName: doc.fileName };
  },
  /** The survey's report as DOCX (its figures are computed by the route from the database). */
  async surveyReport(dataset: Dataset, input: { cycle: Parameters<typeof surveyDocumentFor>[1]; figures: Parameters<typeof surveyDocumentFor>[2] }) {
    const doc = surveyDocumentFor(dataset, input.cycle, input.figures);
    return { bytes: await toDocx(doc), fileName: doc.fileName };
  },
  /** Monte Carlo rank robustness of a province's units. */
  robustness(dataset: Dataset, input: { year: number; level: Parameters<typeof provinceRobustness>[2]; options: Parameters<typeof provinceRobustness>[3] }) {
    return provinceRobustness(dataset, input.year, input.level, input.options).map((d) => ({
      ...d,
      probabilities: d.probabilities ? [...d.probabilities] : null,
    }));
  },
  /**
   * An export or a template from the dataset, as file bytes (xlsx, CSV) or JSON text: the
   * tables are built and written here (at 4,000 units, seconds of ExcelJS and a large JSON text).
   */
  async exportFile(
    dataset: Dataset,
    input: {
      source: { kind: 'export'; options: Parameters<typeof exportTables>[1] } | { kind: 'template'; options: Parameters<typeof templateTables>[1] };
      format: TableFileOptions['format'] | 'json';
      separator?: ';' | ',';
      locale?: TableFileOptions['locale'];
    },
  ) {
    const tables = input.source.kind === 'export' ? exportTables(dataset, input.source.options) : templateTables(dataset, input.source.options);
    if (input.format === 'json') return jsonBytes(tablesToJson(tables));
    return writeTables(tables, { format: input.format, ...(input.separator && { separator: input.separator }), ...(input.locale && { locale: input.locale }) });
  },
  /** A page of the audit trail as CSV records (the export is streamed a page at a time, encoded here); no dataset. */
  auditCsvPage(_dataset: unknown, input: { entries: AuditEntry[]; options: { locale?: Locale } }) {
    return auditCsvPage(input.entries, input.options);
  },
  /**
   * The audit trail as an xlsx, from its pages as JSON text (bytes, in shared memory: nothing is
   * copied to come here), never the whole trail as objects.
   */
  auditXlsx(_dataset: unknown, input: { pages: Uint8Array<ArrayBufferLike>[]; locale?: Locale }) {
    const decoder = new TextDecoder();
    const entries = input.pages.flatMap((page) => JSON.parse(decoder.decode(page)) as AuditEntry[]);
    return writeTables([auditTable(entries)], { format: 'xlsx', ...(input.locale && { locale: input.locale }) });
  },
  /** Tables a route built (an audit trail, a change list, a survey report) written as xlsx or CSV; no dataset (pass null). */
  writeTables(_dataset: unknown, input: { tables: OutTable[]; options: TableFileOptions }) {
    return writeTables(input.tables, input.options);
  },
  /** A survey's answers read from an Excel/CSV file and checked against the questionnaire (nothing is written); no dataset. */
  async readSurveyResponses(
    _dataset: unknown,
    input: { bytes: Uint8Array; file?: string; limits: ImportLimits; questionnaire: Questionnaire; units: UnitName[] },
  ) {
    const workbook = await readWorkbook(input.bytes, { ...(input.file && { file: input.file }), limits: input.limits });
    return readResponses(workbook, input.questionnaire, input.units);
  },
  ...changeJobs,
  /** For tests: refuses as a validation would. */
  refuse(_dataset: Dataset, input: { field: string }) {
    throw new ParError(issue('job.refused', { vi: `trường ${input.field} không hợp lệ`, en: `the field ${input.field} is invalid` }, { field: input.field }));
  },
};

export type JobName = keyof typeof jobs;
export type JobInput<N extends JobName> = Parameters<(typeof jobs)[N]>[1];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof jobs)[N]>>;
/** What a job reads besides its input: the dataset, or nothing (null). */
export type JobDataset<N extends JobName> = Parameters<(typeof jobs)[N]>[0] extends Dataset ? Dataset : null;
