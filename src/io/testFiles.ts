/**
 * Test support (not a test): workbooks laid out as provinces lay them out, and zips crafted
 * to lie, so that the readers' refusals can be pinned. Not used by the application.
 */
import { deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import ExcelJS from 'exceljs';
import type { Dataset } from '../core/index.ts';
import { demoDocuments, loadDataset } from './dataFolder.ts';

let demo: Dataset | undefined;
/** The demo province, loaded once per test process. */
export function demoDataset(): Dataset {
  return (demo ??= loadDataset());
}

interface FrameworkNodeFile {
  code: string;
  children?: FrameworkNodeFile[];
}

/** The demo's 2024 district framework as the 2025 one (lai-chau-district-2025), without criterion `without`. */
export function nextYearFramework(options: { without: string }) {
  const framework = structuredClone(demoDocuments().find((d) => (d.data as { id?: string }).id === 'lai-chau-district-2024')!.data) as {
    components: FrameworkNodeFile[];
  };
  const kept = (nodes: FrameworkNodeFile[]): FrameworkNodeFile[] =>
    nodes.filter((n) => n.code !== options.without).map((n) => (n.children ? { ...n, children: kept(n.children) } : n));
  return { file: 'bo-tieu-chi-2025.yaml', data: { ...framework, id: 'lai-chau-district-2025', year: 2025, components: kept(framework.components) } };
}

export function withoutResults(dataset: Dataset): Dataset {
  return { ...dataset, results: [] };
}

export interface SheetSpec {
  name: string;
  rows: ExcelJS.CellValue[][];
  merges?: string[];
}

/** An .xlsx written by exceljs's regular (non-streaming) writer, as a person's Excel would save it. */
export async function xlsxOf(sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    spec.rows.forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) sheet.getCell(r + 1, c + 1).value = value;
      }),
    );
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A deflated zip of the entries (`stored`: kept uncompressed, as an .ods keeps its «mimetype»);
 * `declaredSize` overrides the uncompressed size written in the headers (a lying archive).
 * Only what the guard tests need: no zip64, no data descriptors.
 */
export function zipOf(entries: { name: string; data: Buffer; declaredSize?: number; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = entry.stored ? entry.data : deflateRawSync(entry.data, { level: 9 });
    const method = entry.stored ? 0 : 8;
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a zip, inflated (to mutate an .xlsx's XML and zip it again). */
export async function unzipEntries(bytes: Uint8Array): Promise<{ name: string; data: Buffer }[]> {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}

/** Nine aliases of nine aliases, six deep: 9^6 values from a few hundred bytes. */
export const ALIAS_BOMB =
  [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    ...'bcdef'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdef'[i]}`).join(',')}]`),
  ].join('\n') + '\n';
