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
  const { rest, scores } = plainScoresApart(data);
  const raw = parseWith(resultsFile, rest, { file, locate: (path) => codeAlong(data, path) });
  // The plain scores set apart are what the schema would have given back for them (see plainScoresApart).
  if (scores.size) raw.units = raw.units.map((unit, index) => (scores.has(index) ? { ...unit, scores: scores.get(index)! } : unit));
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

const CODE = /^\d+(\.\d+)*$/;

/**
 * The document with each unit's `scores` set apart where the schema can only accept them as they
 * are: an object whose every key is a criterion code and every value a finite number (what a
 * province's file is, 600,000 times over — issue 16.7: zod read each through a record and two
 * unions, ≈ 1 s of a national load). Those the schema gives back unchanged (numbers pass
 * z.number() as they are), so they are not given to it; any other (a split score, a decimal
 * text, a wrong code or value) stays in the document, and the schema reads it and words what is
 * wrong as before. Keyed by the unit's index.
 */
function plainScoresApart(data: unknown): { rest: unknown; scores: Map<number, Record<string, number>> } {
  const scores = new Map<number, Record<string, number>>();
  const units = (data as { units?: unknown } | null)?.units;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Array.isArray(units)) return { rest: data, scores };
  const rest = units.map((unit: unknown, index) => {
    if (unit === null || typeof unit !== 'object' || Array.isArray(unit) || !Object.hasOwn(unit, 'scores')) return unit;
    const { scores: given, ...others } = unit as { scores: unknown };
    if (!isPlainScores(given)) return unit;
    scores.set(index, given);
    return others;
  });
  return { rest: scores.size ? { ...data, units: rest } : data, scores };
}

function isPlainScores(value: unknown): value is Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !CODE.test(key)) return false;
    const score = (value as Record<string, unknown>)[key];
    if (typeof score !== 'number' || !Number.isFinite(score)) return false;
  }
  return true;
}
