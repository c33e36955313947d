/**
 * One error type for the whole platform: a stable code, the field (path) it concerns,
 * and the message in Vietnamese and English. Adapters choose the language to show.
 */
import type { ErrorCode } from './errorCodes.ts';

export type { ErrorCode } from './errorCodes.ts';
export type Locale = 'vi' | 'en';

export interface Message {
  vi: string;
  en: string;
}

/**
 * The cell of a table an issue was found at (an imported sheet), for screens that lay an
 * import's problems out as a table; `message` says the same place in words.
 */
export interface CellPlace {
  sheet: string;
  /** 1-based, as Excel shows it. */
  row: number;
  /** The column's letters, as Excel shows them (F, AB). */
  column: string;
  header?: string;
  value?: string;
  /** The message without the place it ends with. */
  reason: Message;
}

export interface Issue {
  /** Stable machine code, e.g. `framework.maxPointsSum` (registered in errorCodes.ts). */
  code: ErrorCode;
  /** Dotted path of the offending field, e.g. `components.0.children.2.maxPoints`. */
  field?: string;
  /** Unit concerned, when the input lists units (a results file): `tam-duong`. */
  unit?: string;
  /** Criterion code of the node concerned, when there is one (`6.2.2`). */
  node?: string;
  /** File the input came from, when it came from a file. */
  file?: string;
  /** The cell of an imported sheet it was found at. */
  cell?: CellPlace;
  message: Message;
}

export class ParError extends Error {
  readonly code: string;
  readonly issues: Issue[];

  constructor(issues: Issue[] | Issue) {
    const list = Array.isArray(issues) ? issues : [issues];
    if (list.length === 0) throw new TypeError('ParError needs at least one issue');
    super(list.map((i) => describeIssue(i, 'vi')).join('\n'));
    this.name = 'ParError';
    this.code = list[0]!.code;
    this.issues = list;
  }

  /** The messages in one language, one line per issue. */
  describe(locale: Locale = 'vi'): string {
    return this.issues.map((i) => describeIssue(i, locale)).join('\n');
  }
}

export function issue(code: ErrorCode, message: Message, where: Omit<Issue, 'code' | 'message'> = {}): Issue {
  return { code, message, ...where };
}

export function describeIssue(i: Issue, locale: Locale): string {
  const place = [
    i.file,
    i.unit ? (locale === 'vi' ? `đơn vị ${i.unit}` : `unit ${i.unit}`) : undefined,
    i.node ? (locale === 'vi' ? `tiêu chí ${i.node}` : `criterion ${i.node}`) : undefined,
    i.field,
  ]
    .filter(Boolean)
    .join(' › ');
  return place ? `${place}: ${i.message[locale]}` : i.message[locale];
}

/** Adds the file name to every issue of an error thrown while reading that file. */
export function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ParError) throw new ParError(error.issues.map((i) => ({ ...i, file: i.file ?? file })));
    throw error;
  }
}
