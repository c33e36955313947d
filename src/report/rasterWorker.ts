/**
 * The chart's drawing thread (./chartWorker.ts startChartWorker): resvg's WebAssembly compiled and a
 * first text drawn as soon as the thread starts, then each requested SVG drawn and encoded as
 * ./raster.ts would draw it in its own thread, the PNG's bytes moved back to the caller.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { drawWith, fontData } from './drawPng.ts';

const { wasm, fonts } = workerData as { wasm: string; fonts: string[] };

/** Whether a chart was asked for before resvg was ready. */
let asked = false;

const ready = (async () => {
  const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
  await initWasm(readFileSync(wasm));
  const bytes = fontData(fonts);
  // A chart asked for meanwhile arrives first: it is drawn at once, the first drawing's work being its own.
  await new Promise((resolve) => setImmediate(resolve));
  // Else a first drawing with text: the font parsed and the drawing code compiled before the first chart is asked for.
  if (!asked) drawWith(Resvg, '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text x="0" y="6" font-size="6">Ưá</text></svg>', 8, bytes);
  return { Resvg, bytes };
})();

parentPort!.on('message', async ({ id, svg, width }: { id: number; svg: string; width: number }) => {
  asked = true;
  try {
    const { Resvg, bytes } = await ready;
    const png = drawWith(Resvg, svg, width, bytes);
    parentPort!.postMessage({ id, png }, [png.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
