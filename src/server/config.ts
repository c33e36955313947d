/** Server configuration from environment variables (documented in README). */
import { join } from 'node:path';
import { ParError, issue } from '../core/index.ts';

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  dataFolder: string;
  /** Seed the demo province when the database is empty. */
  demo: boolean;
}

export function configFrom(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ParError(issue('config.port', { vi: `PORT phải là số cổng 0–65535, không phải "${env.PORT}"`, en: `PORT must be a port number 0–65535, not "${env.PORT}"` }, { field: 'PORT' }));
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    dataFolder: env.PARINDEX_DATA_DIR ?? join(cwd, '.parindex'),
    demo: env.PARINDEX_DEMO !== '0',
  };
}
