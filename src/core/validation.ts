/**
 * Structural validation of input documents with zod, reporting every problem in
 * Vietnamese and English with the path of the field (and, through `locate`, the node code).
 */
import { z } from 'zod';
import { ParError, type Issue, type Message } from './errors.ts';
import { parseWrittenDate } from './dates.ts';
import { readDecimalText } from './decimal.ts';

const vi = z.locales.vi();
const en = z.locales.en();

export interface Location {
  file?: string;
  /** Turns a field path into the criterion code it lies in, when the document is a tree. */
  locate?: (path: PropertyKey[]) => string | undefined;
}

/** The schemas' own messages, by the text zod carries for them (zod's messages are strings). */
const OWN_MESSAGES = new Map<string, Message>();

/**
 * A schema's own message in both languages, for zod's `error` option:
 * `z.string({ error: bilingual({ vi: 'thiếu năm', en: 'the year is missing' }) })`. Zod carries
 * text; the issue gets the Message back by it, nothing is split out of a string.
 */
export function bilingual(message: Message): string {
  const text = `${message.vi} / ${message.en}`;
  OWN_MESSAGES.set(text, message);
  return text;
}

/** Parses `data` with `schema` or throws one ParError listing every issue. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, where: Location = {}): z.output<S> {
  const first = schema.safeParse(data, { error: vi.localeError });
  if (first.success) return first.data;
  const english = schema.safeParse(data, { error: en.localeError });
  const englishIssues = english.success ? [] : english.error.issues;
  const issues: Issue[] = first.error.issues.map((found, index) => ({
    code: `schema.${found.code}`,
    field: fieldPath(found.path),
    node: where.locate?.(found.path),
    file: where.file,
    message: messageOf(found, englishIssues[index]?.message ?? found.message, data),
  }));
  throw new ParError(issues);
}

/**
 * Plainer words than zod's for what people get wrong most in hand-written files: a required
 * field left out, a field name mistyped. Our own messages are `bilingual({ vi, en })`.
 */
function messageOf(found: z.core.$ZodIssue, english: string, data: unknown): Message {
  if (found.code === 'unrecognized_keys') {
    const keys = found.keys.map((k) => `"${k}"`).join(', ');
    return { vi: `không có trường ${keys} ở đây (viết sai tên?)`, en: `unknown field ${keys} here (misspelt?)` };
  }
  // A schema's own words come first: one that says what is missing ("thiếu năm đánh giá") beats the generic line.
  const own = OWN_MESSAGES.get(found.message);
  if (own) return own;
  if (found.path.length && valueAt(data, found.path) === undefined) {
    return { vi: 'thiếu trường bắt buộc này', en: 'this required field is missing' };
  }
  return plainWords(found) ?? { vi: found.message, en: english };
}

/** A limit as people read it: 1.000; 0,5 (vi) — 1,000; 0.5 (en). */
const limit = (value: number | bigint, locale: 'vi' | 'en') =>
  typeof value === 'bigint' ? value.toString() : value.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 6 });

const TYPE_WORDS: Record<string, Message> = {
  number: { vi: 'phải là một số', en: 'must be a number' },
  int: { vi: 'phải là một số nguyên', en: 'must be a whole number' },
  string: { vi: 'phải là chữ', en: 'must be text' },
  boolean: { vi: 'phải là có hoặc không', en: 'must be yes or no' },
  array: { vi: 'phải là một danh sách', en: 'must be a list' },
  object: { vi: 'phải là một nhóm trường', en: 'must be a group of fields' },
  date: { vi: 'phải là một ngày', en: 'must be a date' },
};

/**
 * zod's own lines ("Quá nhỏ: mong đợi number >=0", "Too small: expected number to be >=0") in the
 * words an officer uses, for the issues forms meet: a number out of its range, an empty or too
 * long text, a value of the wrong kind, a value not among the allowed ones, a wrong format.
 */
function plainWords(found: z.core.$ZodIssue): Message | undefined {
  switch (found.code) {
    case 'too_small': {
      const min = found.minimum as number | bigint;
      if (found.origin === 'string')
        return Number(min) <= 1
          ? { vi: 'không được để trống', en: 'must not be empty' }
          : { vi: `cần ít nhất ${limit(min, 'vi')} ký tự`, en: `needs at least ${limit(min, 'en')} characters` };
      if (found.origin === 'array' || found.origin === 'set')
        return { vi: `cần ít nhất ${limit(min, 'vi')} mục`, en: `needs at least ${limit(min, 'en')} item${Number(min) === 1 ? '' : 's'}` };
      if (found.origin === 'number' || found.origin === 'bigint' || found.origin === 'int')
        return found.inclusive === false
          ? { vi: `phải lớn hơn ${limit(min, 'vi')}`, en: `must be more than ${limit(min, 'en')}` }
          : { vi: `phải từ ${limit(min, 'vi')} trở lên`, en: `must be ${limit(min, 'en')} or more` };
      return undefined;
    }
    case 'too_big': {
      const max = found.maximum as number | bigint;
      if (found.origin === 'string') return { vi: `dài quá ${limit(max, 'vi')} ký tự`, en: `longer than ${limit(max, 'en')} characters` };
      if (found.origin === 'array' || found.origin === 'set') return { vi: `nhiều nhất ${limit(max, 'vi')} mục`, en: `at most ${limit(max, 'en')} items` };
      if (found.origin === 'number' || found.origin === 'bigint' || found.origin === 'int')
        return found.inclusive === false
          ? { vi: `phải nhỏ hơn ${limit(max, 'vi')}`, en: `must be less than ${limit(max, 'en')}` }
          : { vi: `không được lớn hơn ${limit(max, 'vi')}`, en: `must be ${limit(max, 'en')} or less` };
      return undefined;
    }
    case 'invalid_type':
      return TYPE_WORDS[found.expected];
    case 'invalid_value':
      return found.values.length <= 8 && found.values.length > 0
        ? { vi: `phải là một trong: ${found.values.map(String).join(', ')}`, en: `must be one of: ${found.values.map(String).join(', ')}` }
        : undefined;
    case 'invalid_format':
      return { vi: 'không đúng định dạng', en: 'has the wrong format' };
    case 'not_multiple_of':
      return { vi: `phải là bội số của ${limit(found.divisor as number, 'vi')}`, en: `must be a multiple of ${limit(found.divisor as number, 'en')}` };
    default:
      return undefined;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

export function fieldPath(path: readonly PropertyKey[]): string | undefined {
  return path.length ? path.map(String).join('.') : undefined;
}

/** A decimal given as a JSON number or a string with a comma or a dot. */
export const decimalInput = z.union([z.number(), z.string().refine((text) => readDecimalText(text.trim(), { mark: 'either' }) !== undefined)]);

/** YYYY-MM-DD, a day that exists (2025-02-30 is refused: a database would refuse it later). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: bilingual({ vi: 'ngày dạng YYYY-MM-DD, vd. 2024-12-10', en: 'a date as YYYY-MM-DD, e.g. 2024-12-10' }), abort: true })
  .refine((text) => parseWrittenDate(text) !== undefined, {
    error: bilingual({ vi: 'ngày không có thật (YYYY-MM-DD)', en: 'not a real date (YYYY-MM-DD)' }),
    abort: true,
  });
