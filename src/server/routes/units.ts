import { z } from 'zod';
import { matchesQuery, toNumber, trendOf, unitById, yearsOf } from '../../core/index.ts';
import { route } from '../route.ts';
import { lang, level, slug } from './schemas.ts';

export const unitRoutes = [
  route({
    method: 'GET',
    url: '/api/units',
    tag: 'units',
    summary: 'Danh sách đơn vị (lọc theo cấp, nhóm, tỉnh, tên không dấu) / units, filtered by level, peer group, province, name',
    query: z.object({ level: level.optional(), group: slug.optional(), province: slug.optional(), q: z.string().max(100).optional(), lang }).strict(),
    async handler({ store, query, actor }) {
      const dataset = await store.dataset(actor);
      return [...dataset.units.values()]
        .filter((u) => (!query.level || u.level === query.level) && (!query.group || u.peerGroup === query.group) && (!query.province || u.provinceId === query.province) && (!query.q || matchesQuery([u.name, u.fullName, ...u.aliases].join(' '), query.q)))
        .map((u) => ({ ...u, years: yearsOf(dataset, u.id) }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit',
    tag: 'units',
    summary: 'Một đơn vị, các năm có kết quả / one unit and the years it has results for',
    params: z.object({ unit: slug }),
    async handler({ store, params, actor }) {
      const dataset = await store.dataset(actor);
      return { ...unitById(dataset, params.unit), years: yearsOf(dataset, params.unit) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/trend',
    tag: 'results',
    summary: 'Điểm và thứ hạng qua các năm / score and rank over the years',
    params: z.object({ unit: slug }),
    async handler({ store, params, actor }) {
      const dataset = await store.dataset(actor);
      unitById(dataset, params.unit);
      return trendOf(dataset, params.unit).map((p) => ({ ...p, total: p.total === undefined ? null : toNumber(p.total) }));
    },
  }),
];
