/**
 * The chart's drawing thread, seen from the thread that asks for charts: started early by a command
 * about to build a report after a data change (issue 19.6: resvg's start is a third of such a DOCX),
 * so that resvg compiles and draws beside that thread's own work (./rasterWorker.ts). Light on
 * purpose (Node's file, path and module helpers only): `report` starts the thread before it loads
 * anything else. The fonts and resvg's WebAssembly are found here, for the thread and for
 * ./raster.ts alike.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Times New Roman.ttf',
  'C:\\Windows\\Fonts\\times.ttf',
];

/**
 * A serif font with Vietnamese glyphs, found among the usual system locations (Debian:
 * fonts-liberation2, fonts-dejavu-core). One font (each one more costs every chart its parsing);
 * a chosen one (PARINDEX_CHART_FONT) keeps the first found behind it.
 */
export function fontFiles(): string[] {
  const extra = process.env.PARINDEX_CHART_FONT;
  const found = FONT_CANDIDATES.filter((f) => existsSync(f)).slice(0, 1);
  return [...(extra && existsSync(extra) ? [extra] : []), ...found];
}

export const wasmFile = (): string => createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');

/** The drawing thread: requests answered in order, the thread held open only while one is pending. */
export type ChartWorker = { draw(svg: string, width: number, fonts: string[]): Promise<Uint8Array> };
let worker: (ChartWorker & { stop(): void }) | undefined;
/** Charts the thread has drawn in this process (for tests). */
let drawnInWorker = 0;
export const chartsDrawnInWorker = (): number => drawnInWorker;

/** The running drawing thread, if one was started and has not failed or been stopped. */
export const chartWorker = (): ChartWorker | undefined => worker;

/** ./rasterWorker.ts from src, or the built command line's rasterWorker.mjs beside its chunks (scripts/build-cli.ts). */
const workerFile = () => join(import.meta.dirname, import.meta.filename.endsWith('.ts') ? 'rasterWorker.ts' : 'rasterWorker.mjs');

/**
 * Starts resvg in a thread of its own now (its WebAssembly compiled, the font read, a first text
 * drawn), so that the charts ./raster.ts draws later in this process come from there while this
 * thread goes on. Does nothing when already started or when the thread cannot start.
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
  const started = {
    draw(svg: string, width: number, given: string[]): Promise<Uint8Array> {
      if (failed) return Promise.reject(failed);
      // The thread read its fonts when it started: another set is drawn here.
      if (given.join('\n') !== fonts.join('\n')) return Promise.reject(new Error('other fonts'));
      const id = next++;
      thread.ref();
      thread.postMessage({ id, svg, width });
      return new Promise<Uint8Array>((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    stop() {
      fail(new Error('chart worker stopped'));
      void thread.terminate();
    },
  };
  worker = started;
}

/** Stops the drawing thread when it turns out not to be needed (what is pending is drawn in this thread). */
export function stopChartWorker(): void {
  worker?.stop();
}
