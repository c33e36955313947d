/**
 * What the routes answer, as zod schemas: declared on each route (`response`), written into the
 * OpenAPI document, checked against every answer in tests (route.ts), and read by the web app as
 * types (`import type { … } from '…/src/server/responses.ts'`: types only, the bundle stays free of zod).
 *
 * One number encoding: points and every derived figure (percentages, deltas, maxima, means,
 * quartiles) are decimal texts with a dot ("9.52", "70.518518518519"), exact or to 12 decimals,
 * computed by the core and ready to format to the framework's precision. Counts, ranks, years
 * and versions stay JSON numbers.
 */
import { z } from 'zod';

const fileTypes = new WeakMap<z.ZodType, string[]>();

/**
 * A file answer (bytes of the given media types), sent by the handler itself. It matches no JSON
 * value: a route that may answer JSON or a file declares `z.union([json, fileResponse(…)])`.
 */
export function fileResponse(...types: string[]): z.ZodType<never> {
  const schema = z.custom<never>(() => false, { error: 'a file, not JSON' });
  fileTypes.set(schema, types);
  return schema;
}

/** The JSON part of a response schema and the media types of its file answers (OpenAPI). */
export function responseParts(schema: z.ZodType): { json?: z.ZodType; files: string[] } {
  const own = fileTypes.get(schema);
  if (own) return { files: own };
  if (schema instanceof z.ZodUnion) {
    const options = schema.options as z.ZodType[];
    const files = options.flatMap((o) => fileTypes.get(o) ?? []);
    const json = options.filter((o) => !fileTypes.has(o));
    if (files.length) return { ...(json.length && { json: json.length === 1 ? json[0]! : z.union(json as [z.ZodType, z.ZodType]) }), files };
  }
  return { json: schema, files: [] };
}

// ---- shared pieces ----
/** Exact points as decimal text with a dot ("7.409775"). */
export const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
/** A derived figure (a percentage, a difference, a mean): decimal text, exact or to 12 decimals. */
const figure = decimal;
const nullableFigure = figure.nullable();
export const message = z.object({ vi: z.string(), en: z.string() });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const timestamp = z.string();
export const change = z.object({
  change: z.enum(['added', 'changed', 'removed']),
  unitId: z.string().optional(),
  item: z.string(),
  code: z.string().optional(),
  part: z.string().optional(),
  before: z.string().optional(),
  after: z.string().optional(),
});
const issue = z.object({
  code: z.string(),
  message,
  field: z.string().optional(),
  node: z.string().optional(),
  unit: z.string().optional(),
  file: z.string().optional(),
  cell: z.unknown().optional(),
});
const unitCore = {
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  level: z.string(),
  type: z.string().optional(),
  provinceId: z.string(),
  peerGroup: z.string(),
  parentId: z.string().optional(),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  predecessors: z.array(z.string()),
  successors: z.array(z.string()),
  aliases: z.array(z.string()),
  note: z.string().optional(),
  /** Who issues and signs the unit's report; parentBody null: none (a company). */
  document: z
    .object({
      issuingBody: z.string().optional(),
      parentBody: z.string().nullable().optional(),
      abbreviation: z.string().optional(),
      place: z.string().optional(),
      signerTitle: z.string().optional(),
    })
    .loose()
    .optional(),
};
export const unit = z.object(unitCore);
const unitRecord = z.object({ ...unitCore, version: z.number().int() });

/** Every error: `{ error: { code, message, issues[] } }` (server/errors.ts). */
export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().describe('in the client’s language'),
    issues: z.array(
      z.object({
        code: z.string(),
        field: z.string().optional(),
        node: z.string().optional().describe('criterion code'),
        unit: z.string().optional().describe('unit id, when the input lists units'),
        in: z.string().optional().describe('file or sheet'),
        cell: z
          .object({ sheet: z.string(), row: z.number(), column: z.string(), header: z.string().optional(), value: z.string().optional(), reason: message })
          .optional()
          .describe('the cell of an imported sheet'),
        message,
      }),
    ),
    current: z.unknown().optional().describe('the current row, on 409'),
  }),
});

// ---- system, session, users ----
const workers = z.record(z.string(), z.unknown());
export const healthResponse = z.union([
  z.object({
    status: z.enum(['ok', 'migrations-pending']),
    engine: z.string(),
    schemaVersion: z.number(),
    database: z.object({ reachable: z.literal(true), engine: z.string() }),
    migrations: z.object({ applied: z.array(z.number()), pending: z.array(z.number()) }).loose(),
    workers,
  }),
  z.object({ status: z.literal('unavailable'), engine: z.string(), database: z.object({ reachable: z.literal(false), engine: z.string() }), workers }),
]);
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(['admin', 'appraiser', 'unitEditor', 'unitViewer']),
  unitId: z.string().optional(),
  disabled: z.boolean(),
  version: z.number().int(),
});
export const loginResponse = z.object({ user, csrfToken: z.string(), token: z.string().optional() });
/** Who is logged in, as the session answers tell the web app. */
export const sessionUser = user.omit({ disabled: true, version: true });
export const sessionResponse = z.union([z.object({ user: z.null() }), z.object({ user: sessionUser.nullable(), csrfToken: z.string().optional() })]);
/** The password is right and a second factor is needed (or must be set up first): a challenge, no session yet. */
export const secondFactorStep = z.object({ secondFactor: z.enum(['verify', 'enroll']), challenge: z.string() });
export const passwordResponse = z.union([loginResponse, secondFactorStep]);
export const secondFactorSetupResponse = z.object({ secret: z.string(), uri: z.string(), qr: z.string() });
export const secondFactorResponse = z.object({ user, csrfToken: z.string(), token: z.string().optional(), recoveryCodes: z.array(z.string()).optional() });
export const okResponse = z.object({ ok: z.literal(true) });
/** Signed out; after a sign-in through the province's provider, where to send the browser so the provider signs it out too. */
export const logoutResponse = z.object({ ok: z.literal(true), providerLogout: z.string().optional() });
export const usersResponse = z.array(user);

// ---- units ----
export const unitsResponse = z.array(z.object({ ...unitCore, years: z.array(z.number()) }));
const unitCycle = z.object({ id: z.string(), year: z.number(), phase: z.string(), framework: z.string().optional(), state: z.string().optional() }).loose();
export const unitResponse = z.object({ ...unitCore, years: z.array(z.number()), cycles: z.array(unitCycle) });
export const trendResponse = z.array(
  z.object({
    year: z.number(),
    total: nullableFigure,
    rank: z.number().optional(),
    of: z.number(),
    illustrative: z.boolean(),
    /** A year before the unit's own results, followed back through its lineage: whose result it is. */
    lineage: z
      .object({
        kind: z.enum(['predecessor', 'combined']),
        units: z.array(z.object({ id: z.string(), name: z.string(), label: z.string() })),
        level: z.string(),
        frameworkId: z.string(),
        words: message,
      })
      .optional(),
    /** On the unit's first own year after lineage years: the line breaks here. */
    breakBefore: message.optional(),
  }),
);
export const adminUnitsResponse = z.array(unitRecord);
export const unitWriteResponse = z.object({ units: z.array(unitRecord), changes: z.array(change) });
export const groupsResponse = z.array(
  z.object({ id: z.string(), name: z.string(), levels: z.array(z.string()), units: z.number(), provinceId: z.string().optional() }).loose(),
);

// ---- frameworks ----
export const frameworksResponse = z.array(
  z.object({ id: z.string(), name: z.string(), year: z.number(), level: z.string(), province: z.string().optional(), totalPoints: figure }),
);
/** A scoring rule of a framework document, its points and percentages as decimal text (core/framework/document.ts). */
const frameworkRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('manual') }),
  z.object({ type: z.literal('boolean'), falsePoints: decimal.optional() }),
  z.object({ type: z.literal('ratio'), targetPercent: figure.optional(), zeroDenominator: z.enum(['full', 'zero']).optional() }),
  z.object({ type: z.literal('bands'), measure: z.enum(['percent', 'value']).optional(), bands: z.array(z.object({ atLeast: figure, points: decimal })) }),
  z.object({ type: z.literal('perOccurrence'), pointsEach: decimal, floor: decimal.optional() }),
  z.object({ type: z.literal('deadline'), pointsPerLate: decimal, graceDays: z.number().optional() }),
  z.object({ type: z.literal('grades'), grades: z.record(z.string(), decimal) }),
  z.object({ type: z.literal('surveyAnswers'), options: z.record(z.string(), figure) }),
]);
/**
 * A node of a framework document (core/framework/document.ts): the file format's shape, its
 * maxima and rule points as decimal text (the presenter `frameworkJson`; a file may write numbers).
 */
export const frameworkNode = z
  .object({
    code: z.string(),
    name: z.string(),
    maxPoints: decimal.optional(),
    source: z.enum(['appraisal', 'survey', 'mixed']).optional(),
    kind: z.enum(['regular', 'bonus', 'penalty']).optional(),
    cap: decimal.optional(),
    department: z.string().optional(),
    rule: frameworkRule.optional(),
    incomplete: z.boolean().optional(),
    assumption: z.string().optional(),
    note: z.string().optional(),
    from: z.union([z.string(), z.array(z.string())]).optional(),
    new: z.boolean().optional(),
    get children() {
      return z.array(frameworkNode).optional();
    },
  })
  .meta({ id: 'FrameworkNode' });
const frameworkSettings = z.object({
  tieRule: z.enum(['competition', 'dense']).optional(),
  withoutSurvey: z.union([z.object({ mode: z.literal('none') }), z.object({ mode: z.literal('rescale'), to: decimal.optional() })]).optional(),
  split: z.object({ appraisal: decimal, survey: decimal }).optional(),
  rankBy: z.enum(['points', 'percent']).optional(),
  classification: z
    .array(
      z.object({
        label: z.string(),
        atLeastPoints: decimal.optional(),
        atLeastPercent: figure.optional(),
        inclusive: z.boolean().optional(),
        componentFloorPercent: figure.optional(),
      }),
    )
    .optional(),
  pointsRounding: z.enum(['halfUp', 'halfEven', 'truncate']).optional(),
  /** Decimals shown for totals and scores (a count of digits). */
  precision: z.number().optional(),
  baseline: z.enum(['none', 'predecessor', 'mean', 'weighted']).optional(),
});
/** A framework document as the API sends it: every maximum, point and threshold as decimal text. */
export const frameworkResponse = z.object({
  kind: z.literal('framework'),
  id: z.string(),
  name: z.string(),
  province: z.string().optional(),
  level: z.string(),
  year: z.number(),
  decision: z.object({ number: z.string(), date: z.string().optional(), issuedBy: z.string().optional() }).optional(),
  index: z.object({ name: z.string(), shortName: z.string().optional(), nameEn: z.string().optional(), shortNameEn: z.string().optional() }).optional(),
  levelNames: z.object({ singular: message, plural: message }).optional(),
  totalPoints: decimal.optional(),
  settings: frameworkSettings.optional(),
  notes: z.array(z.string()).optional(),
  derivedFrom: z.string().optional(),
  dropped: z.array(z.string()).optional(),
  components: z.array(frameworkNode),
});
export const evaluateResponse = z.object({ points: figure, explanation: z.string() });

// ---- cycles, scores, workflow ----
/** The decision that published a cycle's results, when published. */
const publication = z.object({ decision: z.string().optional(), date: z.string().optional() }).loose().nullable().optional();
export const cycleSummary = z.object({
  id: z.string(),
  year: z.number(),
  framework: z.string(),
  phase: z.string(),
  publication,
  version: z.number(),
  units: z.number(),
});
export const cyclesResponse = z.array(cycleSummary);
export const cycleResponse = z.object({
  id: z.string(),
  year: z.number(),
  framework: z.string(),
  phase: z.string(),
  publication,
  version: z.number(),
  units: z.array(z.object({ unit: z.string(), name: z.string(), state: z.string(), illustrative: z.boolean(), version: z.number(), label: z.string() })),
});
/** Indicator values (what-if input): a count, a ratio, a value, a grade… */
const indicatorValues = z
  .object({
    numerator: z.number().optional(),
    denominator: z.number().optional(),
    value: z.union([z.number(), z.string()]).optional(),
    count: z.number().optional(),
    achieved: z.boolean().optional(),
    grade: z.string().optional(),
  })
  .loose();
export const scoreRecord = z.object({
  cycleId: z.string(),
  unitId: z.string(),
  code: z.string(),
  self: decimal.nullable(),
  appraised: decimal.nullable(),
  final: z.object({ total: decimal.nullable(), appraisal: decimal.nullable(), survey: decimal.nullable() }).nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  indicator: indicatorValues.nullable(),
  notApplicable: z.string().nullable(),
  version: z.number(),
  updatedAt: timestamp,
});
export const scoresResponse = z.array(scoreRecord.partial({ version: true, updatedAt: true, indicator: true, comment: true, notApplicable: true }).loose());
/** A batch of score rows written at once (routes/scoreBatch.ts): per row saved, refused with its problems, or in conflict with the stored row. */
const batchIssue = z.object({ code: z.string(), message, field: z.string().optional(), node: z.string().optional() }).loose();

export const scoreBatchResponse = z.object({
  saved: z.number().int(),
  results: z.array(
    z.discriminatedUnion('status', [
      z.object({ code: z.string(), status: z.literal('saved'), score: scoreRecord }),
      z.object({ code: z.string(), status: z.literal('problem'), issues: z.array(batchIssue) }),
      z.object({ code: z.string(), status: z.literal('conflict'), issues: z.array(batchIssue), current: scoreRecord.nullable() }),
    ]),
  ),
});
const publicationRecord = z.object({
  id: z.number(),
  cycleId: z.string(),
  sequence: z.number(),
  decision: z.string(),
  decidedOn: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: timestamp,
  snapshot: z.record(z.string(), z.unknown()),
  auditHead: z.object({ sequence: z.number(), hash: z.string() }).nullable(),
  excluded: z.array(z.object({ unit: z.string(), reason: z.string() })),
});
export const publicationsResponse = z.array(publicationRecord);
export const publicationResponse = publicationRecord;
export const publicationPreviewResponse = z.array(
  z.object({ unit: z.string(), name: z.string(), total: decimal.nullable(), rank: z.number().optional(), of: z.number() }),
);
export const openedCycleResponse = z.object({
  id: z.string(),
  units: z.array(z.string()),
  warnings: z.array(issue),
  leftOut: z.array(z.object({ unit: z.string(), reason: message })),
});
export const assessment = z.object({ cycleId: z.string(), unitId: z.string(), state: z.string(), version: z.number() });
export const assessmentResponse = assessment.extend({
  label: z.string(),
  transitions: z.array(z.string()),
  allowed: z.array(z.string()),
  history: z.array(z.object({ at: z.string(), action: z.string(), by: z.string(), after: z.unknown().optional(), reason: z.string().optional() })),
});
export const auditEntry = z
  .object({
    sequence: z.number(),
    at: z.string(),
    actorId: z.string(),
    action: z.string(),
    subject: z.string(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    reason: z.string().optional(),
  })
  .loose();
export const auditResponse = z.array(auditEntry);
export const auditVerifyResponse = z
  .object({
    valid: z.boolean(),
    brokenAt: z.number().optional(),
    reason: z.string().optional(),
    anchor: z.object({ sequence: z.number(), hash: z.string(), source: z.string() }).loose().optional(),
    entries: z.number(),
    head: z.object({ sequence: z.number(), hash: z.string() }).nullable(),
    anchors: z.number(),
    keyed: z.boolean(),
    /** Committed entries not chained yet (PostgreSQL's queue, src/store/auditQueue.ts). */
    unsealed: z.number(),
  })
  .loose();

// ---- evidence ----
export const evidenceRecord = z.object({
  id: z.number(),
  cycleId: z.string(),
  unitId: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string(),
  uploadedAt: timestamp,
});
export const evidenceListResponse = z.array(evidenceRecord);

// ---- results and analysis (the core's presenters: core/analysis) ----
const indexWords = z.object({ name: z.string(), shortName: z.string().optional(), label: z.string(), phrase: z.string() });
const levelNames = z.object({ singular: message, plural: message });
const unitRef = z.object({ id: z.string(), name: z.string(), fullName: z.string(), illustrative: z.boolean() });
const resultsPublication = z.object({
  decision: z.string(),
  date: z.string().optional(),
  issuedBy: z.string().optional(),
  title: z.string().optional(),
  auditHead: z.string().optional(),
});
export const provinceResponse = z.object({
  year: z.number(),
  level: z.string(),
  group: z.string(),
  groupName: z.string(),
  groupNameEn: z.string().optional(),
  framework: z.object({ id: z.string(), name: z.string(), totalPoints: figure }),
  index: z.object({ vi: indexWords, en: indexWords }),
  levelNames,
  precision: z.number().int(),
  max: figure,
  hasSurvey: z.boolean(),
  illustrative: z.boolean(),
  of: z.number(),
  components: z.array(z.object({ code: z.string(), name: z.string(), max: figure })),
  units: z.array(
    z.object({
      unit: unitRef,
      total: nullableFigure,
      percent: nullableFigure,
      applicableMax: figure,
      appraisal: nullableFigure,
      survey: nullableFigure,
      rank: z.number().nullable(),
      components: z.array(z.object({ code: z.string(), score: nullableFigure, percent: nullableFigure, applicableMax: figure, rank: z.number().nullable() })),
    }),
  ),
  distributions: z.array(
    z.object({
      code: z.string(),
      count: z.number(),
      min: nullableFigure,
      q1: nullableFigure,
      median: nullableFigure,
      q3: nullableFigure,
      max: nullableFigure,
      mean: nullableFigure,
    }),
  ),
});
export const resultGroupsResponse = z.array(
  z.object({
    level: z.string(),
    group: z.string(),
    name: z.string(),
    nameEn: z.string().optional(),
    provinceId: z.string().optional(),
    framework: z.string(),
    count: z.number(),
  }),
);
/** Through the framework crosswalk: what a node was last year and how it changed. */
const crosswalked = {
  previousScore: nullableFigure,
  previousMax: nullableFigure,
  previousPercent: nullableFigure,
  deltaPoints: nullableFigure,
  deltaPercentagePoints: nullableFigure,
  change: z.enum(['same', 'renamed', 'maxChanged', 'split', 'merged', 'new', 'unlisted']).nullable(),
  previousCodes: z.array(z.string()).nullable(),
  changeNote: message.nullable(),
};
/** Last year's node that the framework dropped. */
const droppedNode = z.object({ code: z.string(), name: z.string(), previousScore: nullableFigure, previousMax: nullableFigure, note: message });
const analysisCriterion = z.object({
  code: z.string(),
  name: z.string(),
  max: nullableFigure,
  applicableMax: nullableFigure,
  notApplicable: z.boolean(),
  score: nullableFigure,
  /** The score's share of the applicable maximum, exact decimal text (a percentage): computed by the core, ready to format. */
  percent: decimal.nullable(),
  pointsLost: nullableFigure,
  department: z.string().nullable(),
  ...crosswalked,
});
export const analysisComponent = z.object({
  code: z.string(),
  name: z.string(),
  max: figure,
  applicableMax: figure,
  notApplicable: z.boolean(),
  score: nullableFigure,
  percent: nullableFigure,
  appraisal: nullableFigure,
  survey: nullableFigure,
  ...crosswalked,
  direction: z.string().nullable(),
  rank: z.number().nullable(),
  of: z.number(),
  previousRank: z.number().nullable(),
  tiedWith: z.array(z.string()),
  ahead: z.array(z.string()),
  pointsLost: nullableFigure,
  deducted: figure,
  ruleLoss: figure,
  unexplainedLoss: nullableFigure,
  criteria: z.array(analysisCriterion),
  droppedCriteria: z.array(droppedNode),
  /** In a compact analysis (peers=near): how many share the rank, how many rank ahead (the lists cut to a few). */
  tiedCount: z.number().optional(),
  aheadCount: z.number().optional(),
});
/** What `previous`, `totalChange` and `rankChange` are measured against (core/analysis/baseline.ts). */
export const baseline = z.object({
  kind: z.enum(['own', 'predecessor', 'combined', 'none']),
  year: z.number(),
  lineage: z.boolean(),
  rule: z.string(),
  ruleFrom: z.string(),
  units: z.array(
    z.object({
      unit: z.string(),
      name: z.string(),
      label: z.string(),
      level: z.string(),
      year: z.number(),
      framework: z.string(),
      frameworkYear: z.number(),
      group: z.string(),
      total: nullableFigure,
      rank: z.number().nullable(),
      of: z.number(),
      illustrative: z.boolean(),
      link: z.string().nullable(),
      /** Its share of a combined baseline (the shares add up to 1): decimal text. */
      weight: nullableFigure,
    }),
  ),
  level: z.string().nullable(),
  framework: z.string().nullable(),
  combination: z.string().nullable(),
  total: nullableFigure,
  rankComparable: z.boolean(),
  levelChanged: z.boolean(),
  frameworkChanged: z.boolean(),
  words: message,
  reason: message.nullable(),
});
export const analysisResponse = z
  .object({
    unit: unitRef,
    year: z.number(),
    level: z.string(),
    framework: z.object({ id: z.string(), name: z.string() }),
    index: z.object({ vi: indexWords, en: indexWords }),
    levelNames,
    precision: z.number().int(),
    publication: resultsPublication.nullable(),
    illustrative: z.boolean(),
    max: figure,
    applicableMax: figure,
    notApplicable: z.array(z.object({ code: z.string(), name: z.string(), reason: z.string(), max: nullableFigure })),
    total: nullableFigure,
    rankingTotal: nullableFigure,
    percent: nullableFigure,
    hasSurvey: z.boolean(),
    appraisal: nullableFigure,
    survey: nullableFigure,
    rank: z.number().nullable(),
    of: z.number(),
    tiedWith: z.array(z.string()),
    classification: z.string().nullable(),
    previous: z
      .object({ year: z.number(), total: nullableFigure, appraisal: nullableFigure, survey: nullableFigure, rank: z.number().nullable(), of: z.number() })
      .nullable(),
    totalChange: z.object({ points: figure, direction: z.string() }).nullable(),
    rankChange: z.object({ places: z.number(), direction: z.string() }).nullable(),
    baseline: baseline.nullable(),
    components: z.array(analysisComponent),
    droppedComponents: z.array(droppedNode),
    missingParts: z.array(z.object({ code: z.string(), name: z.string(), missing: z.string() })),
    adjustments: z.array(
      z.object({ code: z.string(), name: z.string(), kind: z.string(), cap: nullableFigure, score: nullableFigure, applied: nullableFigure }),
    ),
    deductions: z.array(
      z
        .object({
          criterion: z.string(),
          criterionName: z.string().nullable(),
          component: z.string(),
          points: figure,
          computedPoints: nullableFigure,
          reason: z.string(),
          department: z.string().nullable(),
          documents: z.array(z.unknown()),
        })
        .loose(),
    ),
    group: z.object({ id: z.string(), name: z.string(), nameEn: z.string().optional() }),
    /** `gap` (peers=near): peers are left out before this one. */
    peers: z.array(
      z.object({
        unit: z.string(),
        name: z.string(),
        illustrative: z.boolean(),
        total: nullableFigure,
        rank: z.number().nullable(),
        gap: z.boolean().optional(),
      }),
    ),
    findings: z.array(
      z.object({
        id: z.string(),
        severity: z.string(),
        where: z.string(),
        component: z.string().nullable(),
        criterion: z.string().nullable(),
        year: z.number(),
        message,
        printed: nullableFigure,
        computed: nullableFigure,
      }),
    ),
    /** In a compact analysis (peers=near): peers sharing the unit's rank in all, the group's size and quartiles of its totals, names of the units the tie lists give. */
    tiedCount: z.number().optional(),
    peerSummary: z
      .object({ count: z.number(), min: nullableFigure, q1: nullableFigure, median: nullableFigure, q3: nullableFigure, max: nullableFigure })
      .optional(),
    names: z.record(z.string(), z.string()).optional(),
  })
  .loose();
/** A criterion in a compact analysis (peers=near): a key is there only when it says something (absent: null or false; `applicableMax` absent: equal to `max`). */
const sparseCriterion = analysisCriterion.partial().extend({ code: z.string(), name: z.string() });
/** A unit's analysis sized for a screen (peers=near, core/analysis/compact.ts): the analysis with its neighbours instead of every peer and sparse criteria. */
export const compactAnalysisResponse = analysisResponse.extend({
  components: z.array(analysisComponent.extend({ criteria: z.array(sparseCriterion) })),
});

// ---- rankings in pieces (core/analysis/rankingWindow.ts) ----
const num = nullableFigure;
const rank = z.number().nullable();
const rankingRow = z.object({
  unit: unitRef,
  total: num,
  percent: num,
  applicableMax: figure,
  appraisal: num,
  survey: num,
  rank,
  /** Other units at the same rank. */
  tied: z.number(),
  /** The unit has predecessors: its trend (GET /api/units/:unit/trend) follows them back. */
  lineage: z.literal(true).optional(),
  components: z.array(z.object({ code: z.string(), score: num, percent: num, applicableMax: figure, rank, tied: z.boolean() })),
});
export const rankingPageResponse = z.object({
  year: z.number(),
  level: z.string(),
  group: z.string(),
  of: z.number(),
  sort: z.string(),
  down: z.boolean(),
  offset: z.number(),
  limit: z.number(),
  /** Rows the search and filters keep, in all. */
  matched: z.number(),
  rows: z.array(rankingRow),
});
const heatLine = z.object({ count: z.number(), total: num, components: z.array(num) });
export const rankingSummaryResponse = provinceResponse.omit({ units: true }).extend({
  /** Units in the view (ranked or not). */
  count: z.number(),
  types: z.array(z.object({ type: z.string(), count: z.number() })),
  peerGroups: z.array(z.object({ id: z.string(), name: z.string(), count: z.number() })),
  heat: z.object({
    deciles: z.array(heatLine.extend({ from: z.number(), to: z.number() })),
    groups: z.array(heatLine.extend({ id: z.string(), name: z.string() })),
  }),
});
export const rankingTrendResponse = z.array(
  z.object({
    year: z.number(),
    of: z.number(),
    precision: z.number(),
    min: num,
    q1: num,
    median: num,
    q3: num,
    max: num,
    units: z.array(z.object({ id: z.string(), name: z.string(), total: num, rank })),
  }),
);

// ---- planning (presenters: server/presenters.ts) ----
const recoverableStep = z.object({ requirement: indicatorValues, points: figure, gain: figure, action: message });
export const recoverableItem = z.object({
  code: z.string(),
  year: z.number(),
  name: z.string(),
  component: z.string(),
  scope: z.enum(['criterion', 'component']),
  department: z.string().optional(),
  rule: z.string(),
  ruleLabel: message,
  source: z.string().optional(),
  controllable: z.boolean(),
  lost: figure,
  score: nullableFigure,
  maxPoints: nullableFigure,
  current: message,
  reason: z.string().optional(),
  action: message,
  requirement: indicatorValues.optional(),
  steps: z.array(recoverableStep),
});
export const recoverableResponse = z.object({
  precision: z.number().int(),
  items: z.array(recoverableItem),
  departments: z.array(z.object({ department: z.string(), lost: nullableFigure, codes: z.array(z.string()) })),
});
const summary = z.object({
  total: nullableFigure,
  rank: z.number().nullable(),
  of: z.number(),
  components: z.array(
    z.object({
      code: z.string(),
      score: nullableFigure,
      percent: nullableFigure,
      /** After a what-if: the change from before, in percentage points. */
      deltaPercentagePoints: nullableFigure.optional(),
      rank: z.number().nullable(),
    }),
  ),
});
export const whatIfResponse = z.object({
  precision: z.number().int(),
  before: summary,
  after: summary,
  gains: z.array(z.object({ code: z.string(), before: nullableFigure, after: nullableFigure })),
});
export const targetResponse = z
  .object({
    precision: z.number().int(),
    needed: nullableFigure,
    reachable: z.boolean(),
    total: nullableFigure,
    rankingTotal: nullableFigure,
    rank: z.number().optional(),
    of: z.number(),
    items: z.array(recoverableItem),
  })
  .loose();
export const task = z
  .object({
    id: z.string(),
    title: z.string(),
    department: z.string(),
    collaborators: z.array(z.string()).optional(),
    criteria: z.array(z.string()).optional(),
    deadline: z.string().optional(),
    status: z.string(),
    progress: z.array(z.object({ date: z.string(), note: z.string() })).optional(),
    evidence: z.array(z.string()).optional(),
  })
  .loose();
export const calendarEntry = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    due: z.string(),
    sent: z.string().optional(),
    status: z.string(),
    criterion: z.string().optional(),
    atStake: nullableFigure,
    daysLeft: z.number(),
    message,
  })
  .loose();
export const track = z.object({
  criterion: z.string(),
  name: z.string(),
  /** `ratio`: the measured value (numerator/denominator; a percentage as 0–1), decimal text to 12 decimals. */
  series: z.array(z.object({ period: z.string(), points: nullableFigure, ratio: figure.optional() })),
  latest: nullableFigure,
  latestValues: indicatorValues.optional(),
  projected: nullableFigure,
  projectedValues: indicatorValues.optional(),
  maxPoints: nullableFigure,
});
export const planResponse = z.object({
  unit: z.string(),
  year: z.number(),
  basedOn: z.number(),
  precision: z.number().int(),
  version: z.number(),
  today: isoDay,
  department: z.string().optional(),
  departments: z.array(z.string()),
  tasks: z.array(task.extend({ overdue: z.boolean() })),
  projection: z
    .object({ current: nullableFigure, projected: nullableFigure, recovered: z.array(z.object({ points: nullableFigure }).loose()) })
    .loose()
    .optional(),
  calendar: z.array(calendarEntry),
  tracking: z.array(track),
  problems: z.array(z.object({ field: z.string().optional(), node: z.string().optional(), message })),
  suggestions: z.array(task),
});
export const taskResponse = z.object({ version: z.number(), task });
export const trackingResponse = z.object({
  version: z.number(),
  criterion: z.string(),
  period: z.string(),
  points: nullableFigure,
  values: z.array(z.object({ period: z.string() }).loose()),
});
export const versionResponse = z.object({ version: z.number() });
export const reportAddedResponse = z.object({ version: z.number(), report: z.object({ id: z.string(), due: z.string() }).loose() });
export const reportEntryResponse = z.object({ version: z.number(), report: calendarEntry.optional() });
/** Ranks under noise (core/planning/montecarlo.ts, presenter robustnessJson): ranks as numbers, the mean rank and the probabilities (shares, 0–1) as decimal text. */
export const robustnessResponse = z.array(
  z
    .object({
      unitId: z.string(),
      name: z.string(),
      illustrative: z.boolean(),
      rank: z.number(),
      mean: figure,
      low: z.number(),
      high: z.number(),
      probabilities: z.array(figure).nullable(),
    })
    .loose(),
);

// ---- import and export ----
export const importResponse = z.object({
  dryRun: z.boolean(),
  changes: z.array(change),
  counts: z.object({ added: z.number(), changed: z.number(), removed: z.number() }).loose(),
  written: z.array(z.object({ kind: z.string(), id: z.string() })),
  notices: z.array(message).optional(),
  ignoredColumns: z.array(z.unknown()).optional(),
  changesTotal: z.number(),
  unitsChanged: z.array(z.string()),
});
export const importLimitsResponse = z.object({ maxBytes: z.number(), maxCells: z.number() });
/** Column formats whose cells are points or percentages: decimal text, never a JSON number (io/index.ts tablesToJson). */
const FIGURE_COLUMNS = ['points', 'pointsExact', 'percent'];
export const tablesResponse = z.array(
  z
    .object({
      name: z.string(),
      title: z.array(z.string()).optional(),
      columns: z.array(z.object({ header: z.array(z.string()), format: z.string() })),
      /** The maxima under the header: decimal text. */
      maxRow: z.object({ label: z.string(), values: z.array(decimal.nullable()) }).optional(),
      /** Cells: points and percentages as decimal text ("78.119875"), counts, ranks and quantities as numbers. */
      rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
      footer: z.array(z.string()).optional(),
      keyValue: z.boolean().optional(),
    })
    .superRefine((table, context) => {
      table.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (typeof cell === 'number' && FIGURE_COLUMNS.includes(table.columns[c]?.format ?? ''))
            context.addIssue({ code: 'custom', path: ['rows', r, c], message: 'points and percentages are decimal text' });
        }),
      );
    }),
);

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv';

export type ErrorResponse = z.infer<typeof errorResponse>;
export type HealthResponse = z.infer<typeof healthResponse>;
export type SessionResponse = z.infer<typeof sessionResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type SessionUserJson = z.infer<typeof sessionUser>;
export type PasswordResponse = z.infer<typeof passwordResponse>;
export type LogoutResponse = z.infer<typeof logoutResponse>;
export type SecondFactorResponse = z.infer<typeof secondFactorResponse>;
export type SecondFactorSetupResponse = z.infer<typeof secondFactorSetupResponse>;
export type ErrorIssue = ErrorResponse['error']['issues'][number];
export type MessageJson = z.infer<typeof message>;
export type UserJson = z.infer<typeof user>;
export type UnitJson = z.infer<typeof unit>;
export type UnitsResponse = z.infer<typeof unitsResponse>;
export type UnitResponse = z.infer<typeof unitResponse>;
export type TrendResponse = z.infer<typeof trendResponse>;
export type AdminUnitsResponse = z.infer<typeof adminUnitsResponse>;
export type GroupsResponse = z.infer<typeof groupsResponse>;
export type FrameworksResponse = z.infer<typeof frameworksResponse>;
export type CycleSummaryJson = z.infer<typeof cycleSummary>;
export type CycleResponse = z.infer<typeof cycleResponse>;
export type ScoreJson = z.infer<typeof scoreRecord>;
export type ScoresResponse = z.infer<typeof scoresResponse>;
export type ScoreBatchResponse = z.infer<typeof scoreBatchResponse>;
export type PublicationPreviewResponse = z.infer<typeof publicationPreviewResponse>;
export type AssessmentResponse = z.infer<typeof assessmentResponse>;
export type OpenedCycleResponse = z.infer<typeof openedCycleResponse>;
export type AuditEntryJson = z.infer<typeof auditEntry>;
export type AuditResponse = z.infer<typeof auditResponse>;
export type AssessmentJson = z.infer<typeof assessment>;
export type EvaluateResponse = z.infer<typeof evaluateResponse>;
export type FrameworkResponse = z.infer<typeof frameworkResponse>;
export type FrameworkNodeJson = z.infer<typeof frameworkNode>;
export type EvidenceListResponse = z.infer<typeof evidenceListResponse>;
export type RobustnessResponse = z.infer<typeof robustnessResponse>;
export type ChangeJson = z.infer<typeof change>;
export type EvidenceJson = z.infer<typeof evidenceRecord>;
export type ProvinceResponse = z.infer<typeof provinceResponse>;
export type ResultGroupsResponse = z.infer<typeof resultGroupsResponse>;
export type AnalysisResponse = z.infer<typeof analysisResponse>;
export type CompactAnalysisResponse = z.infer<typeof compactAnalysisResponse>;
export type RankingPageResponse = z.infer<typeof rankingPageResponse>;
export type RankingSummaryResponse = z.infer<typeof rankingSummaryResponse>;
export type RankingTrendResponse = z.infer<typeof rankingTrendResponse>;
export type RecoverableResponse = z.infer<typeof recoverableResponse>;
export type WhatIfResponse = z.infer<typeof whatIfResponse>;
export type TargetResponse = z.infer<typeof targetResponse>;
export type PlanResponse = z.infer<typeof planResponse>;
export type ImportResponse = z.infer<typeof importResponse>;
export type ImportLimitsResponse = z.infer<typeof importLimitsResponse>;
