import { z } from 'zod';
import { ParError, issue, parseDocument, type SourceDocument } from '../../core/index.ts';
import { route } from '../route.ts';

const IMPORT_LIMIT = 20 * 1024 * 1024;

const documentsBody = z.union([
  z.object({ documents: z.array(z.object({ name: z.string().max(200).optional(), data: z.record(z.string(), z.unknown()) }).strict()).min(1).max(1000) }).strict(),
  z.string().min(1),
]);

export const importRoutes = [
  route({
    method: 'POST',
    url: '/api/import',
    tag: 'import',
    summary:
      'Nhập tài liệu dữ liệu (bộ tiêu chí, đơn vị, kết quả, báo cáo) dạng JSON hoặc YAML; ?dryRun=true chỉ xem thay đổi; tất cả hoặc không gì cả / import data documents; all or nothing',
    query: z.object({ dryRun: z.enum(['true', 'false']).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    body: documentsBody,
    accepts: ['application/yaml'],
    bodyLimit: IMPORT_LIMIT,
    async handler({ store, query, body, actor }) {
      const documents: SourceDocument[] =
        typeof body === 'string' ? [{ file: 'body', data: parseDocument(body, 'body') }] : body.documents.map((d, i) => ({ file: d.name ?? `documents.${i}`, data: d.data }));
      if (documents.some((d) => typeof d.data !== 'object' || d.data === null)) {
        throw new ParError(issue('import.notADocument', { vi: 'nội dung không phải một tài liệu dữ liệu', en: 'the body is not a data document' }, { file: 'body' }));
      }
      return store.importDocuments(documents, actor, { dryRun: query.dryRun === 'true' });
    },
  }),
];
