/**
 * The questionnaire file format (YAML or JSON, `kind: questionnaire`): structural checks only;
 * the checks against the framework (criteria, maxima, question and group references) are in
 * `build.ts`.
 */
import { bilingual } from '../validation.ts';
import { z } from 'zod';
import { decimalInput, isoDate } from '../validation.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
  error: bilingual({ vi: 'mã viết thường, chữ số và dấu gạch ngang (nguoi-dan)', en: 'lower-case id with digits and dashes (nguoi-dan)' }),
});
const code = z.string().regex(/^\d+(\.\d+)*$/, { error: bilingual({ vi: 'mã tiêu chí dạng 8 hoặc 8.3', en: 'criterion code like 8 or 8.3' }) });
const text = z.string().trim().min(1).max(2000);

const sampleFile = z.union([
  z.object({ fixed: z.number().int().min(0).max(100_000) }).strict(),
  z
    .object({
      /** The unit figure the quota is a share of ("số cán bộ, công chức"), entered per unit by the province. */
      of: text,
      percent: decimalInput,
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(1).optional(),
    })
    .strict(),
]);

const optionFile = z.object({ value: z.string().trim().min(1).max(40), label: text }).strict();

const questionFile = z
  .object({
    id,
    type: z.enum(['single', 'likert', 'multiple', 'number', 'text']),
    text,
    /** Groups asked; all when omitted. */
    groups: z.array(id).min(1).optional(),
    required: z.boolean().optional(),
    options: z.array(optionFile).min(2).max(20).optional(),
    /** Likert: number of points (5: 1 … 5) and their words, lowest first. */
    scale: z
      .object({ points: z.number().int().min(2).max(11), labels: z.array(text).optional() })
      .strict()
      .optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(2000).optional(),
    illustrative: z.boolean().optional(),
  })
  .strict();

const measureFile = z.discriminatedUnion('type', [
  /** Mean of a Likert answer mapped to 0…1: (mean − 1) / (points − 1). */
  z.object({ type: z.literal('scaleMean'), question: id }).strict(),
  /** Share of answers at or above a Likert point. */
  z.object({ type: z.literal('shareAtLeast'), question: id, atLeast: z.number().int().min(1), says: text.optional() }).strict(),
  /** Share of answers choosing one of the options (single or multiple choice). */
  z.object({ type: z.literal('shareOf'), question: id, options: z.array(z.string().min(1)).min(1), says: text.optional() }).strict(),
]);

const partFile = z
  .object({
    group: id,
    /** Relative weight of this group in the criterion (the weights need not sum to 100). */
    weight: decimalInput.optional(),
    measure: measureFile,
  })
  .strict();

const criterionFile = z
  .object({
    code,
    name: text.optional(),
    /** The framework node these points are part of, when `code` is not itself a node (8.3 inside 8). */
    node: code.optional(),
    maxPoints: decimalInput,
    /** Fewer valid answers than this in a group: the group is left out of the criterion. */
    minResponses: z.number().int().min(1).max(100_000).optional(),
    parts: z.array(partFile).min(1),
    illustrative: z.boolean().optional(),
  })
  .strict();

export const questionnaireFile = z
  .object({
    kind: z.literal('questionnaire'),
    id,
    framework: z.string().min(1),
    title: text,
    /** Questions or rules that are examples rather than the province's own. */
    illustrative: z.boolean().optional(),
    intro: text.optional(),
    /** What the form says about personal data (Law 91/2025/QH15): purpose, how long answers are kept, whom to contact. */
    privacy: z.object({ purpose: text, retention: text, contact: text }).strict(),
    window: z.object({ from: isoDate, to: isoDate }).strict().optional(),
    checks: z
      .object({
        /** This many responses of a unit and group with the same answers are flagged. */
        identicalAtLeast: z.number().int().min(2).optional(),
        /** This many online responses from one network within `minutes` are flagged. */
        burst: z
          .object({ count: z.number().int().min(2), minutes: z.number().int().min(1) })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    groups: z
      .array(z.object({ id, name: text, sample: sampleFile }).strict())
      .min(1)
      .max(20),
    questions: z.array(questionFile).min(1).max(500),
    criteria: z.array(criterionFile).min(1).max(500),
  })
  .strict();

export type QuestionnaireFile = z.input<typeof questionnaireFile>;
export type ParsedQuestionnaire = z.output<typeof questionnaireFile>;
