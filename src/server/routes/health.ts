import { migrationStatus } from '../../store/index.ts';
import { route } from '../route.ts';
import { healthResponse } from '../responses.ts';

export const healthRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    tag: 'system',
    summary: 'Tình trạng máy chủ, cơ sở dữ liệu, các bước chuyển đổi (migration) và các luồng xử lý nền / server, database, migrations and worker pool status',
    // One small query: a load balancer may ask every few seconds. An unreachable database answers 503.
    response: healthResponse,
    async handler({ store, services, request, reply }) {
      const engine = store.db.engine;
      try {
        const migrations = await migrationStatus(store.db);
        const schemaVersion = migrations.applied.at(-1) ?? 0;
        const status = migrations.pending.length ? 'migrations-pending' : 'ok';
        return { status, engine, schemaVersion, database: { reachable: true, engine }, migrations, workers: services.pool.stats() };
      } catch (error) {
        request.log.error(error);
        reply.code(503);
        return { status: 'unavailable', engine, database: { reachable: false, engine }, workers: services.pool.stats() };
      }
    },
  }),
];
