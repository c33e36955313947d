/**
 * docs/architecture.md's folder table says what each folder may import: this test reads the
 * table and every source file's imports (tests excluded), and fails on an import the table does
 * not allow, so the document stays true as code moves.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const LAYERS = ['core', 'workflow', 'io', 'store', 'server', 'report', 'cli', 'web', 'scripts'] as const;

interface Rule {
  folders: string[];
  /** Layers imported with values and types; `types` only with `import type`. */
  values: Set<string>;
  types: Set<string>;
  packages: Set<string> | undefined;
}

/** Splits a cell at commas outside parentheses. */
function items(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of cell) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function rules(): Rule[] {
  const text = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const table = text.slice(text.indexOf('| folder | what | may import |'));
  const rows = table
    .split('\n')
    .slice(2)
    .filter((line) => line.startsWith('|'));
  return rows.map((line) => {
    const cells = line.split(' | ');
    const folders = [...cells[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\/$/, ''));
    const cell = cells
      .at(-1)!
      .replace(/\|\s*$/, '')
      .trim();
    const values = new Set<string>();
    const types = new Set<string>();
    let packages: Set<string> | undefined;
    for (const item of items(cell)) {
      const head = item.replace(/\(.*\)/, '').trim();
      if (head.startsWith('`') && !(LAYERS as readonly string[]).includes(head.replace(/`/g, '').split('/')[0]!)) {
        // Packages (the core's): `zod`, `yaml` only.
        packages ??= new Set();
        for (const m of head.matchAll(/`([^`]+)`/g)) packages.add(m[1]!);
        continue;
      }
      const layer = head.split(/[\s/]/)[0]!.replace(/`/g, '');
      if (layer === 'everything') LAYERS.forEach((l) => values.add(l));
      else if ((LAYERS as readonly string[]).includes(layer)) (/\btypes?\b/.test(item.slice(head.length)) ? types : values).add(layer);
    }
    return { folders, values, types, packages };
  });
}

function files(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') && !e.name.includes('testing') && !e.name.startsWith('test'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const layerOf = (path: string) => (path.startsWith('src/') ? path.split('/')[1]! : path.split('/')[0]!);

test('docs/architecture.md says what each folder imports', () => {
  const table = rules();
  const problems: string[] = [];
  for (const file of [...files('src'), ...files('web/src'), ...files('scripts')]) {
    const own = layerOf(file);
    // The most specific row naming the file's folder.
    const rule = table
      .filter((r) => r.folders.some((f) => file.startsWith(`${f}/`)))
      .sort((a, b) => Math.max(...b.folders.map((f) => f.length)) - Math.max(...a.folders.map((f) => f.length)))[0];
    if (!rule) {
      problems.push(`${file}: no row of the folder table`);
      continue;
    }
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'|import\('([^']+)'\)/gm)) {
      const spec = (m[2] ?? m[3])!;
      if (!spec.startsWith('.')) {
        if (rule.packages && !spec.startsWith('node:') && !rule.packages.has(spec.split('/')[0]!)) problems.push(`${file}: package ${spec}`);
        if (rule.packages && spec.startsWith('node:')) problems.push(`${file}: ${spec} (no I/O)`);
        continue;
      }
      const target = layerOf(normalize(join(dirname(file), spec)));
      if (target === own || rule.values.has(target) || (m[1] && rule.types.has(target))) continue;
      problems.push(`${file} imports ${m[1] ? 'types of ' : ''}${target} (${spec})`);
    }
  }
  assert.deepEqual(problems, []);
});
