/**
 * What the appraisal routes answer (documented in OpenAPI, checked by the tests), part of the
 * contract the web app reads as types (server/responses.ts says how).
 */
import { z } from 'zod';
import { decimal, message } from '../responses.ts';

const issue = z.object({ code: z.string(), message, field: z.string().optional() }).loose();

export const agencySchema = z.object({ id: z.string(), name: z.string(), users: z.array(z.string()) });
export const assignmentsSchema = z.array(z.object({ code: z.string(), agency: z.string() }));
export const settingsSchema = z.object({
  cycleId: z.string(),
  process: z.enum(['single', 'twoRound']),
  preliminaryFrom: z.string().nullable(),
  rounds: z.array(z.object({ from: z.string().nullable(), to: z.string().nullable() })),
  round: z.number().int(),
  councilRequired: z.boolean(),
  version: z.number().int(),
});

export const explanationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  round: z.number().int(),
  text: z.string(),
  documents: z.array(z.number().int()),
  appraisedBefore: decimal.nullable(),
  explainedBy: z.string(),
  explainedAt: z.string(),
  outcome: z.enum(['accepted', 'kept']).nullable(),
  newPoints: decimal.nullable(),
  answerReason: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number().int(),
});

export const sheetSchema = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  state: z.string(),
  process: z.enum(['single', 'twoRound']),
  preliminaryFrom: z.string().nullable(),
  rounds: z.array(z.object({ from: z.string().nullable(), to: z.string().nullable() })),
  round: z.number().int(),
  today: z.string(),
  visible: z.boolean(),
  open: z.boolean(),
  mayExplain: z.boolean(),
  mayAnswer: z.boolean(),
  criteria: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      self: decimal.nullable(),
      appraised: decimal.nullable(),
      reason: z.string().nullable(),
      explanations: z.array(explanationSchema),
    }),
  ),
});

const progress = { total: z.number().int(), appraised: z.number().int(), explanations: z.number().int(), answered: z.number().int() };
export const worklistSchema = z.object({
  cycleId: z.string(),
  process: z.enum(['single', 'twoRound']),
  round: z.number().int(),
  agency: z.object({ id: z.string(), name: z.string() }).nullable(),
  assignments: z.array(z.object({ code: z.string(), agency: z.string(), name: z.string() })),
  progress: z.array(z.object({ agency: z.string().nullable(), name: z.string().nullable(), ...progress })),
  units: z.array(z.object({ unit: z.string(), name: z.string(), state: z.string(), ...progress })),
  items: z.array(
    z.object({
      unit: z.string(),
      unitName: z.string(),
      state: z.string(),
      code: z.string(),
      name: z.string(),
      agency: z.string().nullable(),
      self: decimal.nullable(),
      appraised: decimal.nullable(),
      reason: z.string().nullable(),
      explanation: z
        .object({
          id: z.number().int(),
          round: z.number().int(),
          text: z.string(),
          outcome: z.enum(['accepted', 'kept']).nullable(),
          version: z.number().int(),
        })
        .nullable(),
    }),
  ),
});

export const councilSchema = z.object({
  cycleId: z.string(),
  decision: z.string(),
  meetingOn: z.string(),
  members: z.array(z.object({ name: z.string(), title: z.string().optional() })),
  scope: z.enum(['whole', 'items']),
  items: z.array(z.object({ subject: z.string(), approve: z.number().int(), of: z.number().int(), share: decimal, approved: z.boolean() })),
  approved: z.boolean(),
  summary: message,
  minutes: z.object({ id: z.number().int(), number: z.string(), name: z.string() }).nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
  version: z.number().int(),
});

export const documentSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  issuedOn: z.string(),
  issuer: z.string(),
  summary: z.string(),
  name: z.string(),
  type: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  links: z.array(z.object({ cycleId: z.string(), unitId: z.string(), code: z.string() })),
  flags: z.array(issue),
});

export const storedDocumentResponse = z.object({ document: documentSchema, duplicate: z.boolean() });

export type AgencyJson = z.infer<typeof agencySchema>;
export type AppraisalSettingsJson = z.infer<typeof settingsSchema>;
export type ExplanationJson = z.infer<typeof explanationSchema>;
export type ExplanationSheetResponse = z.infer<typeof sheetSchema>;
export type WorklistResponse = z.infer<typeof worklistSchema>;
export type CouncilResponse = z.infer<typeof councilSchema>;
export type DocumentJson = z.infer<typeof documentSchema>;
export type StoredDocumentResponse = z.infer<typeof storedDocumentResponse>;
