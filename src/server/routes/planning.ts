import { z } from 'zod';
import {
  addTask,
  byDepartment,
  calendarOf,
  parsePoints,
  planOf,
  projectPlan,
  provinceRobustness,
  recoverablePoints,
  suggestTasks,
  targetSearch,
  taskFile,
  tasksOf,
  toNumber,
  trackIndicators,
  updateTask,
  whatIf,
  type Plan,
  type Points,
  type RecoverableItem,
  type UnitAnalysis,
  type WhatIfChange,
} from '../../core/index.ts';
import { indicatorFile } from '../../core/results/schema.ts';
import { changePlan, planRow } from '../../store/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { route } from '../route.ts';
import { code, level, points, slug, text, year } from './schemas.ts';

const n = (p: Points | undefined) => (p === undefined ? null : toNumber(p));
const itemJson = (i: RecoverableItem) => ({ ...i, lost: n(i.lost), score: n(i.score), maxPoints: n(i.maxPoints), steps: i.steps.map((s) => ({ ...s, points: n(s.points), gain: n(s.gain) })) });
const summary = (a: UnitAnalysis) => ({
  total: n(a.total),
  rank: a.rank ?? null,
  of: a.of,
  components: a.components.map((c) => ({ code: c.code, score: n(c.score), percent: c.percent ? Number(c.percent.n) / Number(c.percent.d) : null, rank: c.rank ?? null })),
});
const today = () => new Date().toISOString().slice(0, 10);

const unitYear = z.object({ unit: slug, year: z.coerce.number().int().min(2000).max(2100) });

function planJson(plan: Plan, version: number, dataset: Parameters<typeof projectPlan>[0], day: string) {
  const framework = [...dataset.frameworks.values()].find((f) => f.year === plan.year) ?? [...dataset.frameworks.values()].find((f) => f.year === plan.basedOn);
  const projection = dataset.results.some((s) => s.year === plan.basedOn && s.units.some((u) => u.unitId === plan.unitId)) ? projectPlan(dataset, plan) : undefined;
  return {
    unit: plan.unitId,
    year: plan.year,
    basedOn: plan.basedOn,
    version,
    today: day,
    tasks: tasksOf(plan, undefined, day),
    projection: projection && { ...projection, current: n(projection.current), projected: n(projection.projected), recovered: projection.recovered.map((r) => ({ code: r.code, points: n(r.points) })) },
    calendar: calendarOf(plan, framework, day).map((e) => ({ ...e, atStake: n(e.atStake) })),
    tracking: framework ? trackIndicators(plan, framework).map((t) => ({ ...t, maxPoints: n(t.maxPoints), latest: n(t.latest), projected: n(t.projected), series: t.series.map((s) => ({ ...s, points: n(s.points) })) })) : [],
  };
}

const changeInput = z.union([z.object({ code, indicator: indicatorFile }).strict(), z.object({ code, score: points }).strict()]);

export const planningRoutes = [
  route({
    method: 'GET',
    url: '/api/units/:unit/recoverable',
    tag: 'planning',
    summary: 'Điểm có thể lấy lại: từng tiêu chí mất điểm, quy tắc, cần làm gì; theo cơ quan chủ trì / recoverable points',
    params: z.object({ unit: slug }),
    query: z.object({ year, lang: z.enum(['vi', 'en']).optional() }).strict(),
    async handler({ store, actor, params, query }) {
      return store.computed(`recoverable:${params.unit}:${query.year}`, actor, (dataset) => {
        const items = recoverablePoints(dataset, params.unit, query.year);
        return { items: items.map(itemJson), departments: byDepartment(items).map((g) => ({ department: g.department, lost: n(g.lost), codes: g.items.map((i) => i.code) })) };
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/whatif',
    tag: 'planning',
    summary: 'Giả định: đổi chỉ tiêu hoặc điểm và xem tổng điểm, tỷ lệ, thứ hạng mới / what-if',
    params: z.object({ unit: slug }),
    body: z.object({ year: z.number().int(), changes: z.array(changeInput).min(1).max(200) }).strict(),
    async handler({ store, actor, params, body }) {
      const changes: WhatIfChange[] = body.changes.map((c) => ('score' in c ? { code: c.code, score: parsePoints(typeof c.score === 'string' ? c.score.replace(',', '.') : c.score, 'score') } : c));
      const result = whatIf(await store.dataset(actor), params.unit, body.year, changes);
      return { before: summary(result.before), after: summary(result.after), gains: result.gains.map((g) => ({ code: g.code, before: n(g.before), after: n(g.after) })) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/target',
    tag: 'planning',
    summary: 'Cần gì để đạt hạng N hoặc X điểm: ít tiêu chí nhất / what it takes to reach a rank or a score',
    params: z.object({ unit: slug }),
    body: z.object({ year: z.number().int(), rank: z.number().int().min(1).optional(), points: points.optional() }).strict(),
    async handler({ store, actor, params, body }) {
      const goal = { ...(body.rank !== undefined && { rank: body.rank }), ...(body.points !== undefined && { points: parsePoints(typeof body.points === 'string' ? body.points.replace(',', '.') : body.points, 'points') }) };
      const plan = targetSearch(await store.dataset(actor), params.unit, body.year, goal);
      return { ...plan, needed: n(plan.needed), total: n(plan.total), items: plan.items.map(itemJson) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/plans/:year',
    tag: 'planning',
    summary: 'Kế hoạch nhiệm vụ của đơn vị: nhiệm vụ (quá hạn), dự báo điểm, lịch báo cáo, theo dõi chỉ tiêu, gợi ý / the action plan',
    params: unitYear,
    query: z.object({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    async handler({ store, actor, params, query }) {
      authorize(actor, 'readAssessment', { unitId: params.unit });
      const dataset = await store.dataset(actor);
      const stored = await planRow(store.db, params.unit, params.year);
      const plan = stored?.plan ?? planOf(dataset, params.unit, params.year) ?? { unitId: params.unit, year: params.year, basedOn: params.year - 1, tasks: [], tracking: [], reports: [] };
      const day = query.today ?? today();
      const hasResults = dataset.results.some((s) => s.year === plan.basedOn && s.units.some((u) => u.unitId === params.unit));
      const suggestions = hasResults ? suggestTasks(recoverablePoints(dataset, params.unit, plan.basedOn), plan, `${params.year}-12-31`) : [];
      return { ...planJson(plan, stored?.version ?? 0, dataset, day), suggestions };
    },
  }),
  route({
    method: 'POST',
    url: '/api/units/:unit/plans/:year/tasks',
    tag: 'planning',
    summary: 'Thêm nhiệm vụ (vd. từ một tiêu chí bị trừ điểm) / add a task',
    params: unitYear,
    body: z.object({ version: z.number().int().min(0), task: taskFile }).strict(),
    status: 201,
    async handler({ store, actor, params, body }) {
      const saved = await changePlan(store.db, params.unit, params.year, body.version, (plan) => addTask(plan, body.task), actor, 'plan.task.add');
      return { version: saved.version, task: saved.plan.tasks.at(-1) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/units/:unit/plans/:year/tasks/:task',
    tag: 'planning',
    summary: 'Cập nhật nhiệm vụ: trạng thái, hạn, ghi chú tiến độ / update a task',
    params: z.object({ unit: slug, year: z.coerce.number().int(), task: slug }),
    body: z
      .object({
        version: z.number().int().min(0),
        status: z.enum(['todo', 'doing', 'done', 'cancelled']).optional(),
        deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
        title: text(2000).optional(),
        note: text(4000).optional(),
        evidence: z.array(z.string().max(500)).optional(),
      })
      .strict(),
    async handler({ store, actor, params, body }) {
      const { version, ...patch } = body;
      const saved = await changePlan(store.db, params.unit, params.year, version, (plan) => updateTask(plan, params.task, patch, today()), actor, `plan.task.${body.status ?? 'edit'}`);
      return { version: saved.version, task: saved.plan.tasks.find((t) => t.id === params.task) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/robustness',
    tag: 'planning',
    summary: 'Độ tin cậy của thứ hạng (Monte Carlo theo sai số điều tra xã hội học) / rank robustness',
    query: z.object({ year, level: level.optional(), runs: z.coerce.number().int().min(100).max(20000).optional(), seed: z.coerce.number().int().min(0).optional(), spread: z.coerce.number().min(0).max(20).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    async handler({ store, actor, query }) {
      const runs = query.runs ?? 2000;
      const seed = query.seed ?? 1;
      return store.computed(`robustness:${query.year}:${query.level}:${runs}:${seed}:${query.spread}`, actor, (dataset) =>
        provinceRobustness(dataset, query.year, query.level, { runs, seed, spreadPoints: query.spread ?? 1 }).map((d) => ({ ...d, probabilities: d.probabilities ? [...d.probabilities] : null })),
      );
    },
  }),
];
