/**
 * One SVG drawn with resvg and encoded as a PNG: the drawing itself, shared by the drawing thread
 * (./rasterWorker.ts) and the in-thread fallback (./raster.ts). Light on purpose: the thread loads
 * this module and resvg only, so that it is drawing sooner after it starts (issue 19.6).
 * resvg draws the pixels; Node's own zlib compresses them into the PNG, about twice as fast as
 * resvg's encoder compiled to WebAssembly.
 */
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

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

const fontBytes = new Map<string, Uint8Array>();

/** The font files' bytes, read once per process. */
export const fontData = (fonts: readonly string[]): Uint8Array[] => fonts.map((f) => fontBytes.get(f) ?? fontBytes.set(f, readFileSync(f)).get(f)!);
