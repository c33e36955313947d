/**
 * One way to declare an HTTP route: its schemas (zod, with Vietnamese and English messages)
 * and a handler that gets validated input. The same table registers the routes with Fastify
 * and produces the OpenAPI document, so the documentation cannot drift from the code.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ParError, type Issue, type Locale } from '../core/index.ts';
import { parseWith } from '../core/validation.ts';
import type { EvidenceFiles, Store } from '../store/index.ts';
import type { Actor } from '../workflow/policy.ts';
import { actorOf, type LoginAttempt } from './auth.ts';
import { localeOf } from './locale.ts';
import type { JobQueue } from './jobQueue.ts';
import type { RelyingParty } from './oidc.ts';
import type { WorkerPool } from './workers/pool.ts';

/** What routes work with, besides the request. */
export interface Services {
  store: Store;
  evidenceFiles: EvidenceFiles;
  /** Largest evidence file, bytes. */
  evidenceLimit: number;
  /** The most audit entries exported as one xlsx; a larger trail is refused (limits.ts). */
  auditXlsxRows: number;
  /** Mark cookies Secure (behind HTTPS); on automatically for https requests. */
  secureCookies: boolean;
  /** A sign-in attempt from a client address: refused (429) after too many failed ones (auth.ts loginLimiter). */
  attemptLogin: LoginAttempt;
  /** Worker threads for heavy jobs (imports, reports, simulations): the main thread stays free. */
  pool: WorkerPool;
  /** Second factor: the roles that must sign in with one (PARINDEX_REQUIRE_TOTP), the issuer name authenticator apps show. */
  secondFactor: { required: readonly string[]; issuer: string };
  /** OpenID Connect sign-in, when configured (PARINDEX_OIDC_*). */
  oidc?: RelyingParty;
  /** Check every JSON answer against its route's `response` schema (tests): a mismatch is a 500 naming the route. */
  checkResponses?: boolean;
  /** Work that takes seconds, started by one request and followed by others (jobQueue.ts). */
  jobs: JobQueue;
  /** Throws (429) when a visitor who is not logged in asks for heavy work too often from one address. */
  limitHeavy(address: string): void;
}

export interface Context<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  locale: Locale;
  store: Store;
  services: Services;
  /** Who is asking (the public when nobody is logged in). */
  actor: Actor;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Request body types other than JSON that the route accepts (documented in OpenAPI). */
  accepts?: string[];
  /** Bytes (or read from the server's settings, e.g. the evidence limit); the server default otherwise. */
  bodyLimit?: number | ((services: Services) => number);
  /** Status of a success (200 unless said). */
  status?: number;
  /**
   * What a success answers (server/responses.ts; `fileResponse(…)` for files): documented in
   * OpenAPI, checked against every answer in tests. Every route declares one (a test walks them).
   */
  response?: z.ZodType;
  /**
   * Problems only the stored data can tell (a username taken, a code the framework lacks), looked
   * up on the raw body when `body` refuses it: one answer then lists every problem of the form,
   * not the schema's first and the rest after the next submit. The handler checks them itself
   * when the body is valid.
   */
  lookups?(context: Omit<Context<P, Q, unknown>, 'body'> & { body: unknown }): Promise<Issue[]> | Issue[];
  handler(context: Context<P, Q, B>): Promise<unknown> | unknown;
}

export function route<P = unknown, Q = unknown, B = unknown>(definition: Route<P, Q, B>): Route {
  return definition as Route;
}

const serialized = Symbol('serialized JSON');

/**
 * A response body already serialised and encoded (cached figures): sent as is, neither
 * serialised nor UTF-8 encoded again per request (encoding a large analysis was most of a read).
 */
export interface JsonText {
  readonly [serialized]: Buffer;
}

export function jsonText(value: unknown): JsonText {
  return { [serialized]: Buffer.from(JSON.stringify(value), 'utf8') };
}

/** JSON text already encoded (made in a worker thread): sent as is. */
export function jsonBytes(bytes: Uint8Array): JsonText {
  return { [serialized]: bodyOf(bytes) };
}

/**
 * Bytes made for an answer (a worker's file, a report, a stored document) as the Buffer that sends
 * them: a view over the same memory, not a copy. `Buffer.from(bytes)` copied them on the event
 * loop's thread — 208 ms for a 30 MB change list on this machine class, most of it the first touch
 * of the copy's pages (issue 15.4).
 */
export function bodyOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export async function handle(definition: Route, services: Services, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
  const context: Context<unknown, unknown, unknown> = {
    params: definition.params ? parseWith(definition.params, request.params, { file: 'params' }) : request.params,
    query: definition.query ? parseWith(definition.query, request.query ?? {}, { file: 'query' }) : request.query,
    body: request.body,
    locale: localeOf(request),
    store: services.store,
    services,
    actor: actorOf(request),
    request,
    reply,
  };
  if (definition.body) context.body = await parseBody(definition, context);
  const result = await definition.handler(context);
  if (definition.status) reply.code(definition.status);
  if (services.checkResponses && result !== reply && !reply.sent)
    checkResponse(
      definition,
      result && typeof result === 'object' && serialized in result ? JSON.parse((result as JsonText)[serialized].toString('utf8')) : result,
    );
  if (result && typeof result === 'object' && serialized in result) return reply.type('application/json; charset=utf-8').send((result as JsonText)[serialized]);
  return result;
}

/** The body by the route's schema; when refused, with the route's lookups on the raw body in the same answer. */
async function parseBody(definition: Route, context: Context<unknown, unknown, unknown>): Promise<unknown> {
  try {
    return parseWith(definition.body!, context.body, { file: 'body' });
  } catch (error) {
    if (!(error instanceof ParError) || !definition.lookups) throw error;
    // One problem a field: where the schema already refused the value, its words stay.
    const refused = new Set(error.issues.map((i) => i.field));
    const more = (await definition.lookups(context)).filter((i) => !refused.has(i.field));
    throw more.length ? new ParError([...error.issues, ...more]) : error;
  }
}

/** A route's answer against its declared schema, as JSON would carry it (dates as text, undefined dropped). */
export function checkResponse(definition: Route, result: unknown): void {
  if (!definition.response) throw new Error(`${definition.method} ${definition.url} declares no response schema`);
  const json = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  const checked = definition.response.safeParse(json);
  if (!checked.success) {
    // Said on stderr too: the test sees a 500 (the server's logger is off in tests).
    console.error(`${definition.method} ${definition.url}: ${JSON.stringify(checked.error.issues.slice(0, 5))}`);
    throw new Error(
      `${definition.method} ${definition.url} answered what its response schema does not allow: ${JSON.stringify(checked.error.issues.slice(0, 5))}`,
    );
  }
}
