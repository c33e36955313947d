/**
 * Rankings in pieces sized for people (issue 16): a page of rows sorted and searched on the
 * server, the view's summary without rows (filters, distributions, heat map by decile and group),
 * and a group's trend as quartiles with chosen units. Each is computed from the province view
 * the store keeps per data revision.
 */
import { bilingual } from '../../core/validation.ts';
import { z } from 'zod';
import {
  analyzeProvince,
  NATIONAL_GROUP,
  provinceToJson,
  rankingPage,
  type rankingSummary,
  trendBand,
  type Dataset,
  type ProvinceJson,
  type RankingIndex,
} from '../../core/index.ts';
import type { Store } from '../../store/index.ts';
import type { Actor } from '../../workflow/policy.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { rankingPageResponse, rankingSummaryResponse, rankingTrendResponse } from '../responses.ts';
import { route } from '../route.ts';
import { group, lang, level, queryNumber, slug, year } from './schemas.ts';

const where = { year, level: level.optional(), group: group.optional(), scope: z.enum(['group', 'national']).optional(), lang };
const whole = (min: number, max: number, name: string, en: string) =>
  queryNumber(
    { vi: `thiếu ${name}`, en: `${en} is missing` },
    { vi: `${name} là số nguyên từ ${min} đến ${max}`, en: `${en} must be a whole number from ${min} to ${max}` },
    (n) => n.int().min(min).max(max),
  ).optional();
const unitList = z
  .string()
  .max(4000)
  .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { error: bilingual({ vi: 'danh sách mã đơn vị cách nhau bởi dấu phẩy', en: 'unit ids separated by commas' }) })
  .transform((s) => s.split(',').slice(0, 100))
  .optional();

/**
 * The ranking's index and summary, recomputed after each write in a worker thread (at 4,000
 * units × 150 criteria, hundreds of ms of CPU that held the main thread).
 */
function indexOf(
  store: Store,
  pool: WorkerPool,
  actor: Actor,
  query: { year: number; level?: string | undefined; group?: string | undefined; scope?: string | undefined },
): Promise<{ index: RankingIndex; summary: ReturnType<typeof rankingSummary> }> {
  const asked = query.scope === 'national' ? NATIONAL_GROUP : query.group;
  return store.computed(`rankingIndex:${query.year}:${query.level}:${asked}`, actor, (dataset: Dataset) =>
    pool.run('rankingIndex', dataset, { year: query.year, level: query.level, group: asked }),
  );
}

export const rankingRoutes = [
  route({
    method: 'GET',
    url: '/api/results/rows',
    tag: 'results',
    summary:
      'Một trang của bảng xếp hạng: sắp xếp (sort=rank|name|total|mã lĩnh vực, down=true), tìm theo tên không dấu (q), loại đơn vị (type), nhóm (peerGroup), khoảng hạng (rankFrom, rankTo), đơn vị chọn (units=a,b); offset, limit ≤ 500 / a page of a ranking, sorted, searched and filtered on the server',
    query: z
      .object({
        ...where,
        q: z.string().max(100).optional(),
        type: z.string().max(60).optional(),
        peerGroup: slug.optional(),
        rankFrom: whole(1, 1_000_000, 'hạng từ (rankFrom)', 'rankFrom'),
        rankTo: whole(1, 1_000_000, 'hạng đến (rankTo)', 'rankTo'),
        units: unitList,
        sort: z
          .string()
          .max(40)
          .regex(/^(rank|name|total|\d+(\.\d+)*)$/, {
            error: bilingual({ vi: 'sort là rank, name, total hoặc mã lĩnh vực', en: 'sort is rank, name, total or a component code' }),
          })
          .optional(),
        down: z.enum(['true', 'false']).optional(),
        offset: whole(0, 10_000_000, 'vị trí bắt đầu (offset)', 'offset'),
        limit: whole(1, 500, 'số dòng (limit)', 'limit'),
      })
      .strict(),
    response: rankingPageResponse,
    async handler({ store, services, query, actor }) {
      const { index } = await indexOf(store, services.pool, actor, query);
      const { down, ...rest } = query;
      return rankingPage(index, { ...rest, ...(down && { down: down === 'true' }) } as never);
    },
  }),
  route({
    method: 'GET',
    url: '/api/results/summary',
    tag: 'results',
    summary:
      'Bảng xếp hạng không kèm các dòng: lĩnh vực, phân bố, loại đơn vị và nhóm để lọc, bản đồ nhiệt theo nhóm thập phân vị hạng và theo nhóm đơn vị / a ranking without its rows: filters, distributions, aggregated heat map',
    query: z.object(where).strict(),
    response: rankingSummaryResponse,
    async handler({ store, services, query, actor }) {
      return (await indexOf(store, services.pool, actor, query)).summary;
    },
  }),
  route({
    method: 'GET',
    url: '/api/results/trend',
    tag: 'results',
    summary:
      'Xu hướng của một nhóm qua các năm: trung vị và tứ phân vị tổng điểm, kèm điểm và hạng của các đơn vị chọn (units=a,b, tối đa 100) / a group’s trend: median and quartiles of the totals per year, with chosen units',
    query: z.object({ level, group, units: unitList, lang }).strict(),
    response: rankingTrendResponse,
    async handler({ store, query, actor }) {
      const years = await store.computed(`trendViews:${query.level}:${query.group}`, actor, (dataset) => {
        const views: ProvinceJson[] = [];
        for (const y of [...new Set(dataset.results.map((s) => s.year))]) {
          try {
            views.push(provinceToJson(analyzeProvince(dataset, y, query.level, query.group)));
          } catch {
            // A year without the level or group has no point on the line.
          }
        }
        return views;
      });
      return trendBand(years, query.units ?? []);
    },
  }),
];
