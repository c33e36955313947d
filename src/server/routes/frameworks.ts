import { z } from 'zod';
import { evaluateIndicator, toDecimalString } from '../../core/index.ts';
import { frameworkJson, frameworkSummaryJson } from '../../core/presenters.ts';
import { notFound } from '../../store/index.ts';
import { route } from '../route.ts';
import { evaluateResponse, frameworkResponse, frameworksResponse } from '../responses.ts';
import { code, slug } from './schemas.ts';

export const frameworkRoutes = [
  route({
    method: 'GET',
    url: '/api/frameworks',
    tag: 'frameworks',
    summary: 'Các bộ tiêu chí / criteria frameworks',
    response: frameworksResponse,
    async handler({ store }) {
      const dataset = await store.dataset();
      return [...dataset.frameworks.values()].map(frameworkSummaryJson);
    },
  }),
  route({
    method: 'GET',
    url: '/api/frameworks/:framework',
    tag: 'frameworks',
    summary:
      'Cây tiêu chí: lĩnh vực → tiêu chí → tiêu chí thành phần, điểm tối đa, quy tắc chấm (điểm dạng chuỗi thập phân) / the criteria tree, points as decimal text',
    params: z.object({ framework: slug }),
    response: frameworkResponse,
    async handler({ store, params }) {
      const framework = (await store.dataset()).frameworks.get(params.framework);
      if (!framework) throw notFound({ vi: `không có bộ tiêu chí ${params.framework}`, en: `no framework ${params.framework}` }, 'framework');
      return frameworkJson(framework);
    },
  }),
  route({
    method: 'POST',
    url: '/api/frameworks/:framework/evaluate',
    tag: 'frameworks',
    summary: 'Tính điểm một tiêu chí từ chỉ tiêu nhập vào (quy tắc tỷ lệ, ngưỡng, hạn…) / a criterion’s points from indicator values',
    params: z.object({ framework: slug }),
    body: z.object({ code, indicator: z.record(z.string(), z.unknown()) }).strict(),
    response: evaluateResponse,
    async handler({ store, params, body, locale }) {
      const framework = (await store.dataset()).frameworks.get(params.framework);
      if (!framework) throw notFound({ vi: `không có bộ tiêu chí ${params.framework}`, en: `no framework ${params.framework}` }, 'framework');
      const outcome = evaluateIndicator(framework, body.code, body.indicator);
      return { points: toDecimalString(outcome.score), explanation: outcome.explanation[locale] };
    },
  }),
];
