import { z } from 'zod';
import { analysisToJson, analyzeProvince, analyzeUnit, provinceToJson } from '../../core/index.ts';
import { jsonText, route } from '../route.ts';
import { lang, level, slug, year } from './schemas.ts';

export const resultRoutes = [
  route({
    method: 'GET',
    url: '/api/results',
    tag: 'results',
    summary: 'Bảng xếp hạng một năm của một cấp: tổng điểm, thứ hạng (đồng hạng), hạng từng lĩnh vực, bản đồ nhiệt, phân bố / ranking of a level in a year',
    query: z.object({ year, level: level.optional(), group: slug.optional(), lang }).strict(),
    async handler({ store, query, actor }) {
      return store.computed(`results:${query.year}:${query.level}:${query.group}`, actor, (dataset) => jsonText(provinceToJson(analyzeProvince(dataset, query.year, query.level, query.group))));
    },
  }),
  route({
    method: 'GET',
    url: '/api/units/:unit/analysis',
    tag: 'results',
    summary: 'Phân tích một đơn vị: điểm, %, thứ hạng, thay đổi so với năm trước, điểm bị trừ và lý do, kiểm tra nhất quán / one unit’s analysis',
    params: z.object({ unit: slug }),
    query: z.object({ year, lang }).strict(),
    async handler({ store, params, query, actor }) {
      return store.computed(`analysis:${params.unit}:${query.year}`, actor, (dataset) => jsonText(analysisToJson(analyzeUnit(dataset, params.unit, query.year))));
    },
  }),
];
