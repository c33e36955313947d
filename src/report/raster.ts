/**
 * SVG → PNG with resvg (WebAssembly, no native build), with a serif font that has Vietnamese
 * glyphs, found among the usual system locations (Debian: fonts-liberation2, fonts-dejavu-core).
 * resvg draws the pixels; Node's own zlib compresses them into the PNG, about twice as fast as
 * resvg's encoder compiled to WebAssembly (the chart is most of a report's time). An image drawn
 * before from the same SVG, width, fonts and resvg build is read back (./pngCache.ts), and resvg's
 * WebAssembly then not even loaded.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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
function fontFiles(): string[] {
  const extra = process.env.PARINDEX_CHART_FONT;
  const found = FONT_CANDIDATES.filter((f) => existsSync(f)).slice(0, 1);
  return [...(extra && existsSync(extra) ? [extra] : []), ...found];
}

const wasmFile = () => createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');

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

async function draw(svg: string, width: number, fonts: string[]): Promise<Uint8Array> {
  const Resvg = await renderer();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: {
      fontBuffers: fonts.map((f) => fontBytes.get(f) ?? fontBytes.set(f, readFileSync(f)).get(f)!),
      loadSystemFonts: false,
      defaultFontFamily: 'Liberation Serif',
    },
  });
  const image = resvg.render();
  try {
    return encodePng(image.pixels, image.width, image.height);
  } finally {
    image.free();
    resvg.free();
  }
}

export async function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const fonts = fontFiles();
  return cachedPng([DRAWING, identity(wasmFile()), ...fonts.map(identity), width, svg], () => draw(svg, width, fonts));
}
