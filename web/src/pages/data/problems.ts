/**
 * An import's refusal as a table a person can work through in Excel: sheet, row, column,
 * value and reason, as the server gives them: a cell issue carries its place (`cell`, set by
 * io/table/cells.ts where its message gets the same place in words); a sheet-wide issue names
 * the sheet in its field; any other message is shown whole.
 */
import type { ErrorIssue } from '../../../../src/server/responses.ts';

/** An issue as the API sends it (the contract's type, as api.ts's ApiIssue); this file stays free of the DOM, for its test under Node. */
type ApiIssue = ErrorIssue;
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

export function problemOf(issue: ApiIssue, locale: Locale): Problem {
  const problem: Problem = { reason: issue.message[locale], ...(issue.node && { node: issue.node }) };
  const place = issue.cell;
  if (!place) {
    // A problem of a whole sheet of the file (no header row) names the sheet alone.
    if (issue.field && issue.in) problem.sheet = issue.field;
    return problem;
  }
  return {
    sheet: place.sheet,
    row: place.row,
    column: place.column,
    ...(place.header !== undefined && { header: place.header }),
    ...(place.value !== undefined && { value: place.value }),
    ...problem,
    reason: place.reason[locale],
  };
}

/** Fields of the upload form itself: their problems are shown next to the field, not in the table. */
export const FORM_FIELDS = ['kind', 'year', 'unit', 'framework', 'file'] as const;
export const isFormIssue = (issue: ApiIssue) => (FORM_FIELDS as readonly string[]).includes(issue.field ?? '');
