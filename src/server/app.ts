/**
 * The HTTP application: the route table registered with Fastify, one error shape, YAML bodies
 * for imports, the OpenAPI document. Routes validate, call the store or the core, and return.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/index.ts';
import { errorBody, sendError } from './errors.ts';
import { localeOf } from './locale.ts';
import { openApiDocument } from './openapi.ts';
import { handle, type Route } from './route.ts';
import { cycleRoutes } from './routes/cycles.ts';
import { frameworkRoutes } from './routes/frameworks.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { resultRoutes } from './routes/results.ts';
import { unitRoutes } from './routes/units.ts';

export const routes: Route[] = [...healthRoutes, ...unitRoutes, ...frameworkRoutes, ...cycleRoutes, ...resultRoutes, ...importRoutes];

export interface AppOptions {
  store: Store;
  /** Default body limit in bytes (routes may allow more, e.g. imports). */
  bodyLimit?: number;
  logger?: boolean;
  version?: string;
}

export function buildApp({ store, bodyLimit = 1024 * 1024, logger = false, version = '0.1.0' }: AppOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit, return503OnClosing: true });
  app.addContentTypeParser(['application/yaml', 'application/x-yaml', 'text/yaml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, request, reply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody([{ code: 'http.404', message: { vi: `không có địa chỉ ${request.method} ${request.url}`, en: `no route ${request.method} ${request.url}` } }], localeOf(request))),
  );
  const document = openApiDocument(routes, version);
  app.get('/api/openapi.json', async () => document);
  for (const definition of routes) {
    app.route({
      method: definition.method,
      url: definition.url,
      ...(definition.bodyLimit && { bodyLimit: definition.bodyLimit }),
      handler: (request, reply) => handle(definition, store, request, reply),
    });
  }
  return app;
}
