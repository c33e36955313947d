import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { foldScoreParts, ParError, issue, parseDocument, type SourceDocument } from '../../core/index.ts';
import { changeListsOf, release } from '../changeLists.ts';
import { limitsFromEnvironment } from '../../io/index.ts';
import { authorize } from '../../workflow/policy.ts';
import { bodyOf, type Context, jsonBytes, route } from '../route.ts';
import { CSV, XLSX, fileResponse, importLimitsResponse, importResponse, tablesResponse } from '../responses.ts';
import { checkPreviewSummary, type ImportResult } from '../../store/index.ts';
import { checkFileSize } from '../limits.ts';
import { group, level, queryNumber, slug, year } from './schemas.ts';

// The same limit as the command line's (PARINDEX_IMPORT_MAX_MB, default 20 MiB).
const LIMITS = limitsFromEnvironment();
const IMPORT_LIMIT = LIMITS.maxBytes;

/** `?changes=N`: how many changes the answer lists (a province-wide file has over a million); the counts stay whole. */
const changesLimit = queryNumber(
  { vi: 'thiếu số thay đổi cần liệt kê, vd. 200', en: 'how many changes to list is missing, e.g. 200' },
  { vi: 'số thay đổi cần liệt kê là số nguyên từ 0, vd. 200', en: 'how many changes to list must be a whole number from 0, e.g. 200' },
  (n) => n.int().min(0).max(10_000_000),
).optional();

/**
 * The answer to an import: each change once (a score's total and its part are one), at most
 * `limit` listed, with their total, the units they touch and the id of the whole list (GET /api/import/changes/:id: per unit and criterion, filtered, as a file).
 */
function answer<T extends ImportResult>(
  result: T,
  limit: number | undefined,
  lists?: { keep(changes: T['changes']): string },
): T & { changesTotal: number; unitsChanged: string[]; changeList?: string } {
  const changes = foldScoreParts(result.changes);
  const unitsChanged = [...new Set(changes.map((c) => c.unitId).filter((u): u is string => u !== undefined))];
  const cut = limit !== undefined && changes.length > limit;
  return {
    ...result,
    changes: cut ? changes.slice(0, limit) : changes,
    changesTotal: changes.length,
    unitsChanged,
    ...(changes.length > 0 && lists && { changeList: lists.keep(changes) }),
  };
}

const documentsBody = z.union([
  z
    .object({
      documents: z
        .array(z.object({ name: z.string().max(200).optional(), data: z.record(z.string(), z.unknown()) }).strict())
        .min(1)
        .max(1000),
    })
    .strict(),
  z.string().min(1),
]);

export const importRoutes = [
  route({
    method: 'POST',
    url: '/api/import',
    tag: 'import',
    summary:
      'Nhập tài liệu dữ liệu (bộ tiêu chí, đơn vị, kết quả, báo cáo) dạng JSON hoặc YAML; ?dryRun=true chỉ xem thay đổi; tất cả hoặc không gì cả / import data documents; all or nothing',
    query: z.object({ dryRun: z.enum(['true', 'false']).optional(), changes: changesLimit, lang: z.enum(['vi', 'en']).optional() }).strict(),
    body: documentsBody,
    accepts: ['application/yaml'],
    bodyLimit: IMPORT_LIMIT,
    response: importResponse,
    async handler({ store, query, body, actor }) {
      const documents: SourceDocument[] =
        typeof body === 'string'
          ? [{ file: 'body', data: parseDocument(body, 'body') }]
          : body.documents.map((d, i) => ({ file: d.name ?? `documents.${i}`, data: d.data }));
      if (documents.some((d) => typeof d.data !== 'object' || d.data === null)) {
        throw new ParError(
          issue('import.notADocument', { vi: 'nội dung không phải một tài liệu dữ liệu', en: 'the body is not a data document' }, { file: 'body' }),
        );
      }
      return answer(await store.importDocuments(documents, actor, { dryRun: query.dryRun === 'true' }), query.changes, {
        keep: (changes) => changeListsOf(store).keep(actor, changes),
      });
    },
  }),
];

const FILE_KINDS = ['results', 'survey', 'indicators', 'framework', 'plan', 'units', 'lineage'] as const;

export const fileImportRoutes = [
  // The web app says the limit before a file is chosen and refuses a larger one without sending it.
  route({
    method: 'GET',
    url: '/api/import/limits',
    tag: 'import',
    summary: 'Giới hạn của tệp nhập: dung lượng tối đa (byte), số ô tối đa / the limits an imported file must respect',
    response: importLimitsResponse,
    async handler() {
      return { maxBytes: LIMITS.maxBytes, maxCells: LIMITS.maxCells };
    },
  }),
  route({
    method: 'POST',
    url: '/api/import/file',
    tag: 'import',
    summary:
      'Nhập tệp Excel (.xlsx) hoặc CSV: kết quả, điểm điều tra xã hội học, chỉ tiêu, bộ tiêu chí, kế hoạch, danh sách đơn vị; lỗi chỉ rõ trang, ô, giá trị; ?dryRun=true để xem trước; một giao dịch / import an Excel or CSV file',
    query: z
      .object({
        kind: z.enum(FILE_KINDS),
        name: z.string().max(200).optional(),
        year: year.optional(),
        framework: z.string().max(120).optional(),
        unit: z.string().max(120).optional(),
        province: slug.optional(),
        replace: z.enum(['true', 'false']).optional(),
        dryRun: z.enum(['true', 'false']).optional(),
        changes: changesLimit,
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    accepts: ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    bodyLimit: IMPORT_LIMIT,
    response: importResponse,
    async handler({ store, services, actor, query, request }) {
      if (query.kind === 'plan') authorize(actor, 'editPlan', { unitId: query.unit ?? '' });
      else if (query.kind === 'units' || query.kind === 'lineage') authorize(actor, 'manageUnits');
      else authorize(actor, query.kind === 'framework' ? 'manageFrameworks' : 'importSurvey');
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === 'string' ? request.body : '');
      checkFileSize(actor, bytes.length, IMPORT_LIMIT);
      const file = query.name ?? `tệp.${query.kind === 'framework' ? 'xlsx' : 'csv'}`;
      const options = {
        kind: query.kind,
        file,
        limits: LIMITS,
        ...(query.year && { year: query.year }),
        ...(query.framework && { framework: query.framework }),
        ...(query.unit && { unit: query.unit }),
        ...(query.province && { province: query.province }),
        replace: query.replace === 'true',
      };
      if (query.dryRun === 'true') {
        // The dry run is made and summarised in the worker: only the answer crosses back.
        const dataset = await store.dataset();
        // The whole change list stays in the worker that makes it, under this id (changeJobs.ts): reviewed there.
        const listId = randomUUID();
        const read = await services.pool
          .run('previewFile', dataset, { bytes, options, list: listId, ...(query.changes !== undefined && { changes: query.changes }) }, listId)
          .catch((error: unknown) => {
            services.pool.unpin(listId);
            throw error;
          });
        if (!('summary' in read) || !read.folded.held) services.pool.unpin(listId);
        if ('summary' in read) {
          const { folded } = read;
          let checked: Awaited<ReturnType<typeof checkPreviewSummary>>;
          try {
            checked = await checkPreviewSummary(store.db, read.summary, actor, dataset.units);
          } catch (error) {
            if (folded.held) release(services.pool, listId);
            throw error;
          }
          // Folded and counted in the worker.
          return {
            ...checked,
            changes: folded.changes,
            changesTotal: folded.total,
            unitsChanged: folded.unitsChanged,
            ...(folded.held && { changeList: changeListsOf(store).hold(actor, listId, services.pool) }),
            ...(folded.list && { changeList: changeListsOf(store).keep(actor, folded.list) }),
            counts: checked.counts,
            notices: [...read.notices, ...(checked.notices ?? [])],
            ignoredColumns: read.ignoredColumns,
          };
        }
        const stored = await store.importDocuments([{ file, data: read.document }], actor, { dryRun: true });
        return answer({ ...stored, notices: [...read.notices, ...(stored.notices ?? [])], ignoredColumns: read.ignoredColumns }, query.changes);
      }
      const { preview: outcome, stored } = await store.importPreviewed(
        file,
        // Read and validated in a worker thread: a province-wide file takes seconds.
        (dataset) => services.pool.run('importFile', dataset, { bytes, options }),
        actor,
        { dryRun: false },
      );
      return answer({ ...stored, notices: [...outcome.notices, ...(stored.notices ?? [])], ignoredColumns: outcome.ignoredColumns }, query.changes, {
        keep: (changes) => changeListsOf(store).keep(actor, changes),
      });
    },
  }),
];

const fileFormat = z.enum(['xlsx', 'csv']).optional();

/** A file as a download (xlsx by default, CSV with a BOM and `;` unless `separator=,`). */
function download(reply: Context<unknown, unknown, unknown>['reply'], bytes: Uint8Array, name: string, format: 'xlsx' | 'csv') {
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
  return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bodyOf(bytes));
}

/** Templates and exports as files, from what the asking user may read (the same tables as `parindex template|export`). */
export const fileExportRoutes = [
  route({
    method: 'GET',
    url: '/api/templates',
    tag: 'import',
    summary:
      'Tải mẫu Excel/CSV để nhập: kết quả, điểm điều tra XHH, chỉ tiêu (theo bộ tiêu chí và đơn vị hiện có), bộ tiêu chí, nhiệm vụ kế hoạch, danh sách đơn vị / download an import template',
    query: z
      .object({
        kind: z.enum(['results', 'survey', 'indicators', 'framework', 'plan', 'units']),
        framework: slug.optional(),
        year: year.optional(),
        detail: z.enum(['components', 'criteria', 'all']).optional(),
        unit: slug.optional(),
        province: slug.optional(),
        format: fileFormat,
        separator: z.enum([';', ',']).optional(),
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    response: fileResponse(CSV, XLSX),
    async handler({ store, services, actor, query, reply, locale }) {
      const format = query.format ?? 'xlsx';
      // Built and written in a worker thread: a province's template is thousands of rows of ExcelJS.
      const bytes = await services.pool.run('exportFile', await store.dataset(actor), {
        source: {
          kind: 'template',
          options: {
            kind: query.kind,
            ...(query.framework && { framework: query.framework }),
            ...(query.year && { year: query.year }),
            ...(query.detail && { detail: query.detail }),
            ...(query.unit && { unit: query.unit }),
            ...(query.province && { province: query.province }),
          },
        },
        format,
        ...(query.separator && { separator: query.separator }),
        locale,
      });
      return download(reply, bytes, `mau-${query.kind}${query.year ? `-${query.year}` : ''}`, format);
    },
  }),
  route({
    method: 'GET',
    url: '/api/export',
    tag: 'import',
    summary:
      'Xuất kết quả (nhập lại được), xếp hạng, điểm trừ, bộ tiêu chí, kế hoạch, danh sách đơn vị ra Excel/CSV, hoặc các bảng dạng JSON / export tables as xlsx, CSV or JSON',
    query: z
      .object({
        what: z.enum(['results', 'ranking', 'deductions', 'framework', 'plan', 'units']),
        year: year.optional(),
        level: level.optional(),
        group: group.optional(),
        scope: z.enum(['group', 'national']).optional(),
        framework: slug.optional(),
        unit: slug.optional(),
        province: slug.optional(),
        format: z.enum(['xlsx', 'csv', 'json']).optional(),
        separator: z.enum([';', ',']).optional(),
        lang: z.enum(['vi', 'en']).optional(),
      })
      .strict(),
    response: z.union([tablesResponse, fileResponse(CSV, XLSX)]),
    async handler({ store, services, actor, query, reply, locale }) {
      const group = query.scope === 'national' ? '*' : query.group;
      const format = query.format ?? 'xlsx';
      // Built, computed and written (or serialised as JSON) in a worker thread: at 4,000 units, seconds.
      const bytes = await services.pool.run('exportFile', await store.dataset(actor), {
        source: {
          kind: 'export',
          options: {
            what: query.what,
            ...(query.year && { year: query.year }),
            ...(query.level && { level: query.level }),
            ...(group && { group }),
            ...(query.framework && { framework: query.framework }),
            ...(query.unit && { unit: query.unit }),
            ...(query.province && { province: query.province }),
          },
        },
        format,
        ...(query.separator && { separator: query.separator }),
        locale,
      });
      // Exact fractions (a percentage) have no JSON form: the tables are given as plain values.
      if (format === 'json') return jsonBytes(bytes);
      return download(reply, bytes, `${query.what}${query.year ? `-${query.year}` : ''}`, format);
    },
  }),
];
