import { z } from 'zod';
import { resultsOf } from '../../core/index.ts';
import { MEDIA_TYPES, REPORT_FORMATS } from '../../report/index.ts';
import { cycleIdOf } from '../../store/index.ts';
import { storedPoints } from '../../store/surveyPoints.ts';
import { bodyOf, route } from '../route.ts';
import { fileResponse } from '../responses.ts';
import { slug, year } from './schemas.ts';

export const reportRoutes = [
  route({
    method: 'GET',
    url: '/api/units/:unit/report',
    tag: 'reports',
    summary: 'Báo cáo phân tích chỉ số của đơn vị, theo tên chỉ số của bộ tiêu chí (DOCX, PDF, HTML để xem trước, Markdown) / the unit’s analysis report',
    params: z.object({ unit: slug }),
    query: z.object({ year, format: z.enum(REPORT_FORMATS).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: fileResponse(...Object.values(MEDIA_TYPES)),
    async handler({ store, services, actor, params, query, reply }) {
      const format = query.format ?? 'html';
      // Rendered in a worker thread: a DOCX or PDF of a large plan takes seconds.
      const dataset = await store.dataset(actor);
      // The survey's explanations, when the reader sees the unit's results of that year and the survey was run here.
      const set = resultsOf(dataset, params.unit, query.year)?.set;
      const survey = set
        ? (await storedPoints(store.db, cycleIdOf(set.year, set.frameworkId), params.unit)).map((p) => ({ code: p.code, text: p.explanation.vi }))
        : [];
      const doc = await services.pool.run('report', dataset, { unit: params.unit, year: query.year, format, ...(survey.length && { survey }) });
      const bytes = doc.bytes;
      // The file name is the unit's ASCII slug (bao-cao-par-index-2023-tam-duong): safe in any header.
      if (format !== 'html') reply.header('content-disposition', `${format === 'md' ? 'inline' : 'attachment'}; filename="${doc.fileName}.${format}"`);
      return reply.type(MEDIA_TYPES[format]).send(bodyOf(bytes));
    },
  }),
];
