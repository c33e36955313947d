/**
 * Importing results, survey scores or indicator values from a workbook: the file's tables
 * become a patch, the patch is merged into the stored results of the year, and the merged
 * document goes through the core's validation, whose findings are placed back at the cells.
 * Nothing is written here: the caller gets the complete validated document and the changes,
 * or a ParError listing every problem.
 */
import {
  ParError,
  diffResults,
  issue,
  readResults,
  resultsDocument,
  type Change,
  type Dataset,
  type Framework,
  type Issue,
  type Message,
  type ResultsFile,
  type ResultsSet,
} from '../../core/index.ts';
import { atCell, cellIssue } from '../table/cells.ts';
import { mainSheet, sheetFor } from '../table/sheets.ts';
import type { Workbook } from '../table/types.ts';
import { readBoolean, readDate, readInteger, readText } from '../table/values.ts';
import { DOCUMENT_KINDS, RESULTS_INFO, readChoice } from '../table/vocabulary.ts';
import { readDeductionSheet } from './deductionSheet.ts';
import { readDeadlineSheet, readIndicatorSheet } from './indicatorSheets.ts';
import { infoText, readInfoSheet, type InfoEntry } from './infoSheet.ts';
import { mergePatch, Provenance, type ImportKind, type ResultsPatch } from './patch.ts';
import { readResultsSheet } from './resultsSheet.ts';
import { unitMatcher } from './units.ts';
import { findHeader } from '../table/header.ts';
import { headerKey } from '../table/cells.ts';

export interface ResultsImportOptions {
  kind: ImportKind;
  year?: number;
  /** Framework id; by default the only framework of the year (and level) in the dataset. */
  framework?: string;
  /** Results: drop stored units that the file does not list (default: keep them). */
  replace?: boolean;
  /** Name of the sheet holding the main table, when it is not named as expected. */
  sheet?: string;
}

export interface ResultsImport {
  kind: ImportKind;
  document: ResultsFile;
  results: ResultsSet;
  /** The stored results the import was merged into, if any. */
  stored?: ResultsSet;
  changes: Change[];
  notices: Message[];
  ignoredColumns: string[];
  skippedRows: number;
}

export function importResults(workbook: Workbook, dataset: Dataset, options: ResultsImportOptions): ResultsImport {
  const file = workbook.file;
  const issues: Issue[] = [];
  const provenance = new Provenance();
  const infoSheet = sheetFor(workbook, 'info');
  const info = infoSheet ? readInfoSheet(infoSheet, RESULTS_INFO) : new Map<string, InfoEntry[]>();
  const entry = (key: (typeof RESULTS_INFO)[number]['key']) => info.get(key)?.[0];

  const declared = entry('kind');
  if (declared) {
    const kind = atCell(declared.at, issues, () => readChoice(DOCUMENT_KINDS, readText(declared.value) ?? ''));
    if (kind !== undefined && kind !== options.kind && !(kind === 'results' && options.kind !== 'results')) {
      issues.push(
        cellIssue(
          'import.kindMismatch',
          {
            vi: `tệp này là dữ liệu «${readText(declared.value)}», không phải loại đang nhập`,
            en: `this file holds "${readText(declared.value)}" data, not the kind being imported`,
          },
          declared.at,
        ),
      );
    }
  }
  const infoYear = entry('year') && atCell(entry('year')!.at, issues, () => readInteger(entry('year')!.value, { min: 2000 }));
  if (infoYear !== undefined) provenance.document('year', entry('year')!.at);
  const frameworkId = options.framework ?? infoText(info, 'framework');
  if (entry('framework')) provenance.document('framework', entry('framework')!.at);
  const framework = chooseFramework(dataset, frameworkId, options.year ?? infoYear);
  const year = options.year ?? infoYear ?? framework.year;

  const patch: ResultsPatch = { kind: options.kind, year, framework, sections: new Set(), columns: new Set(), units: new Map(), provenance };
  const decision = infoText(info, 'decision');
  if (decision !== undefined) {
    const date = entry('date') && atCell(entry('date')!.at, issues, () => readDate(entry('date')!.value));
    patch.publication = {
      decision,
      ...(date !== undefined && { date }),
      ...(infoText(info, 'issuedBy') !== undefined && { issuedBy: infoText(info, 'issuedBy') }),
      ...(infoText(info, 'title') !== undefined && { title: infoText(info, 'title') }),
      ...(infoText(info, 'auditHead') !== undefined && { auditHead: infoText(info, 'auditHead') }),
    };
    for (const key of ['decision', 'date', 'issuedBy', 'title', 'auditHead'] as const)
      if (entry(key)) provenance.document(`publication.${key}`, entry(key)!.at);
  }
  const assessed = entry('assessedOn');
  if (assessed) {
    const date = atCell(assessed.at, issues, () => readDate(assessed.value));
    if (date !== undefined) patch.assessedOn = date;
    provenance.document('assessedOn', assessed.at);
  }
  if (info.has('notes'))
    patch.notes = info
      .get('notes')!
      .map((e) => readText(e.value))
      .filter((n): n is string => n !== undefined);
  if (entry('illustrative')) patch.illustrative = atCell(entry('illustrative')!.at, issues, () => readBoolean(entry('illustrative')!.value));

  const matcher = unitMatcher(dataset.units.values(), framework.level, year);
  const context = { matcher, issues, file };
  const ignoredColumns: string[] = [];
  let skippedRows = 0;
  if (options.kind === 'results' || options.kind === 'survey') {
    const sheet = mainSheet(workbook, options.kind === 'survey' ? 'survey' : 'results', options.sheet);
    patch.sections.add('scores');
    const outcome = readResultsSheet(sheet, patch, context);
    ignoredColumns.push(...outcome.ignored.map((c) => `${sheet.name}: ${c}`));
    skippedRows += outcome.skippedRows;
  }
  if (options.kind === 'results' || options.kind === 'indicators') {
    let indicators = sheetFor(workbook, 'indicators');
    let deadlines = sheetFor(workbook, 'deadlines');
    if (options.kind === 'indicators' && !indicators && !deadlines) {
      const only = mainSheet(workbook, 'indicators', options.sheet);
      const header = findHeader(only, (key) => key.startsWith('han'));
      if (header?.columns.some((c) => headerKey(c.label).startsWith('han'))) deadlines = only;
      else indicators = only;
    }
    if (indicators || deadlines) patch.sections.add('indicators');
    if (indicators) ignoredColumns.push(...readIndicatorSheet(indicators, patch, context).map((c) => `${indicators!.name}: ${c}`));
    if (deadlines) ignoredColumns.push(...readDeadlineSheet(deadlines, patch, context).map((c) => `${deadlines!.name}: ${c}`));
  }
  if (options.kind === 'results') {
    const deductions = sheetFor(workbook, 'deductions');
    if (deductions) {
      patch.sections.add('deductions');
      ignoredColumns.push(...readDeductionSheet(deductions, patch, context).map((c) => `${deductions.name}: ${c}`));
    }
  }
  if (issues.length) throw new ParError(issues.map((i) => ({ ...i, file })));
  if (patch.units.size === 0) {
    throw new ParError(issue('import.empty', { vi: 'tệp không có số liệu của đơn vị nào', en: 'the file has no figures for any unit' }, { file }));
  }

  const storedSet = dataset.results.find((s) => s.year === year && s.frameworkId === framework.id);
  const stored = storedSet && resultsDocument(storedSet, framework);
  const document = mergePatch(stored, patch, { replace: options.replace });
  let results: ResultsSet;
  try {
    results = readResults(document, (id) => dataset.frameworks.get(id));
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    throw new ParError(error.issues.map((i) => ({ ...provenance.locate(i, document), file })));
  }
  return {
    kind: options.kind,
    document,
    results,
    stored: storedSet,
    changes: diffResults(storedSet, results),
    notices: workbook.notices,
    ignoredColumns,
    skippedRows,
  };
}

function chooseFramework(dataset: Dataset, id: string | undefined, year: number | undefined): Framework {
  if (id !== undefined) {
    const framework = dataset.frameworks.get(id);
    if (framework) return framework;
    throw new ParError(issue('import.frameworkNotFound', { vi: `không có bộ tiêu chí «${id}»`, en: `no framework "${id}"` }, { field: 'framework' }));
  }
  const candidates = [...dataset.frameworks.values()].filter((f) => year === undefined || f.year === year);
  if (candidates.length === 1) return candidates[0]!;
  const list = candidates.map((f) => f.id).join(', ') || '—';
  throw new ParError(
    issue(
      'import.frameworkUnknown',
      {
        vi: `chưa rõ bộ tiêu chí: ghi «Mã bộ tiêu chí» ở trang «Thông tin» của tệp hoặc chọn bộ tiêu chí khi nhập (có: ${list})`,
        en: `which framework? give "Mã bộ tiêu chí" on the file's "Thông tin" sheet or choose the framework when importing (available: ${list})`,
      },
      { field: 'framework' },
    ),
  );
}
