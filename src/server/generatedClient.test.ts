/**
 * A client generated from the OpenAPI document type-checks against the web app's calls: every
 * `useFetch<T>(path)`, `useCachedFetch<T>(path)`, `api<T>(method, path)` and
 * `uploadWithProgress<T>(path)` in web/src whose path is written out is checked by `tsc` — the
 * route's generated answer type (server/clientTypes.ts) must be assignable to the `T` the screen
 * expects. A route whose response schema changes (a figure turned into a number, a field
 * renamed) fails here with the screen that reads it. The web sources are copied to a temporary
 * folder with one line added per call, so each `T` is read in its own file's scope.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { routes } from './app.ts';
import { clientTypes } from './clientTypes.ts';
import { openApiDocument } from './openapi.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'web', 'src');

export interface TypedCall {
  file: string;
  /** Offset of the call in its file. */
  at: number;
  method: string;
  /** The path as written (template parts kept). */
  path: string;
  /** The type argument, as written. */
  type: string;
}

/** The text of a balanced `<…>` starting at `open` (arrows `=>` are not brackets), and the offset after it. */
function typeArgument(text: string, open: number): { type: string; end: number } | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '<' || c === '{' || c === '(' || c === '[') depth++;
    else if (c === '>' && text[i - 1] !== '=') {
      depth--;
      if (depth === 0) return { type: text.slice(open + 1, i), end: i + 1 };
    } else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === ';' && depth === 1) return undefined;
  }
  return undefined;
}

/** The text of a call's first argument: up to its comma or closing bracket, quotes and templates skipped whole. */
export function firstArgument(text: string): string {
  let depth = 0;
  let quote: string | undefined;
  const templates: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (quote === '`' && c === '$' && text[i + 1] === '{') {
        templates.push(depth);
        quote = undefined;
        depth++;
        i++;
      } else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return text.slice(0, i);
      depth--;
      // The end of a template's `${…}`: back inside the template.
      if (c === '}' && templates.at(-1) === depth) {
        templates.pop();
        quote = '`';
      }
    } else if (c === ',' && depth === 0) return text.slice(0, i);
  }
  return text;
}

/** The calls of a source that name the answer's type and write out the path. */
export function typedCalls(file: string, text: string): { calls: TypedCall[]; unchecked: string[] } {
  const calls: TypedCall[] = [];
  const unchecked: string[] = [];
  for (const m of text.matchAll(/\b(useFetch|useCachedFetch|api|uploadWithProgress)</g)) {
    const arg = typeArgument(text, m.index + m[1]!.length);
    if (!arg || text[arg.end] !== '(') continue;
    const rest = text.slice(arg.end + 1, arg.end + 400);
    let method = m[1] === 'uploadWithProgress' ? 'POST' : 'GET';
    let args = rest;
    if (m[1] === 'api') {
      const written = /^\s*'(GET|POST|PUT|DELETE)'\s*,/.exec(rest);
      if (!written) {
        unchecked.push(`${file}: ${m[1]}<${arg.type}> (method not written)`);
        continue;
      }
      method = written[1]!;
      args = rest.slice(written[0].length);
    }
    // The path: the first /api literal of the first argument (`cond ? `/api/…` : undefined` counts).
    const first = firstArgument(args);
    const path = /(['"`])(\/api\/[^'"`]*)\1/.exec(first)?.[2];
    if (!path) {
      unchecked.push(`${file}: ${m[1]}<${arg.type}>(${first.trim().slice(0, 60)}…)`);
      continue;
    }
    calls.push({ file, at: m.index, method, path, type: arg.type });
  }
  return { calls, unchecked };
}

/** The route a path written in the web app calls: template parts stand for one segment, the query left out. */
export function routeOf(path: string, method: string, table: { method: string; url: string; status?: number }[]) {
  const call = path
    .replace(/\$\{[^}]*\}/g, '\u0000')
    .split('?')[0]!
    .split('/')
    .filter(Boolean);
  return table.find((r) => {
    if (r.method !== method) return false;
    const segments = r.url.split('/').filter(Boolean);
    return (
      segments.length === call.length && segments.every((s, i) => (s.startsWith(':') ? call[i]!.length > 0 : !call[i]!.includes('\u0000') && s === call[i]))
    );
  });
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** The line added to a copied source for one call: the generated answer assigned to the type the screen expects. */
function checkLine(n: number, call: TypedCall, route: { method: string; url: string; status?: number }, pathsFrom: string): string {
  const answer = `import('${pathsFrom}').paths[${JSON.stringify(route.url.replace(/:([a-zA-Z]+)/g, '{$1}'))}][${JSON.stringify(route.method.toLowerCase())}]['responses'][${route.status ?? 200}]['content']['application/json']`;
  return `declare const __server${n}: ${answer}; export const __web${n}: ${call.type} = __server${n}; // ${route.method} ${call.path}`;
}

const work = mkdtempSync(join(tmpdir(), 'parindex-client-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Copies web/src (plus `extra` files) with the check lines, and runs tsc over it; the errors of the check lines. */
async function typeCheck(extra: Record<string, string> = {}): Promise<{ checked: TypedCall[]; unchecked: string[]; errors: string[] }> {
  const dir = mkdtempSync(join(work, 'run-'));
  writeFileSync(join(dir, 'paths.ts'), clientTypes(openApiDocument(routes, '0.0.0-test') as never));
  cpSync(WEB, join(dir, 'web', 'src'), { recursive: true });
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, 'web', 'src', name), text);
  const checked: TypedCall[] = [];
  const unchecked: string[] = [];
  const lines = new Map<string, string>();
  for (const copy of sources(join(dir, 'web', 'src'))) {
    const file = relative(dir, copy);
    const text = readFileSync(copy, 'utf8');
    const found = typedCalls(file, text);
    unchecked.push(...found.unchecked);
    const added: string[] = [];
    for (const call of found.calls) {
      const route = routeOf(call.path, call.method, routes);
      if (!route) {
        unchecked.push(`${file}: ${call.method} ${call.path} (no such route: webCalls.test.ts names it)`);
        continue;
      }
      const pathsFrom = relative(join(copy, '..'), join(dir, 'paths.ts')).replace(/^(?!\.)/, './');
      added.push(checkLine(checked.length, call, route, pathsFrom));
      checked.push(call);
    }
    if (added.length) {
      const whole = text.endsWith('\n') ? text : `${text}\n`;
      // The first added line's number: the copy's lines, then these.
      const start = whole.split('\n').length;
      added.forEach((line, i) => lines.set(`${file}(${start + i},`, line));
      writeFileSync(copy, `${whole}${added.join('\n')}\n`);
    }
  }
  const web = JSON.parse(readFileSync(join(ROOT, 'web', 'tsconfig.json'), 'utf8'));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: web.compilerOptions, include: ['web/src', 'paths.ts'] }));
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const started = performance.now();
  const output = await promisify(execFile)(tsc, ['--noEmit', '-p', join(dir, 'tsconfig.json')], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? String(e),
  );
  console.log(`tsc over the copied web app and the generated paths: ${Math.round(performance.now() - started)} ms wall`);
  // Errors of the copied sources outside the added lines are the web's own (npm run typecheck reports them).
  const errors = output
    .split('\n')
    .filter((l) => [...lines.keys()].some((k) => l.startsWith(k)))
    .map((l) => `${l}\n    ${lines.get([...lines.keys()].find((k) => l.startsWith(k))!)!.replace(/^.*\/\/ /, '')}`);
  return { checked, unchecked, errors };
}

test('the web app’s calls type-check against the client generated from the OpenAPI document', async () => {
  const divergent = [
    "import { useFetch } from './components/useFetch.ts';",
    "import { api } from './api.ts';",
    '/** A screen expecting points as a number where the API sends decimal text, and a field the answer lacks. */',
    "export const total = () => useFetch<{ unread: string }>('/api/notifications');",
    "export const points = (id: string) => api<{ points: number; explanation: string }>('POST', `/api/frameworks/${id}/evaluate`, {});",
    "export const fine = () => useFetch<{ unread: number }>('/api/notifications?unread=true');",
    '',
  ].join('\n');
  const { checked, unchecked, errors } = await typeCheck({ 'divergent.ts': divergent });
  const own = errors.filter((e) => !e.startsWith(join('web', 'src', 'divergent.ts')));
  const planted = errors.filter((e) => e.startsWith(join('web', 'src', 'divergent.ts')));
  assert.ok(checked.length > 50, `${checked.length} calls checked`);
  assert.deepEqual(own, [], 'web calls whose expected type the route does not answer');
  // The check finds a divergence: the two wrong calls fail, the right one passes.
  assert.equal(planted.length, 2, planted.join('\n'));
  assert.match(planted.join('\n'), /GET \/api\/notifications\n[\s\S]*POST \/api\/frameworks/);
  // Calls whose path is a variable are covered by the type their path's screen shares; list them for the reader.
  if (unchecked.length) console.log(`not checked (path not written at the call):\n  ${unchecked.join('\n  ')}`);
});

/**
 * The hand-written answer types among a source's calls: a type argument written as an object
 * literal (`useFetch<{ total: number }>`), or naming an interface the file declares itself. The
 * answers' types come from the contract (server/responses.ts, server/contract/*.ts) instead.
 */
export function handWritten(file: string, text: string): string[] {
  const own = new Set([...text.matchAll(/^\s*(?:export )?interface (\w+)/gm)].map((m) => m[1]!));
  return typedCalls(file, text)
    .calls.filter((c) => c.type.includes('{') || (c.type.match(/\w+/g) ?? []).some((name) => own.has(name)))
    .map((c) => `${file}: ${c.method} ${c.path} <${c.type}>`);
}

test('no screen hand-writes the type of an answer the contract declares', () => {
  const found = sources(WEB).flatMap((file) => handWritten(relative(ROOT, file), readFileSync(file, 'utf8')));
  assert.deepEqual(found, []);
  assert.deepEqual(handWritten('x.tsx', "interface Row { a: string }\nuseFetch<Row[]>('/api/units'); useFetch<UnitsResponse>('/api/units');"), [
    'x.tsx: GET /api/units <Row[]>',
  ]);
});

test('a call’s path is read from its first argument, templates and conditions included', () => {
  assert.equal(firstArgument('path, reads);\nconst x = useFetch<T>(`/api/a`)'), 'path');
  assert.equal(
    firstArgument('a ? `/api/u/${encodeURIComponent(id)}/x?y=${f(1, 2)}` : undefined, version)'),
    'a ? `/api/u/${encodeURIComponent(id)}/x?y=${f(1, 2)}` : undefined',
  );
  const { calls } = typedCalls('x.tsx', "api<{ a: number }>('PUT', `/api/units/${id}`, { b: 1 }); useFetch<A[]>(p ? `/api/c/${p}` : undefined);");
  assert.deepEqual(
    calls.map((c) => [c.method, c.path, c.type]),
    [
      ['PUT', '/api/units/${id}', '{ a: number }'],
      ['GET', '/api/c/${p}', 'A[]'],
    ],
  );
});
