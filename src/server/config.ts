/** Server configuration from environment variables (documented in README). */
import { isIP } from 'node:net';
import { join } from 'node:path';
import { ParError, issue } from '../core/index.ts';
import { AUDIT_XLSX_ROWS } from './limits.ts';
import { oidcFrom, type OidcSettings } from './oidcConfig.ts';

export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl?: string;
  /**
   * PARINDEX_DB_POOL: PostgreSQL connections the server opens at start and keeps (default 25:
   * twenty writers at once, the audit sealer and a few readers without waiting for one).
   */
  dbPool: number;
  /**
   * PARINDEX_DB_PREPARE: 0 = no named prepared statements on PostgreSQL (behind a pooler in
   * transaction mode, which cannot keep them per connection); 1 = prepared once per connection (default).
   */
  dbPrepare: boolean;
  dataFolder: string;
  /** Seed the demo province when the database is empty. */
  demo: boolean;
  /** The demo users' password; a random one per user (printed once) when unset. */
  demoPassword?: string;
  /** Largest evidence file, bytes. */
  evidenceLimit: number;
  /** PARINDEX_AUDIT_XLSX_ROWS: the most audit entries exported as one xlsx (a larger trail is refused, pointing to the CSV, which is streamed). */
  auditXlsxRows: number;
  secureCookies: boolean;
  /** PARINDEX_LOGIN_LIMIT: failed sign-in attempts per client address per minute (sign-ins that succeed are not counted). */
  loginLimit: number;
  /** Which X-Forwarded-For hops to believe (see trustProxyFrom). */
  trustProxy: TrustProxy;
  /** PARINDEX_LOG_LEVEL: pino's level for the JSON logs (default info; `silent` = none). */
  logLevel?: string;
  /** PARINDEX_REQUIRE_TOTP: roles that must sign in with a second factor; PARINDEX_TOTP_ISSUER: the name authenticator apps show. */
  secondFactor: { required: string[]; issuer: string };
  /** OpenID Connect sign-in (PARINDEX_OIDC_*, oidcConfig.ts); unset = passwords only. */
  oidc?: OidcSettings;
  /** Reminders and e-mail (README, "Reminders and notices"). */
  reminders: {
    /** Minutes between scheduler runs; 0 = off (PARINDEX_REMINDER_MINUTES, default 5). */
    minutes: number;
    /** PARINDEX_SMTP_URL: the province's mail server; no e-mail without it (notices stay in the app). */
    smtpUrl?: string;
    /** PARINDEX_MAIL_FROM: the sender of the e-mails. */
    mailFrom: string;
    /** PARINDEX_PUBLIC_URL: the app's address, for links in e-mails. */
    publicUrl?: string;
    /** PARINDEX_DIGEST_HOUR: the hour (Vietnam time) from which daily digests go out (default 7). */
    digestHour: number;
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** false: none; a number: that many proxies in front (the client is the address they saw); a list: only these proxies. */
export type TrustProxy = false | number | string[];

export function configFrom(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ParError(
      issue(
        'config.port',
        { vi: `PORT phải là số cổng 0–65535, không phải "${env.PORT}"`, en: `PORT must be a port number 0–65535, not "${env.PORT}"` },
        { field: 'PORT' },
      ),
    );
  }
  return {
    host: env.HOST ?? '127.0.0.1',
    port,
    ...(env.DATABASE_URL && { databaseUrl: env.DATABASE_URL }),
    dbPool: wholeNumber(env.PARINDEX_DB_POOL, 25, 1, 500, 'PARINDEX_DB_POOL'),
    dbPrepare: wholeNumber(env.PARINDEX_DB_PREPARE, 1, 0, 1, 'PARINDEX_DB_PREPARE') === 1,
    dataFolder: env.PARINDEX_DATA_DIR ?? join(cwd, '.parindex'),
    demo: env.PARINDEX_DEMO !== '0',
    ...(env.PARINDEX_DEMO_PASSWORD && { demoPassword: env.PARINDEX_DEMO_PASSWORD }),
    evidenceLimit: megabytes(env.PARINDEX_EVIDENCE_MAX_MB, 20, 'PARINDEX_EVIDENCE_MAX_MB') * 1024 * 1024,
    auditXlsxRows: wholeNumber(env.PARINDEX_AUDIT_XLSX_ROWS, AUDIT_XLSX_ROWS, 1, 1_000_000, 'PARINDEX_AUDIT_XLSX_ROWS'),
    secureCookies: env.PARINDEX_SECURE_COOKIES === '1',
    loginLimit: wholeNumber(env.PARINDEX_LOGIN_LIMIT, 20, 1, 10_000, 'PARINDEX_LOGIN_LIMIT'),
    trustProxy: trustProxyFrom(env.PARINDEX_TRUST_PROXY),
    logLevel: logLevelFrom(env.PARINDEX_LOG_LEVEL),
    secondFactor: { required: rolesFrom(env.PARINDEX_REQUIRE_TOTP), issuer: env.PARINDEX_TOTP_ISSUER?.trim() || 'parindex' },
    ...oidcOption(env),
    reminders: {
      minutes: wholeNumber(env.PARINDEX_REMINDER_MINUTES, 5, 0, 1440, 'PARINDEX_REMINDER_MINUTES'),
      ...(env.PARINDEX_SMTP_URL && { smtpUrl: env.PARINDEX_SMTP_URL }),
      mailFrom: env.PARINDEX_MAIL_FROM ?? 'parindex@localhost',
      ...(env.PARINDEX_PUBLIC_URL && { publicUrl: env.PARINDEX_PUBLIC_URL }),
      digestHour: wholeNumber(env.PARINDEX_DIGEST_HOUR, 7, 0, 23, 'PARINDEX_DIGEST_HOUR'),
    },
  };
}

const ACCOUNT_ROLES = ['admin', 'appraiser', 'unitEditor', 'unitViewer'];

/** A comma-separated list of roles (`admin,appraiser`); each must be one. */
function rolesFrom(value: string | undefined): string[] {
  const roles = (value ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !ACCOUNT_ROLES.includes(r));
  if (unknown.length) {
    throw new ParError(
      issue(
        'config.roles',
        {
          vi: `PARINDEX_REQUIRE_TOTP: không có vai trò ${unknown.join(', ')} (các vai trò: ${ACCOUNT_ROLES.join(', ')})`,
          en: `PARINDEX_REQUIRE_TOTP: no role ${unknown.join(', ')} (roles: ${ACCOUNT_ROLES.join(', ')})`,
        },
        { field: 'PARINDEX_REQUIRE_TOTP' },
      ),
    );
  }
  return roles;
}

function wholeNumber(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ParError(
      issue(
        'config.number',
        {
          vi: `${name} phải là số nguyên từ ${min} đến ${max}, không phải "${value}"`,
          en: `${name} must be a whole number from ${min} to ${max}, not "${value}"`,
        },
        { field: name },
      ),
    );
  }
  return n;
}

function logLevelFrom(value: string | undefined): string {
  const level = value?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(level)) {
    throw new ParError(
      issue(
        'config.logLevel',
        {
          vi: `PARINDEX_LOG_LEVEL phải là một trong ${LOG_LEVELS.join(', ')}, không phải "${value}"`,
          en: `PARINDEX_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}"`,
        },
        { field: 'PARINDEX_LOG_LEVEL' },
      ),
    );
  }
  return level;
}

function megabytes(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) {
    throw new ParError(
      issue(
        'config.size',
        { vi: `${name} phải là số MB từ 1 đến 1024, không phải "${value}"`, en: `${name} must be a number of MB from 1 to 1024, not "${value}"` },
        { field: name },
      ),
    );
  }
  return n;
}

/**
 * PARINDEX_TRUST_PROXY: unset or 0 = no proxy; N = N proxies in front of the server (1 = one
 * reverse proxy: the address it saw is the client's, whatever the client wrote in
 * X-Forwarded-For); or the proxies' addresses (IP or CIDR, comma separated). "Trust every hop"
 * is not offered: a client could then pick its own address and slip past the login limiter.
 */
export function trustProxyFrom(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.find((entry) => {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || rest.length) return true;
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (bad !== undefined || !list.length) {
    throw new ParError(
      issue(
        'config.trustProxy',
        {
          vi: `PARINDEX_TRUST_PROXY phải là số proxy đứng trước máy chủ (1–10) hoặc danh sách địa chỉ proxy (IP hoặc CIDR, cách nhau bằng dấu phẩy), không phải "${bad ?? text}"`,
          en: `PARINDEX_TRUST_PROXY must be the number of proxies in front of the server (1–10) or a list of proxy addresses (IP or CIDR, comma separated), not "${bad ?? text}"`,
        },
        { field: 'PARINDEX_TRUST_PROXY' },
      ),
    );
  }
  return list;
}

function oidcOption(env: NodeJS.ProcessEnv): { oidc?: OidcSettings } {
  const oidc = oidcFrom(env);
  return oidc ? { oidc } : {};
}
