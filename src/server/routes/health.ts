import { schemaVersion } from '../../store/index.ts';
import { route } from '../route.ts';

export const healthRoutes = [
  route({
    method: 'GET',
    url: '/api/health',
    tag: 'system',
    summary: 'Tình trạng máy chủ và cơ sở dữ liệu / server and database status',
    async handler({ store }) {
      return { status: 'ok', engine: store.db.engine, schemaVersion: await schemaVersion(store.db) };
    },
  }),
];
