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

/**
 * A schema's own definitions (`$defs`: a recursive schema, such as a framework's tree) moved to the
 * document's components, its `#/$defs/…` references pointing there: in an OpenAPI document a
 * reference resolves from the document's root, not the schema's.
 */
export function hoistDefinitions(schema: Record<string, unknown>, components: Record<string, unknown>): Record<string, unknown> {
  const defs = schema.$defs as Record<string, unknown> | undefined;
  if (!defs) return schema;
  const names = new Map<string, string>(
    Object.keys(defs).map((name) => {
      const base = /^__schema\d+$/.test(name) ? 'Schema' : name;
      let unique = base;
      for (let n = 1; unique in components && JSON.stringify(components[unique]) !== JSON.stringify(defs[name]); n++) unique = `${base}${n}`;
      return [`#/$defs/${name}`, unique];
    }),
  );
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== '$defs')
        .map(([key, value]) => [key, key === '$ref' && names.has(value as string) ? `#/components/schemas/${names.get(value as string)}` : rewrite(value)]),
    );
  };
  for (const [name, def] of Object.entries(defs)) components[names.get(`#/$defs/${name}`)!] = rewrite(def);
  return rewrite(schema) as Record<string, unknown>;
}

/** What a success answers: the route's JSON schema and the media types of the files it sends. */
function successContent(route: Route, components: Record<string, unknown>) {
  if (!route.response) return {};
  const { json, files } = responseParts(route.response);
  const fileContent = files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }] as const);
  const schema = (json: z.ZodType) =>
    hoistDefinitions(z.toJSONSchema(json, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>, components);
  return Object.fromEntries([...(json ? [['application/json', { schema: schema(json) }] as const] : []), ...fileContent]);
}

export function openApiDocument(routes: Route[], version: string) {
  const paths: Record<string, Record<string, object>> = {};
  const components: Record<string, unknown> = { Error: errorSchema };
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
        [String(route.status ?? 200)]: { description: 'OK', content: successContent(route, components) },
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
    components: { schemas: components },
  };
}
