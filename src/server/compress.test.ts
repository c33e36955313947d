/** Compressed answers and precompressed app files (issue 19: slow lines). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { encodingFor, registerCompression } from './compress.ts';
import { registerWebApp } from './static.ts';
import { precompress } from './webBuild.ts';

test('the encoding the client accepts: Brotli first, then gzip, none refused with q=0', () => {
  assert.equal(encodingFor('gzip, deflate, br, zstd'), 'br');
  assert.equal(encodingFor('gzip'), 'gzip');
  assert.equal(encodingFor('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(encodingFor('identity'), undefined);
  assert.equal(encodingFor(undefined), undefined);
});

test('JSON of 1 KB and more goes compressed, the same bytes once; small answers and other types as they are', async () => {
  const app = Fastify();
  registerCompression(app);
  const big = { rows: Array.from({ length: 200 }, (_, i) => ({ unit: `Xã Thử ${i}`, total: 50 + i / 10 })) };
  const cached = Buffer.from(JSON.stringify(big));
  app.get('/big', async () => big);
  app.get('/cached', async (_request, reply) => reply.type('application/json; charset=utf-8').send(cached));
  app.get('/small', async () => ({ ok: true }));
  app.get('/zip', async (_request, reply) => reply.type('application/zip').send(Buffer.alloc(4096)));
  const ask = (url: string, encoding = 'gzip, br') => app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
  const br = await ask('/big');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'accept-encoding');
  assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), big);
  assert.ok(br.rawPayload.length < JSON.stringify(big).length / 3);
  const gz = await ask('/cached', 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual(gunzipSync(gz.rawPayload), cached);
  assert.equal((await ask('/big', 'identity')).headers['content-encoding'], undefined);
  assert.equal((await ask('/small')).headers['content-encoding'], undefined);
  assert.equal((await ask('/zip')).headers['content-encoding'], undefined);
  await app.close();
});

test('a streamed text answer goes compressed as it comes; other streamed types as they are', async () => {
  const app = Fastify();
  registerCompression(app);
  const pieces = Array.from({ length: 50 }, (_, i) => `${i};Xã Thử ${i};dòng\r\n`);
  app.get('/csv', async (_request, reply) => reply.type('text/csv; charset=utf-8').send(Readable.from(pieces.map((p) => Buffer.from(p)))));
  app.get('/zip', async (_request, reply) => reply.type('application/zip').send(Readable.from([Buffer.alloc(4096)])));
  const ask = (url: string, encoding: string) => app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
  const br = await ask('/csv', 'gzip, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(br.rawPayload).toString(), pieces.join(''));
  const gz = await ask('/csv', 'gzip');
  assert.equal(gunzipSync(gz.rawPayload).toString(), pieces.join(''));
  const plain = await ask('/csv', 'identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.payload, pieces.join(''));
  assert.equal((await ask('/zip', 'br')).headers['content-encoding'], undefined);
  await app.close();
});

test('the app’s hashed files are sent precompressed and cached as immutable, its icons for a day; index.html, the manifest and the service worker are checked each time', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-web-'));
  try {
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), `<!doctype html><title>x</title>${' '.repeat(2000)}`);
    const script = `console.log(${JSON.stringify('Chỉ số cải cách hành chính '.repeat(200))});`;
    writeFileSync(join(folder, 'assets', 'main-abc123.js'), script);
    writeFileSync(join(folder, 'icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(2000)}</svg>`);
    writeFileSync(join(folder, 'icon-192.png'), Buffer.alloc(100));
    writeFileSync(join(folder, 'manifest.webmanifest'), '{}');
    writeFileSync(join(folder, 'sw.js'), `// ${' '.repeat(2000)}`);
    precompress(folder);
    const app = Fastify();
    registerWebApp(app, folder);
    const asset = await app.inject({ method: 'GET', url: '/assets/main-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(asset.statusCode, 200);
    assert.equal(asset.headers['content-encoding'], 'br');
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(brotliDecompressSync(asset.rawPayload).toString(), script);
    const plain = await app.inject({ method: 'GET', url: '/assets/main-abc123.js' });
    assert.equal(plain.body, script);
    const index = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(index.headers['cache-control'], 'no-cache');
    for (const [url, expected] of [
      ['/icon.svg', 'public, max-age=86400'],
      ['/icon-192.png', 'public, max-age=86400'],
      ['/manifest.webmanifest', 'no-cache'],
      ['/sw.js', 'no-cache'],
    ]) {
      const answer = await app.inject({ method: 'GET', url: url!, headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(answer.statusCode, 200, url);
      assert.equal(answer.headers['cache-control'], expected, url);
    }
    await app.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
