/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import { z } from 'zod';
import type { Route } from './route.ts';

const schemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

function parametersOf(route: Route) {
  const out: object[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const json = schemaOf(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  };
  add(route.params, 'path');
  add(route.query, 'query');
  return out;
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, field: { type: 'string' }, node: { type: 'string', description: 'criterion code' }, unit: { type: 'string', description: 'unit id, when the input lists units' }, in: { type: 'string', description: 'file or sheet' }, cell: { type: 'object', description: 'the cell of an imported sheet: { sheet, row, column (letters), header?, value?, reason: { vi, en } }' }, message: { type: 'object', description: '{ vi, en }' } } } },
        current: { description: 'the current row, on 409' },
      },
    },
  },
};

export function openApiDocument(routes: Route[], version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    // A JSON body has its schema; raw bodies (evidence files, spreadsheets, YAML) are bytes of the listed types.
    const raw = (route.accepts ?? []).map((type) => [type, { schema: { type: 'string', ...(type.startsWith('application/yaml') || type.startsWith('text/') ? {} : { format: 'binary' }) } }]);
    const body = (route.body || raw.length > 0) && {
      required: true,
      content: Object.fromEntries([...(route.body ? [['application/json', { schema: schemaOf(route.body) }]] : []), ...raw]),
    };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      parameters: parametersOf(route),
      ...(body && { requestBody: body }),
      responses: {
        [String(route.status ?? 200)]: { description: 'OK', content: { 'application/json': {} } },
        default: { description: 'Lỗi / error (400, 401, 403, 404, 409, 413, 422)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'PAR Index API', version, description: 'Chỉ số cải cách hành chính: bộ tiêu chí, kết quả, xếp hạng, phân tích. Vietnamese messages by default; `?lang=en` or `Accept-Language: en` for English.' },
    paths,
    components: { schemas: { Error: errorSchema } },
  };
}
