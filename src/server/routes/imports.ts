import { z } from 'zod';
import { ParError, issue, parseDocument, type SourceDocument } from '../../core/index.ts';
import { importFile } from '../../io/index.ts';
import { authorize } from '../../workflow/policy.ts';
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

const FILE_KINDS = ['results', 'survey', 'indicators', 'framework', 'plan'] as const;

export const fileImportRoutes = [
  route({
    method: 'POST',
    url: '/api/import/file',
    tag: 'import',
    summary:
      'Nhập tệp Excel (.xlsx) hoặc CSV: kết quả, điểm điều tra xã hội học, chỉ tiêu, bộ tiêu chí; lỗi chỉ rõ trang, ô, giá trị; ?dryRun=true để xem trước; một giao dịch / import an Excel or CSV file',
    query: z
      .object({
        kind: z.enum(FILE_KINDS),
        name: z.string().max(200).optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
        framework: z.string().max(120).optional(),
        unit: z.string().max(120).optional(),
        replace: z.enum(['true', 'false']).optional(),
        dryRun: z.enum(['true', 'false']).optional(),
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    accepts: ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    bodyLimit: IMPORT_LIMIT,
    async handler({ store, actor, query, request }) {
      if (query.kind === 'plan') authorize(actor, 'editPlan', { unitId: query.unit ?? '' });
      else authorize(actor, query.kind === 'framework' ? 'manageFrameworks' : 'importSurvey');
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === 'string' ? request.body : '');
      const file = query.name ?? `tệp.${query.kind === 'framework' ? 'xlsx' : 'csv'}`;
      const outcome = await importFile(bytes, await store.dataset(), {
        kind: query.kind,
        file,
        ...(query.year && { year: query.year }),
        ...(query.framework && { framework: query.framework }),
        ...(query.unit && { unit: query.unit }),
        replace: query.replace === 'true',
      });
      const stored = await store.importDocuments([{ file, data: outcome.document }], actor, { dryRun: query.dryRun === 'true' });
      return { ...stored, notices: outcome.notices, ignoredColumns: outcome.ignoredColumns };
    },
  }),
];
