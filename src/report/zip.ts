/**
 * Files as a ZIP archive, each compressed by Node's zlib (DEFLATE in native code, level 6 as
 * docx's own zipping), or stored when that does not make it smaller (the chart's PNG). docx zips
 * a report with fflate's DEFLATE in JavaScript, which a short command runs before it is optimised:
 * about 0,1 s CPU of a unit's DOCX from the command line (issue 19.6), a few ms here.
 */
import { crc32, deflateRawSync } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Version 2.0: DEFLATE. */
const VERSION = 20;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8 = 0x800;

/** MS-DOS time and date (local time, two-second steps), as ZIP keeps them. */
function dosTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((Math.max(date.getFullYear(), 1980) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** A ZIP archive of `files`, in their order; a name given twice is an error. */
export function zipFiles(files: Iterable<readonly [string, Uint8Array]>, modified = new Date()): Uint8Array {
  const when = dosTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const [name, data] of files) {
    if (names.has(name)) throw new Error(`zip: ${name} given twice`);
    names.add(name);
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 6 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const flags = /^[\x20-\x7e]*$/.test(name) ? 0 : UTF8;
    const crc = crc32(data) >>> 0;
    if (offset + 30 + nameBytes.length + body.length > 0xffffffff || data.length > 0xffffffff) throw new Error('zip: larger than 4 GB');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(when.time, 10);
    local.writeUInt16LE(when.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, Buffer.from(body.buffer, body.byteOffset, body.byteLength));

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(when.time, 12);
    central.writeUInt16LE(when.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // Extra field, comment, disk number, internal and external attributes: none.
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  if (names.size > 0xffff) throw new Error('zip: more than 65,535 files');
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(names.size, 8);
  end.writeUInt16LE(names.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...locals, directory, end]);
  return new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength);
}
