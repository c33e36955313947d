import { z } from 'zod';
import { bilingual, parseWith } from '../../core/validation.ts';
import {
  addReport,
  addTask,
  calendarDate,
  calendarOf,
  checkTaskCriteria,
  checkTrackedValue,
  trackedCriterion,
  planFramework,
  planText,
  REPORT_KINDS,
  reportFile,
  setTrackedValue,
  unitById,
  updateReport,
  parsePoints,
  planOf,
  pointsPrecision,
  recoverablePoints,
  resultsOf,
  suggestTasks,
  targetSearch,
  taskFile,
  pointsJson,
  updateTask,
  unknownChangeCodes,
  whatIf,
  type WhatIfChange,
} from '../../core/index.ts';
import { ParError, issue, type Issue } from '../../core/errors.ts';
import { calendarEntryJson, planJson, recoverableJson, robustnessJson, targetJson, whatIfJson } from '../../core/presenters.ts';
import { indicatorFile, type IndicatorFile } from '../../core/results/schema.ts';
import { checkRobustnessRuns } from '../limits.ts';
import { changePlan, notFound, planRow, todayInVietnam, type Store } from '../../store/index.ts';
import { decide, type Actor } from '../../workflow/policy.ts';
import { route, type Services } from '../route.ts';
import {
  planResponse,
  recoverableResponse,
  reportAddedResponse,
  reportEntryResponse,
  robustnessResponse,
  targetResponse,
  taskResponse,
  trackingResponse,
  versionResponse,
  whatIfResponse,
} from '../responses.ts';
import { code, group, level, period, points, queryNumber, requiredText, slug, version, year } from './schemas.ts';

/** Points as exact decimal text, null when unknown. */
const n = pointsJson;
/** Today's date where the plans are carried out (Vietnam, UTC+7): a deadline of 31/12 is not overdue at 06:00 on 31/12 there. */
const today = () => todayInVietnam();

const unitYear = z.object({ unit: slug, year });

const changeInput = z.union([z.object({ code, indicator: indicatorFile }).strict(), z.object({ code, score: points }).strict()]);
const planTask = z.object({ unit: slug, year, task: slug });

/** The unit must exist and the plan's year must be answerable: the framework and the figures come from the core. */
async function planContext(store: Store, actor: Actor, unit: string, year: number) {
  const dataset = await store.dataset(actor);
  unitById(dataset, unit);
  return { dataset, framework: planFramework(dataset, { unitId: unit, year, basedOn: year - 1 }) };
}

/**
 * The criteria of a raw plan write (one its schema refuses) that the plan's framework lacks: said
 * with the schema's problems, so one answer lists every problem of the form.
 */
async function unknownCriteria(store: Store, actor: Actor, unit: string, year: number, criteria: unknown, field: string): Promise<Issue[]> {
  if (!Array.isArray(criteria) || !criteria.every((c) => typeof c === 'string')) return [];
  const framework = await planContext(store, actor, unit, year).then(
    (context) => context.framework,
    () => undefined,
  );
  try {
    if (framework) checkTaskCriteria(framework, criteria, field);
    return [];
  } catch (error) {
    if (error instanceof ParError) return error.issues;
    throw error;
  }
}

/** The problems a route's check throws, as a list (none when it passes). */
function problemsOf<T>(check: () => T): { issues: Issue[]; value?: T } {
  try {
    return { issues: [], value: check() };
  } catch (error) {
    if (error instanceof ParError) return { issues: error.issues };
    throw error;
  }
}

/** The path of a tracked value: the criterion and the period are read as text, checked with the body (trackingProblems). */
const trackingPath = z.object({ criterion: code, period });

/**
 * Every problem of one period's tracked value at once: the criterion and the period from the
 * path (their form, the period's year, the criterion in the plan's framework, scored by a rule)
 * and, when the body was read (`values`), the values against the criterion's rule — not the
 * path's first problem, then the body's after the next submit. The points when there is none.
 */
async function trackingProblems(
  store: Store,
  actor: Actor,
  params: { unit: string; year: number; criterion: string; period: string },
  values?: IndicatorFile,
): Promise<{ issues: Issue[]; points?: ReturnType<typeof checkTrackedValue> }> {
  const path = problemsOf(() => parseWith(trackingPath, { criterion: params.criterion, period: params.period }, { file: 'params' }));
  const issues = [...path.issues];
  const wellFormed = (field: string) => !path.issues.some((i) => i.field === field);
  if (wellFormed('period') && !params.period.startsWith(`${params.year}-`))
    issues.push(
      issue(
        'plan.periodYear',
        { vi: `kỳ ${params.period} không thuộc năm kế hoạch ${params.year}`, en: `period ${params.period} is not in the plan year ${params.year}` },
        { field: 'period' },
      ),
    );
  const { framework } = await planContext(store, actor, params.unit, params.year);
  if (!framework) {
    issues.push(
      issue(
        'plan.noFramework',
        { vi: `chưa có bộ tiêu chí năm ${params.year} cho đơn vị này`, en: `no framework for ${params.year} for this unit` },
        { field: 'year' },
      ),
    );
    return { issues };
  }
  if (!wellFormed('criterion')) return { issues };
  // Without the values (refused by the body's schema) only the criterion is looked up.
  const checked = problemsOf(() => {
    if (values) return checkTrackedValue(framework, params.criterion, values);
    trackedCriterion(framework, params.criterion);
    return undefined;
  });
  return { issues: [...issues, ...checked.issues], ...(checked.value !== undefined && { points: checked.value }) };
}

/** The parameters of a robustness run (GET /api/robustness, POST /api/jobs/robustness). */
export const robustnessQuery = z
  .object({
    year,
    level: level.optional(),
    group: group.optional(),
    runs: queryNumber(
      { vi: 'thiếu số lần mô phỏng', en: 'runs is missing' },
      { vi: 'số lần mô phỏng (runs) là số nguyên từ 100 đến 20000', en: 'runs must be a whole number from 100 to 20000' },
      (n) => n.int().min(100).max(20000),
    ).optional(),
    seed: queryNumber(
      { vi: 'thiếu hạt giống ngẫu nhiên', en: 'seed is missing' },
      { vi: 'hạt giống ngẫu nhiên (seed) là số nguyên từ 0, vd. 1', en: 'seed must be a whole number from 0, e.g. 1' },
      (n) =>
        n
          .int()
          .min(0)
          .max(2 ** 32),
    ).optional(),
    spread: queryNumber(
      { vi: 'thiếu độ lệch điểm điều tra', en: 'spread is missing' },
      { vi: 'độ lệch điểm điều tra (spread) từ 0 đến 20 điểm, vd. 1 hoặc 0,5', en: 'spread must be 0 to 20 points, e.g. 1 or 0.5' },
      (n) => n.min(0).max(20),
    ).optional(),
    weightSpread: queryNumber(
      { vi: 'thiếu độ lệch trọng số', en: 'weightSpread is missing' },
      { vi: 'độ lệch trọng số (weightSpread) từ 0 đến 1, vd. 0,1', en: 'weightSpread must be 0 to 1, e.g. 0.1' },
      (n) => n.min(0).max(1),
    ).optional(),
    // Probabilities of every rank come for all units up to ALL_PROBABILITIES_LIMIT of them (n² numbers), for this unit whatever their number.
    unit: requiredText(80, 'mã đơn vị', 'the unit id').optional(),
    // The units a reader looks at (a page of the ranking): their probabilities at any size, up to 100.
    units: z
      .string()
      .max(4000)
      .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { error: bilingual({ vi: 'danh sách mã đơn vị cách nhau bởi dấu phẩy', en: 'unit ids separated by commas' }) })
      .optional(),
    lang: z.enum(['vi', 'en']).optional(),
  })
  .strict();

/** A robustness run: capped per role, run in a worker thread, kept until the data changes (the same run asked again costs nothing). */
export function robustnessOf(store: Store, services: Services, actor: Actor, query: z.infer<typeof robustnessQuery>) {
  const runs = query.runs ?? 2000;
  const seed = query.seed ?? 1;
  checkRobustnessRuns(actor, runs);
  return store.computed(
    `robustness:${query.year}:${query.level}:${query.group}:${runs}:${seed}:${query.spread}:${query.weightSpread}:${query.unit}:${query.units}`,
    actor,
    async (dataset) =>
      (
        await services.pool.run('robustness', dataset, {
          year: query.year,
          level: query.level,
          options: {
            runs,
            seed,
            spreadPoints: query.spread ?? 1,
            ...(query.weightSpread && { weightSpread: query.weightSpread }),
            ...((query.unit || query.units) && { probabilitiesOf: [...(query.unit ? [query.unit] : []), ...(query.units?.split(',').slice(0, 100) ?? [])] }),
            ...(query.group && { group: query.group }),
          },
        })
      ).map(robustnessJson),
  );
}

export const planningRoutes = [
  route({
    method: 'GET',
    url: '/api/units/:unit/recoverable',
    tag: 'planning',
    summary: 'Điểm có thể lấy lại: từng tiêu chí mất điểm, quy tắc, cần làm gì; theo cơ quan chủ trì / recoverable points',
    params: z.object({ unit: slug }),
    query: z.object({ year, lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: recoverableResponse,
    async handler({ store, actor, params, query }) {
      return store.computed(`recoverable:${params.unit}:${query.year}`, actor, (dataset) => {
        return recoverableJson(pointsPrecision(dataset, params.unit, query.year), recoverablePoints(dataset, params.unit, query.year));
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/whatif',
    tag: 'planning',
    summary: 'Giả định: đổi chỉ tiêu hoặc điểm và xem tổng điểm, tỷ lệ, thứ hạng mới / what-if',
    params: z.object({ unit: slug }),
    body: z.object({ year, changes: z.array(changeInput).min(1).max(200) }).strict(),
    response: whatIfResponse,
    // A criterion the framework lacks is said with a value the schema refuses, in one answer.
    async lookups({ store, actor, params, body }) {
      return unknownChangeCodes(await store.dataset(actor), params.unit, body);
    },
    async handler({ store, actor, params, body }) {
      const changes: WhatIfChange[] = body.changes.map((c) => ('score' in c ? { code: c.code, score: parsePoints(c.score, 'score') } : c));
      const dataset = await store.dataset(actor);
      return whatIfJson(pointsPrecision(dataset, params.unit, body.year), whatIf(dataset, params.unit, body.year, changes));
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/target',
    tag: 'planning',
    summary: 'Cần gì để đạt hạng N hoặc X điểm: ít tiêu chí nhất / what it takes to reach a rank or a score',
    params: z.object({ unit: slug }),
    body: z.object({ year, rank: z.number().int().min(1).optional(), points: points.optional() }).strict(),
    response: targetResponse,
    async handler({ store, actor, params, body }) {
      const goal = { ...(body.rank !== undefined && { rank: body.rank }), ...(body.points !== undefined && { points: parsePoints(body.points, 'points') }) };
      const dataset = await store.dataset(actor);
      return targetJson(pointsPrecision(dataset, params.unit, body.year), targetSearch(dataset, params.unit, body.year, goal));
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/plans/:year',
    tag: 'planning',
    summary: 'Kế hoạch nhiệm vụ của đơn vị: nhiệm vụ (quá hạn), dự báo điểm, lịch báo cáo, theo dõi chỉ tiêu, gợi ý / the action plan',
    params: unitYear,
    query: z
      .object({ today: calendarDate.optional(), department: requiredText(300, 'cơ quan', 'the department').optional(), lang: z.enum(['vi', 'en']).optional() })
      .strict(),
    response: planResponse,
    async handler({ store, actor, params, query }) {
      const dataset = await store.dataset(actor);
      const unit = unitById(dataset, params.unit);
      // A unit's plan is its own draft: to the public and other units it does not exist (as another unit's evidence).
      if (!decide(actor, 'readPlan', { unitId: params.unit }).allowed) {
        throw notFound({ vi: `không có kế hoạch năm ${params.year} của ${unit.name}`, en: `no ${params.year} plan of ${unit.name}` }, 'year');
      }
      const stored = await planRow(store.db, params.unit, params.year);
      const plan = stored?.plan ??
        planOf(dataset, params.unit, params.year) ?? { unitId: params.unit, year: params.year, basedOn: params.year - 1, tasks: [], tracking: [], reports: [] };
      const day = query.today ?? today();
      const hasResults = resultsOf(dataset, params.unit, plan.basedOn) !== undefined;
      const suggestions = hasResults ? suggestTasks(recoverablePoints(dataset, params.unit, plan.basedOn), plan, `${params.year}-12-31`) : [];
      return { ...planJson(plan, stored?.version ?? 0, dataset, day, query.department), suggestions };
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/plans/:year/tasks',
    tag: 'planning',
    summary: 'Thêm nhiệm vụ (vd. từ một tiêu chí bị trừ điểm) / add a task',
    params: unitYear,
    body: z.object({ version, task: taskFile }).strict(),
    status: 201,
    response: taskResponse,
    // A task's criteria the framework lacks are said with the schema's problems (a blank title …), in one answer.
    lookups: ({ store, actor, params, body }) =>
      unknownCriteria(store, actor, params.unit, params.year, (body as { task?: { criteria?: unknown } } | null)?.task?.criteria, 'task.criteria'),
    async handler({ store, actor, params, body }) {
      const { framework } = await planContext(store, actor, params.unit, params.year);
      if (framework) checkTaskCriteria(framework, body.task.criteria ?? [], 'task.criteria');
      const saved = await changePlan(store.db, params.unit, params.year, body.version, (plan) => addTask(plan, body.task), actor, 'plan.task.add');
      return { version: saved.version, task: saved.plan.tasks.at(-1) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:unit/plans/:year/tasks/:task',
    tag: 'planning',
    summary: 'Cập nhật nhiệm vụ: trạng thái, hạn, cơ quan chủ trì/phối hợp, tiêu chí, ghi chú tiến độ, tài liệu / update a task',
    params: planTask,
    body: z
      .object({
        version,
        status: z.enum(['todo', 'doing', 'done', 'cancelled']).optional(),
        deadline: calendarDate.nullable().optional(),
        title: planText('title').optional(),
        department: planText('department').optional(),
        collaborators: z.array(planText('collaborator')).max(50).optional(),
        criteria: z.array(code).max(50).optional(),
        note: planText('note').optional(),
        evidence: z.array(planText('evidence')).max(100).optional(),
      })
      .strict(),
    response: taskResponse,
    lookups: ({ store, actor, params, body }) =>
      unknownCriteria(store, actor, params.unit, params.year, (body as { criteria?: unknown } | null)?.criteria, 'criteria'),
    async handler({ store, actor, params, body }) {
      const { version: read, ...patch } = body;
      const { framework } = await planContext(store, actor, params.unit, params.year);
      if (framework && patch.criteria) checkTaskCriteria(framework, patch.criteria, 'criteria');
      const saved = await changePlan(
        store.db,
        params.unit,
        params.year,
        read,
        (plan) => updateTask(plan, params.task, patch, today()),
        actor,
        `plan.task.${body.status ?? 'edit'}`,
      );
      return { version: saved.version, task: saved.plan.tasks.find((t) => t.id === params.task) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:unit/plans/:year/tracking/:criterion/:period',
    tag: 'planning',
    summary: 'Nhập số liệu chỉ tiêu của một tháng/quý (vd. 7.3.6, 2024-09: 27/46), kiểm tra theo quy tắc chấm / enter one period of a tracked indicator',
    // The criterion and the period are checked with the body, so that one answer says all (trackingProblems).
    params: z.object({ unit: slug, year, criterion: z.string().max(40), period: z.string().max(20) }),
    body: indicatorFile.extend({ version }).strict(),
    response: trackingResponse,
    lookups: async ({ store, actor, params }) => (await trackingProblems(store, actor, params)).issues,
    async handler({ store, actor, params, body }) {
      const { version: read, ...values } = body;
      const { issues, points } = await trackingProblems(store, actor, params, values);
      if (issues.length || points === undefined) throw new ParError(issues);
      const saved = await changePlan(
        store.db,
        params.unit,
        params.year,
        read,
        (plan) => setTrackedValue(plan, params.criterion, { period: params.period, ...values }),
        actor,
        'plan.tracking.set',
      );
      return {
        version: saved.version,
        criterion: params.criterion,
        period: params.period,
        points: n(points),
        values: saved.plan.tracking.find((t) => t.criterion === params.criterion)!.values,
      };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/units/:unit/plans/:year/tracking/:criterion/:period',
    tag: 'planning',
    summary: 'Xóa số liệu chỉ tiêu của một kỳ nhập nhầm (?version=) / remove one period of a tracked indicator',
    params: z.object({ unit: slug, year, criterion: code, period }),
    query: z.object({ version, lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: versionResponse,
    async handler({ store, actor, params, query }) {
      await planContext(store, actor, params.unit, params.year);
      const saved = await changePlan(
        store.db,
        params.unit,
        params.year,
        query.version,
        (plan) => setTrackedValue(plan, params.criterion, { period: params.period }, true),
        actor,
        'plan.tracking.remove',
      );
      return { version: saved.version };
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/plans/:year/reports',
    tag: 'planning',
    summary: 'Thêm báo cáo vào lịch báo cáo (vd. yêu cầu đột xuất) / add a report to the calendar',
    params: unitYear,
    body: z.object({ version, report: reportFile }).strict(),
    status: 201,
    response: reportAddedResponse,
    lookups({ store, actor, params, body }) {
      const criterion = (body as { report?: { criterion?: unknown } } | null)?.report?.criterion;
      return criterion ? unknownCriteria(store, actor, params.unit, params.year, [criterion], 'report.criterion') : [];
    },
    async handler({ store, actor, params, body }) {
      const { framework } = await planContext(store, actor, params.unit, params.year);
      if (framework && body.report.criterion) checkTaskCriteria(framework, [body.report.criterion], 'report.criterion');
      let added: string | undefined;
      const saved = await changePlan(
        store.db,
        params.unit,
        params.year,
        body.version,
        (plan) => {
          let id = body.report.id ?? `bao-cao-${body.report.due}`;
          for (let k = 2; !body.report.id && plan.reports.some((r) => r.id === id); k++) id = `bao-cao-${body.report.due}-${k}`;
          added = id;
          return addReport(plan, { ...body.report, id });
        },
        actor,
        'plan.report.add',
      );
      return { version: saved.version, report: saved.plan.reports.find((r) => r.id === added) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:unit/plans/:year/reports/:report',
    tag: 'planning',
    summary: 'Ghi ngày gửi báo cáo (hoặc sửa hạn, tên, tiêu chí liên quan) / record a report as sent',
    params: z.object({ unit: slug, year, report: slug }),
    body: z
      .object({
        version,
        sent: calendarDate.nullable().optional(),
        due: calendarDate.optional(),
        name: planText('reportName').optional(),
        kind: z.enum(REPORT_KINDS).optional(),
        criterion: code.nullable().optional(),
      })
      .strict(),
    response: reportEntryResponse,
    async handler({ store, actor, params, body }) {
      const { version: read, ...patch } = body;
      const { dataset, framework } = await planContext(store, actor, params.unit, params.year);
      if (framework && patch.criterion) checkTaskCriteria(framework, [patch.criterion], 'criterion');
      const saved = await changePlan(
        store.db,
        params.unit,
        params.year,
        read,
        (plan) => updateReport(plan, params.report, patch),
        actor,
        patch.sent ? 'plan.report.sent' : 'plan.report.edit',
      );
      const [entry] = calendarOf(
        { ...saved.plan, reports: saved.plan.reports.filter((r) => r.id === params.report) },
        planFramework(dataset, saved.plan),
        today(),
      );
      return { version: saved.version, report: entry && calendarEntryJson(entry) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/robustness',
    tag: 'planning',
    summary: 'Độ tin cậy của thứ hạng (Monte Carlo theo sai số điều tra xã hội học) / rank robustness',
    query: robustnessQuery,
    response: robustnessResponse,
    async handler({ store, services, actor, query, request }) {
      // A visitor's simulations are rate-limited per address as well as capped (the answer is cached per data revision).
      if (actor.role === 'public') services.limitHeavy(request.ip);
      return robustnessOf(store, services, actor, query);
    },
  }),
];
