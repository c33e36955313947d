/**
 * Survey answers from a file (Excel or CSV): one row per response, columns "Đơn vị" (the unit's
 * id or name), "Nhóm" (the group's id or name), optional "Số phiếu" and "Ngày", then one column
 * per question headed by its id ("q1" or "q1. Ông/bà hài lòng …"). Every answer is checked by the
 * core; a problem is placed at its cell, and a file with any problem imports nothing.
 */
import { ParError, issue, type Issue } from '../../core/index.ts';
import { parseWrittenDate } from '../../core/dates.ts';
import { checkAnswers, questionsFor, type Answers, type Questionnaire } from '../../core/survey/index.ts';
/** One response read from a file (the store writes it). */
export interface ImportedResponse {
  unit: string;
  group: string;
  answers: Answers;
  formNumber?: string;
  collectedOn?: string;
}
import { cellIssue, headerKey, shownValue, type CellAt } from '../table/cells.ts';
import type { OutTable } from '../table/output.ts';
import { isProblem, type CellValue, type Workbook } from '../table/types.ts';

export interface UnitName {
  id: string;
  name: string;
}

const MAX_ISSUES = 200;

const HEADERS = {
  unit: ['don vi', 'ma don vi', 'unit'],
  group: ['nhom', 'nhom doi tuong', 'group'],
  form: ['so phieu', 'form'],
  day: ['ngay', 'ngay khao sat', 'date'],
};

export function readResponses(workbook: Workbook, questionnaire: Questionnaire, units: UnitName[]): ImportedResponse[] {
  const sheet = workbook.sheets.find((s) => s.rows.some((r) => r.some((c) => c !== null && c !== '')));
  if (!sheet) throw new ParError(issue('import.emptyFile', { vi: 'tệp không có dòng nào', en: 'the file has no rows' }));
  const headerRow = sheet.rows.findIndex((r) => r.some((c) => typeof c === 'string' && HEADERS.unit.includes(headerKey(c))));
  if (headerRow < 0)
    throw new ParError(
      issue(
        'survey.header',
        {
          vi: 'không thấy dòng tiêu đề có cột "Đơn vị", "Nhóm" và các câu hỏi (q1, q2, …)',
          en: 'no header row with the columns "Đơn vị", "Nhóm" and the questions (q1, q2, …)',
        },
        { file: workbook.file },
      ),
    );
  const headers = sheet.rows[headerRow]!.map((c) => (typeof c === 'string' ? c : c === null ? '' : String(c)));
  const columnOf = (names: string[]) => headers.findIndex((h) => names.includes(headerKey(h)));
  const unitColumn = columnOf(HEADERS.unit);
  const groupColumn = columnOf(HEADERS.group);
  const formColumn = columnOf(HEADERS.form);
  const dayColumn = columnOf(HEADERS.day);
  const questionColumns = new Map<string, number>();
  headers.forEach((h, i) => {
    const id = /^\s*([a-z0-9][a-z0-9-]*)(?:[.:)\s]|$)/i.exec(h)?.[1]?.toLowerCase();
    if (id && questionnaire.questions.some((q) => q.id === id)) questionColumns.set(id, i);
  });
  const issues: Issue[] = [];
  const at = (row: number, column: number, value?: CellValue): CellAt => ({
    sheet: sheet.name,
    row: row + 1,
    column,
    header: headers[column],
    ...(value !== undefined && { value }),
  });
  if (groupColumn < 0) issues.push(issue('survey.header', { vi: 'thiếu cột "Nhóm"', en: 'the column "Nhóm" (group) is missing' }));
  const unitKeys = new Map<string, string>();
  for (const u of units) {
    unitKeys.set(headerKey(u.id), u.id);
    unitKeys.set(headerKey(u.name), u.id);
  }
  const groupKeys = new Map<string, string>();
  for (const g of questionnaire.groups) {
    groupKeys.set(headerKey(g.id), g.id);
    groupKeys.set(headerKey(g.name), g.id);
  }
  // Lookups by the cell's text as written: a file repeats a few names 100,000 times.
  const cached = (keys: Map<string, string>) => {
    const seen = new Map<string, string | undefined>();
    return (text: string) => {
      if (!seen.has(text)) seen.set(text, keys.get(headerKey(text)));
      return seen.get(text);
    };
  };
  const unitOf = cached(unitKeys);
  const groupOf = cached(groupKeys);
  const out: ImportedResponse[] = [];
  for (let r = headerRow + 1; r < sheet.rows.length && issues.length < MAX_ISSUES; r++) {
    const row = sheet.rows[r]!;
    if (!row.some((c) => c !== null && c !== '')) continue;
    const text = (c: number) => (c < 0 ? '' : shownValue(row[c] ?? null).trim());
    const unit = unitOf(text(unitColumn));
    if (!unit)
      issues.push(
        cellIssue(
          'survey.unknownUnit',
          { vi: 'không có đơn vị này trong kỳ đánh giá', en: 'no such unit in the cycle' },
          at(r, unitColumn, row[unitColumn] ?? null),
        ),
      );
    const group = groupOf(text(groupColumn));
    if (!group) {
      issues.push(
        cellIssue(
          'survey.unknownGroup',
          {
            vi: `không có nhóm đối tượng này (${questionnaire.groups.map((g) => g.id).join(', ')})`,
            en: `no such respondent group (${questionnaire.groups.map((g) => g.id).join(', ')})`,
          },
          at(r, groupColumn, row[groupColumn] ?? null),
        ),
      );
      continue;
    }
    const raw: Record<string, unknown> = {};
    for (const q of questionsFor(questionnaire, group)) {
      const column = questionColumns.get(q.id);
      if (column === undefined) continue;
      const cell = row[column] ?? null;
      if (cell !== null && isProblem(cell)) continue;
      raw[q.id] = cell instanceof Date ? cell.toISOString().slice(0, 10) : cell;
    }
    let day: string | undefined;
    if (dayColumn >= 0 && row[dayColumn] !== null && row[dayColumn] !== undefined && row[dayColumn] !== '') {
      const value = row[dayColumn]!;
      const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
      day = parseWrittenDate(text);
      if (!day) issues.push(cellIssue('survey.date', { vi: 'ngày dạng dd/mm/yyyy', en: 'a date as dd/mm/yyyy' }, at(r, dayColumn, value)));
    }
    try {
      const answers = checkAnswers(questionnaire, group, raw);
      if (unit) out.push({ unit, group, answers, ...(text(formColumn) && { formNumber: text(formColumn) }), ...(day && { collectedOn: day }) });
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
      for (const found of error.issues) {
        const id = found.field?.replace(/^answers\./, '');
        const column = id === undefined ? undefined : questionColumns.get(id);
        if (column === undefined)
          issues.push({
            ...found,
            field: `${sheet.name}!${r + 1}`,
            message: { vi: `${found.message.vi} (dòng ${r + 1}; không có cột ${id})`, en: `${found.message.en} (row ${r + 1}; no column ${id})` },
          });
        else issues.push(cellIssue(found.code, found.message, at(r, column, row[column] ?? null)));
      }
    }
  }
  if (issues.length) throw new ParError(issues.slice(0, MAX_ISSUES));
  return out;
}

/** The template to fill: the columns the reader expects, a question per column with its allowed answers. */
export function responsesTemplate(questionnaire: Questionnaire): OutTable {
  const columns: OutTable['columns'] = [
    { header: ['Đơn vị'], format: 'text', width: 18 },
    {
      header: ['Nhóm'],
      format: 'text',
      width: 14,
      validation: { type: 'list', values: questionnaire.groups.map((g) => g.id), message: { vi: 'mã nhóm đối tượng', en: 'a respondent group id' } },
    },
    { header: ['Số phiếu'], format: 'text', width: 10 },
    { header: ['Ngày'], format: 'text', width: 12 },
    ...questionnaire.questions.map((q) => ({
      header: [`${q.id}. ${q.text}`],
      format: 'text' as const,
      width: 14,
      ...((q.type === 'single' || q.type === 'likert') && {
        validation: {
          type: 'list' as const,
          values: q.options.map((o) => o.value),
          message: {
            vi: q.options
              .map((o) => `${o.value}: ${o.label}`)
              .join('; ')
              .slice(0, 250),
            en: 'one of the options',
          },
        },
      }),
    })),
  ];
  return {
    name: 'Phiếu',
    title: [questionnaire.title, 'Mỗi dòng một phiếu. Câu nhiều lựa chọn: các phương án cách nhau bằng dấu ; (A;C). Câu thang đo: mức 1…N.'],
    columns,
    rows: [],
  };
}
