/**
 * SVG → PNG with resvg (WebAssembly, no native build), with a serif font that has Vietnamese
 * glyphs, found among the usual system locations (Debian: fonts-liberation2, fonts-dejavu-core).
 * resvg draws the pixels; Node's own zlib compresses them into the PNG, about twice as fast as
 * resvg's encoder compiled to WebAssembly (the chart is most of a report's time). An image drawn
 * before from the same SVG, width, fonts and resvg build is read back (./pngCache.ts), and resvg's
 * WebAssembly then not even loaded. A command that will likely draw (its dataset was built anew)
 * calls startChartWorker() early: resvg then starts and draws in a thread of its own
 * (./rasterWorker.ts), beside the main thread's work, with the same bytes as drawn here.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { crc32, deflateSync } from 'node:zlib';
import { cachedPng } from './pngCache.ts';

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Times New Roman.ttf',
  'C:\\Windows\\Fonts\\times.ttf',
];

/** Changes when this file draws or encodes differently from the same SVG (kept images are then drawn anew). */
const DRAWING = 1;

/** One font (each one more costs every chart its parsing); a chosen one keeps the first found behind it. */
export function fontFiles(): string[] {
  const extra = process.env.PARINDEX_CHART_FONT;
  const found = FONT_CANDIDATES.filter((f) => existsSync(f)).slice(0, 1);
  return [...(extra && existsSync(extra) ? [extra] : []), ...found];
}

export const wasmFile = (): string => createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');

/** A file as the cache key names it: its path, size and modification time. */
function identity(path: string): string {
  const s = statSync(path);
  return `${path}:${s.size}:${s.mtimeMs}`;
}

let ready: Promise<typeof import('@resvg/resvg-wasm').Resvg> | undefined;
const fontBytes = new Map<string, Uint8Array>();

/** resvg, its WebAssembly compiled once per process, when a chart is first drawn. */
function renderer(): Promise<typeof import('@resvg/resvg-wasm').Resvg> {
  ready ??= (async () => {
    const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
    await initWasm(readFileSync(wasmFile()));
    return Resvg;
  })();
  return ready;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels as a PNG (colour type 6, 8 bits), rows unfiltered (filter type 0) and deflated at
 * zlib's default level. The chart is flat colours with anti-aliased edges, which deflate finds as
 * runs on its own: measured on the demo's chart, the file is smaller than with the "Sub" filter
 * (45 against 50 KB) and the encoding takes half the CPU, with no JavaScript loop over the pixels
 * (it runs cold, once per report, on the way to the DOCX). resvg's pixels are premultiplied; the
 * chart is drawn on an opaque background, so they are the straight colours PNG expects.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array())]));
}

/** `svg` drawn `width` pixels wide with resvg (`Resvg`: its class, WebAssembly ready), as a PNG. */
export function drawWith(Resvg: typeof import('@resvg/resvg-wasm').Resvg, svg: string, width: number, fonts: readonly Uint8Array[]): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontBuffers: [...fonts], loadSystemFonts: false, defaultFontFamily: 'Liberation Serif' },
  });
  const image = resvg.render();
  try {
    return encodePng(image.pixels, image.width, image.height);
  } finally {
    image.free();
    resvg.free();
  }
}

/** The font files' bytes, read once per process. */
export const fontData = (fonts: readonly string[]): Uint8Array[] => fonts.map((f) => fontBytes.get(f) ?? fontBytes.set(f, readFileSync(f)).get(f)!);

async function draw(svg: string, width: number, fonts: string[]): Promise<Uint8Array> {
  if (worker) {
    try {
      return await worker.draw(svg, width, fonts);
    } catch {
      // The thread did not start or stopped (a build without the worker's file): drawn here.
      worker = undefined;
    }
  }
  return drawWith(await renderer(), svg, width, fontData(fonts));
}

/** The drawing thread: requests answered in order, the thread held open only while one is pending. */
type ChartWorker = { draw(svg: string, width: number, fonts: string[]): Promise<Uint8Array> };
let worker: ChartWorker | undefined;
/** Charts the thread has drawn in this process (for tests). */
let drawnInWorker = 0;
export const chartsDrawnInWorker = (): number => drawnInWorker;

/** ./rasterWorker.ts from src, or the built command line's rasterWorker.mjs beside its chunks (scripts/build-cli.ts). */
const workerFile = () => join(import.meta.dirname, import.meta.filename.endsWith('.ts') ? 'rasterWorker.ts' : 'rasterWorker.mjs');

/**
 * Starts resvg in a thread of its own now (its WebAssembly compiled, the font read, a first text
 * drawn), so that the charts svgToPng draws later in this process come from there while this
 * thread goes on. For a command about to build a report after a data change (issue 19.6: resvg's
 * start is a third of such a DOCX). Does nothing when already started or when the thread cannot start.
 */
export function startChartWorker(): void {
  if (worker) return;
  const file = workerFile();
  if (!existsSync(file)) return;
  // Started now, not after an import's turn: the caller goes on with long synchronous work.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const fonts = fontFiles();
  const thread: Worker = new Worker(file, { workerData: { wasm: wasmFile(), fonts } });
  const pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let failed: unknown;
  const fail = (e: unknown) => {
    failed ??= e;
    for (const p of pending.values()) p.reject(failed);
    pending.clear();
    if (worker === started) worker = undefined;
  };
  thread.on('message', ({ id, png, error }: { id: number; png?: Uint8Array; error?: string }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (!pending.size) thread.unref();
    if (png) {
      drawnInWorker++;
      p?.resolve(png);
    } else p?.reject(new Error(error));
  });
  thread.on('error', fail);
  thread.on('exit', () => fail(new Error('chart worker stopped')));
  thread.unref();
  const started: ChartWorker = {
    draw(svg, width, given) {
      if (failed) return Promise.reject(failed);
      // The thread read its fonts when it started: another set is drawn here.
      if (given.join('\n') !== fonts.join('\n')) return Promise.reject(new Error('other fonts'));
      const id = next++;
      thread.ref();
      thread.postMessage({ id, svg, width });
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
  };
  worker = started;
}

/** Images asked for ahead (prefetchPng), each handed to the next svgToPng of the same SVG and width. */
const ahead = new Map<string, Promise<Uint8Array>>();

/** Starts drawing `svg` now; the next svgToPng(svg, width) gets this image (drawn once, even without a cache). */
export function prefetchPng(svg: string, width: number): void {
  const key = `${width}\n${svg}`;
  if (ahead.has(key)) return;
  const png = svgToPng(svg, width);
  png.catch(() => ahead.delete(key));
  ahead.set(key, png);
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const key = `${width}\n${svg}`;
  const early = ahead.get(key);
  if (early) {
    ahead.delete(key);
    return early;
  }
  const fonts = fontFiles();
  return cachedPng([DRAWING, identity(wasmFile()), ...fonts.map(identity), width, svg], () => draw(svg, width, fonts));
}
