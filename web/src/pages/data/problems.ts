/**
 * An import's refusal as a table a person can work through in Excel: sheet, row, column,
 * value and reason, read from the issues exactly as the server gives them. A cell issue's
 * field is `Sheet!F7`; its message ends with the place the importer appended
 * (`… (ô F7, cột «3. Cải cách thủ tục hành chính», giá trị «14.5»)`, io/table/cells.ts), which
 * becomes the column and value cells; a message without it is shown whole.
 */

/** An issue as the API sends it (ApiIssue in api.ts); this file stays free of the DOM, for its test under Node. */
interface ApiIssue {
  code: string;
  field?: string;
  node?: string;
  in?: string;
  message: { vi: string; en: string };
}
type Locale = 'vi' | 'en';

export interface Problem {
  sheet?: string;
  row?: number;
  /** The column's letter (F) and, when the message names it, its header. */
  column?: string;
  header?: string;
  value?: string;
  /** Criterion concerned, when there is one. */
  node?: string;
  reason: string;
}

const PLACE = {
  vi: /^([\s\S]*) \(ô ([A-Z]+\d+)(?:, cột «([\s\S]*?)»)?(?:, giá trị «([\s\S]*)»)?\)$/,
  en: /^([\s\S]*) \(cell ([A-Z]+\d+)(?:, column "([\s\S]*?)")?(?:, value "([\s\S]*)")?\)$/,
};

export function problemOf(issue: ApiIssue, locale: Locale): Problem {
  const message = issue.message[locale];
  const problem: Problem = { reason: message, ...(issue.node && { node: issue.node }) };
  const field = issue.field ?? '';
  const bang = field.lastIndexOf('!');
  const cell = bang > 0 ? /^([A-Z]+)(\d+)$/.exec(field.slice(bang + 1)) : null;
  if (!cell) {
    // A problem of a whole sheet of the file (no header row) names the sheet alone.
    if (field && issue.in) problem.sheet = field;
    return problem;
  }
  problem.sheet = field.slice(0, bang);
  problem.column = cell[1];
  problem.row = Number(cell[2]);
  const place = PLACE[locale].exec(message);
  if (place && place[2] === `${cell[1]}${cell[2]}`) {
    problem.reason = place[1]!;
    if (place[3] !== undefined) problem.header = place[3];
    if (place[4] !== undefined) problem.value = place[4];
  }
  return problem;
}

/** Fields of the upload form itself: their problems are shown next to the field, not in the table. */
export const FORM_FIELDS = ['kind', 'year', 'unit', 'framework', 'file'] as const;
export const isFormIssue = (issue: ApiIssue) => (FORM_FIELDS as readonly string[]).includes(issue.field ?? '');
