/**
 * The whole audit trail as a file without stalling the server (issue 15 item 4): the CSV is
 * streamed a page at a time — each page read from the store, encoded in a worker, written to the
 * answer with backpressure — so neither the trail nor the file is ever held whole. An xlsx is
 * built whole in a worker, up to a cap of entries (refused above it, pointing to the CSV); its
 * pages cross to the worker as JSON text in shared memory, never the whole trail as objects.
 */
import { Readable } from 'node:stream';
import type { Locale } from '../core/index.ts';
import { auditCsvHead } from '../io/index.ts';
import { auditCount, auditPage, type Queryable } from '../store/index.ts';
import { checkAuditXlsx } from './limits.ts';
import type { WorkerPool } from './workers/pool.ts';
import { bodyOf } from './route.ts';

/**
 * Entries per page of an export. A page is read on the main thread when the database is the
 * embedded one (PGlite runs in the server's thread): measured 18–28 ms of CPU for 1,000 entries
 * at load 26, 8–15 ms for 500, 3–10 ms for 250; its clone to a worker 0–8 ms. Its encoding as CSV
 * (75–300 ms for 5,000 entries) is the worker's.
 */
export const EXPORT_PAGE = 500;

/**
 * The CSV's pieces: the BOM and header, then each page's records. The next page is read while the
 * worker encodes this one; a piece is made only when the answer has taken the one before
 * (Readable.from pulls as the socket drains). An error after the first piece is told to `failed`
 * (the route logs it) and destroys the stream; Fastify then destroys the socket, so a cut file
 * never ends like a whole one (no last chunk: the client sees an error).
 */
export async function* auditCsvPieces(db: Queryable, pool: WorkerPool, options: CsvStreamOptions): AsyncGenerator<Buffer> {
  try {
    yield* pieces(db, pool, options);
  } catch (error) {
    options.failed?.(error);
    throw error;
  }
}

interface CsvStreamOptions {
  locale?: Locale;
  /** Entries per page (EXPORT_PAGE). */
  page?: number;
  /** Told of an error in the middle (the answer is then cut). */
  failed?: (error: unknown) => void;
}

async function* pieces(db: Queryable, pool: WorkerPool, options: CsvStreamOptions): AsyncGenerator<Buffer> {
  const size = options.page ?? EXPORT_PAGE;
  const csvOptions = options.locale ? { locale: options.locale } : {};
  yield Buffer.from(auditCsvHead(csvOptions));
  let page = await auditPage(db, 0, size);
  while (page.length) {
    const encoded = pool.run('auditCsvPage', null, { entries: page, options: csvOptions });
    // Awaited below; a failed read of the next page must not leave its rejection unhandled.
    encoded.catch(() => {});
    const next = page.length < size ? [] : await auditPage(db, page.at(-1)!.sequence, size);
    const bytes = await encoded;
    yield bodyOf(bytes);
    page = next;
  }
}

export function auditCsvStream(db: Queryable, pool: WorkerPool, options: CsvStreamOptions): Readable {
  // Bytes, not objects: the stream holds at most one piece ahead of the socket.
  return Readable.from(auditCsvPieces(db, pool, options), { objectMode: false, highWaterMark: 64 * 1024 });
}

/** The trail as an xlsx (bytes), refused above `cap` entries. */
export async function auditXlsx(db: Queryable, pool: WorkerPool, options: { locale?: Locale; cap: number; page?: number }): Promise<Uint8Array> {
  checkAuditXlsx(await auditCount(db, options.cap + 1), options.cap);
  const size = options.page ?? EXPORT_PAGE;
  const pages = sharedPages();
  for (let after = 0; ; ) {
    const page = await auditPage(db, after, size);
    if (page.length) pages.add(JSON.stringify(page));
    if (page.length < size) break;
    after = page.at(-1)!.sequence;
  }
  return pool.run('auditXlsx', null, { pages: pages.written, ...(options.locale && { locale: options.locale }) });
}

/** Bytes of shared memory a page's JSON text is written into (a page longer than this gets its own). */
const SHARED_CHUNK = 8 * 1024 * 1024;

/**
 * Pages of JSON text written into shared memory as they are read: handing them to the worker
 * copies nothing (a clone of 30 MB of ordinary bytes measured ≈ 250 ms of the main thread's CPU).
 */
function sharedPages() {
  const encoder = new TextEncoder();
  const written: Uint8Array<ArrayBufferLike>[] = [];
  let chunk: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  let used = 0;
  return {
    written,
    add(text: string) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > chunk.byteLength) {
        chunk = new Uint8Array(new SharedArrayBuffer(Math.max(SHARED_CHUNK, text.length * 3)));
        used = 0;
      }
      const { written: bytes } = encoder.encodeInto(text, chunk.subarray(used));
      written.push(chunk.subarray(used, used + bytes));
      used += bytes;
    },
  };
}
