import { z } from 'zod';
import { bilingual, decimalInput, isoDate } from '../validation.ts';

const code = z.string().regex(/^\d+(\.\d+)*$/, { error: bilingual({ vi: 'mã tiêu chí dạng 1, 6.2 hoặc 6.2.2', en: 'code like 1, 6.2 or 6.2.2' }) });
const printed = z.union([z.number(), z.string().min(1)]);
/** A numerator or denominator: how many cases, in words when it is not one (zod would say "Quá nhỏ: mong đợi number >=0"). */
const count = z
  .number({ error: bilingual({ vi: 'phải là một số, vd. 46', en: 'must be a number, e.g. 46' }) })
  .finite()
  .min(0, { error: bilingual({ vi: 'không được âm', en: 'cannot be negative' }) });

const documentRef = z.object({ number: z.string().optional(), title: z.string().optional(), date: isoDate.optional(), issuer: z.string().optional() }).strict();

const givenScore = z.union([
  decimalInput,
  z.object({ total: decimalInput.optional(), appraisal: decimalInput.optional(), survey: decimalInput.optional() }).strict(),
]);

export const indicatorFile = z
  .object({
    numerator: count.optional(),
    denominator: count.optional(),
    value: decimalInput.optional(),
    count: z.number().int().min(0).optional(),
    achieved: z.boolean().optional(),
    grade: z.string().min(1).optional(),
    items: z.array(z.object({ name: z.string().min(1), due: isoDate, sent: isoDate.optional() }).strict()).optional(),
    answers: z.record(z.string().min(1), z.number().int().min(0)).optional(),
    note: z.string().optional(),
  })
  .strict();

export const deductionFile = z
  .object({
    criterion: code,
    points: decimalInput,
    reason: z
      .string()
      .trim()
      .min(1, { error: bilingual({ vi: 'phải ghi lý do trừ điểm', en: 'a deduction needs a reason' }) }),
    documents: z.array(documentRef).optional(),
    note: z.string().optional(),
  })
  .strict();

export const notApplicableFile = z
  .object({
    code,
    reason: z
      .string({ error: bilingual({ vi: 'phải ghi lý do không áp dụng', en: 'a not-applicable criterion needs a reason' }) })
      .trim()
      .min(1, { error: bilingual({ vi: 'phải ghi lý do không áp dụng', en: 'a not-applicable criterion needs a reason' }) }),
  })
  .strict();

export const unitResultFile = z
  .object({
    unit: z.string().min(1),
    illustrative: z.boolean().optional(),
    scores: z.record(code, givenScore).optional(),
    indicators: z.record(code, indicatorFile).optional(),
    deductions: z.array(deductionFile).optional(),
    /** Criteria that do not apply to this unit (không áp dụng): their points leave its applicable maximum. */
    notApplicable: z.array(notApplicableFile).optional(),
    published: z
      .object({
        total: printed.optional(),
        appraisal: printed.optional(),
        survey: printed.optional(),
        rank: z.number().int().min(1).optional(),
        of: z.number().int().min(1).optional(),
        classification: z.string().optional(),
        components: z
          .record(code, z.object({ score: printed.optional(), percent: printed.optional(), rank: z.number().int().min(1).optional() }).strict())
          .optional(),
      })
      .strict()
      .optional(),
    notes: z.array(z.string()).optional(),
  })
  .strict();

export const resultsFile = z
  .object({
    kind: z.literal('results'),
    year: z.number().int().min(2000).max(2100),
    framework: z.string().min(1),
    illustrative: z.boolean().optional(),
    /** The day the results were assessed (the appraisal council's closing date): a report not sent by then is late. */
    assessedOn: isoDate.optional(),
    publication: z
      .object({
        decision: z.string().min(1),
        date: isoDate.optional(),
        issuedBy: z.string().optional(),
        title: z.string().optional(),
        /** The audit trail's head at the decision, `sequence:hash`, written by the server when it publishes. */
        auditHead: z
          .string()
          .regex(/^\d+:[0-9a-f]{64}$/)
          .optional(),
        /** The appraisal council's decision the publication cites (members approving, meeting), written by the server. */
        council: z.string().optional(),
      })
      .strict()
      .optional(),
    notes: z.array(z.string()).optional(),
    units: z.array(unitResultFile),
  })
  .strict();

export type ResultsFile = z.infer<typeof resultsFile>;
export type UnitResultFile = z.infer<typeof unitResultFile>;
export type IndicatorFile = z.infer<typeof indicatorFile>;
