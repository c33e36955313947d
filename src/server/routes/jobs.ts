/**
 * Jobs for work that takes seconds (jobQueue.ts): a batch of unit reports and a robustness run
 * start with a POST that answers 202 at once; GET /api/jobs/:id says how far the job is; its
 * result is fetched from GET /api/jobs/:id/result once done. Only the user who started a job
 * sees it (anyone else gets 404), and a visitor who is not logged in starts none.
 */
import { zipSync } from 'fflate';
import { z } from 'zod';
import { ParError, issue } from '../../core/index.ts';
import { REPORT_FORMATS } from '../../report/index.ts';
import { requireLogin } from '../auth.ts';
import { jobStatus } from '../jobQueue.ts';
import { checkReportBatch } from '../limits.ts';
import { fileResponse, robustnessResponse } from '../responses.ts';
import { bodyOf, route } from '../route.ts';
import { robustnessOf, robustnessQuery } from './planning.ts';
import { slug, year } from './schemas.ts';

const jobId = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'mã việc không hợp lệ / not a job id') });

const status = z
  .object({
    id: z.string(),
    kind: z.enum(['reports', 'robustness']),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    /** Where the result is fetched, once done. */
    result: z.string().optional(),
    issues: z.array(z.object({ code: z.string(), message: z.object({ vi: z.string(), en: z.string() }) }).passthrough()).optional(),
  })
  .strict();

const notFound = () =>
  new ParError(
    issue(
      'job.notFound',
      { vi: 'không có việc này (hoặc việc của người khác, hoặc đã quá hạn giữ kết quả)', en: 'no such job (or another user’s, or its result has expired)' },
      { field: 'id' },
    ),
  );

export const jobRoutes = [
  route({
    method: 'POST',
    url: '/api/jobs/reports',
    tag: 'reports',
    summary:
      'In báo cáo của nhiều đơn vị (một việc chạy nền, kết quả là tệp ZIP); số báo cáo tối đa theo vai trò / render a batch of unit reports as a job (a ZIP)',
    body: z.object({ year, units: z.array(slug).min(1).max(10_000), format: z.enum(REPORT_FORMATS).optional() }).strict(),
    status: 202,
    response: status,
    async handler({ store, services, actor, body }) {
      requireLogin(actor);
      const units = [...new Set(body.units)];
      checkReportBatch(actor, units.length);
      const format = body.format ?? 'docx';
      // What the user may read, taken now: the batch is the data of the moment it was asked for.
      const dataset = await store.dataset(actor);
      const job = services.jobs.start(actor.userId, 'reports', units.length, async (progress) => {
        const files: Record<string, Uint8Array> = {};
        let done = 0;
        // Two at a time: the pool has other users' work to do too.
        const queue = [...units];
        await Promise.all(
          Array.from({ length: 2 }, async () => {
            for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
              const doc = await services.pool.run('report', dataset, { unit, year: body.year, format });
              files[`${doc.fileName}.${format}`] = doc.bytes;
              progress(++done);
            }
          }),
        );
        return { type: 'file', bytes: zipSync(files, { level: 6 }), contentType: 'application/zip', fileName: `bao-cao-${body.year}.zip` };
      });
      return jobStatus(job);
    },
  }),
  route({
    method: 'POST',
    url: '/api/jobs/robustness',
    tag: 'planning',
    summary: 'Độ tin cậy của thứ hạng như một việc chạy nền (cùng tham số với /api/robustness) / rank robustness as a job',
    query: robustnessQuery,
    status: 202,
    response: status,
    async handler({ store, services, actor, query }) {
      requireLogin(actor);
      const job = services.jobs.start(actor.userId, 'robustness', 1, async () => ({ type: 'json', value: await robustnessOf(store, services, actor, query) }));
      return jobStatus(job);
    },
  }),
  route({
    method: 'GET',
    url: '/api/jobs/:id',
    tag: 'system',
    summary: 'Tình trạng và tiến độ của một việc chạy nền do chính người dùng bắt đầu / a job’s state and progress (own jobs only)',
    params: jobId,
    response: status,
    async handler({ services, actor, params }) {
      requireLogin(actor);
      const job = services.jobs.get(params.id, actor.userId);
      if (!job) throw notFound();
      return jobStatus(job);
    },
  }),
  route({
    method: 'GET',
    url: '/api/jobs/:id/result',
    tag: 'system',
    summary: 'Kết quả của một việc đã xong: tệp (ZIP báo cáo) hoặc JSON (độ tin cậy của thứ hạng) / a finished job’s result',
    params: jobId,
    // JSON (a robustness run, as GET /api/robustness answers it) or the reports' ZIP.
    response: z.union([robustnessResponse, fileResponse('application/zip')]),
    async handler({ services, actor, params, reply }) {
      requireLogin(actor);
      const job = services.jobs.get(params.id, actor.userId);
      if (!job) throw notFound();
      // The job's own refusal (a unit not found …) follows: a 404 would read as "no such job".
      if (job.state === 'failed')
        throw new ParError([
          issue('job.failed', { vi: 'việc không thành: xem các lỗi kèm theo', en: 'the job failed: see the issues that follow' }, { field: 'id' }),
          ...(job.issues ?? []),
        ]);
      if (job.state !== 'done' || !job.result) {
        throw new ParError(
          issue(
            'job.notReady',
            {
              vi: `việc chưa xong (${job.progress.done}/${job.progress.total}): hỏi lại /api/jobs/${job.id} sau`,
              en: `the job is not done (${job.progress.done}/${job.progress.total}): ask /api/jobs/${job.id} again later`,
            },
            { field: 'id' },
          ),
        );
      }
      if (job.result.type === 'json') return job.result.value;
      reply.header('content-disposition', `attachment; filename="${job.result.fileName}"`);
      return reply.type(job.result.contentType).send(bodyOf(job.result.bytes));
    },
  }),
];
