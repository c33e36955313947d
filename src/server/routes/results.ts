import { z } from 'zod';
import { NATIONAL_GROUP, resultGroups, unitGroups } from '../../core/index.ts';
import { jsonBytes, jsonText, route } from '../route.ts';
import { analysisResponse, compactAnalysisResponse, groupsResponse, provinceResponse, resultGroupsResponse } from '../responses.ts';
import { group, lang, level, slug, year } from './schemas.ts';

export const resultRoutes = [
  route({
    method: 'GET',
    url: '/api/results',
    tag: 'results',
    summary:
      'Bảng xếp hạng một năm của một cấp và nhóm đơn vị: tổng điểm, thứ hạng (đồng hạng), hạng từng lĩnh vực, bản đồ nhiệt, phân bố; scope=national (hoặc group=*) xếp hạng chung mọi đơn vị của cấp / ranking of a level and peer group in a year; scope=national (or group=*) ranks every unit of the level together',
    query: z.object({ year, level: level.optional(), group: group.optional(), scope: z.enum(['group', 'national']).optional(), lang }).strict(),
    response: provinceResponse,
    async handler({ store, services, query, actor }) {
      const asked = query.scope === 'national' ? NATIONAL_GROUP : query.group;
      // Recomputed after each write in a worker thread (a national ranking is tens of ms of CPU).
      return store.computed(`results:${query.year}:${query.level}:${asked}`, actor, (dataset) =>
        services.pool.run('province', dataset, { year: query.year, level: query.level, group: asked }).then(jsonBytes),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/results/groups',
    tag: 'results',
    summary: 'Các cấp và nhóm đơn vị có kết quả trong năm, kèm tên nhóm / the levels and peer groups with results in a year, named',
    query: z.object({ year, lang }).strict(),
    response: resultGroupsResponse,
    async handler({ store, query, actor }) {
      return store.computed(`resultGroups:${query.year}`, actor, (dataset) => jsonText(resultGroups(dataset, query.year)));
    },
  }),
  route({
    method: 'GET',
    url: '/api/groups',
    tag: 'units',
    summary: 'Các nhóm đơn vị (khối) với tên, cấp và số đơn vị / the units’ peer groups with their names, levels and number of units',
    query: z.object({ lang }).strict(),
    response: groupsResponse,
    async handler({ store, actor }) {
      return unitGroups(await store.dataset(actor));
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/analysis',
    tag: 'results',
    summary: 'Phân tích một đơn vị: điểm, %, thứ hạng, thay đổi so với năm trước, điểm bị trừ và lý do, kiểm tra nhất quán / one unit’s analysis',
    params: z.object({ unit: slug }),
    // peers=near (0.3.0) moved to its own path, whose answer has its own shape: a permanent redirect keeps old links working.
    query: z.object({ year, peers: z.enum(['all', 'near']).optional(), lang }).strict(),
    response: analysisResponse,
    async handler({ store, services, params, query, actor, reply }) {
      if (query.peers === 'near') {
        const keep = new URLSearchParams({ year: String(query.year), ...(query.lang && { lang: query.lang }) });
        return reply.redirect(`/api/units/${params.unit}/analysis/near?${keep}`, 308);
      }
      // The unit ranked among its peers: computed in a worker thread, as the ranking is.
      return store.computed(`analysis:${params.unit}:${query.year}`, actor, (dataset) =>
        services.pool.run('analysis', dataset, { unit: params.unit, year: query.year, near: false }).then(jsonBytes),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/analysis/near',
    tag: 'results',
    summary:
      'Phân tích một đơn vị cho màn hình: các đơn vị quanh thứ hạng của nó và tóm tắt nhóm thay vì mọi đơn vị, tiêu chí gọn / one unit’s analysis sized for a screen: its neighbours and the group’s summary, sparse criteria',
    params: z.object({ unit: slug }),
    query: z.object({ year, lang }).strict(),
    response: compactAnalysisResponse,
    async handler({ store, services, params, query, actor }) {
      return store.computed(`analysis:${params.unit}:${query.year}:near`, actor, (dataset) =>
        services.pool.run('analysis', dataset, { unit: params.unit, year: query.year, near: true }).then(jsonBytes),
      );
    },
  }),
];
