/**
 * The framework file format (YAML or JSON). Structural checks only; the semantic checks
 * (sums of maxima, unique codes, rules that fit their node) are in `build.ts`.
 */
import { z } from 'zod';
import { bilingual, decimalInput, isoDate } from '../validation.ts';

const code = z.string().regex(/^\d+(\.\d+)*$/, { error: bilingual({ vi: 'mã tiêu chí dạng 1, 6.2 hoặc 6.2.2', en: 'code like 1, 6.2 or 6.2.2' }) });

const ruleFile = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }).strict(),
  z.object({ type: z.literal('boolean'), falsePoints: decimalInput.optional() }).strict(),
  z
    .object({
      type: z.literal('ratio'),
      /** Full points at or above this percentage; below it, max × ratio / target. */
      targetPercent: decimalInput.optional(),
      zeroDenominator: z.enum(['full', 'zero']).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('bands'),
      measure: z.enum(['percent', 'value']).optional(),
      bands: z.array(z.object({ atLeast: decimalInput, points: decimalInput }).strict()).min(1),
    })
    .strict(),
  z.object({ type: z.literal('perOccurrence'), pointsEach: decimalInput, floor: decimalInput.optional() }).strict(),
  z
    .object({
      type: z.literal('deadline'),
      pointsPerLate: decimalInput,
      graceDays: z.number().int().min(0).optional(),
    })
    .strict(),
  z.object({ type: z.literal('grades'), grades: z.record(z.string().min(1), decimalInput) }).strict(),
  z
    .object({
      type: z.literal('surveyAnswers'),
      /** Share of the node's points each answer option is worth, in percent (A: 100, B: 60, …). */
      options: z.record(z.string().min(1), decimalInput),
    })
    .strict(),
]);

export type RuleFile = z.infer<typeof ruleFile>;

export interface NodeFile {
  code: string;
  name: string;
  maxPoints?: number | string;
  source?: 'appraisal' | 'survey' | 'mixed';
  kind?: 'regular' | 'bonus' | 'penalty';
  cap?: number | string;
  department?: string;
  rule?: RuleFile;
  incomplete?: boolean;
  assumption?: string;
  note?: string;
  /** Crosswalk (with the framework's `derivedFrom`): the code(s) this node had in the source framework; two codes or more: merged; a code several nodes name: split. Default: its own code, when the source has it. */
  from?: string | string[];
  /** Crosswalk: a node the source framework did not have, even if a node there had its code. */
  new?: boolean;
  children?: NodeFile[];
}

const nodeFile: z.ZodType<NodeFile> = z.lazy(() =>
  z
    .object({
      code,
      name: z.string().trim().min(1),
      maxPoints: decimalInput.optional(),
      source: z.enum(['appraisal', 'survey', 'mixed']).optional(),
      kind: z.enum(['regular', 'bonus', 'penalty']).optional(),
      cap: decimalInput.optional(),
      department: z.string().trim().min(1).optional(),
      rule: ruleFile.optional(),
      incomplete: z.boolean().optional(),
      assumption: z.string().trim().min(1).optional(),
      note: z.string().optional(),
      from: z.union([code, z.array(code).min(1)]).optional(),
      new: z.boolean().optional(),
      children: z.array(nodeFile).optional(),
    })
    .strict(),
);

/** A level: any lower-case slug (province, ministry, department, district, commune, or a province's own). */
export const levelSlug = z.string().regex(/^[a-z][a-z0-9-]*$/, {
  error: bilingual({
    vi: 'cấp đơn vị là chữ thường không dấu, số, dấu gạch ngang, vd. department, commune',
    en: 'a level is lower-case letters, digits and dashes, e.g. department, commune',
  }),
});

export const frameworkFile = z
  .object({
    kind: z.literal('framework'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: bilingual({
        vi: 'mã bộ tiêu chí chỉ gồm chữ thường không dấu, số và dấu gạch ngang, vd. lai-chau-district-2023',
        en: 'a framework id is lower case letters, digits and dashes, e.g. lai-chau-district-2023',
      }),
    }),
    name: z.string().trim().min(1),
    province: z.string().optional(),
    level: levelSlug,
    year: z.number().int().min(2000).max(2100),
    decision: z
      .object({ number: z.string().min(1), date: isoDate.optional(), issuedBy: z.string().optional() })
      .strict()
      .optional(),
    index: z
      .object({
        name: z.string().trim().min(1),
        shortName: z.string().trim().min(1).optional(),
        nameEn: z.string().trim().min(1).optional(),
        shortNameEn: z.string().trim().min(1).optional(),
      })
      .strict()
      .optional(),
    levelNames: z
      .object({
        singular: z.object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) }).strict(),
        plural: z.object({ vi: z.string().trim().min(1), en: z.string().trim().min(1) }).strict(),
      })
      .strict()
      .optional(),
    totalPoints: decimalInput.optional(),
    settings: z
      .object({
        tieRule: z.enum(['competition', 'dense']).optional(),
        withoutSurvey: z
          .union([z.object({ mode: z.literal('none') }).strict(), z.object({ mode: z.literal('rescale'), to: decimalInput.optional() }).strict()])
          .optional(),
        split: z.object({ appraisal: decimalInput, survey: decimalInput }).strict().optional(),
        /** What ranks are computed on: the points, or the percent of each unit's applicable maximum (units with not-applicable criteria). */
        rankBy: z.enum(['points', 'percent']).optional(),
        /** Bands (xếp loại), best first: a threshold in points or in percent, ≥ (inclusive, the default) or >, and an optional floor per component. */
        classification: z
          .array(
            z
              .object({
                label: z.string().min(1),
                atLeastPoints: decimalInput.optional(),
                atLeastPercent: decimalInput.optional(),
                inclusive: z.boolean().optional(),
                componentFloorPercent: decimalInput.optional(),
              })
              .strict()
              .refine((band) => (band.atLeastPoints === undefined) !== (band.atLeastPercent === undefined), {
                error: bilingual({
                  vi: 'mỗi mức xếp loại ghi một ngưỡng: atLeastPoints (điểm) hoặc atLeastPercent (%)',
                  en: 'each band gives one threshold: atLeastPoints or atLeastPercent',
                }),
              }),
          )
          .optional(),
        pointsRounding: z.enum(['halfUp', 'halfEven', 'truncate']).optional(),
        /** Decimals shown for totals and scores (display only). */
        precision: z.number().int().min(0).max(6).optional(),
        /** What a unit without its own previous result is compared with: none, its predecessor, their mean or share-weighted mean. */
        baseline: z.enum(['none', 'predecessor', 'mean', 'weighted']).optional(),
      })
      .strict()
      .optional(),
    notes: z.array(z.string()).optional(),
    /** The framework this one is a new version of (its crosswalk: nodes' `from` and `new`, and `dropped`). */
    derivedFrom: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/)
      .optional(),
    /** Codes of the source framework that have no successor here. */
    dropped: z.array(code).optional(),
    components: z.array(nodeFile).min(1),
  })
  .strict();

export type FrameworkFile = z.infer<typeof frameworkFile>;
