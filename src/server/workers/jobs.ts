/**
 * The heavy jobs the server hands to its worker threads (pool.ts): each takes plain,
 * structured-cloneable input (the dataset travels separately, see pool.ts) and returns plain
 * output. A job throws ParError as anywhere else; the pool brings it back to the route whole.
 */
import { ParError, issue, type Dataset } from '../../core/index.ts';
import { provinceRobustness } from '../../core/planning/montecarlo.ts';
import { importFile } from '../../io/index.ts';
import { summarizeValidated } from '../../store/importPlan.ts';
import { buildReport, writeReport, type ReportFormat } from '../../report/index.ts';

export const jobs = {
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
  async previewFile(dataset: Dataset, input: { bytes: Uint8Array; options: Parameters<typeof importFile>[2]; changes?: number }) {
    const outcome = await importFile(input.bytes, dataset, input.options);
    const file = input.options.file ?? 'file';
    const base = { notices: outcome.notices, ignoredColumns: outcome.ignoredColumns };
    if ('results' in outcome && outcome.results && 'changes' in outcome && outcome.changes) {
      // The whole change list comes back too (plain rows, far smaller than the validated set): the
      // province reviews it per unit and criterion and downloads it (GET /api/import/changes/:id).
      const whole = summarizeValidated(file, { basis: dataset, results: outcome.results, changes: outcome.changes }, undefined);
      const summary = input.changes === undefined ? whole : { ...whole, changes: whole.changes.slice(0, input.changes) };
      return { ...base, summary, allChanges: whole.changes };
    }
    return { ...base, document: outcome.document };
  },
  /** A unit's report, rendered (DOCX through docx, PDF through LibreOffice, HTML, Markdown). */
  async report(dataset: Dataset, input: { unit: string; year: number; format: ReportFormat; survey?: { code: string; text: string }[] }) {
    const doc = buildReport(dataset, input.unit, input.year, input.survey);
    const bytes = await writeReport(doc, input.format);
    return { bytes, fileName: doc.fileName };
  },
  /** Monte Carlo rank robustness of a province's units. */
  robustness(dataset: Dataset, input: { year: number; level: Parameters<typeof provinceRobustness>[2]; options: Parameters<typeof provinceRobustness>[3] }) {
    return provinceRobustness(dataset, input.year, input.level, input.options).map((d) => ({
      ...d,
      probabilities: d.probabilities ? [...d.probabilities] : null,
    }));
  },
  /** For tests: refuses as a validation would. */
  refuse(_dataset: Dataset, input: { field: string }) {
    throw new ParError(issue('job.refused', { vi: `trường ${input.field} không hợp lệ`, en: `the field ${input.field} is invalid` }, { field: input.field }));
  },
};

export type JobName = keyof typeof jobs;
export type JobInput<N extends JobName> = Parameters<(typeof jobs)[N]>[1];
export type JobOutput<N extends JobName> = Awaited<ReturnType<(typeof jobs)[N]>>;
