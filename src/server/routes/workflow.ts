import { z } from 'zod';
import { bilingual } from '../../core/validation.ts';
import { assessmentOf, assessmentTrail, auditPage, listUsers, openCycle, transition, verifyAudit } from '../../store/index.ts';
import { hidePreliminaryTrail } from '../../store/explanations.ts';
import { authorize, decide } from '../../workflow/policy.ts';
import { STATE_LABELS, TRANSITIONS, type Transition } from '../../workflow/states.ts';
import { transitionsFrom } from '../../workflow/transition.ts';
import { auditCsvStream, auditXlsx } from '../auditExport.ts';
import { bodyOf, route } from '../route.ts';
import { CSV, XLSX, assessment, assessmentResponse, auditResponse, auditVerifyResponse, fileResponse, openedCycleResponse } from '../responses.ts';
import { code, queryNumber, slug, text, year } from './schemas.ts';

/** Entries in a page of the audit trail's JSON: by default, and at most. */
const AUDIT_PAGE = 1000;
const AUDIT_PAGE_MAX = 5000;

const unitParams = z.object({ cycle: slug, unit: slug });
const transitionNames = Object.keys(TRANSITIONS) as [Transition, ...Transition[]];

export const workflowRoutes = [
  route({
    method: 'POST',
    url: '/api/cycles',
    tag: 'workflow',
    summary: 'Mở kỳ đánh giá: mọi đơn vị của cấp bắt đầu tự đánh giá / open a cycle',
    body: z.object({ year, framework: slug }).strict(),
    status: 201,
    response: openedCycleResponse,
    async handler({ store, actor, body }) {
      return openCycle(store.db, { year: body.year, frameworkId: body.framework }, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/assessment',
    tag: 'workflow',
    summary: 'Trạng thái hồ sơ và các bước được phép / the assessment state and the next steps',
    params: unitParams,
    response: assessmentResponse,
    async handler({ store, actor, params, locale }) {
      const assessment = await assessmentOf(store.db, params.cycle, params.unit);
      authorize(actor, assessment.state === 'published' ? 'readPublished' : 'readAssessment', { unitId: params.unit, state: assessment.state });
      const target = { unitId: params.unit, state: assessment.state };
      const transitions = transitionsFrom(assessment.state);
      // `allowed`: the steps this user may take here (each transition is a policy action of the same
      // name); publication is the whole cycle's, by decision (POST /api/cycles/:cycle/publications).
      const allowed = transitions.filter((name) => name !== 'publish' && name !== 'correct' && decide(actor, name, target).allowed);
      // Who moved the file and why: the unit reads why it was returned, the council why a re-check is asked.
      let history: object[] = [];
      if (decide(actor, 'readAudit', target).allowed) {
        const names = new Map((await listUsers(store.db)).map((u) => [u.id, u.displayName]));
        history = (await assessmentTrail(store.db, params.cycle, params.unit))
          .filter((e) => e.action.startsWith('assessment.') || e.action.startsWith('publication.'))
          .map((e) => ({
            at: e.at,
            action: e.action,
            by: names.get(e.actorId) ?? e.actorId,
            ...(e.after !== undefined && { after: e.after }),
            ...(e.reason !== undefined && { reason: e.reason }),
          }));
      }
      return { ...assessment, label: STATE_LABELS[assessment.state][locale], transitions, allowed, history };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/units/:unit/transitions',
    tag: 'workflow',
    summary: 'Chuyển trạng thái hồ sơ: nộp, thẩm định, trả lại, hoàn thành, phúc tra, công bố / move the assessment',
    params: unitParams,
    body: z.object({ transition: z.enum(transitionNames), reason: text(4000).optional(), version: z.number().int().min(1).optional() }).strict(),
    response: assessment,
    async handler({ store, actor, params, body }) {
      return transition(
        store.db,
        {
          cycleId: params.cycle,
          unitId: params.unit,
          transition: body.transition,
          ...(body.reason !== undefined && { reason: body.reason }),
          ...(body.version !== undefined && { version: body.version }),
        },
        actor,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/audit',
    tag: 'audit',
    summary: 'Nhật ký thay đổi của hồ sơ (ai, khi nào, cũ → mới, lý do); ?code= một tiêu chí / the assessment’s audit trail',
    params: unitParams,
    query: z.object({ code: code.optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: auditResponse,
    async handler({ store, actor, params, query }) {
      const { state } = await assessmentOf(store.db, params.cycle, params.unit);
      authorize(actor, 'readAudit', { unitId: params.unit, state });
      // Two-round appraisal: the unit reads no appraised score in its trail before the day the province sends them.
      return hidePreliminaryTrail(store.db, params.cycle, actor, state, await assessmentTrail(store.db, params.cycle, params.unit, query.code));
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit',
    tag: 'audit',
    summary:
      'Nhật ký: JSON theo trang (after = số mục cuối của trang trước, limit ≤ 5000, mặc định 1000; tiêu đề x-next-after khi còn) hoặc toàn bộ dạng CSV (gửi dần từng trang), Excel (tối đa PARINDEX_AUDIT_XLSX_ROWS mục, mặc định 100.000; lớn hơn: 413, hãy dùng CSV) / the audit trail: JSON a page at a time (after = the last sequence of the page before, limit ≤ 5000, default 1000; header x-next-after when more follow), or whole as CSV (streamed a page at a time) or xlsx (at most PARINDEX_AUDIT_XLSX_ROWS entries, default 100,000; more: 413, use the CSV)',
    query: z
      .object({
        format: z.enum(['json', 'csv', 'xlsx']).optional(),
        after: queryNumber({ vi: 'thiếu after', en: 'after is missing' }, { vi: 'after là số nguyên ≥ 0', en: 'after must be a whole number ≥ 0' }, (n) =>
          n.int().min(0),
        ).optional(),
        limit: queryNumber(
          { vi: 'thiếu limit', en: 'limit is missing' },
          { vi: `limit là số nguyên từ 1 đến ${AUDIT_PAGE_MAX}`, en: `limit must be a whole number from 1 to ${AUDIT_PAGE_MAX}` },
          (n) => n.int().min(1).max(AUDIT_PAGE_MAX),
        ).optional(),
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    response: z.union([auditResponse, fileResponse(CSV, XLSX)]),
    async handler({ store, services, actor, query, request, reply, locale }) {
      // The whole province's trail, drafts included: the province only.
      authorize(actor, 'readWholeAudit');
      if (!query.format || query.format === 'json') {
        const limit = query.limit ?? AUDIT_PAGE;
        const entries = await auditPage(store.db, query.after ?? 0, limit + 1);
        if (entries.length > limit) reply.header('x-next-after', String(entries[limit - 1]!.sequence));
        return entries.slice(0, limit);
      }
      // The CSV is streamed a page at a time (auditExport.ts); an xlsx is built whole in a worker, up to a cap.
      if (query.format === 'csv') {
        reply.header('content-disposition', 'attachment; filename="nhat-ky.csv"');
        return reply.type('text/csv; charset=utf-8').send(
          auditCsvStream(store.db, services.pool, {
            locale,
            failed: (error) => request.log.error({ err: error }, 'the audit CSV export failed in the middle: its answer is cut'),
          }),
        );
      }
      const bytes = await auditXlsx(store.db, services.pool, { locale, cap: services.auditXlsxRows });
      reply.header('content-disposition', 'attachment; filename="nhat-ky.xlsx"');
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bodyOf(bytes));
    },
  }),
  route({
    method: 'GET',
    url: '/api/audit/verify',
    tag: 'audit',
    summary:
      'Kiểm tra chuỗi băm của nhật ký bằng khoá của máy chủ và các mốc ghi bên ngoài (tệp mốc, từng lần công bố, ?head=<số mục>:<mã băm>): phát hiện sửa, xoá, cắt bỏ các mục cuối, làm trống bảng; trả về mục hỏng đầu tiên và lý do / verify the audit trail with the server key and the anchors outside the table (anchor file, each publication, ?head=): the first bad entry and why',
    query: z
      .object({
        head: z
          .string()
          .regex(/^\d+:[0-9a-f]{64}$/, { error: bilingual({ vi: '<số mục>:<mã băm sha256>', en: '<sequence>:<sha256 hash>' }) })
          .optional(),
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    response: auditVerifyResponse,
    async handler({ store, actor, query }) {
      authorize(actor, 'readWholeAudit');
      const [sequence, hash] = query.head?.split(':') ?? [];
      return verifyAudit(store.db, query.head ? { sequence: Number(sequence), hash: hash! } : undefined);
    },
  }),
];
