import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cachedPng, prune } from './pngCache.ts';
import { encodePng } from './drawPng.ts';
import { svgToPng } from './raster.ts';

const svg = (fill: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="${fill}"/></svg>`;

/** Runs `work` with the cache in a folder of its own (`''`: turned off). */
async function withCache<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.PARINDEX_CACHE_DIR;
  process.env.PARINDEX_CACHE_DIR = dir;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.PARINDEX_CACHE_DIR;
    else process.env.PARINDEX_CACHE_DIR = before;
  }
}

test('a chart drawn before from the same SVG is read back; a changed one is drawn anew, as without a cache', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-png-cache-'));
  try {
    await withCache(dir, async () => {
      const first = await svgToPng(svg('#1f4e8c'), 40);
      const [kept] = readdirSync(join(dir, 'charts'));
      assert.ok(kept?.endsWith('.png'), 'the image is kept');
      // What is kept is what is returned: a marker image in its place comes back.
      const marker = encodePng(new Uint8Array([1, 2, 3, 255]), 1, 1);
      writeFileSync(join(dir, 'charts', kept), marker);
      assert.deepEqual(await svgToPng(svg('#1f4e8c'), 40), marker);
      // Another figure, another image: never the kept one.
      const changed = await svgToPng(svg('#c0504d'), 40);
      assert.equal(readdirSync(join(dir, 'charts')).length, 2);
      assert.notDeepEqual(changed, marker);
      const uncached = await withCache('', () => svgToPng(svg('#c0504d'), 40));
      assert.deepEqual(changed, uncached);
      assert.notDeepEqual(changed, first);
      // The same SVG at another width is another image.
      await svgToPng(svg('#1f4e8c'), 60);
      assert.equal(readdirSync(join(dir, 'charts')).length, 3);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cut or foreign file in the cache is drawn again, and an unwritable cache is no error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-png-cache-'));
  try {
    await withCache(dir, async () => {
      const good = await cachedPng(['k'], async () => encodePng(new Uint8Array([9, 9, 9, 255]), 1, 1));
      const [kept] = readdirSync(join(dir, 'charts'));
      writeFileSync(join(dir, 'charts', kept!), good.subarray(0, good.length - 4));
      assert.deepEqual(await cachedPng(['k'], async () => good), good);
      writeFileSync(join(dir, 'charts', kept!), 'not a png');
      assert.deepEqual(await cachedPng(['k'], async () => good), good);
    });
    writeFileSync(join(dir, 'file'), '');
    const png = encodePng(new Uint8Array([1, 1, 1, 255]), 1, 1);
    assert.deepEqual(await withCache(join(dir, 'file'), () => cachedPng(['k'], async () => png)), png);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache keeps the images drawn last', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-png-cache-'));
  try {
    for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
      writeFileSync(join(dir, `${name}.png`), '');
      utimesSync(join(dir, `${name}.png`), 1000 + i, 1000 + i);
    }
    prune(dir, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['c.png', 'd.png']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
