/**
 * What the survey routes answer (server/routes/survey.ts), part of the contract the web app reads
 * as types (server/responses.ts says how). Points are decimal text, as everywhere.
 */
import { z } from 'zod';
import { decimal, message } from '../responses.ts';

const state = z.enum(['design', 'open', 'closed']);
/** A question of the questionnaire as the province wrote it (core/survey/schema.ts checks it on the way in). */
const question = z
  .object({
    id: z.string(),
    type: z.enum(['single', 'likert', 'multiple', 'number', 'text']),
    text: z.string(),
    groups: z.array(z.string()).optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    scale: z.object({ points: z.number(), labels: z.array(z.string()).optional() }).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .loose();
export const surveyResponse = z.object({
  cycle: z.string(),
  state,
  version: z.number(),
  questionnaireVersion: z.number(),
  /** The questionnaire document as the province wrote it. */
  document: z.object({ title: z.string(), questions: z.array(question) }).loose(),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  criteria: z.array(z.object({ code: z.string(), node: z.string(), name: z.string(), maxPoints: decimal, illustrative: z.boolean() })),
});
export const quota = z.object({
  unit: z.string(),
  name: z.string(),
  group: z.string(),
  planned: z.number().nullable(),
  source: z.enum(['province', 'method', 'missing']),
  basis: z.number().optional(),
  how: message,
  valid: z.number(),
  excluded: z.number(),
  online: z.number(),
  paper: z.number(),
  file: z.number(),
});
export const flag = z.object({
  id: z.string(),
  kind: z.enum(['identical', 'burst', 'outOfWindow']),
  unit: z.string(),
  group: z.string().optional(),
  responses: z.array(z.number()),
  message,
  status: z.enum(['pending', 'accept', 'exclude', 'mixed']),
  reason: z.string().optional(),
});
export const surveyPoints = z.object({
  unit: z.string(),
  code: z.string(),
  node: z.string(),
  points: decimal.nullable(),
  maxPoints: decimal,
  valid: z.number(),
  explanation: message,
});
export const surveyStateResponse = z.object({ state });
export const surveyMonitorResponse = z.object({ state, version: z.number(), quotas: z.array(quota), flags: z.array(flag), responses: z.number() });
export const quotasResponse = z.object({ quotas: z.array(quota) });
export const surveyLinksResponse = z.object({ tokens: z.array(z.string()), paths: z.array(z.string()) });
export const surveyResponseId = z.object({ id: z.number() });
export const surveyImportResponse = z.object({
  dryRun: z.boolean(),
  responses: z.number(),
  batch: z.string().optional(),
  perUnit: z.record(z.string(), z.number()),
});
export const flagDecisionResponse = z.object({ flag: z.string(), decision: z.enum(['accept', 'exclude']), responses: z.number() });
export const computedPointsResponse = z.object({
  criteria: z.array(surveyPoints),
  nodes: z.array(z.object({ unit: z.string(), node: z.string(), points: decimal.nullable(), current: decimal.nullable() })),
});
export const appliedPointsResponse = z.object({ written: z.array(z.object({ unit: z.string(), node: z.string(), points: decimal })) });
export const surveyPointsResponse = z.array(surveyPoints);
export const surveyReportResponse = z.object({
  distributions: z.array(z.object({ question: z.string(), group: z.string(), answered: z.number(), counts: z.record(z.string(), z.number()) })),
  points: z.array(surveyPoints),
  sample: z.array(z.object({ unit: z.string(), group: z.string(), planned: z.number().nullable(), valid: z.number(), excluded: z.number() })),
});

export type SurveyResponse = z.infer<typeof surveyResponse>;
export type SurveyQuestionJson = z.infer<typeof question>;
export type QuotaJson = z.infer<typeof quota>;
export type FlagJson = z.infer<typeof flag>;
export type SurveyPointsJson = z.infer<typeof surveyPoints>;
export type SurveyMonitorResponse = z.infer<typeof surveyMonitorResponse>;
export type SurveyReportResponse = z.infer<typeof surveyReportResponse>;
export type NewSurveyResponse = z.infer<typeof surveyResponseId>;
export type AppliedPointsResponse = z.infer<typeof appliedPointsResponse>;
export type SurveyLinksResponse = z.infer<typeof surveyLinksResponse>;
export type SurveyImportResponse = z.infer<typeof surveyImportResponse>;
