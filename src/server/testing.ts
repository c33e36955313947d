/** A real server on a random port over a fresh database of the given engine, seeded with the demo. */
import type { FastifyInstance } from 'fastify';
import { demoDocuments } from '../io/dataFolder.ts';
import { createStore, type Store } from '../store/index.ts';
import type { TestEngine } from '../store/testing.ts';
import { buildApp } from './app.ts';

export interface TestServer {
  url: string;
  store: Store;
  app: FastifyInstance;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(engine: TestEngine, options: { demo?: boolean } = {}): Promise<TestServer> {
  const store = createStore(await engine.open());
  if (options.demo !== false) await store.importDocuments(demoDocuments());
  const app = buildApp({ store });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    store,
    app,
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
      await app.close();
      await store.close();
    },
  };
}
