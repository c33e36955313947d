/**
 * One respondent's answers checked against the questions of their group: required answers
 * given, options that exist, scale points in range, numbers within bounds, texts bounded.
 * Form posts send text, so numbers and scale points are read from text too.
 */
import { decimalNumber } from '../decimal.ts';
import { ParError, issue, type Issue } from '../errors.ts';
import type { Answer, Answers, Question, Questionnaire } from './types.ts';

export function questionsFor(questionnaire: Questionnaire, group: string): Question[] {
  return questionnaire.questions.filter((q) => q.groups.includes(group));
}

const blank = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** The answers as stored (unanswered optional questions left out), or every problem at its question. */
export function checkAnswers(questionnaire: Questionnaire, group: string, raw: Record<string, unknown>): Answers {
  if (!questionnaire.groups.some((g) => g.id === group)) {
    throw new ParError(issue('survey.unknownGroup', { vi: `không có nhóm đối tượng ${group}`, en: `no respondent group ${group}` }, { field: 'group' }));
  }
  const asked = questionsFor(questionnaire, group);
  const issues: Issue[] = [];
  const answers: Answers = {};
  for (const key of Object.keys(raw)) {
    if (!asked.some((q) => q.id === key))
      issues.push(
        issue('survey.unknownQuestion', { vi: `không có câu hỏi ${key} cho nhóm này`, en: `no question ${key} for this group` }, { field: `answers.${key}` }),
      );
  }
  for (const q of asked) {
    const value = raw[q.id];
    const field = `answers.${q.id}`;
    const bad = (vi: string, en: string) => issues.push(issue('survey.invalidAnswer', { vi: `câu ${q.id}: ${vi}`, en: `question ${q.id}: ${en}` }, { field }));
    if (blank(value)) {
      if (q.required) issues.push(issue('survey.answerRequired', { vi: `câu ${q.id} chưa được trả lời`, en: `question ${q.id} is not answered` }, { field }));
      continue;
    }
    const read = readAnswer(q, value);
    if (typeof read === 'object' && 'error' in read) bad(read.error.vi, read.error.en);
    else answers[q.id] = read;
  }
  if (issues.length) throw new ParError(issues);
  return answers;
}

function readAnswer(q: Question, value: unknown): Answer | { error: { vi: string; en: string } } {
  const values = q.options.map((o) => o.value);
  switch (q.type) {
    case 'single': {
      const text = String(Array.isArray(value) ? value[0] : value).trim();
      return values.includes(text)
        ? text
        : { error: { vi: `không có phương án "${text}" (${values.join(', ')})`, en: `no option "${text}" (${values.join(', ')})` } };
    }
    case 'multiple': {
      const list = (Array.isArray(value) ? value : String(value).split(/[;,]/)).map((v) => String(v).trim()).filter(Boolean);
      const unknown = list.filter((v) => !values.includes(v));
      if (unknown.length)
        return {
          error: { vi: `không có phương án ${unknown.join(', ')} (${values.join(', ')})`, en: `no option ${unknown.join(', ')} (${values.join(', ')})` },
        };
      return [...new Set(list)].sort((a, b) => values.indexOf(a) - values.indexOf(b));
    }
    case 'likert': {
      const n = Number(String(value).trim());
      return Number.isInteger(n) && n >= 1 && n <= q.points! ? n : { error: { vi: `mức phải từ 1 đến ${q.points}`, en: `the point must be 1 to ${q.points}` } };
    }
    case 'number': {
      const n = typeof value === 'number' ? value : (decimalNumber(String(value)) ?? Number.NaN);
      if (!Number.isFinite(n)) return { error: { vi: `"${String(value)}" không phải là số`, en: `"${String(value)}" is not a number` } };
      if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max))
        return { error: { vi: `số phải từ ${q.min ?? '…'} đến ${q.max ?? '…'}`, en: `the number must be ${q.min ?? '…'} to ${q.max ?? '…'}` } };
      return n;
    }
    case 'text': {
      const text = String(value).trim();
      return text.length <= q.maxLength ? text : { error: { vi: `dài quá ${q.maxLength} ký tự`, en: `longer than ${q.maxLength} characters` } };
    }
  }
}

/** The questions two entries of one paper form answer differently (double-entry check). */
export function entryDifferences(first: Answers, second: Answers): string[] {
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...keys].filter((k) => JSON.stringify(first[k] ?? null) !== JSON.stringify(second[k] ?? null)).sort();
}
