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
  type FrameworkResponse,
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
import { frameworkJson, robustnessJson } from '../core/presenters.ts';
import { frameworkDocument, readFramework } from '../core/framework/index.ts';

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
  framework: (f: ReturnType<typeof frameworkJson>): FrameworkResponse => f,
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

/** A framework with every kind of rule, threshold and setting that carries a number. */
export const everyRuleFramework = {
  kind: 'framework',
  id: 'every-rule',
  name: 'Every rule',
  level: 'commune',
  year: 2026,
  totalPoints: 10,
  settings: {
    withoutSurvey: { mode: 'rescale', to: 100 },
    split: { appraisal: 7, survey: 3 },
    classification: [
      { label: 'A', atLeastPercent: 90 },
      { label: 'B', atLeastPoints: 5.5, componentFloorPercent: 40 },
    ],
  },
  components: [
    {
      code: '1',
      name: 'One',
      maxPoints: 7,
      children: [
        { code: '1.1', name: 'a', maxPoints: 1, rule: { type: 'boolean', falsePoints: 0.25 } },
        { code: '1.2', name: 'b', maxPoints: 1, rule: { type: 'ratio', targetPercent: 87.5 } },
        {
          code: '1.3',
          name: 'c',
          maxPoints: 1,
          rule: {
            type: 'bands',
            bands: [
              { atLeast: 90, points: 1 },
              { atLeast: 50.5, points: 0.5 },
            ],
          },
        },
        { code: '1.4', name: 'd', maxPoints: 1, rule: { type: 'perOccurrence', pointsEach: 0.25, floor: 0.5 } },
        { code: '1.5', name: 'e', maxPoints: 1, rule: { type: 'deadline', pointsPerLate: 0.5, graceDays: 2 } },
        { code: '1.6', name: 'f', maxPoints: 2, rule: { type: 'grades', grades: { A: 2, B: 1.5 } } },
      ],
    },
    {
      code: '2',
      name: 'Two',
      maxPoints: 3,
      source: 'survey',
      children: [{ code: '2.1', name: 'g', maxPoints: 3, rule: { type: 'surveyAnswers', options: { A: 100, B: 62.5 } } }],
    },
  ],
};

test('a framework is answered with its points as decimal text; the file format keeps numbers, and reads either', () => {
  const framework = readFramework(everyRuleFramework);
  const served = routes.find((r) => r.method === 'GET' && r.url === '/api/frameworks/:framework')!;
  const json = frameworkJson(framework);
  checkResponse(served, json);
  const numbers = JSON.stringify(json).match(/":-?\d[\d.]*[,}]/g) ?? [];
  assert.deepEqual(numbers, ['":2026,', '":2}'], 'only the year and the grace days are JSON numbers');
  assert.equal(json.components[1]!.children![0]!.rule!.type, 'surveyAnswers');
  // The file format as authored: numbers, which the API's schema refuses.
  assert.throws(() => checkResponse(served, frameworkDocument(framework)), /does not allow/);
  // The API's document imported back builds the same framework.
  assert.deepEqual(frameworkDocument(readFramework(JSON.parse(JSON.stringify(json)))), frameworkDocument(framework));
});

test('an export as JSON sends points and percentages as decimal text: a number in such a column fails', () => {
  const served = routes.find((r) => r.method === 'GET' && r.url === '/api/export')!;
  const table = (cell: unknown) => [
    {
      name: 't',
      columns: [
        { header: ['STT'], format: 'integer' },
        { header: ['Điểm'], format: 'points' },
        { header: ['%'], format: 'percent' },
      ],
      rows: [[1, cell, '91.666666666667']],
    },
  ];
  checkResponse(served, table('9.52'));
  assert.throws(() => checkResponse(served, table(9.52)), /GET \/api\/export answered what its response schema does not allow/);
});

test('a robustness run sends its mean rank and probabilities as decimal text: doubles fail', () => {
  const served = routes.find((r) => r.method === 'GET' && r.url === '/api/robustness')!;
  const row = {
    unitId: 'a',
    name: 'A',
    illustrative: false,
    rank: 1,
    low: 1,
    high: 2,
    mean: 1.3333333333333333,
    probabilities: [0.6666666666666666, 0.3333333333333333],
  };
  const json = [robustnessJson(row)];
  checkResponse(served, json);
  assert.deepEqual([json[0]!.mean, json[0]!.probabilities], ['1.333333333333', ['0.666666666667', '0.333333333333']]);
  assert.throws(() => checkResponse(served, [row]), /GET \/api\/robustness answered what its response schema does not allow/);
});
