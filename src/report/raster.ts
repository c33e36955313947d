/**
 * SVG → PNG with resvg (WebAssembly, no native build), with a serif font that has Vietnamese
 * glyphs, found among the usual system locations (Debian: fonts-liberation2, fonts-dejavu-core).
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/System/Library/Fonts/Supplemental/Times New Roman.ttf',
  'C:\\Windows\\Fonts\\times.ttf',
];

let ready: Promise<Uint8Array[]> | undefined;

function init(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'));
    await initWasm(wasm);
    // One font (each one more costs every chart its parsing); a chosen one keeps the first found behind it.
    const extra = process.env.PARINDEX_CHART_FONT;
    const found = FONT_CANDIDATES.filter((f) => existsSync(f)).slice(0, 1);
    return [...(extra && existsSync(extra) ? [extra] : []), ...found].map((f) => readFileSync(f));
  })();
  return ready;
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const fonts = await init();
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif' } });
  return resvg.render().asPng();
}
