import { codeAlong, parseDocument } from '../document.ts';
import { ParError, inFile, issue } from '../errors.ts';
import type { Framework } from '../framework/types.ts';
import { parseWith } from '../validation.ts';
import { buildResults } from './build.ts';
import { resultsFile } from './schema.ts';
import type { ResultsSet } from './types.ts';

export type * from './types.ts';
export { referenceDateOf, reportsWithoutReference } from './reference.ts';
export { resultsDocument, unitResultDocument, givenScoreDocument, indicatorDocument, printedDocument } from './document.ts';
export { diffResults } from './diff.ts';
export { resultsFile, unitResultFile, indicatorFile, deductionFile, type ResultsFile, type UnitResultFile, type IndicatorFile } from './schema.ts';

/** Validates a parsed results document against the framework it names. */
export function readResults(data: unknown, frameworkById: (id: string) => Framework | undefined, file?: string): ResultsSet {
  return withUnits(data, () => readResultsOf(data, frameworkById, file));
}

/** Names the unit of every issue found under `units.N` (a file of 4,000 units is read by unit, not by index). */
function withUnits<T>(data: unknown, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ParError)) throw error;
    const units = (data as { units?: unknown } | null)?.units;
    const unitAt = (field: string | undefined) => {
      const index = field === undefined ? undefined : /^units\.(\d+)(\.|$)/.exec(field)?.[1];
      const entry = index === undefined || !Array.isArray(units) ? undefined : (units[Number(index)] as { unit?: unknown } | undefined);
      return typeof entry?.unit === 'string' ? entry.unit : undefined;
    };
    throw new ParError(error.issues.map((i) => ((i.unit ?? unitAt(i.field)) ? { ...i, unit: i.unit ?? unitAt(i.field) } : i)));
  }
}

function readResultsOf(data: unknown, frameworkById: (id: string) => Framework | undefined, file?: string): ResultsSet {
  const raw = parseWith(resultsFile, data, { file, locate: (path) => codeAlong(data, path) });
  const framework = frameworkById(raw.framework);
  if (!framework) {
    throw new ParError(
      issue(
        'results.frameworkNotFound',
        {
          vi: `không có bộ tiêu chí "${raw.framework}": kiểm tra mã, hoặc nạp kèm bộ tiêu chí (kind: framework) có id này`,
          en: `no framework "${raw.framework}": check the id, or load the framework (kind: framework) with this id along with it`,
        },
        { file, field: 'framework' },
      ),
    );
  }
  return file ? inFile(file, () => buildResults(raw, framework)) : buildResults(raw, framework);
}

export function parseResults(text: string, frameworkById: (id: string) => Framework | undefined, file?: string): ResultsSet {
  return readResults(parseDocument(text, file), frameworkById, file);
}
