/**
 * SVG → PNG with resvg (WebAssembly, no native build), with a serif font that has Vietnamese
 * glyphs, found among the usual system locations (Debian: fonts-liberation2, fonts-dejavu-core).
 * resvg draws the pixels; Node's own zlib compresses them into the PNG, about twice as fast as
 * resvg's encoder compiled to WebAssembly (the chart is most of a report's time).
 */
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';

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

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * RGBA pixels as a PNG (colour type 6, 8 bits), each row with the "Sub" filter, which suits flat
 * colours. resvg's pixels are premultiplied; the chart is drawn on an opaque background, so they
 * are the straight colours PNG expects.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const from = y * stride;
    const to = y * (stride + 1);
    raw[to] = 1;
    for (let i = 0; i < 4; i++) raw[to + 1 + i] = rgba[from + i]!;
    for (let i = 4; i < stride; i++) raw[to + 1 + i] = (rgba[from + i]! - rgba[from + i - 4]!) & 0xff;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 6 })), chunk('IEND', new Uint8Array())]));
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const fonts = await init();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif' },
  });
  const image = resvg.render();
  try {
    return encodePng(image.pixels, image.width, image.height);
  } finally {
    image.free();
    resvg.free();
  }
}
