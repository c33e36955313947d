/**
 * The HTTP application: the route table registered with Fastify, who is asking (auth.ts), one
 * error shape, YAML and raw file bodies, the OpenAPI document. Routes validate, authorise,
 * call one store operation or the core, and return.
 */
import cookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_EVIDENCE_LIMIT, folderEvidenceFiles, type EvidenceFiles, type Store } from '../store/index.ts';
import type { TrustProxy } from './config.ts';
import { actorOf, loginLimiter, registerAuth } from './auth.ts';
import { errorBody, sendError } from './errors.ts';
import { localeOf } from './locale.ts';
import { registerCompression } from './compress.ts';
import { APP_CSP, isAppPath, registerWebApp } from './static.ts';
import { webDist } from './webBuild.ts';
import { openApiDocument } from './openapi.ts';
import { handle, type Route, type Services } from './route.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { scoreBatchRoutes } from './routes/scoreBatch.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { frameworkRoutes } from './routes/frameworks.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { createJobQueue } from './jobQueue.ts';
import { AUDIT_XLSX_ROWS, heavyLimiter } from './limits.ts';
import { fileExportRoutes, fileImportRoutes, importRoutes } from './routes/imports.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { planningRoutes } from './routes/planning.ts';
import { reportRoutes } from './routes/reports.ts';
import { importChangeRoutes } from './routes/importChanges.ts';
import { rankingRoutes } from './routes/ranking.ts';
import { resultRoutes } from './routes/results.ts';
import { sessionRoutes } from './routes/session.ts';
import { oidcRoutes } from './routes/oidc.ts';
import { identityLinkRoutes } from './routes/identityLinks.ts';
import { relyingParty } from './oidc.ts';
import type { OidcSettings } from './oidcConfig.ts';
import { surveyRoutes } from './routes/survey.ts';
import { surveyFormRoutes } from './routes/surveyForm.ts';
import { unitRoutes } from './routes/units.ts';
import { userRoutes } from './routes/users.ts';
import { workflowRoutes } from './routes/workflow.ts';
import { appraisalRoutes } from './routes/appraisal.ts';
import { documentRoutes } from './routes/documents.ts';
import { createWorkerPool, type WorkerPool } from './workers/pool.ts';

export const routes: Route[] = [
  ...healthRoutes,
  ...sessionRoutes,
  ...oidcRoutes,
  ...userRoutes,
  ...identityLinkRoutes,
  ...unitRoutes,
  ...frameworkRoutes,
  ...cycleRoutes,
  ...scoreBatchRoutes,
  ...workflowRoutes,
  ...evidenceRoutes,
  ...appraisalRoutes,
  ...documentRoutes,
  ...resultRoutes,
  ...rankingRoutes,
  ...reportRoutes,
  ...planningRoutes,
  ...notificationRoutes,
  ...importRoutes,
  ...fileImportRoutes,
  ...importChangeRoutes,
  ...fileExportRoutes,
  ...surveyRoutes,
  ...surveyFormRoutes,
  ...jobRoutes,
];

export interface AppOptions {
  store: Store;
  evidenceFiles?: EvidenceFiles;
  evidenceLimit?: number;
  /** The most audit entries exported as one xlsx (default AUDIT_XLSX_ROWS; PARINDEX_AUDIT_XLSX_ROWS). */
  auditXlsxRows?: number;
  secureCookies?: boolean;
  /** Failed sign-in attempts (passwords, codes, provider callbacks) allowed per client address per minute (default 20; PARINDEX_LOGIN_LIMIT). */
  loginLimit?: number;
  /** Default body limit in bytes (routes may allow more, e.g. imports). */
  bodyLimit?: number;
  /**
   * Structured JSON logs (pino, Fastify's logger): one line per request with its id, the user's
   * id when signed in, the route, status and duration; every 5xx with its stack. Off unless given
   * (tests); `stream` receives the lines (default stdout).
   */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  version?: string;
  /** The built browser app (default web/dist); not served when it has no index.html. */
  webFolder?: string;
  /** Proxies whose X-Forwarded-For is believed (default: none). */
  trustProxy?: TrustProxy;
  /** The worker pool for heavy jobs (default: PARINDEX_WORKERS workers); closed with the app. */
  pool?: WorkerPool;
  /** Roles that must sign in with a second factor, and the issuer name for authenticator apps. */
  secondFactor?: { required: readonly string[]; issuer: string };
  /** OpenID Connect sign-in (PARINDEX_OIDC_*); password only without it. */
  oidc?: OidcSettings;
  /** Check every JSON answer against its route's response schema (tests). */
  checkResponses?: boolean;
}

/** The release the OpenAPI document describes: package.json's version. */
function releaseVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const { store, bodyLimit = 1024 * 1024, logger = false, version = releaseVersion() } = options;
  const services: Services = {
    store,
    evidenceFiles: options.evidenceFiles ?? folderEvidenceFiles(join(tmpdir(), 'parindex-evidence')),
    evidenceLimit: options.evidenceLimit ?? DEFAULT_EVIDENCE_LIMIT,
    auditXlsxRows: options.auditXlsxRows ?? AUDIT_XLSX_ROWS,
    secureCookies: options.secureCookies ?? false,
    attemptLogin: loginLimiter(options.loginLimit),
    pool: options.pool ?? createWorkerPool(),
    secondFactor: options.secondFactor ?? { required: [], issuer: 'parindex' },
    ...(options.oidc && { oidc: relyingParty(options.oidc) }),
    ...(options.checkResponses && { checkResponses: true }),
    jobs: createJobQueue(),
    limitHeavy: heavyLimiter(),
  };
  // N proxies in front: believe the first N hops (the socket's peer is hop 0).
  const hops = options.trustProxy;
  const trustProxy: FastifyServerOptions['trustProxy'] = typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : (hops ?? false);
  const app = Fastify({
    logger: typeof logger === 'object' ? { level: logger.level ?? 'info', ...(logger.stream && { stream: logger.stream }) } : logger,
    // One line per request, written when it ends (below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit,
    return503OnClosing: true,
    trustProxy,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // At debug level, when a request's headers are in (its body may still be on its way).
    request.log.debug({ method: request.method, url: request.url.split('?')[0] }, 'request started');
  });
  app.addHook('onResponse', async (request, reply) => {
    // Never the password, the session token or the body: who (by id), what, how it ended, how long.
    const actor = actorOf(request);
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? null,
      url: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(actor.role !== 'public' && { userId: actor.userId, role: actor.role }),
    };
    if (reply.statusCode >= 500) request.log.error(line, 'request failed');
    else request.log.info(line, 'request');
  });
  app.addHook('onClose', async () => services.pool.close());
  app.register(cookie);
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // Evidence uploads arrive as raw bytes; the route checks what they really are.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  const web = registerWebApp(app, options.webFolder ?? webDist);
  app.setNotFoundHandler((request, reply) => {
    if (web && isAppPath(request.method, request.url))
      return reply.header('content-security-policy', APP_CSP).header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .code(404)
      .send(
        errorBody(
          [{ code: 'http.404', message: { vi: `không có địa chỉ ${request.method} ${request.url}`, en: `no route ${request.method} ${request.url}` } }],
          localeOf(request),
        ),
      );
  });
  registerCompression(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin').header('x-frame-options', 'DENY');
  });
  const document = openApiDocument(routes, version);
  app.register(async (scoped) => {
    registerAuth(scoped, store);
    scoped.get('/api/openapi.json', async () => document);
    for (const definition of routes) {
      const routeBodyLimit = typeof definition.bodyLimit === 'function' ? definition.bodyLimit(services) : definition.bodyLimit;
      scoped.route({
        method: definition.method,
        url: definition.url,
        ...(routeBodyLimit && { bodyLimit: routeBodyLimit }),
        handler: (request, reply) => handle(definition, services, request, reply),
      });
    }
  });
  return app;
}
