import { z } from 'zod';
import { frameworkDocument, toNumber } from '../../core/index.ts';
import { notFound } from '../../store/index.ts';
import { route } from '../route.ts';
import { slug } from './schemas.ts';

export const frameworkRoutes = [
  route({
    method: 'GET',
    url: '/api/frameworks',
    tag: 'frameworks',
    summary: 'Các bộ tiêu chí / criteria frameworks',
    async handler({ store }) {
      const dataset = await store.dataset();
      return [...dataset.frameworks.values()].map((f) => ({ id: f.id, name: f.name, year: f.year, level: f.level, province: f.province, totalPoints: toNumber(f.totalPoints) }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/frameworks/:framework',
    tag: 'frameworks',
    summary: 'Cây tiêu chí: lĩnh vực → tiêu chí → tiêu chí thành phần, điểm tối đa, quy tắc chấm / the criteria tree',
    params: z.object({ framework: slug }),
    async handler({ store, params }) {
      const framework = (await store.dataset()).frameworks.get(params.framework);
      if (!framework) throw notFound({ vi: `không có bộ tiêu chí ${params.framework}`, en: `no framework ${params.framework}` }, 'framework');
      return frameworkDocument(framework);
    },
  }),
];
