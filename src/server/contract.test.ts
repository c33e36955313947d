/**
 * The typed contract at the HTTP boundary: every route declares what it answers, the OpenAPI
 * document written from those schemas is a valid OpenAPI 3.1 document, and an answer its schema
 * does not allow fails (test servers check every answer: server/testing.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { routes } from './app.ts';
import { openApiDocument } from './openapi.ts';
import { checkResponse, route } from './route.ts';
import {
  fileResponse,
  type AnalysisResponse,
  type CompactAnalysisResponse,
  type PlanResponse,
  type ProvinceResponse,
  type RankingPageResponse,
  type RankingSummaryResponse,
  type RankingTrendResponse,
  type RecoverableResponse,
  type WhatIfResponse,
} from './responses.ts';
import type { compactAnalysis, analysisToJson, provinceToJson, rankingPage, rankingSummary, trendBand } from '../core/index.ts';
import type { planJson, recoverableItemJson, whatIfSummaryJson } from '../core/presenters.ts';

/**
 * The presenters' types fit the schemas the routes declare (checked by `tsc`, not at run time): a
 * figure sent as a number where the schema says decimal text, or a field the schema lacks, fails
 * the type check before any test runs.
 */
export const presentersFitTheSchemas = {
  analysis: (a: ReturnType<typeof analysisToJson>): AnalysisResponse => a,
  compact: (a: ReturnType<typeof compactAnalysis>): CompactAnalysisResponse => a,
  province: (p: ReturnType<typeof provinceToJson>): ProvinceResponse => p,
  rankingPage: (p: ReturnType<typeof rankingPage>): RankingPageResponse => p,
  rankingSummary: (s: ReturnType<typeof rankingSummary>): RankingSummaryResponse => s,
  rankingTrend: (t: ReturnType<typeof trendBand>): RankingTrendResponse => t,
  plan: (p: ReturnType<typeof planJson>): Omit<PlanResponse, 'suggestions'> => p,
  recoverable: (i: ReturnType<typeof recoverableItemJson>): RecoverableResponse['items'][number] => i,
  whatIf: (s: ReturnType<typeof whatIfSummaryJson>): WhatIfResponse['before'] => s,
};

test('every route declares its response schema', () => {
  const undeclared = routes.filter((r) => !r.response).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(undeclared, [], 'routes without `response` (server/responses.ts; fileResponse(…) for files)');
});

test('the OpenAPI document is valid OpenAPI 3.1 and lists every response and the error shape', async () => {
  const document = openApiDocument(routes, '0.0.0-test');
  const validator = new Validator();
  const result = await validator.validate(JSON.parse(JSON.stringify(document)));
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 4000));
  assert.equal(validator.version, '3.1');
  for (const r of routes) {
    const operation = (
      document.paths[r.url.replace(/:([a-zA-Z]+)/g, '{$1}')] as Record<string, { responses: Record<string, { content: Record<string, { schema?: object }> }> }>
    )[r.method.toLowerCase()]!;
    const success = operation.responses[String(r.status ?? 200)]!;
    assert.ok(Object.keys(success.content).length > 0, `${r.method} ${r.url}: no success content`);
    for (const [type, media] of Object.entries(success.content)) assert.ok(media.schema, `${r.method} ${r.url} ${type}: no schema`);
    assert.deepEqual(Object.keys(operation.responses.default!.content), ['application/json']);
  }
  const error = (document.components.schemas.Error as unknown as { properties: { error: { properties: Record<string, unknown> } } }).properties.error
    .properties;
  assert.deepEqual(Object.keys(error).sort(), ['code', 'current', 'issues', 'message']);
});

test('an answer its schema does not allow fails, naming the route', () => {
  const sample = route({
    method: 'GET',
    url: '/api/sample',
    tag: 't',
    summary: 's',
    response: z.object({ total: z.string().regex(/^\d+(\.\d+)?$/) }),
    handler: () => ({}),
  });
  checkResponse(sample, { total: '9.52' });
  assert.throws(() => checkResponse(sample, { total: 9.52 }), /GET \/api\/sample answered what its response schema does not allow/);
  const undeclared = route({ method: 'GET', url: '/api/none', tag: 't', summary: 's', handler: () => ({}) });
  assert.throws(() => checkResponse(undeclared, {}), /declares no response schema/);
  // A file route answers bytes itself; JSON from it is refused.
  const file = route({ method: 'GET', url: '/api/file', tag: 't', summary: 's', response: fileResponse('text/csv'), handler: () => ({}) });
  assert.throws(() => checkResponse(file, { not: 'a file' }), /does not allow/);
});
