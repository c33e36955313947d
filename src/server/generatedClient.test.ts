/**
 * A client generated from the OpenAPI document type-checks against the web app's calls: every
 * `useFetch<T>(path)`, `useCachedFetch<T>(path)`, `api<T>(method, path)` and
 * `uploadWithProgress<T>(path)` in web/src is checked by `tsc` — the route's generated answer type
 * (server/clientTypes.ts) must be assignable to the `T` the screen expects. A path held in a
 * variable (a constant, a prefix, a prop, a function's result) is followed to where it is written
 * (`resolvePaths`); a call whose path no route serves, or that cannot be followed, fails. A route whose response schema changes (a figure turned into a number, a field
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

/** A call whose path is a variable: the text of its first argument, resolved through the sources' definitions. */
export interface VariableCall extends Omit<TypedCall, 'path'> {
  argument: string;
}

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
    } else if ((c === ',' || c === ';') && depth === 0) return text.slice(0, i);
  }
  return text;
}

/** The calls of a source that name the answer's type and write out the path. */
export function typedCalls(file: string, text: string): { calls: TypedCall[]; variable: VariableCall[]; unchecked: string[] } {
  const calls: TypedCall[] = [];
  const variable: VariableCall[] = [];
  const unchecked: string[] = [];
  for (const m of text.matchAll(/\b(useFetch|useCachedFetch|api|uploadWithProgress)</g)) {
    const arg = typeArgument(text, m.index + m[1]!.length);
    if (!arg || text[arg.end] !== '(') continue;
    // The helpers' own declarations (`useFetch<T>(path: string …)`, `api<T = any>`): no call, the type is their parameter.
    if (/^T( = any)?$/.test(arg.type.trim())) continue;
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
      variable.push({ file, at: m.index, method, type: arg.type, argument: first.trim() });
      continue;
    }
    calls.push({ file, at: m.index, method, path, type: arg.type });
  }
  return { calls, variable, unchecked };
}

/** Where a name gets its value in the web sources: `const name = …`, `name: …`, `name={…}`, `function name(…) { … return … }`. */
export interface Definition {
  file: string;
  /** `const`: a local constant; `passed`: a JSX attribute or an argument's field (a prop, an option); `returns`: a function's result. */
  kind: 'const' | 'passed' | 'returns';
  value: string;
  /** For `passed`: the component or function it is given to (`<ComponentSave path={…}>`, `useRowSaving({ path: … })`). */
  owner?: string;
}

export interface Definitions {
  names: Map<string, Definition[]>;
  /** The names each file exports (its components and functions). */
  exports: Map<string, Set<string>>;
}

/** The component a JSX attribute is written on, or the function an object argument's field is given to. */
export function ownerAt(text: string, at: number): string | undefined {
  let depth = 0;
  for (let i = at - 1; i >= 0 && i > at - 4000; i--) {
    const c = text[i]!;
    if (c === '}' || c === ')' || c === ']') depth++;
    else if (c === '{' || c === '(' || c === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      return c === '{' ? /([A-Za-z_$][\w$]*)\(\s*$/.exec(text.slice(Math.max(0, i - 80), i))?.[1] : undefined;
    } else if (c === '<' && depth === 0 && /[A-Z]/.test(text[i + 1] ?? '')) return /^<([A-Za-z_$][\w$]*)/.exec(text.slice(i))?.[1];
  }
  return undefined;
}

export function definitions(sourcesText: { file: string; text: string }[]): Definitions {
  const names = new Map<string, Definition[]>();
  const exports = new Map<string, Set<string>>();
  const add = (name: string, d: Definition) => names.set(name, [...(names.get(name) ?? []), d]);
  for (const { file, text } of sourcesText) {
    exports.set(file, new Set([...text.matchAll(/\bexport (?:async )?(?:function|const) ([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!)));
    for (const m of text.matchAll(/\bconst ([A-Za-z_$][\w$]*)(?:\s*:\s*[^=;]+)?\s*=(?!=)/g))
      add(m[1]!, { file, kind: 'const', value: firstArgument(text.slice(m.index + m[0].length)).trim() });
    for (const m of text.matchAll(/[{,\s]([A-Za-z_$][\w$]*)(?::\s|=\{)/g)) {
      const owner = ownerAt(text, m.index + 1);
      if (owner) add(m[1]!, { file, kind: 'passed', value: firstArgument(text.slice(m.index + m[0].length)).trim(), owner });
    }
    for (const m of text.matchAll(/\bfunction ([A-Za-z_$][\w$]*)\s*\(/g)) {
      const body = text.slice(m.index, m.index + 2000);
      const returned = /\breturn\s/.exec(body);
      if (returned) add(m[1]!, { file, kind: 'returns', value: firstArgument(body.slice(returned.index + returned[0].length)).trim() });
    }
  }
  return { names, exports };
}

/**
 * The `/api/…` paths a call's argument may hold, followed through the sources' definitions: a
 * local constant (`const path = `/api/…``), a prefix (`${base}/import`), what the file's
 * component or function is given (`props.path` ← `<ComponentSave path={…}>`, `live.current.path`
 * ← `useRowSaving({ path: `${base}/scores/${code}` })`), a function's result (`rowsPathOf(…)`).
 * Empty when it leads to no written path.
 */
export function resolvePaths(written: string, file: string, defined: Definitions, seen = new Set<string>()): string[] {
  // An arrow function's result (`(q) => …`) and guards (`where && …`) stand for the value they give.
  const argument = written.replace(/^(\([^)]*\)|[\w$]+)\s*=>\s*/, '').replace(/^([\w$.!]+\s*&&\s*)+/, '');
  const literal = /(['"`])(\/api\/[^'"`]*)\1/.exec(argument)?.[2];
  if (literal) return [literal];
  const follow = (name: string, local: boolean, rest = '', call = false): string[] => {
    const key = `${file}|${name}`;
    if (seen.has(key) || seen.size > 40) return [];
    const next = new Set([...seen, key]);
    const all = defined.names.get(name) ?? [];
    const own = all.filter((d) => d.kind === 'const' && d.file === file);
    const given = defined.exports.get(file) ?? new Set();
    const candidates = own.length && (local || call) ? own : all.filter((d) => (call ? d.kind === 'returns' : d.kind === 'passed' && given.has(d.owner!)));
    return candidates.flatMap((d) => resolvePaths(d.value, d.file, defined, next).map((p) => `${p}${rest}`));
  };
  // A template built on a name: `${path}?department=…`.
  const prefixed = /`\$\{\s*([\w$.]+)\s*\}([^`]*)`/.exec(argument);
  if (prefixed) {
    const name = prefixed[1]!.split('.').at(-1)!;
    return follow(name, !prefixed[1]!.includes('.'), prefixed[2]);
  }
  const called = /^([A-Za-z_$][\w$]*)\(/.exec(argument);
  if (called) return follow(called[1]!, true, '', true);
  // A name or a property access.
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(argument)) {
    const parts = argument.split('.');
    return follow(parts.at(-1)!, parts.length === 1);
  }
  return [];
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
async function typeCheck(extra: Record<string, string> = {}): Promise<{ checked: TypedCall[]; unchecked: string[]; noRoute: string[]; errors: string[] }> {
  const dir = mkdtempSync(join(work, 'run-'));
  writeFileSync(join(dir, 'paths.ts'), clientTypes(openApiDocument(routes, '0.0.0-test') as never));
  cpSync(WEB, join(dir, 'web', 'src'), { recursive: true });
  symlinkSync(join(ROOT, 'src'), join(dir, 'src'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, 'web', 'src', name), text);
  const checked: TypedCall[] = [];
  const unchecked: string[] = [];
  const noRoute: string[] = [];
  const lines = new Map<string, string>();
  const copies = sources(join(dir, 'web', 'src')).map((copy) => ({ copy, file: relative(dir, copy), text: readFileSync(copy, 'utf8') }));
  const defined = definitions(copies);
  for (const { copy, file, text } of copies) {
    const found = typedCalls(file, text);
    unchecked.push(...found.unchecked);
    // A path held in a variable: each path its definitions give is checked as if written at the call.
    const resolved = found.variable.flatMap((v) => {
      const paths = [...new Set(resolvePaths(v.argument, file, defined))];
      if (!paths.length) unchecked.push(`${file}: ${v.method} <${v.type}>(${v.argument.slice(0, 60)}…)`);
      return paths.map((path) => ({ file, at: v.at, method: v.method, type: v.type, path }));
    });
    const added: string[] = [];
    for (const call of [...found.calls, ...resolved]) {
      const route = routeOf(call.path, call.method, routes);
      if (!route) {
        noRoute.push(`${file}: ${call.method} ${call.path}`);
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
  return { checked, unchecked, noRoute, errors };
}

test('the web app’s calls type-check against the client generated from the OpenAPI document', async () => {
  const divergent = [
    "import { useFetch } from './components/useFetch.ts';",
    "import { api } from './api.ts';",
    '/** A screen expecting points as a number where the API sends decimal text, and a field the answer lacks. */',
    "export const total = () => useFetch<{ unread: string }>('/api/notifications');",
    "export const points = (id: string) => api<{ points: number; explanation: string }>('POST', `/api/frameworks/${id}/evaluate`, {});",
    "export const fine = () => useFetch<{ unread: number }>('/api/notifications?unread=true');",
    '/** The same through variables: a constant, a prefix, and a path no route serves. */',
    'const unreadPath = `/api/notifications`;',
    'export const viaConstant = () => useFetch<{ unread: string }>(unreadPath);',
    'const plannedBase = `/api/units/${1}/plans`;',
    'export const viaPrefix = () => useFetch<{ nothing: number }>(`${plannedBase}/${2}`);',
    'const missingPath = `/api/units/${1}/nowhere`;',
    'export const nowhere = () => useFetch<{ unread: number }>(missingPath);',
    '',
  ].join('\n');
  const { checked, unchecked, noRoute, errors } = await typeCheck({ 'divergent.ts': divergent });
  const planted = join('web', 'src', 'divergent.ts');
  const own = errors.filter((e) => !e.startsWith(planted));
  const wrong = errors.filter((e) => e.startsWith(planted));
  assert.ok(checked.length > 50, `${checked.length} calls checked`);
  assert.deepEqual(own, [], 'web calls whose expected type the route does not answer');
  // The check finds a divergence: the wrong calls fail (written or through a variable), the right one passes.
  assert.equal(wrong.length, 4, wrong.join('\n'));
  assert.match(
    wrong.join('\n'),
    /GET \/api\/notifications\n[\s\S]*POST \/api\/frameworks[\s\S]*GET \/api\/notifications\n[\s\S]*GET \/api\/units\/\$\{1\}\/plans\/\$\{2\}/,
  );
  // A call to a path no route serves fails, the path written or held in a variable.
  assert.deepEqual(noRoute, [`${planted}: GET /api/units/\${1}/nowhere`]);
  // Every call's path is known: written at the call or followed through the sources' definitions.
  assert.deepEqual(unchecked, [], 'calls whose path could not be followed to a written /api path');
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

test('a path held in a variable is followed to where it is written: a constant, a prefix, a prop, a function', () => {
  const defined = definitions([
    { file: 'a.tsx', text: "export function Save(props: { path: string }) { return api<X>('POST', props.path, {}); }" },
    {
      file: 'b.tsx',
      text: 'const base = `/api/cycles/${c}`;\nconst el = <Save name="x" path={`${base}/scores`} />;\nconst p = `${base}/x`;\nconst q = rows(1);\nfunction rows(n: number) {\n  return `/api/rows?n=${n}`;\n}',
    },
  ]);
  assert.deepEqual(resolvePaths('props.path', 'a.tsx', defined), ['/api/cycles/${c}/scores']);
  assert.deepEqual(resolvePaths('p', 'b.tsx', defined), ['/api/cycles/${c}/x']);
  assert.deepEqual(resolvePaths('`${p}?y=1`', 'b.tsx', defined), ['/api/cycles/${c}/x?y=1']);
  assert.deepEqual(resolvePaths('q', 'b.tsx', defined), ['/api/rows?n=${n}']);
  // A prop of a component the file does not export, or a name defined nowhere: nothing to follow.
  assert.deepEqual(resolvePaths('props.path', 'b.tsx', defined), []);
  assert.deepEqual(resolvePaths('other', 'b.tsx', defined), []);
});
