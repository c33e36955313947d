/** `npm start` rebuilds the app when any of its sources changed — including the server-side files it bundles. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../../src/io/dataFolder.ts';
import { WEB_SOURCES, webFolder, webIsStale } from '../../src/server/webBuild.ts';

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

test('every file outside web/ that the app imports lies in a folder whose changes trigger a rebuild', () => {
  const outside = new Set<string>();
  for (const file of files(join(webFolder, 'src'))) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = resolve(dirname(file), spec!);
      if (!target.startsWith(webFolder)) outside.add(target);
    }
  }
  assert.ok(outside.size > 0, 'the app imports the core formatter at least');
  for (const target of outside)
    assert.ok(
      WEB_SOURCES.some((s) => target.startsWith(s)),
      `${relative(projectRoot, target)} is bundled but not watched`,
    );
});

test('the server-side files the app bundles import no package (zod, yaml …): a core module with load-time schemas would add ~120 KB to a screen', () => {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    // Type-only imports are erased; everything else (imports and re-exports) is bundled.
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
      if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!));
      else packages.set(spec!, relative(projectRoot, file));
    }
  };
  for (const file of files(join(webFolder, 'src'))) {
    // The app's type-only imports (the API's answers, server/responses.ts) are erased too.
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolve(dirname(file), spec!);
      if (!target.startsWith(webFolder)) visit(target);
    }
  }
  assert.ok(seen.size > 0);
  assert.deepEqual(
    [...packages].map(([name, by]) => `${name} (${by})`),
    [],
  );
});

test('the bundle is stale when missing or older than a source, fresh otherwise', () => {
  const root = mkdtempSync(join(tmpdir(), 'parindex-web-'));
  const dist = join(root, 'dist');
  const source = join(root, 'src');
  mkdirSync(source);
  writeFileSync(join(source, 'a.ts'), 'export {};');
  assert.equal(webIsStale(dist, [source]), true);
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html>');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(source, 'a.ts'), past, past);
  utimesSync(source, past, past);
  assert.equal(webIsStale(dist, [source]), false);
  writeFileSync(join(source, 'a.ts'), 'export const changed = 1;');
  assert.equal(webIsStale(dist, [source]), true);
});
