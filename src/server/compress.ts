/**
 * Compressed answers (issue 19, slow lines): JSON, CSV and text bodies of 1 KB and more are sent
 * Brotli- or gzip-compressed when the client accepts it. Cached figures (the same bytes for every
 * reader until the data changes) are compressed once. A streamed text answer (the audit CSV) is
 * compressed as it goes, whatever its size; an error in its source reaches the compressed stream.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { promisify } from 'node:util';
import { Readable, pipeline } from 'node:stream';
import { brotliCompress, constants, createBrotliCompress, createGzip, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(application\/(json|yaml|x-yaml)|text\/)/;

/** Brotli at quality 5: close to its best size on JSON for a fraction of quality 11's time. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

const cache = new WeakMap<Buffer, Partial<Record<'br' | 'gzip', Promise<Buffer>>>>();

export function encodingFor(accept: string | undefined): 'br' | 'gzip' | undefined {
  if (!accept) return undefined;
  const offered = accept.split(',').map((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { name: name!.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
  });
  const ok = (name: string) => offered.some((o) => (o.name === name || o.name === '*') && o.q > 0);
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

function compress(bytes: Buffer, encoding: 'br' | 'gzip', keep: boolean): Promise<Buffer> {
  const make = () => (encoding === 'br' ? brotli(bytes, BROTLI) : gzipped(bytes, { level: 6 }));
  if (!keep) return make();
  const known = cache.get(bytes) ?? {};
  cache.set(bytes, known);
  return (known[encoding] ??= make());
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (payload instanceof Readable) return compressStream(request.headers['accept-encoding'], reply, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (reply.getHeader('content-encoding')) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!COMPRESSIBLE.test(type)) return payload;
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < MIN_BYTES) return payload;
    reply.header('vary', 'accept-encoding');
    const encoding = encodingFor(request.headers['accept-encoding']);
    if (!encoding) return payload;
    const body = await compress(bytes, encoding, Buffer.isBuffer(payload));
    reply.header('content-encoding', encoding).removeHeader('content-length');
    return body;
  });
}

function compressStream(accept: string | undefined, reply: FastifyReply, payload: Readable): Readable {
  if (reply.getHeader('content-encoding') || !COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  reply.header('vary', 'accept-encoding');
  const encoding = encodingFor(accept);
  if (!encoding) return payload;
  reply.header('content-encoding', encoding).removeHeader('content-length');
  // pipeline passes the source's error on (the compressed stream is destroyed with it: the answer is cut).
  return pipeline(payload, encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip({ level: 6 }), () => {});
}
