/**
 * Input shapes shared by routes. Each names what it is in its messages (`bilingual({ vi, en })`), missing and
 * malformed alike: `?year=abc` says that the year must be a year such as 2023, not zod's
 * "expected number, received NaN".
 */
import { z } from 'zod';
import { decimalNumber, readDecimalText } from '../../core/decimal.ts';
import { bilingual } from '../../core/validation.ts';
import type { Message } from '../../core/errors.ts';

/** Its own words when the value is missing and when it is malformed. */
const says = (missing: string, invalid: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === '' ? missing : invalid),
});

/** Query and path values are text: a number written there ("2023", "0,5") is read as one; JSON bodies give numbers. */
const numericText = (value: unknown) => (typeof value === 'string' ? (decimalNumber(value, { mark: 'either', signed: false }) ?? value) : value);
const numberField = (missing: string, invalid: string) => z.number(says(missing, invalid));

export const slug = z
  .string(
    says(
      bilingual({ vi: 'thiếu mã (chữ thường, số, dấu gạch ngang)', en: 'the id is missing (lower-case letters, digits and dashes)' }),
      bilingual({ vi: 'mã chỉ gồm chữ thường, số, dấu gạch ngang', en: 'lower-case letters, digits and dashes' }),
    ),
  )
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: bilingual({ vi: 'mã chỉ gồm chữ thường, số, dấu gạch ngang', en: 'lower-case letters, digits and dashes' }) })
  .max(120);
export const code = z
  .string(
    says(
      bilingual({ vi: 'thiếu mã tiêu chí, vd. 6.2.2', en: 'the criterion code is missing, e.g. 6.2.2' }),
      bilingual({ vi: 'mã tiêu chí dạng 6.2.2', en: 'criterion code like 6.2.2' }),
    ),
  )
  .regex(/^\d+(\.\d+)*$/, { error: bilingual({ vi: 'mã tiêu chí dạng 6.2.2', en: 'criterion code like 6.2.2' }) })
  .max(40);
export const year = z.preprocess(
  numericText,
  numberField(
    bilingual({ vi: 'thiếu năm đánh giá, vd. 2023', en: 'the assessment year is missing, e.g. 2023' }),
    bilingual({ vi: 'năm đánh giá phải là một năm như 2023 (2000–2100)', en: 'year must be a year such as 2023 (2000–2100)' }),
  )
    .int()
    .min(2000)
    .max(2100),
);
/** The version of a row as it was read (optimistic concurrency). */
export const version = z.preprocess(
  numericText,
  numberField(
    bilingual({ vi: 'thiếu phiên bản đã đọc (version), vd. 3', en: 'the version that was read is missing, e.g. 3' }),
    bilingual({ vi: 'phiên bản (version) là số nguyên từ 0, vd. 3', en: 'version must be a whole number from 0, e.g. 3' }),
  )
    .int()
    .min(0),
);
/** A stored record's number (an evidence file, a user). */
export const recordId = z.preprocess(
  numericText,
  numberField(
    bilingual({ vi: 'thiếu mã số, vd. 12', en: 'the id is missing, e.g. 12' }),
    bilingual({ vi: 'mã số là số nguyên dương, vd. 12', en: 'the id must be a positive whole number, e.g. 12' }),
  )
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER),
);
/** A month or a quarter of a plan year. */
export const period = z
  .string(
    says(
      bilingual({ vi: 'thiếu kỳ, vd. 2024-03 hoặc 2024-Q1', en: 'the period is missing, e.g. 2024-03 or 2024-Q1' }),
      bilingual({ vi: 'kỳ dạng 2024-03 hoặc 2024-Q1', en: 'period like 2024-03 or 2024-Q1' }),
    ),
  )
  .regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, { error: bilingual({ vi: 'kỳ dạng 2024-03 hoặc 2024-Q1', en: 'period like 2024-03 or 2024-Q1' }) });
/** A number from a query with its own words (robustness runs, spreads). */
export const queryNumber = (missing: Message, invalid: Message, build: (n: z.ZodNumber) => z.ZodNumber) =>
  z.preprocess(numericText, build(numberField(bilingual(missing), bilingual(invalid))));
/** A level: province, ministry, department, district, commune, or a province's own (a lower-case slug). */
export const level = z
  .string(
    says(
      bilingual({ vi: 'thiếu cấp đơn vị, vd. department, commune', en: 'the level is missing, e.g. department, commune' }),
      bilingual({ vi: 'cấp đơn vị là chữ thường không dấu, vd. department, commune', en: 'a level is lower-case letters, e.g. department, commune' }),
    ),
  )
  .regex(/^[a-z][a-z0-9-]*$/, {
    error: bilingual({
      vi: 'cấp đơn vị là chữ thường không dấu, số, dấu gạch ngang, vd. department, commune',
      en: 'a level is lower-case letters, digits and dashes, e.g. department, commune',
    }),
  })
  .max(60);
/** A peer group's id, or `*` for every unit of the level ranked together (the national ranking). */
export const group = z.union([z.literal('*'), slug]);
export const lang = z.enum(['vi', 'en']).optional();
/** Points as a JSON number or a Vietnamese/English decimal text ("9,52" or "9.52"). */
export const points = z.union(
  [
    z.number(),
    z.string().refine((text) => (readDecimalText(text.trim(), { mark: 'either', signed: false })?.fraction.length ?? 7) <= 6, {
      error: bilingual({ vi: 'số điểm, vd. 9,52', en: 'points, e.g. 9.52' }),
    }),
  ],
  says(
    bilingual({ vi: 'thiếu số điểm, vd. 9,52', en: 'the points are missing, e.g. 9.52' }),
    bilingual({ vi: 'số điểm (số hoặc chuỗi như "9,52")', en: 'points (a number or a text like "9.52")' }),
  ),
);
export const text = (max: number) => z.string().max(max);

/** Text that must be given ("số quyết định", "tên tệp"): missing, blank or too long said in words that name it. */
export const requiredText = (max: number, vi: string, en: string) =>
  z
    .string(says(bilingual({ vi: `phải ghi ${vi}`, en: `${en} is missing` }), bilingual({ vi: `${vi} phải là chữ`, en: `${en} must be text` })))
    .trim()
    .min(1, { error: bilingual({ vi: `phải ghi ${vi} (không để trống)`, en: `${en} cannot be empty` }) })
    .max(max, { error: bilingual({ vi: `${vi} dài quá ${max} ký tự`, en: `${en} is longer than ${max} characters` }) });
