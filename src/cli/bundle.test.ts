import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain JavaScript beside the launcher, without types.
import { freshBundle } from '../../bin/parindex-bundle.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the launcher runs the built command line only while its sources are unchanged', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-bundle-'));
  try {
    mkdirSync(join(folder, 'src'));
    mkdirSync(join(folder, 'dist', 'cli'), { recursive: true });
    const source = join(folder, 'src', 'a.ts');
    writeFileSync(source, 'export const a = 1;\n');
    const s = statSync(source);
    writeFileSync(join(folder, 'dist', 'cli', 'inputs.json'), JSON.stringify({ inputs: [['src/a.ts', s.size, s.mtimeMs]] }));
    assert.equal(freshBundle(folder), join(folder, 'dist', 'cli', 'main.mjs'));
    utimesSync(source, s.atime, new Date(s.mtimeMs + 1000));
    assert.equal(freshBundle(folder), undefined, 'an edited source: run src');
    rmSync(source);
    assert.equal(freshBundle(folder), undefined, 'a removed source: run src');
    rmSync(join(folder, 'dist'), { recursive: true });
    assert.equal(freshBundle(folder), undefined, 'nothing built: run src');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the built command line resolves its files where the sources are, and runs', () => {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.ts')], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  assert.equal(freshBundle(root), join(root, 'dist', 'cli', 'main.mjs'));
  const outdir = join(root, 'dist', 'cli');
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.mjs'))) {
    const text = readFileSync(join(outdir, file), 'utf8');
    // Every import.meta.url stands for its source file's (package.json, data/demo, migrations, the worker).
    assert.equal(text.match(/import\.meta\.url/g)?.length ?? 0, text.match(/new URL\("\.\.\/\.\.\/src\/[^"]+\.ts", import\.meta\.url\)/g)?.length ?? 0, file);
    assert.doesNotMatch(text, /typeof Response === "function"/, `${file}: resvg's loader does not load fetch`);
    // ASCII only: Node then reads it as one-byte text (scripts/build-cli.ts asciiOnly).
    assert.doesNotMatch(text, /[^\x00-\x7f]/, `${file}: ASCII only`);
  }
  // The bundle keeps zod's messages in Vietnamese and English only (scripts/build-cli.ts).
  const locales = new Set<string>();
  for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')))
    for (const m of readFileSync(join(root, 'src', file), 'utf8').matchAll(/\blocales\.(\w+)/g)) locales.add(m[1]!);
  assert.deepEqual([...locales].sort(), ['en', 'vi']);
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const run = spawnSync(process.execPath, [join(root, 'bin', 'parindex.js'), '--version'], { encoding: 'utf8' });
  assert.equal(run.stdout.trim(), `parindex ${version}`, run.stderr);
});
