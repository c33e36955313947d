import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { parseCached } from './parseCache.ts';

const big = (extra: string) => `${extra}\n${Array.from({ length: 300 }, (_, i) => `key${i}: "value ${i}"`).join('\n')}\n`;

test('a parsed document is kept by its content: the same text is read back without parsing, an edited one is parsed anew', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-cache-'));
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = dir;
  try {
    let parses = 0;
    const counting = (text: string) => {
      parses++;
      return parse(text);
    };
    const first = parseCached(big('a: 1.50'), counting);
    assert.deepEqual(parseCached(big('a: 1.50'), counting), first);
    assert.equal(parses, 1);
    assert.equal((parseCached(big('a: 2'), counting) as { a: number }).a, 2);
    assert.equal(parses, 2);
    // Small documents and values JSON would change (.inf) are never kept.
    parseCached('a: 1', counting);
    parseCached(big('a: .inf'), counting);
    assert.equal((parseCached(big('a: .inf'), counting) as { a: number }).a, Infinity);
    assert.equal(readdirSync(dir).length, 2);
    // An empty folder name turns the cache off.
    process.env.PARINDEX_CACHE_DIR = '';
    parseCached(big('a: 1.50'), counting);
    assert.equal(parses, 6);
  } finally {
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
