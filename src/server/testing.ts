/** A real server on a random port over a fresh database of the given engine, seeded with the demo. */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, folderEvidenceFiles, useSecretKey, type Store } from '../store/index.ts';
import { seedDemo } from './demo.ts';
import { closeAll, maxText, missingNodes, type TestEngine } from '../store/testing.ts';
import { listScores } from '../store/scores.ts';
import { buildApp } from './app.ts';
import type { WorkerPool } from './workers/pool.ts';
import type { OidcSettings } from './oidcConfig.ts';

export interface TestServer {
  url: string;
  store: Store;
  app: FastifyInstance;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** Logs a demo user in; the headers (cookie + CSRF token) to send with their requests. */
  login(username: string, password?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** The demo users' password in tests. */
export const TEST_PASSWORD = 'mat-khau-thu-2026';

/** The key test servers seal secrets with (a started server derives its own from the audit key). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

export async function startTestServer(
  engine: TestEngine,
  options: {
    demo?: boolean;
    evidenceLimit?: number;
    auditXlsxRows?: number;
    pool?: WorkerPool;
    secondFactor?: { required: readonly string[]; issuer: string };
    oidc?: OidcSettings;
    loginLimit?: number;
  } = {},
): Promise<TestServer> {
  useSecretKey(TEST_SECRET_KEY);
  const store = createStore(await engine.open());
  let folder: string | undefined;
  let app: FastifyInstance | undefined;
  let address: string;
  try {
    if (options.demo !== false) await seedDemo(store.db, TEST_PASSWORD);
    folder = mkdtempSync(join(tmpdir(), 'parindex-test-'));
    app = buildApp({
      store,
      checkResponses: true,
      evidenceFiles: folderEvidenceFiles(folder),
      ...(options.evidenceLimit && { evidenceLimit: options.evidenceLimit }),
      ...(options.auditXlsxRows && { auditXlsxRows: options.auditXlsxRows }),
      ...(options.pool && { pool: options.pool }),
      ...(options.secondFactor && { secondFactor: options.secondFactor }),
      ...(options.oidc && { oidc: options.oidc }),
      ...(options.loginLimit && { loginLimit: options.loginLimit }),
    });
    address = await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    // A start that failed half-way closes what it opened (a pool or a worker left open keeps the test's process alive).
    await closeAll([() => app?.close(), () => store.close(), () => folder && rmSync(folder, { recursive: true, force: true })]);
    throw error;
  }
  const started = app;
  const evidence = folder;
  const server: TestServer = {
    url: address,
    store,
    app: started,
    async login(username, password = TEST_PASSWORD) {
      const response = await server.request('POST', '/api/session', { username, password });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
      const cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return { cookie, 'x-csrf-token': response.body.csrfToken };
    },
    async request(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (body !== undefined) {
        init.body = typeof body === 'string' || body instanceof Uint8Array ? (body as string) : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
      const response = await fetch(address + path, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      // Each one, even when an earlier one fails.
      await closeAll([() => started.close(), () => store.close(), () => rmSync(evidence, { recursive: true, force: true })]);
    },
  };
  return server;
}

/**
 * Completes a unit's self-assessment through the API, as the unit's editor would before it
 * submits: every criterion still missing (core missingSelfAssessment) gets its maximum as self
 * score with an explanation. Returns the codes it scored.
 */
export async function completeSelfAssessmentByApi(server: TestServer, cycleId: string, unitId: string, headers: Record<string, string>): Promise<string[]> {
  const missing = await missingNodes(server.store.db, cycleId, unitId);
  // The versions a client reads from the store's listing (a criterion without a row is at 0).
  const versions = new Map((await listScores(server.store.db, cycleId, unitId)).map((s) => [s.code, s.version]));
  for (const node of missing) {
    const written = await server.request(
      'PUT',
      `/api/cycles/${cycleId}/units/${unitId}/scores/${node.code}`,
      { version: versions.get(node.code) ?? 0, self: maxText(node), comment: 'Tự chấm theo báo cáo của đơn vị' },
      headers,
    );
    if (written.status !== 200) throw new Error(`score ${node.code}: ${written.status} ${JSON.stringify(written.body)}`);
  }
  return missing.map((n) => n.code);
}
