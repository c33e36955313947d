/**
 * The appraisal as provinces run it, over HTTP: agencies and their assignments, the process and
 * its calendar, worklists and progress, the two-round explanations and their answers, the
 * council's record. Authorisation is the store's, through the policy table.
 */
import { z } from 'zod';
import { ParError, parsePoints, type Issue } from '../../core/index.ts';
import { checkCouncil, type CouncilInput } from '../../core/appraisal/council.ts';
import { isoDate } from '../../core/validation.ts';
import { appraisalSettings, assignCriteria, assignmentsOf, listAgencies, saveAgency, saveAppraisalSettings } from '../../store/appraisalSetup.ts';
import { councilOf, recordCouncil } from '../../store/council.ts';
import { answerExplanation, closeRound, explain, explanationSheet } from '../../store/explanations.ts';
import { worklist } from '../../store/worklist.ts';
import { cycleOrFail, notFound } from '../../store/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { route } from '../route.ts';
import { agencySchema, assignmentsSchema, councilSchema, explanationSchema, settingsSchema, sheetSchema, worklistSchema } from '../contract/appraisal.ts';
import { code, points, recordId, requiredText, slug, version } from './schemas.ts';

const cycleParams = z.object({ cycle: slug });
const unitParams = z.object({ cycle: slug, unit: slug });
const criterionParams = z.object({ cycle: slug, unit: slug, code });

/** The council's own checks (checkCouncil) on a raw record, as far as its members and items read. */
function councilProblems(raw: unknown): Issue[] {
  const body = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  if (!Array.isArray(body.members) || !Array.isArray(body.items)) return [];
  // An approval that is not a number is the schema's to say (at its field); counted as 0 here.
  const items = body.items.map((i) => (i && typeof i === 'object' ? (i as { subject?: unknown; approve?: unknown }) : {}));
  try {
    checkCouncil({
      members: body.members,
      scope: body.scope === 'items' ? 'items' : 'whole',
      items: items.map((i) => ({ subject: typeof i.subject === 'string' ? i.subject : '', approve: typeof i.approve === 'number' ? i.approve : 0 })),
    } as CouncilInput);
    return [];
  } catch (error) {
    if (error instanceof ParError) return error.issues;
    throw error;
  }
}

export const appraisalRoutes = [
  route({
    method: 'GET',
    url: '/api/appraisal/agencies',
    tag: 'appraisal',
    summary: 'Các cơ quan thẩm định và cán bộ của họ / the appraising agencies and their staff',
    response: z.array(agencySchema),
    async handler({ store, actor }) {
      authorize(actor, 'readAppraisalProgress');
      return listAgencies(store.db);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/appraisal/agencies/:agency',
    tag: 'appraisal',
    summary: 'Tạo hoặc sửa cơ quan thẩm định và danh sách cán bộ (Sở Nội vụ) / create or edit an appraising agency and its staff',
    params: z.object({ agency: slug }),
    body: z.object({ name: requiredText(200, 'tên cơ quan', 'the agency name'), users: z.array(z.string().max(64)).max(200) }).strict(),
    response: agencySchema,
    async handler({ store, actor, params, body }) {
      return saveAgency(store.db, { id: params.agency, name: body.name, users: body.users }, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/appraisal/assignments',
    tag: 'appraisal',
    summary: 'Phân công lĩnh vực, tiêu chí cho cơ quan thẩm định / the cycle’s assignments',
    params: cycleParams,
    response: assignmentsSchema,
    async handler({ store, actor, params }) {
      authorize(actor, 'readAppraisalProgress');
      await cycleOrFail(store.db, params.cycle);
      return assignmentsOf(store.db, params.cycle);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/appraisal/assignments',
    tag: 'appraisal',
    summary: 'Phân công (thay toàn bộ): mỗi lĩnh vực/tiêu chí một cơ quan thẩm định / replace the assignments: one agency per component or criterion',
    params: cycleParams,
    body: z.object({ assignments: z.array(z.object({ code, agency: slug }).strict()).max(2000) }).strict(),
    response: assignmentsSchema,
    async handler({ store, actor, params, body }) {
      return assignCriteria(store.db, params.cycle, body.assignments, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/appraisal/settings',
    tag: 'appraisal',
    summary: 'Quy trình thẩm định của kỳ: một vòng hay giải trình hai vòng, lịch, có cần hội đồng / the cycle’s appraisal process and calendar',
    params: cycleParams,
    response: settingsSchema,
    async handler({ store, params }) {
      await cycleOrFail(store.db, params.cycle);
      return appraisalSettings(store.db, params.cycle);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/appraisal/settings',
    tag: 'appraisal',
    summary: 'Đặt quy trình và lịch thẩm định (Sở Nội vụ) / set the appraisal process and calendar',
    params: cycleParams,
    body: z
      .object({
        process: z.enum(['single', 'twoRound']),
        preliminaryFrom: isoDate.optional(),
        rounds: z
          .array(z.object({ from: isoDate, to: isoDate }).strict())
          .max(2)
          .optional(),
        councilRequired: z.boolean(),
        version,
      })
      .strict(),
    response: settingsSchema,
    async handler({ store, actor, params, body }) {
      return saveAppraisalSettings(
        store.db,
        params.cycle,
        {
          process: body.process,
          councilRequired: body.councilRequired,
          version: body.version,
          ...(body.preliminaryFrom && { preliminaryFrom: body.preliminaryFrom }),
          ...(body.rounds && { rounds: body.rounds }),
        },
        actor,
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/appraisal/rounds/:round/close',
    tag: 'appraisal',
    summary: 'Kết thúc vòng giải trình (mọi giải trình đã được trả lời) / close an explanation round',
    params: z.object({ cycle: slug, round: z.enum(['1', '2']).transform(Number) }),
    response: settingsSchema,
    async handler({ store, actor, params }) {
      return closeRound(store.db, params.cycle, params.round, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/appraisal/worklist',
    tag: 'appraisal',
    summary: 'Việc thẩm định: của cơ quan mình (tiêu chí được phân công × đơn vị) hoặc tiến độ chung / the worklist and progress',
    params: cycleParams,
    query: z.object({ agency: z.union([slug, z.literal('none')]).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: worklistSchema,
    async handler({ store, actor, params, query }) {
      return worklist(store.db, params.cycle, actor, query.agency ? { agency: query.agency } : {});
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/explanations',
    tag: 'appraisal',
    summary: 'Kết quả thẩm định sơ bộ, giải trình và trả lời theo từng tiêu chí / preliminary scores, explanations and answers',
    params: unitParams,
    response: sheetSchema,
    async handler({ store, actor, params }) {
      return explanationSheet(store.db, params.cycle, params.unit, actor);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/units/:unit/explanations/:code',
    tag: 'appraisal',
    summary: 'Giải trình một tiêu chí trong vòng đang mở, kèm văn bản / explain one criterion in the open round, with documents',
    params: criterionParams,
    body: z.object({ text: requiredText(8000, 'nội dung giải trình', 'the explanation'), documents: z.array(recordId).max(50).default([]), version }).strict(),
    response: explanationSchema,
    async handler({ store, actor, params, body }) {
      return explain(
        store.db,
        { cycleId: params.cycle, unitId: params.unit, code: params.code, text: body.text, documents: body.documents, version: body.version },
        actor,
      );
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/units/:unit/explanations/:code/answer',
    tag: 'appraisal',
    summary: 'Trả lời giải trình: chấp nhận (điểm mới) hoặc giữ nguyên, kèm lý do / answer an explanation: accepted with the new score, or kept, with a reason',
    params: criterionParams,
    body: z.object({ outcome: z.enum(['accepted', 'kept']), points: points.optional(), reason: requiredText(4000, 'lý do', 'the reason'), version }).strict(),
    response: explanationSchema,
    async handler({ store, actor, params, body }) {
      return answerExplanation(
        store.db,
        {
          cycleId: params.cycle,
          unitId: params.unit,
          code: params.code,
          outcome: body.outcome,
          reason: body.reason,
          version: body.version,
          ...(body.points !== undefined && { points: parsePoints(body.points, 'points') }),
        },
        actor,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/council',
    tag: 'appraisal',
    summary: 'Biên bản, kết luận của Hội đồng thẩm định / the appraisal council’s record',
    params: cycleParams,
    response: councilSchema,
    async handler({ store, actor, params }) {
      const cycle = await cycleOrFail(store.db, params.cycle);
      if (cycle.phase !== 'published') authorize(actor, 'readAppraisalProgress');
      const council = await councilOf(store.db, params.cycle);
      if (!council)
        throw notFound({ vi: `kỳ ${params.cycle} chưa có biên bản hội đồng thẩm định`, en: `cycle ${params.cycle} has no council record` }, 'cycle');
      return council;
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/council',
    tag: 'appraisal',
    summary: 'Ghi biên bản Hội đồng thẩm định: thành viên, ngày họp, biểu quyết (toàn bộ hoặc từng nội dung), biên bản đính kèm / record the council',
    params: cycleParams,
    body: z
      .object({
        decision: requiredText(200, 'số, ký hiệu biên bản/nghị quyết', 'the record’s number'),
        meetingOn: isoDate,
        members: z.array(z.object({ name: requiredText(200, 'tên thành viên', 'the member’s name'), title: z.string().max(200).optional() }).strict()).max(100),
        scope: z.enum(['whole', 'items']),
        items: z.array(z.object({ subject: requiredText(400, 'nội dung biểu quyết', 'the item'), approve: z.number().int() }).strict()).max(1000),
        minutes: recordId.optional(),
        version,
      })
      .strict(),
    response: councilSchema,
    // A record its schema refuses (a blank number, a date that does not read) is said with the vote's
    // problems too (fewer than 3 members, approvals above the members), in one answer.
    lookups: ({ body }) => councilProblems(body),
    async handler({ store, actor, params, body }) {
      const { minutes, ...rest } = body;
      return recordCouncil(
        store.db,
        params.cycle,
        { ...rest, members: rest.members.map((m) => ({ name: m.name, ...(m.title && { title: m.title }) })), ...(minutes !== undefined && { minutes }) },
        actor,
      );
    },
  }),
];
