/**
 * What each column of a results table holds, read from its header path: a criterion's score
 * (or its appraisal / survey part), a published figure (total, rank, a component's rank), or
 * the unit. Works for our template and for the tables of publication decisions:
 * "Chỉ số thành phần › 1", "8. Tác động… › Thẩm định", "Xếp hạng chỉ số 3", "Tổng điểm".
 */
import { foldDiacritics, type Framework } from '../../core/index.ts';
import { hasPhrase, headerKey } from '../table/cells.ts';
import type { HeaderColumn } from '../table/header.ts';
import { matchTerm, UNIT_COLUMNS } from '../table/vocabulary.ts';

export type ScorePart = 'given' | 'total' | 'appraisal' | 'survey';
export type PublishedField = 'total' | 'appraisal' | 'survey' | 'rank' | 'of' | 'classification';

export type ResultColumn =
  | { role: (typeof UNIT_COLUMNS)[number]['key'] }
  | { role: 'score'; code: string; part: ScorePart }
  | { role: 'published'; field: PublishedField }
  | { role: 'publishedComponent'; code: string; field: 'score' | 'percent' | 'rank' };

const CODE = /(^|\b(?:chi so thanh phan|chi so|tieu chi thanh phan|tieu chi|linh vuc)\s*)(\d{1,2}(?:\.\d{1,2})*)\.?(?=$|[\s:)\-–(,])/;

/** A code written at the start of a header segment or after "Chỉ số", with the words before it. */
export function codeIn(segment: string): { code: string; before: string } | undefined {
  const folded = foldDiacritics(segment).toLowerCase().trim();
  const match = CODE.exec(folded);
  if (!match) return undefined;
  return { code: match[2]!, before: folded.slice(0, match.index) };
}

const any = (key: string, phrases: string[]) => phrases.some((p) => hasPhrase(key, p));

export function classifyResultColumn(column: HeaderColumn): ResultColumn | undefined {
  let code: string | undefined;
  const words: string[] = [];
  for (const segment of column.path) {
    const found = codeIn(segment);
    if (found) {
      code = found.code;
      words.push(found.before);
    } else words.push(segment);
  }
  const key = headerKey(words.join(' '));
  if (code !== undefined) {
    if (any(key, ['hang', 'xep hang', 'thu hang'])) return { role: 'publishedComponent', code, field: 'rank' };
    if (any(key, ['phan tram', 'ty le', 'ti le'])) return { role: 'publishedComponent', code, field: 'percent' };
    if (any(key, ['cong bo'])) return { role: 'publishedComponent', code, field: 'score' };
    if (any(key, ['tham dinh', 'danh gia'])) return { role: 'score', code, part: 'appraisal' };
    if (any(key, ['dieu tra', 'xhh', 'dtxhh'])) return { role: 'score', code, part: 'survey' };
    if (any(key, ['tong'])) return { role: 'score', code, part: 'total' };
    return { role: 'score', code, part: 'given' };
  }
  const fixed = matchTerm(UNIT_COLUMNS, column.path[column.path.length - 1]!);
  if (fixed) return { role: fixed.key };
  if (any(key, ['xep loai'])) return { role: 'published', field: 'classification' };
  if (any(key, ['so don vi', 'tren tong so', 'tong so don vi'])) return { role: 'published', field: 'of' };
  if (any(key, ['hang', 'xep hang', 'thu hang', 'vi tri'])) return { role: 'published', field: 'rank' };
  if (any(key, ['dieu tra', 'xhh', 'dtxhh'])) return { role: 'published', field: 'survey' };
  if (any(key, ['tham dinh', 'danh gia'])) return { role: 'published', field: 'appraisal' };
  if (any(key, ['tong', 'tong diem', 'chi so cchc', 'par index'])) return { role: 'published', field: 'total' };
  return undefined;
}

/** A stable name for the role, to spot two columns holding the same thing. */
export function roleKey(column: ResultColumn): string {
  switch (column.role) {
    case 'score':
      return `score.${column.code}.${column.part}`;
    case 'published':
      return `published.${column.field}`;
    case 'publishedComponent':
      return `published.components.${column.code}.${column.field}`;
    default:
      return column.role;
  }
}

/** Abbreviations of the field, spelled out before names are compared. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bcchc\b/g, 'cai cach hanh chinh'],
  [/\btthc\b/g, 'thu tuc hanh chinh'],
  [/\bkt xh\b|\bktxh\b/g, 'kinh te xa hoi'],
  [/\bcqdt\b/g, 'chinh quyen dien tu'],
  [/\bcbccvc\b/g, 'can bo cong chuc vien chuc'],
];

function nameWords(text: string): string[] {
  let key = headerKey(text);
  for (const [pattern, spelled] of ABBREVIATIONS) key = key.replace(pattern, spelled);
  return key.split(' ').filter(Boolean);
}

/**
 * A column headed by a component's name instead of its code ("Cải cách TTHC", "Tác động của
 * CCHC"): the component whose name holds every word of the header's last line, when exactly
 * one does. Criteria are not guessed by name (too many share their words).
 */
export function componentByName(column: HeaderColumn, framework: Framework): ResultColumn | undefined {
  const words = nameWords(column.path[column.path.length - 1]!);
  if (words.length < 2) return undefined;
  const matches = [...framework.nodes.values()].filter((node) => {
    if (node.depth !== 1) return false;
    const name = new Set(nameWords(node.name));
    return words.every((w) => name.has(w));
  });
  return matches.length === 1 ? { role: 'score', code: matches[0]!.code, part: 'given' } : undefined;
}
