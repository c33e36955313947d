/**
 * The web app calls only what the server has: every `/api/…` path written in web/src (fetches,
 * actions, links, downloads), with its method where the call names one, matches a route of the
 * route table (server/app.ts) — a path renamed or removed on the server, or mistyped in a screen,
 * fails here instead of in a reader's browser. Template parts (`${unitId}`) stand for one path
 * segment; the query is not part of the match.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { routes } from './app.ts';

const WEB = join(import.meta.dirname, '..', '..', 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

export interface WebCall {
  file: string;
  method?: string;
  path: string;
  /** A base the code adds to (`const base = …`, a test `startsWith('/api/')`): some route must start with it. */
  prefix?: boolean;
}

/** Every `/api/…` literal of a source, with the method written just before it (`api('POST', …)`, `run('PUT', …)`). */
export function callsIn(file: string, text: string): WebCall[] {
  const calls: WebCall[] = [];
  for (const m of text.matchAll(/(['"`])(\/api\/[^'"`]*)\1/g)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const method = /'(GET|POST|PUT|PATCH|DELETE)'\s*,\s*$/.exec(before)?.[1];
    const prefix = m[2]!.endsWith('/') || /=\s*$/.test(before);
    calls.push({ file, ...(method && { method }), path: m[2]!, ...(prefix && { prefix }) });
  }
  return calls;
}

/** The path's segments, a template part standing for any one segment; the query left out. */
function segments(path: string): string[] {
  const bare = path.replace(/\$\{[^}]*\}/g, '\u0000').split('?')[0]!;
  return bare.split('/').filter(Boolean);
}

function matches(call: string[], route: string[], prefix = false): boolean {
  if (prefix ? call.length > route.length : call.length !== route.length) return false;
  return call.every((s, i) => {
    const r = route[i]!;
    if (r.startsWith(':')) return s.length > 0;
    // A template part may only stand for a parameter.
    return !s.includes('\u0000') && s === r;
  });
}

export function unknownCalls(calls: WebCall[], table: { method: string; url: string }[]): string[] {
  const known = table.map((r) => ({ method: r.method, segments: segments(r.url) }));
  return calls
    .filter((c) => {
      const path = segments(c.path);
      return !known.some((r) => (!c.method || r.method === c.method) && matches(path, r.segments, c.prefix));
    })
    .map((c) => `${c.file}: ${c.method ?? 'any'} ${c.path}`);
}

test('every /api path the web app calls is a route of the server, with its method', () => {
  const calls = sources(WEB).flatMap((file) => callsIn(relative(join(WEB, '..', '..'), file), readFileSync(file, 'utf8')));
  assert.ok(calls.length > 50, `${calls.length} calls found`);
  assert.deepEqual(unknownCalls(calls, routes), []);
});

test('a call to a path the server lacks, or with a method it does not answer, is named', () => {
  const table = [
    { method: 'GET', url: '/api/units/:unit/analysis' },
    { method: 'PUT', url: '/api/units/:unit' },
  ];
  const calls = callsIn(
    'web/src/x.tsx',
    "useFetch(`/api/units/${id}/analysis?year=${y}`); api('PUT', `/api/units/${id}`, b); api('POST', `/api/units/${id}`); useFetch('/api/unit/x/analysis'); const base = `/api/units/${id}`; const other = '/api/plans';",
  );
  assert.deepEqual(unknownCalls(calls, table), [
    'web/src/x.tsx: POST /api/units/${id}',
    'web/src/x.tsx: any /api/unit/x/analysis',
    'web/src/x.tsx: any /api/plans',
  ]);
});
