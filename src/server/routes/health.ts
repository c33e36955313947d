import { migrationStatus } from '../../store/index.ts';
import { route } from '../route.ts';

export const healthRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    tag: 'system',
    summary: 'Tình trạng máy chủ, cơ sở dữ liệu và các bước chuyển đổi (migration) / server, database and migrations status',
    // One small query: a load balancer may ask every few seconds. An unreachable database answers 503.
    async handler({ store, request, reply }) {
      const engine = store.db.engine;
      try {
        const migrations = await migrationStatus(store.db);
        const schemaVersion = migrations.applied.at(-1) ?? 0;
        const status = migrations.pending.length ? 'migrations-pending' : 'ok';
        return { status, engine, schemaVersion, database: { reachable: true, engine }, migrations };
      } catch (error) {
        request.log.error(error);
        reply.code(503);
        return { status: 'unavailable', engine, database: { reachable: false, engine } };
      }
    },
  }),
];
