/**
 * How a framework is named in prose: the index's full and short names, the "Chỉ số …" phrase,
 * the report's title and the nouns for its units. Everything above the core (report, CLI,
 * templates, checker, web) says the index in these words, so that a framework that names
 * itself "Chỉ số cải cách hành chính (PAR INDEX)" is written so, and one that names nothing
 * gets neutral words from its own name, never another index's.
 */
import type { Locale, Message } from '../errors.ts';
import { capitalized } from '../text.ts';
import type { Framework, LevelNames } from './types.ts';

/** What `indexWords` reads: a framework, or the few fields of one (the web's analysis JSON). */
export type Named = Pick<Framework, 'name'> & Partial<Pick<Framework, 'index' | 'levelNames' | 'level'>>;

/** Nouns for the units of the known levels; a framework's `levelNames` or a province's own level names others. */
export const LEVEL_NOUNS: Record<string, LevelNames> = {
  province: { singular: { vi: 'tỉnh', en: 'province' }, plural: { vi: 'tỉnh, thành phố', en: 'provinces' } },
  ministry: { singular: { vi: 'bộ', en: 'ministry' }, plural: { vi: 'bộ, cơ quan ngang bộ', en: 'ministries' } },
  department: { singular: { vi: 'sở', en: 'department' }, plural: { vi: 'sở, ban, ngành', en: 'departments' } },
  district: { singular: { vi: 'huyện', en: 'district' }, plural: { vi: 'huyện, thành phố', en: 'districts' } },
  commune: { singular: { vi: 'xã', en: 'commune' }, plural: { vi: 'xã, phường, thị trấn', en: 'communes' } },
};
const ANY_UNIT: LevelNames = { singular: { vi: 'đơn vị', en: 'unit' }, plural: { vi: 'đơn vị', en: 'units' } };

/** The nouns for a framework's units: its own `levelNames`, else the built-in ones of its level, else "đơn vị". */
export function levelNouns(framework: Partial<Pick<Framework, 'levelNames' | 'level'>>): LevelNames {
  return framework.levelNames ?? (framework.level !== undefined ? LEVEL_NOUNS[framework.level] : undefined) ?? ANY_UNIT;
}

/** The index's words in one language. */
export interface IndexWords {
  /** Full name in prose: "Chỉ số cải cách hành chính". */
  name: string;
  /** Short name, when the framework gives one: "PAR INDEX". */
  shortName?: string;
  /** The name with its short name: "Chỉ số cải cách hành chính (PAR INDEX)"; the name alone without one. */
  label: string;
  /** How the text refers to it after: "Chỉ số PAR INDEX"; the full name without a short name. */
  phrase: string;
}

/**
 * The index's name a framework without `index` implies: the "Chỉ số …" its name speaks of
 * ("Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND các huyện …" → "Chỉ số cải cách
 * hành chính"), else the framework's name itself.
 */
export function neutralIndexName(frameworkName: string): string {
  const found = /(chỉ số\s.+?)(?=\s+(?:của|các|đối với|áp dụng|cho|tại|năm|giai đoạn)\s|\s*[(,;:–-]|$)/iu.exec(frameworkName);
  if (!found) return frameworkName;
  const name = found[1]!;
  return capitalized(name);
}

export function indexWords(framework: Named, locale: Locale = 'vi'): IndexWords {
  const index = framework.index;
  const name = (locale === 'en' ? (index?.nameEn ?? index?.name) : index?.name) ?? neutralIndexName(framework.name);
  const shortName = locale === 'en' ? (index?.shortNameEn ?? index?.shortName) : index?.shortName;
  if (!shortName) return { name, label: name, phrase: name };
  return { name, shortName, label: `${name} (${shortName})`, phrase: locale === 'en' ? shortName : `Chỉ số ${shortName}` };
}

/** Both languages at once, for bilingual messages: { vi: "Chỉ số PAR INDEX", en: "PAR INDEX" }. */
export function indexPhrase(framework: Named): Message {
  return { vi: indexWords(framework, 'vi').phrase, en: indexWords(framework, 'en').phrase };
}

/**
 * The report's summary line: "Phân tích Chỉ số cải cách hành chính (PAR INDEX) năm 2023; nhiệm vụ
 * và giải pháp nâng cao Chỉ số PAR INDEX năm 2024 của UBND huyện Than Uyên".
 */
export function reportTitle(framework: Named, year: number, unitFullName: string): string {
  const w = indexWords(framework, 'vi');
  return `Phân tích ${w.label} năm ${year}; nhiệm vụ và giải pháp nâng cao ${w.phrase} năm ${year + 1} của ${unitFullName}`;
}

/** The abbreviations official texts use in table headers and chart labels (CCHC, TTHC, KT-XH). */
export function abbreviate(text: string): string {
  return text
    .replace(/cải cách hành chính/gi, 'CCHC')
    .replace(/thủ tục hành chính/gi, 'TTHC')
    .replace(/kinh tế\s*-\s*xã hội/gi, 'KT-XH');
}

/**
 * A component's name short enough for a chart's axis or a table's column, with the abbreviations
 * official texts use: "Công tác chỉ đạo, điều hành CCHC", "TTHC", "Tài chính công" (the leading
 * "Cải cách" of a reform component goes: every component of such an index is one).
 */
export function componentShortName(name: string): string {
  const short = abbreviate(name.replace(/^cải cách\s+/i, ''));
  return capitalized(short);
}

/** The index's name shortened for a column: "Chỉ số CCHC". */
export function indexColumnName(framework: Named): string {
  return abbreviate(indexWords(framework, 'vi').name);
}
