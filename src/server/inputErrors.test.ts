import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { testEngines } from '../store/testing.ts';
import { routes } from './app.ts';
import { startTestServer, type TestServer } from './testing.ts';

/** zod's own words, which tell an officer nothing about the field ("mong đợi số, nhận được NaN"). */
const ZOD_DEFAULT = /NaN|mong đợi số|expected number|khớp với mẫu|match pattern|Đầu vào không hợp lệ|Invalid input/;
const SAMPLE: Record<string, string> = {
  unit: 'tam-duong',
  cycle: 'lai-chau-district-2024',
  framework: 'lai-chau-district-2024',
  code: '1.1',
  criterion: '7.3.6',
  year: '2024',
  period: '2024-03',
  id: '1',
  task: 'x',
  report: 'x',
};

type Schema = { properties?: Record<string, { type?: string; pattern?: string; format?: string; enum?: unknown[] }>; required?: string[] };
const jsonOf = (schema: unknown): Schema => (schema ? (z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Schema) : {});
/** A query or path value that cannot be read: text where a number is due, a character no id or code has. */
const malformed = (property: { type?: string; pattern?: string }) =>
  property.type === 'integer' || property.type === 'number' ? 'abc' : property.pattern ? 'Bad!' : undefined;

for (const engine of testEngines()) {
  describe(`input errors on ${engine.name}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(engine);
    });
    after(() => server.close());

    test('a report without a year, or with one that is not a year, says so in the asked language', async () => {
      const missing = await server.request('GET', '/api/units/tam-duong/report');
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body.error.issues, [
        {
          code: 'schema.invalid_type',
          field: 'year',
          in: 'query',
          message: { vi: 'thiếu năm đánh giá, vd. 2023', en: 'the assessment year is missing, e.g. 2023' },
        },
      ]);
      assert.equal(missing.body.error.message, 'query › year: thiếu năm đánh giá, vd. 2023');
      const english = await server.request('GET', '/api/units/tam-duong/report?year=abc', undefined, { 'accept-language': 'en' });
      assert.equal(english.body.error.message, 'query › year: year must be a year such as 2023 (2000–2100)');
      for (const bad of ['', '20233', '2023.5', '1999']) {
        const answer = await server.request('GET', `/api/units/tam-duong/analysis?year=${bad}`);
        assert.equal(answer.status, 422, bad);
        assert.match(answer.body.error.message, /^query › year: (thiếu năm đánh giá|năm đánh giá phải là một năm như 2023)/, bad);
      }
      assert.equal((await server.request('GET', '/api/units/tam-duong/analysis?year=2023')).status, 200);
    });

    test('every route names what is wrong with a missing or malformed query or path value, never in zod’s words', async () => {
      let probes = 0;
      for (const route of routes) {
        const params = jsonOf(route.params);
        const query = jsonOf(route.query);
        const path = (bad?: [string, string]) =>
          route.url.replace(/:([a-zA-Z]+)/g, (_, name: string) =>
            bad?.[0] === name
              ? encodeURIComponent(bad[1])
              : params.properties?.[name]?.format === 'uuid'
                ? '00000000-0000-4000-8000-000000000000'
                : (SAMPLE[name] ?? 'x'),
          );
        const required = (query.required ?? []).map((name) => [name, SAMPLE[name] ?? String(query.properties![name]!.enum?.[0] ?? '1')] as const);
        const queryText = (omit?: string, extra?: [string, string]) =>
          [...required.filter(([name]) => name !== omit && name !== extra?.[0]), ...(extra ? [extra] : [])]
            .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
            .join('&');
        const cases: { what: string; url: string; field: string; where: 'params' | 'query' }[] = [];
        for (const [name, property] of Object.entries(params.properties ?? {})) {
          const value = malformed(property);
          if (value) cases.push({ what: `${name}=${value}`, url: `${path([name, value])}?${queryText()}`, field: name, where: 'params' });
        }
        for (const [name] of required) cases.push({ what: `${name} missing`, url: `${path()}?${queryText(name)}`, field: name, where: 'query' });
        for (const [name, property] of Object.entries(query.properties ?? {})) {
          const value = malformed(property);
          if (value) cases.push({ what: `?${name}=${value}`, url: `${path()}?${queryText(undefined, [name, value])}`, field: name, where: 'query' });
        }
        for (const { what, url, field, where } of cases) {
          probes++;
          const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
          const answer = await server.request(route.method, url, body, { 'accept-language': 'en' });
          const label = `${route.method} ${route.url} ${what}`;
          assert.equal(answer.status, 422, label);
          const issues = (answer.body.error.issues as { field: string; in: string; message: { vi: string; en: string } }[]).filter(
            (i) => i.in === where && i.field === field,
          );
          assert.equal(issues.length, 1, `${label}: one issue for the field, got ${JSON.stringify(answer.body.error.issues)}`);
          assert.doesNotMatch(issues[0]!.message.vi, ZOD_DEFAULT, label);
          assert.doesNotMatch(issues[0]!.message.en, ZOD_DEFAULT, label);
        }
      }
      assert.ok(probes > 60, `only ${probes} probes: the route table is not being walked`);
    });
  });
}
