/**
 * Many criteria of one unit written at once (a whole component, or the whole file): each row is
 * checked and written on its own, as PUT …/scores/:code would, so a valid row is saved and an
 * invalid one is answered with its problems at its field — never half a row. A row based on an
 * old version is answered `conflict` with the stored row, for the writer to choose.
 */
import { z } from 'zod';
import { ParError } from '../../core/index.ts';
import { parseWith } from '../../core/validation.ts';
import { ConflictError, writeScore } from '../../store/index.ts';
import { errorBody, statusOf } from '../errors.ts';
import { route } from '../route.ts';
import { scoreBatchResponse, type ScoreJson } from '../responses.ts';
import { scoreBody, scorePatch } from './cycles.ts';
import { code, slug } from './schemas.ts';

export const scoreBatchRoutes = [
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/units/:unit/scores',
    tag: 'scores',
    summary:
      'Ghi nhiều tiêu chí một lần (cả một lĩnh vực hoặc cả hồ sơ): dòng hợp lệ được lưu, dòng có vấn đề trả về vấn đề ở từng trường, dòng đã cũ trả về giá trị đang lưu / write many criteria at once: per-row results',
    params: z.object({ cycle: slug, unit: slug }),
    // Each row is read on its own below: one wrong row must not refuse the others.
    body: z.object({ rows: z.array(z.object({ code }).loose()).min(1).max(2000) }).strict(),
    response: scoreBatchResponse,
    async handler({ store, params, body, actor, locale }) {
      const results: z.output<typeof scoreBatchResponse>['results'] = [];
      for (const raw of body.rows) {
        const { code: criterion, ...fields } = raw;
        try {
          const row = parseWith(scoreBody, fields);
          const score = await writeScore(
            store.db,
            { cycleId: params.cycle, unitId: params.unit, code: criterion, version: row.version, patch: scorePatch(row) },
            actor,
          );
          results.push({ code: criterion, status: 'saved', score });
        } catch (error) {
          if (!(error instanceof ParError)) throw error;
          // Not logged in, not allowed, no such file: the whole request is refused, as a single write would be.
          if ([401, 403, 404].includes(statusOf(error))) throw error;
          const issues = errorBody(error.issues, locale).error.issues.map((i) => ({ ...i, node: i.node ?? criterion }));
          results.push(
            error instanceof ConflictError
              ? { code: criterion, status: 'conflict', issues, current: (error.current as ScoreJson | null) ?? null }
              : { code: criterion, status: 'problem', issues },
          );
        }
      }
      return { saved: results.filter((r) => r.status === 'saved').length, results };
    },
  }),
];
