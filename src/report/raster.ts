/**
 * SVG → PNG with resvg (WebAssembly, no native build), with a serif font that has Vietnamese
 * glyphs (./chartWorker.ts fontFiles), drawn and encoded by ./drawPng.ts (the chart is most of a
 * report's time). An image drawn before from the same SVG, width, fonts and resvg build is read
 * back (./pngCache.ts), and resvg's WebAssembly then not even loaded. A command that will likely
 * draw (its dataset was built anew) calls startChartWorker() early: resvg then starts and draws in
 * a thread of its own (./rasterWorker.ts), beside the main thread's work, with the same bytes as
 * drawn here.
 */
import { readFileSync, statSync } from 'node:fs';
import { chartWorker, fontFiles, wasmFile } from './chartWorker.ts';
import { drawWith, fontData } from './drawPng.ts';
import { cachedPng } from './pngCache.ts';

/** Changes when ./drawPng.ts draws or encodes differently from the same SVG (kept images are then drawn anew). */
const DRAWING = 1;

/** A file as the cache key names it: its path, size and modification time. */
function identity(path: string): string {
  const s = statSync(path);
  return `${path}:${s.size}:${s.mtimeMs}`;
}

let ready: Promise<typeof import('@resvg/resvg-wasm').Resvg> | undefined;

/** resvg, its WebAssembly compiled once per process, when a chart is first drawn. */
function renderer(): Promise<typeof import('@resvg/resvg-wasm').Resvg> {
  ready ??= (async () => {
    const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
    await initWasm(readFileSync(wasmFile()));
    return Resvg;
  })();
  return ready;
}

async function draw(svg: string, width: number, fonts: string[]): Promise<Uint8Array> {
  const worker = chartWorker();
  if (worker) {
    try {
      return await worker.draw(svg, width, fonts);
    } catch {
      // The thread did not start, stopped or was stopped (a build without the worker's file): drawn here.
    }
  }
  return drawWith(await renderer(), svg, width, fontData(fonts));
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
