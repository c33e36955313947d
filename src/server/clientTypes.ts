/**
 * TypeScript types for a client, generated from the OpenAPI document (server/openapi.ts): a
 * `paths` interface in the shape openapi-typescript writes (`paths['/api/units/{unit}']['get']
 * ['responses'][200]['content']['application/json']`), and `components` for the shared schemas.
 * openapi-typescript itself needs the TypeScript 5 compiler API, which TypeScript 7 no longer
 * ships; the JSON Schema the routes' zod schemas produce is a small subset, written here.
 * Used by server/generatedClient.test.ts to type-check the web app's calls against the server.
 */

type Schema = {
  $ref?: string;
  $defs?: Record<string, Schema>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
};

const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));

/** The TypeScript type of a JSON Schema, `depth` levels of indentation deep. */
export function typeOf(schema: Schema | boolean | undefined, depth = 0): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if (schema.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    if (!name) throw new Error(`clientTypes: unsupported $ref ${schema.$ref}`);
    return `components["schemas"][${JSON.stringify(name)}]`;
  }
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map((s) => `(${typeOf(s, depth)})`).join(' | ');
  if (schema.allOf) return schema.allOf.map((s) => `(${typeOf(s, depth)})`).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (!types.length) return schema.properties ? objectType(schema, depth) : 'unknown';
  return types.map((t) => primitive(t, schema, depth)).join(' | ');
}

function primitive(type: string, schema: Schema, depth: number): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return schema.prefixItems ? `[${schema.prefixItems.map((s) => typeOf(s, depth)).join(', ')}]` : `(${typeOf(schema.items, depth)})[]`;
    case 'object':
      return objectType(schema, depth);
    default:
      throw new Error(`clientTypes: unsupported type ${type}`);
  }
}

function objectType(schema: Schema, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) => `${pad}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, depth + 1)};`,
  );
  const extra = schema.additionalProperties;
  // Further properties (a loose object, a record): an index signature, `unknown` beside named properties as openapi-typescript writes it.
  if (extra !== undefined && extra !== false) lines.push(`${pad}[key: string]: ${lines.length ? 'unknown' : typeOf(extra, depth + 1)};`);
  return lines.length ? `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}` : 'Record<string, never>';
}

/**
 * A schema's own definitions (`$defs`, a recursive schema such as a framework's tree) become
 * components (`Def0`, `Def1`…), and its `#/$defs/…` references point at them.
 */
function hoistDefinitions<T>(value: T, schemas: Record<string, Schema>): T {
  let n = 0;
  const visit = (node: unknown, names: Map<string, string>): void => {
    if (Array.isArray(node)) {
      for (const x of node) visit(x, names);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const schema = node as Schema & Record<string, unknown>;
    let scope = names;
    if (schema.$defs) {
      scope = new Map(names);
      for (const name of Object.keys(schema.$defs)) scope.set(`#/$defs/${name}`, `Def${n++}`);
      const own = Object.values(schema.$defs);
      Object.keys(schema.$defs).forEach((name, i) => (schemas[scope.get(`#/$defs/${name}`)!] = own[i]!));
      delete schema.$defs;
      for (const def of own) visit(def, scope);
    }
    if (schema.$ref && scope.has(schema.$ref)) schema.$ref = `#/components/schemas/${scope.get(schema.$ref)}`;
    for (const child of Object.values(schema)) visit(child, scope);
  };
  visit(value, new Map());
  return value;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** The `paths` and `components` interfaces of an OpenAPI 3.1 document, as TypeScript source. */
export function clientTypes(document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }): string {
  const out = ['/** Generated from the OpenAPI document by server/clientTypes.ts: do not edit. */', 'export interface paths {'];
  const schemas = { ...document.components.schemas };
  const paths = hoistDefinitions(structuredClone(document.paths), schemas);
  for (const [path, operations] of Object.entries(paths)) {
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const [method, operation] of Object.entries(operations)) {
      out.push(`    ${method}: {`, '      responses: {');
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = Object.entries(response.content ?? {}).map(([type, media]) => `          ${JSON.stringify(type)}: ${typeOf(media.schema, 5)};`);
        out.push(
          `        ${/^\d+$/.test(status) ? status : key(status)}: {`,
          '          content: {',
          ...content.map((l) => `  ${l}`),
          '          };',
          '        };',
        );
      }
      out.push('      };', '    };');
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, schema] of Object.entries(schemas)) out.push(`    ${key(name)}: ${typeOf(schema, 2)};`);
  out.push('  };', '}', '');
  return out.join('\n');
}
