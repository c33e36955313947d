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
  /** The demo users' password; a random one per user (printed once) when unset. */
  demoPassword?: string;
  /** Largest evidence file, bytes. */
  evidenceLimit: number;
  secureCookies: boolean;
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
    ...(env.PARINDEX_DEMO_PASSWORD && { demoPassword: env.PARINDEX_DEMO_PASSWORD }),
    evidenceLimit: megabytes(env.PARINDEX_EVIDENCE_MAX_MB, 20, 'PARINDEX_EVIDENCE_MAX_MB') * 1024 * 1024,
    secureCookies: env.PARINDEX_SECURE_COOKIES === '1',
  };
}

function megabytes(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) {
    throw new ParError(issue('config.size', { vi: `${name} phải là số MB từ 1 đến 1024, không phải "${value}"`, en: `${name} must be a number of MB from 1 to 1024, not "${value}"` }, { field: name }));
  }
  return n;
}
