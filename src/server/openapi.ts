/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import { z } from 'zod';
import { errorResponse, responseParts } from './responses.ts';
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

const errorSchema = z.toJSONSchema(errorResponse, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' });

/** What a success answers: the route's JSON schema and the media types of the files it sends. */
function successContent(route: Route) {
  if (!route.response) return {};
  const { json, files } = responseParts(route.response);
  const fileContent = files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }] as const);
  return Object.fromEntries([
    ...(json ? [['application/json', { schema: z.toJSONSchema(json, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) }] as const] : []),
    ...fileContent,
  ]);
}

export function openApiDocument(routes: Route[], version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([a-zA-Z]+)/g, '{$1}');
    // A JSON body has its schema; raw bodies (evidence files, spreadsheets, YAML) are bytes of the listed types.
    const raw = (route.accepts ?? []).map((type) => [
      type,
      { schema: { type: 'string', ...(type.startsWith('application/yaml') || type.startsWith('text/') ? {} : { format: 'binary' }) } },
    ]);
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
        [String(route.status ?? 200)]: { description: 'OK', content: successContent(route) },
        default: {
          description: 'Lỗi / error (400, 401, 403, 404, 409, 413, 422)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PAR Index API',
      version,
      description:
        'Chỉ số cải cách hành chính: bộ tiêu chí, kết quả, xếp hạng, phân tích. Vietnamese messages by default; `?lang=en` or `Accept-Language: en` for English.',
    },
    paths,
    components: { schemas: { Error: errorSchema } },
  };
}
