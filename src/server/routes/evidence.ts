import { z } from 'zod';
import { addEvidence, listEvidence, readEvidence, removeEvidence } from '../../store/index.ts';
import { route } from '../route.ts';
import { sendStoredFile } from '../storedFile.ts';
import { evidenceListResponse, evidenceRecord, fileResponse } from '../responses.ts';
import { code, recordId, requiredText, slug } from './schemas.ts';

const unitParams = z.object({ cycle: slug, unit: slug });

export const evidenceRoutes = [
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/units/:unit/evidence',
    tag: 'evidence',
    summary: 'Tải lên tài liệu kiểm chứng cho một tiêu chí (nội dung tệp trong thân yêu cầu; PDF, ảnh, DOCX, XLSX) / upload evidence (raw body)',
    params: unitParams,
    query: z.object({ code, name: requiredText(300, 'tên tệp', 'the file name'), lang: z.enum(['vi', 'en']).optional() }).strict(),
    accepts: ['application/octet-stream', 'application/pdf', 'image/*'],
    // The server's evidence limit (PARINDEX_EVIDENCE_MAX_MB): a larger body is refused before it is read, naming that limit.
    bodyLimit: (services) => services.evidenceLimit,
    status: 201,
    response: evidenceRecord,
    async handler({ services, actor, params, query, request }) {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return addEvidence(
        services.store.db,
        services.evidenceFiles,
        { cycleId: params.cycle, unitId: params.unit, code: query.code, name: query.name, bytes },
        actor,
        services.evidenceLimit,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/units/:unit/evidence',
    tag: 'evidence',
    summary: 'Tài liệu kiểm chứng của hồ sơ / the assessment’s evidence files',
    params: unitParams,
    response: evidenceListResponse,
    async handler({ store, actor, params }) {
      return listEvidence(store.db, params.cycle, params.unit, actor);
    },
  }),
  route({
    method: 'GET',
    url: '/api/evidence/:id',
    tag: 'evidence',
    summary: 'Tải xuống một tài liệu kiểm chứng / download an evidence file',
    params: z.object({ id: recordId }),
    response: fileResponse('application/octet-stream', 'application/pdf', 'image/*'),
    async handler({ services, actor, params, reply }) {
      const { record, bytes } = await readEvidence(services.store.db, services.evidenceFiles, params.id, actor);
      return sendStoredFile(reply, record, bytes);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/evidence/:id',
    tag: 'evidence',
    summary: 'Gỡ một tài liệu tải lên nhầm (đơn vị, khi đang tự đánh giá; ghi nhật ký) / remove a file uploaded by mistake (draft only; audited)',
    params: z.object({ id: recordId }),
    response: evidenceRecord,
    async handler({ services, actor, params }) {
      return removeEvidence(services.store.db, params.id, actor);
    },
  }),
];
