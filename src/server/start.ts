/**
 * Starts the server: opens the database (embedded in PARINDEX_DATA_DIR, or DATABASE_URL),
 * applies migrations, seeds the demo on first start, listens, and closes cleanly on
 * SIGINT/SIGTERM (in-flight requests finish, then the database closes).
 */
import { join } from 'node:path';
import {
  anchorHead,
  anchoring,
  auditSealPaths,
  createStore,
  folderEvidenceFiles,
  openAuditSeal,
  openDatabase,
  pgliteThreadFrom,
  SERVER_PGLITE_SETTINGS,
  deriveKey,
  sealPlainSecrets,
  sealQueued,
  useAuditSeal,
  useSecretKey,
  type Store,
  warmWritesAtStart,
} from '../store/index.ts';
import { seedDemo } from './demo.ts';
import { buildApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { createScheduler, smtpMailer } from './scheduler.ts';

export interface RunningServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, log: (line: string) => void): Promise<RunningServer> {
  // PostgreSQL: the pool's connections opened now and kept, so that writers at once never wait for one to open.
  // The embedded engine: in a worker thread of its own unless PARINDEX_PGLITE_THREAD=main, so that its queries never block requests;
  // with a small buffer pool (SERVER_PGLITE_SETTINGS), so that it keeps little memory.
  const db = await openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, poolSize: config.dbPool, warm: true, prepare: config.dbPrepare }
      : { folder: join(config.dataFolder, 'pglite'), pgliteThread: pgliteThreadFrom(process.env, 'worker'), pgliteSettings: SERVER_PGLITE_SETTINGS },
  );
  // The audit key and anchor file live outside the database (PARINDEX_AUDIT_KEY_FILE or the data folder).
  const seal = await openAuditSeal(db, auditSealPaths(process.env, config.dataFolder));
  useAuditSeal(seal);
  // Entries a stopped process left queued (PostgreSQL, store/auditQueue.ts) are chained first.
  await sealQueued(db);
  await anchorHead(db);
  // Stored TOTP secrets are encrypted with a key derived from the audit key (secretBox.ts); any left in plaintext are sealed now.
  useSecretKey(deriveKey(seal!.key, 'totp-secret'));
  const sealed = await sealPlainSecrets(anchoring(db));
  if (sealed) log(`Đã mã hoá khoá TOTP của ${sealed} tài khoản / encrypted the TOTP secrets of ${sealed} accounts`);
  const store = createStore(anchoring(db));
  if (config.demo && (await store.isEmpty())) {
    for (const line of await seedDemo(store.db, config.demoPassword)) log(line);
    if (config.databaseUrl) {
      log(
        'Lưu ý: dữ liệu và người dùng mẫu vừa được nạp vào máy chủ PostgreSQL này; với cài đặt thật, hãy dùng cơ sở dữ liệu trống và đặt PARINDEX_DEMO=0 trước lần chạy đầu / ' +
          'Note: the demo data and users were loaded into this PostgreSQL server; for a real installation use an empty database with PARINDEX_DEMO=0 before the first start',
      );
    }
  }
  // PostgreSQL: every pool connection runs a score write once now, rolled back, so that the first writers at once do not pay for it
  // (store/warmPool.ts); a warm-up that fails is said and skipped.
  if (config.databaseUrl) await warmWritesAtStart(db, config.dbPool, log);
  const app = buildApp({
    store,
    evidenceFiles: folderEvidenceFiles(join(config.dataFolder, 'evidence')),
    evidenceLimit: config.evidenceLimit,
    auditXlsxRows: config.auditXlsxRows,
    secureCookies: config.secureCookies,
    loginLimit: config.loginLimit,
    trustProxy: config.trustProxy,
    secondFactor: config.secondFactor,
    ...(config.oidc && { oidc: config.oidc }),
    logger: { level: config.logLevel ?? 'info' },
  });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('127.0.0.1', 'localhost');
  // Reminders: stored every few minutes, e-mailed through the province's SMTP server when set.
  const { reminders } = config;
  const scheduler = createScheduler({
    store,
    ...(reminders.smtpUrl && { mailer: smtpMailer(reminders.smtpUrl, reminders.mailFrom) }),
    publicUrl: reminders.publicUrl ?? url,
    digestHour: reminders.digestHour,
    log: (line) => app.log.error(line),
  });
  if (reminders.minutes > 0) scheduler.start(reminders.minutes * 60_000);
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await scheduler.stop();
      await app.close();
      await store.close();
    })());
  return { url, store, close };
}
