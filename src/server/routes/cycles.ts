import { z } from 'zod';
import { ParError, indicatorFile, issue, parsePoints, unitResultIn, type Points } from '../../core/index.ts';
import {
  assessmentOf,
  cycleOrFail,
  cycleUnits,
  listCycles,
  listPublications,
  listScores,
  publicationPreview,
  publicationProblems,
  publish,
  publishedScores,
  writeScore,
  type PublishRequest,
  type ScorePatch,
  type Store,
} from '../../store/index.ts';
import { hidePreliminary } from '../../store/explanations.ts';
import { authorize, type Actor } from '../../workflow/policy.ts';
import { STATE_LABELS, STATES } from '../../workflow/states.ts';
import { isoDate } from '../../core/validation.ts';
import { route } from '../route.ts';
import {
  cycleResponse,
  cyclesResponse,
  publicationPreviewResponse,
  publicationResponse,
  publicationsResponse,
  scoreRecord,
  scoresResponse,
} from '../responses.ts';
import { code, points, requiredText, slug, text, version } from './schemas.ts';

const cycleParams = z.object({ cycle: slug });
const unitParams = z.object({ cycle: slug, unit: slug });

/** A decision to publish a cycle's results: its number, date, the reason of a correction, units left out with their reasons. */
const publishBody = z
  .object({
    decision: requiredText(100, 'số quyết định công bố', 'the decision number'),
    date: isoDate.optional(),
    reason: text(4000).optional(),
    // Units whose total is unknown, left out of the decision, each with the province's reason.
    excluded: z
      .array(z.object({ unit: slug, reason: text(4000) }).strict())
      .max(10000)
      .optional(),
  })
  .strict();

const publishRequest = (cycleId: string, body: z.output<typeof publishBody>): PublishRequest => ({
  cycleId,
  decision: body.decision,
  ...(body.date && { decidedOn: body.date }),
  ...(body.reason && { reason: body.reason }),
  ...(body.excluded && { excluded: body.excluded }),
});

/** The stored state's problems with a decision its schema refused, read from what of the body reads. */
async function publishLookups(store: Store, cycleId: string, actor: Actor, raw: unknown, options: { preview?: boolean } = {}) {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const decision = typeof body.decision === 'string' ? body.decision.trim() : '';
  const excluded = Array.isArray(body.excluded)
    ? body.excluded.filter((e): e is { unit: string; reason?: unknown } => !!e && typeof e === 'object' && typeof (e as { unit?: unknown }).unit === 'string')
    : undefined;
  return publicationProblems(
    store.db,
    {
      cycleId,
      ...(decision && { decision }),
      ...(typeof body.date === 'string' && isoDate.safeParse(body.date).success && { decidedOn: body.date }),
      ...(typeof body.reason === 'string' && { reason: body.reason }),
      ...(excluded && { excluded: excluded.map((e) => ({ unit: e.unit, reason: typeof e.reason === 'string' ? e.reason : '' })) }),
    },
    actor,
    options,
  );
}

/** The core's one points reader: a number, or decimal text with a comma or a dot. */
const toPoints = (value: number | string, field: string): Points => parsePoints(value, field);

export const scoreBody = z
  .object({
    version,
    self: points.nullable().optional(),
    appraised: points.nullable().optional(),
    final: z
      .union([points, z.object({ appraisal: points.optional(), survey: points.optional(), total: points.optional() }).strict()])
      .nullable()
      .optional(),
    reason: text(4000).nullable().optional(),
    comment: text(4000).nullable().optional(),
    /** The values behind a rule-scored criterion: {numerator, denominator}, {value}, {count}, {achieved}, {items: [{name, due, sent}]} … */
    indicator: indicatorFile.nullable().optional(),
    /** true: the criterion does not apply to the unit (không áp dụng), with `reason`; false: it applies again. */
    notApplicable: z.boolean().optional(),
  })
  .strict();

export function scorePatch(body: z.output<typeof scoreBody>): ScorePatch {
  const patch: ScorePatch = {};
  if (body.self !== undefined) patch.self = body.self === null ? null : toPoints(body.self, 'self');
  if (body.appraised !== undefined) patch.appraised = body.appraised === null ? null : toPoints(body.appraised, 'appraised');
  if (body.final !== undefined) {
    const f = body.final;
    patch.final =
      f === null
        ? null
        : typeof f === 'object'
          ? {
              ...(f.total !== undefined && { total: toPoints(f.total, 'final.total') }),
              ...(f.appraisal !== undefined && { appraisal: toPoints(f.appraisal, 'final.appraisal') }),
              ...(f.survey !== undefined && { survey: toPoints(f.survey, 'final.survey') }),
            }
          : { total: toPoints(f, 'final') };
  }
  if (body.reason !== undefined) patch.reason = body.reason;
  if (body.comment !== undefined) patch.comment = body.comment;
  if (body.indicator !== undefined) patch.indicator = body.indicator;
  if (body.notApplicable !== undefined) patch.notApplicable = body.notApplicable;
  if (!Object.keys(patch).length) {
    throw new ParError(
      issue('score.emptyPatch', {
        vi: 'không có giá trị nào để ghi (self, appraised, final, reason, comment, indicator, notApplicable)',
        en: 'nothing to write (self, appraised, final, reason, comment, indicator, notApplicable)',
      }),
    );
  }
  return patch;
}

export const cycleRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles',
    tag: 'cycles',
    summary: 'Các kỳ đánh giá (năm, bộ tiêu chí, giai đoạn) / assessment cycles',
    response: cyclesResponse,
    async handler({ store }) {
      return listCycles(store.db);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle',
    tag: 'cycles',
    summary: 'Một kỳ đánh giá và trạng thái hồ sơ của từng đơn vị; ?state=submitted: các hồ sơ chờ thẩm định / one cycle and the state of each unit',
    params: cycleParams,
    query: z.object({ state: z.enum(STATES).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: cycleResponse,
    async handler({ store, params, query, locale }) {
      const cycle = await cycleOrFail(store.db, params.cycle);
      const units = await cycleUnits(store.db, params.cycle, query.state);
      return { ...cycle, units: units.map((u) => ({ ...u, label: STATE_LABELS[u.state][locale] })) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/scores',
    tag: 'scores',
    summary: 'Điểm từng tiêu chí của một đơn vị: tự chấm, thẩm định, điểm cuối, lý do, phiên bản / a unit’s stored scores',
    params: unitParams,
    response: scoresResponse,
    async handler({ store, params, actor }) {
      const cycle = await cycleOrFail(store.db, params.cycle);
      const { state } = await assessmentOf(store.db, params.cycle, params.unit);
      authorize(actor, state === 'published' ? 'readPublished' : 'readAssessment', { unitId: params.unit, state });
      // The province works on the stored rows (a correction being prepared included); everyone else
      // reads what was decided, from the same published results as the analysis and the ranking.
      // Two-round appraisal: the unit sees no appraised score before the day the province sends them.
      if (state !== 'published' || actor.role === 'admin')
        return hidePreliminary(store.db, params.cycle, actor, state, await listScores(store.db, params.cycle, params.unit));
      const set = (await store.dataset(actor)).results.find((s) => s.year === cycle.year && s.frameworkId === cycle.framework);
      const published = set && unitResultIn(set, params.unit);
      return publishedScores(store.db, params.cycle, params.unit, published);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/units/:unit/scores/:code',
    tag: 'scores',
    summary: 'Ghi điểm một tiêu chí (phải gửi phiên bản đã đọc; 409 nếu đã cũ) / write one criterion’s score (optimistic: 409 when stale)',
    params: z.object({ cycle: slug, unit: slug, code }),
    body: scoreBody,
    response: scoreRecord,
    async handler({ store, params, body, actor }) {
      return writeScore(store.db, { cycleId: params.cycle, unitId: params.unit, code: params.code, version: body.version, patch: scorePatch(body) }, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/publications',
    tag: 'cycles',
    summary: 'Các lần công bố (bản chụp bất biến) / publications (immutable snapshots)',
    params: cycleParams,
    response: publicationsResponse,
    async handler({ store, params }) {
      await cycleOrFail(store.db, params.cycle);
      return listPublications(store.db, params.cycle);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/publication-preview',
    tag: 'cycles',
    summary: 'Những gì quyết định sẽ công bố: đơn vị, tổng điểm, xếp hạng / what a decision would publish now: units, totals, ranks',
    params: cycleParams,
    response: publicationPreviewResponse,
    async handler({ store, params, actor }) {
      await cycleOrFail(store.db, params.cycle);
      authorize(actor, 'publish');
      return publicationPreview(store.db, params.cycle);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/publication-check',
    tag: 'cycles',
    summary:
      'Kiểm tra trước khi công bố: mọi lỗi mà bước xác nhận sẽ báo (số quyết định đã dùng, ngày chưa đến, lý do loại trừ …) cùng lúc; không lỗi thì trả bảng sẽ công bố / check a decision before confirming it',
    params: cycleParams,
    body: publishBody,
    response: publicationPreviewResponse,
    lookups: ({ store, params, actor, body }) => publishLookups(store, params.cycle, actor, body, { preview: true }),
    async handler({ store, params, body, actor }) {
      const issues = await publicationProblems(store.db, publishRequest(params.cycle, body), actor, { preview: true });
      if (issues.length) throw new ParError(issues);
      return publicationPreview(store.db, params.cycle);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/publications',
    tag: 'cycles',
    summary: 'Công bố kết quả (quyết định số, ngày); đính chính cần lý do / publish results; a correction needs a reason',
    params: cycleParams,
    body: publishBody,
    // A body its schema refuses is answered with what the stored state refuses too (the decision used, units not ready …).
    lookups: ({ store, params, actor, body }) => publishLookups(store, params.cycle, actor, body),
    status: 201,
    response: publicationResponse,
    async handler({ store, params, body, actor }) {
      return publish(store.db, publishRequest(params.cycle, body), actor);
    },
  }),
];
