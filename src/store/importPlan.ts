/**
 * What importing an already validated results document does, decided without the database:
 * the changes of the units the document lists, the units a whole-truth file leaves out (kept, with
 * a notice), and the checks `buildDataset` would make across documents. Pure (the core only), so
 * that a worker thread can make a preview's summary and send back kilobytes, not the 1.2 million
 * changes of a province-wide file (issue 16.2).
 */
import { ParError, countChanges, issue, type Change, type Dataset, type Message, type ResultsSet } from '../core/index.ts';
import { cycleIdOf } from './save.ts';

/** A results document read and validated by the caller on `basis` (see importDocuments.ts ValidatedResults). */
export interface ValidatedInput {
  basis: Dataset;
  results: ResultsSet;
  changes: readonly Change[];
}

export interface ValidatedPlan {
  cycleId: string;
  /** The changes written: those of the units the document lists, and of the set's publication. */
  found: readonly Change[];
  notices: Message[];
}

export const changedUnits = (found: readonly Change[]) => [...new Set(found.map((c) => c.unitId).filter((u): u is string => u !== undefined))];

/**
 * The cross-document checks `buildDataset` makes on a results set, against the dataset the
 * set was validated with: every unit known, none with results of the same year in another set.
 */
function checkInDataset(set: ResultsSet, dataset: Dataset, file: string): void {
  const others = new Set(dataset.results.filter((s) => s.year === set.year && s.frameworkId !== set.frameworkId).flatMap((s) => s.units.map((u) => u.unitId)));
  const issues = set.units.flatMap((u, i) => [
    ...(dataset.units.has(u.unitId)
      ? []
      : [issue('dataset.unknownUnit', { vi: `không có đơn vị ${u.unitId}`, en: `no unit ${u.unitId}` }, { file, field: `units.${i}.unit` })]),
    ...(others.has(u.unitId)
      ? [
          issue(
            'dataset.duplicateResult',
            { vi: `đơn vị ${u.unitId} đã có kết quả năm ${set.year}`, en: `unit ${u.unitId} already has results for ${set.year}` },
            { file, field: `units.${i}.unit` },
          ),
        ]
      : []),
  ]);
  if (!dataset.frameworks.has(set.frameworkId))
    issues.push(
      issue(
        'results.frameworkNotFound',
        { vi: `không có bộ tiêu chí "${set.frameworkId}"`, en: `no framework "${set.frameworkId}"` },
        { file, field: 'framework' },
      ),
    );
  if (issues.length) throw new ParError(issues);
}

/**
 * The store's rule for results: the units the document lists are replaced, the others kept (so
 * the changes are those of the listed units, and of the set's publication); a file taken as the
 * whole truth (replace) drops the units it leaves out, which the store keeps and says so.
 */
export function planValidated(file: string, validated: ValidatedInput): ValidatedPlan {
  const { basis, results: set } = validated;
  checkInDataset(set, basis, file);
  const cycleId = cycleIdOf(set.year, set.frameworkId);
  const listed = new Set(set.units.map((u) => u.unitId));
  const found = validated.changes.filter((c) => c.unitId === undefined || listed.has(c.unitId));
  const kept = found.length === validated.changes.length ? [] : changedUnits(validated.changes).filter((u) => !listed.has(u));
  const notices: Message[] = kept.length
    ? [
        {
          vi: `${kept.length} đơn vị không có trong tệp vẫn giữ kết quả đã lưu (${kept
            .slice(0, 5)
            .map((u) => basis.units.get(u)?.name ?? u)
            .join(', ')}${kept.length > 5 ? ', …' : ''}): nhập tệp không bỏ đơn vị khỏi kỳ đánh giá`,
          en: `${kept.length} units the file leaves out keep their stored results (${kept
            .slice(0, 5)
            .map((u) => basis.units.get(u)?.name ?? u)
            .join(', ')}${kept.length > 5 ? ', …' : ''}): importing a file does not remove units from a cycle`,
        },
      ]
    : [];
  return { cycleId, found, notices };
}

/** A dry run's answer, made where the file was read: the first `limit` changes, their counts and the units they touch. */
export interface PreviewSummary {
  file: string;
  cycleId: string;
  changes: Change[];
  changesTotal: number;
  counts: ReturnType<typeof countChanges>;
  unitsChanged: string[];
  notices: Message[];
}

export function summarizeValidated(file: string, validated: ValidatedInput, limit: number | undefined): PreviewSummary {
  const { cycleId, found, notices } = planValidated(file, validated);
  return {
    file,
    cycleId,
    changes: limit === undefined ? [...found] : found.slice(0, limit),
    changesTotal: found.length,
    counts: countChanges(found),
    unitsChanged: changedUnits(found),
    notices,
  };
}
