/** Evidence as official documents over HTTP: upload with metadata, link, search, download, a unit's list and its export. */
import { bilingual } from '../../core/validation.ts';
import { fileResponse, XLSX } from '../responses.ts';
import { z } from 'zod';
import { isoDate } from '../../core/validation.ts';
import { addDocument, getDocument, linkDocument, readDocumentFile, searchDocuments, unitDocuments } from '../../store/documents.ts';
import { bodyOf, route } from '../route.ts';
import { sendStoredFile } from '../storedFile.ts';
import { documentSchema, storedDocumentResponse } from '../contract/appraisal.ts';
import { code, recordId, requiredText, slug } from './schemas.ts';
import { documentListTable } from '../../io/export/documentList.ts';

const link = z.object({ cycle: slug, unit: slug, code }).strict();
const toLinks = (links: z.output<typeof link>[]) => links.map((l) => ({ cycleId: l.cycle, unitId: l.unit, code: l.code }));

export const documentRoutes = [
  route({
    method: 'POST',
    url: '/api/documents',
    tag: 'evidence',
    summary:
      'Lưu văn bản kiểm chứng (số hiệu, ngày, cơ quan ban hành, trích yếu; nội dung base64), gắn với tiêu chí của một hay nhiều đơn vị; cùng nội dung thì dùng lại văn bản đã lưu / store an official document with its metadata, linked to criteria; the same content is stored once',
    body: z
      .object({
        name: requiredText(300, 'tên tệp', 'the file name'),
        content: z
          .string()
          .max(40_000_000)
          .regex(/^[A-Za-z0-9+/=\s]*$/, { error: bilingual({ vi: 'nội dung mã hoá base64', en: 'base64 content' }) }),
        number: requiredText(100, 'số hiệu văn bản', 'the document number'),
        date: isoDate,
        issuer: requiredText(300, 'cơ quan ban hành', 'the issuer'),
        summary: requiredText(2000, 'trích yếu', 'the summary'),
        links: z.array(link).max(5000).default([]),
      })
      .strict(),
    bodyLimit: (services) => Math.ceil((services.evidenceLimit * 4) / 3) + 256 * 1024,
    status: 201,
    response: storedDocumentResponse,
    async handler({ services, actor, body }) {
      const bytes = Buffer.from(body.content, 'base64');
      return addDocument(
        services.store.db,
        services.evidenceFiles,
        { name: body.name, bytes, number: body.number, issuedOn: body.date, issuer: body.issuer, summary: body.summary, links: toLinks(body.links) },
        actor,
        services.evidenceLimit,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/documents',
    tag: 'evidence',
    summary: 'Tìm văn bản theo số hiệu hoặc từ khoá, gõ không dấu cũng được / search documents by number or words, with or without diacritics',
    query: z.object({ q: z.string().max(200).default(''), cycle: slug.optional(), unit: slug.optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: z.array(documentSchema),
    async handler({ store, actor, query }) {
      return searchDocuments(store.db, query.q, actor, { ...(query.cycle && { cycleId: query.cycle }), ...(query.unit && { unitId: query.unit }) });
    },
  }),
  route({
    method: 'GET',
    url: '/api/documents/:id',
    tag: 'evidence',
    summary: 'Một văn bản: thông tin, các tiêu chí nó kiểm chứng, cảnh báo / one document with its links and flags',
    params: z.object({ id: recordId }),
    response: documentSchema,
    async handler({ store, actor, params }) {
      return getDocument(store.db, params.id, actor);
    },
  }),
  route({
    method: 'POST',
    url: '/api/documents/:id/links',
    tag: 'evidence',
    summary: 'Gắn văn bản đã lưu với thêm tiêu chí, đơn vị (vd. kế hoạch của tỉnh) / link a stored document to more criteria and units',
    params: z.object({ id: recordId }),
    body: z.object({ links: z.array(link).min(1).max(5000) }).strict(),
    response: documentSchema,
    async handler({ store, actor, params, body }) {
      return linkDocument(store.db, params.id, toLinks(body.links), actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/documents/:id/file',
    tag: 'evidence',
    summary: 'Tải xuống tệp của văn bản / download the document’s file',
    params: z.object({ id: recordId }),
    response: fileResponse(
      'application/pdf',
      'image/png',
      'image/jpeg',
      'image/webp',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      XLSX,
    ),
    async handler({ services, actor, params, reply }) {
      const { record, bytes } = await readDocumentFile(services.store.db, services.evidenceFiles, params.id, actor);
      return sendStoredFile(reply, record, bytes);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/documents',
    tag: 'evidence',
    summary: 'Danh mục văn bản kiểm chứng của đơn vị theo tiêu chí (JSON, CSV, XLSX) / a unit’s evidence list by criterion',
    params: z.object({ cycle: slug, unit: slug }),
    query: z.object({ format: z.enum(['json', 'csv', 'xlsx']).optional(), lang: z.enum(['vi', 'en']).optional() }).strict(),
    response: z.array(documentSchema.extend({ code: z.string() })),
    async handler({ store, services, actor, params, query, reply, locale }) {
      const rows = await unitDocuments(store.db, params.cycle, params.unit, actor);
      if (!query.format || query.format === 'json') return rows;
      const bytes = await services.pool.run('writeTables', null, { tables: [documentListTable(rows, locale)], options: { format: query.format, locale } });
      reply.header('content-disposition', `attachment; filename="van-ban-kiem-chung-${params.unit}.${query.format}"`);
      return reply
        .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(bodyOf(bytes));
    },
  }),
];
