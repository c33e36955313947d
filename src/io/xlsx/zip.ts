/**
 * The one zip reader (fflate's inflate; yauzl is gone): an .xlsx is checked from its central
 * directory before anything is inflated — entry count, each entry's declared size and ratio,
 * the total, encryption, methods, and local headers that follow each other exactly as the
 * directory lists them — then only the entries a reader asks for are inflated, once, in small
 * chunks: an entry that inflates past its declared size is stopped there, and the clock is read
 * between chunks (yielding to the event loop) so that a read past its deadline stops with a
 * bilingual ParError instead of finishing.
 */
import { Inflate } from 'fflate';
import { ParError, formatNumber, issue, type ErrorCode, type Message } from '../../core/index.ts';

const MIB = 1024 * 1024;
/** Compressed bytes inflated at a time, between two looks at the clock: at most ~8 MB out of a 1,000-fold bomb. */
const CHUNK = 8 * 1024;
/** Longest the inflate runs without letting timers and other requests in. */
const SLICE_MS = 10;

export interface ZipLimits {
  maxEntries: number;
  /** Largest total of the entries' declared sizes. */
  maxUncompressedBytes: number;
  /** Largest inflated/compressed ratio of an entry above 1 MiB. */
  maxRatio: number;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The declared inflated size; the inflate refuses to give more or less. */
  size: number;
  /** Where its compressed data starts. */
  dataStart: number;
}

export interface Zip {
  entries: ZipEntry[];
  /**
   * The entries whose names `wanted` accepts, inflated (names as the archive spells them).
   * `deadline` (Date.now() scale) stops the read with `tooSlow()` once passed.
   */
  read(wanted: (name: string) => boolean, deadline: number, tooSlow: () => Error): Promise<Map<string, Uint8Array>>;
}

function refuse(code: ErrorCode, message: Message, file?: string): never {
  throw new ParError(issue(code, message, { file }));
}

const damaged = (detail: string): Message => ({
  vi: `tệp .xlsx bị hỏng hoặc không phải tệp Excel (${detail}); hãy mở bằng Excel và lưu lại dạng .xlsx`,
  en: `the .xlsx file is damaged or not an Excel file (${detail}); open it in Excel and save it again as .xlsx`,
});

const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

interface Directory {
  /** Entries with their local header offsets and flags, as the central directory lists them. */
  listed: (ZipEntry & { flags: number; localOffset: number; nameBytes: Uint8Array })[];
  directoryStart: number;
}

/** The end record and the central directory; throws a plain Error saying what is wrong. */
function directoryOf(bytes: Uint8Array, maxEntries: number, file?: string): Directory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50 && i + 22 + view.getUint16(i + 20, true) === bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const start = view.getUint32(end + 16, true);
  if (count === 0xffff || start === 0xffffffff) throw new Error('zip64 archives are not read');
  if (count > maxEntries) refuse('xlsx.tooManyEntries', damaged(`${count} mục nén / entries > ${maxEntries}`), file);
  if (start + size !== end) throw new Error('central directory out of place');
  const listed: Directory['listed'] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw new Error('central directory entry expected');
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const compressedSize = view.getUint32(at + 20, true);
    const declared = view.getUint32(at + 24, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || declared === 0xffffffff || localOffset === 0xffffffff) throw new Error('zip64 entries are not read');
    listed.push({
      name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      nameBytes,
      flags,
      method: view.getUint16(at + 10, true),
      compressedSize,
      size: declared,
      localOffset,
      dataStart: -1,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  if (at !== end) throw new Error('central directory size differs');
  return { listed, directoryStart: start };
}

/** The entries' names only, for telling office files apart (no checks beyond a readable directory); [] when not a zip. */
export function zipNames(bytes: Uint8Array, maxEntries = 5000): string[] {
  try {
    return directoryOf(bytes, maxEntries).listed.map((e) => e.name);
  } catch {
    return [];
  }
}

/** Opens a zip after checking its directory and local headers against `limits`; a ParError says why a file is refused. */
export function openZip(bytes: Uint8Array, limits: ZipLimits, file?: string): Zip {
  let directory: Directory;
  try {
    directory = directoryOf(bytes, limits.maxEntries, file);
  } catch (error) {
    if (error instanceof ParError) throw error;
    return refuse('xlsx.notZip', damaged((error as Error).message), file);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let declared = 0;
  for (const entry of directory.listed) {
    if (entry.flags & 1)
      refuse(
        'xlsx.encrypted',
        { vi: 'tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại', en: 'the file is password-protected: remove the password and upload it again' },
        file,
      );
    if (entry.method !== 0 && entry.method !== 8) refuse('xlsx.notZip', damaged(`phương thức nén ${entry.method} / compression method ${entry.method}`), file);
    declared += entry.size;
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (declared > limits.maxUncompressedBytes || (entry.size > MIB && ratio > limits.maxRatio)) {
      refuse(
        'xlsx.zipBomb',
        {
          vi: `tệp giải nén ra quá lớn (${entry.name}: ${formatNumber(Math.round(entry.size / MIB))} MB, gấp ${formatNumber(Math.round(ratio))} lần khi nén; giới hạn ${formatNumber(Math.round(limits.maxUncompressedBytes / MIB))} MB và ${limits.maxRatio} lần): tệp bị từ chối`,
          en: `the file inflates too much (${entry.name}: ${Math.round(entry.size / MIB)} MB, ${Math.round(ratio)} times its compressed size; limits ${Math.round(limits.maxUncompressedBytes / MIB)} MB and ${limits.maxRatio} times): refused`,
        },
        file,
      );
    }
    if (entry.method === 0 && entry.size !== entry.compressedSize)
      refuse('xlsx.inconsistent', damaged(`mục ${entry.name} khai báo khác nhau / entry ${entry.name} is declared twice differently`), file);
  }
  // The local headers must follow each other exactly, as the central directory lists them.
  const spans: { start: number; end: number; name: string }[] = [];
  for (const entry of directory.listed) {
    const at = entry.localOffset;
    if (at + 30 > directory.directoryStart || view.getUint32(at, true) !== 0x04034b50)
      refuse('xlsx.notZip', damaged(`mục ${entry.name}: không có đầu mục / no local header`), file);
    const flags = view.getUint16(at + 6, true);
    const nameLength = view.getUint16(at + 26, true);
    const localName = bytes.subarray(at + 30, at + 30 + nameLength);
    if (localName.length !== entry.nameBytes.length || localName.some((b, i) => b !== entry.nameBytes[i]))
      refuse('xlsx.inconsistent', damaged(`tên mục ${entry.name} khác nhau / entry names differ`), file);
    const localCompressed = view.getUint32(at + 18, true);
    if (view.getUint16(at + 8, true) !== entry.method || (!(flags & 8) && localCompressed !== entry.compressedSize && localCompressed !== 0xffffffff))
      refuse('xlsx.inconsistent', damaged(`mục ${entry.name} khai báo khác nhau / entry ${entry.name} is declared twice differently`), file);
    entry.dataStart = at + 30 + nameLength + view.getUint16(at + 28, true);
    let end = entry.dataStart + entry.compressedSize;
    if (flags & 8) end += end + 4 <= bytes.length && view.getUint32(end, true) === 0x08074b50 ? 16 : 12;
    spans.push({ start: at, end, name: entry.name });
  }
  spans.sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const span of spans) {
    if (span.start !== cursor) refuse('xlsx.inconsistent', damaged(`dữ liệu lạ trước mục ${span.name} / unexpected bytes before entry ${span.name}`), file);
    cursor = span.end;
  }
  if (cursor !== directory.directoryStart)
    refuse('xlsx.inconsistent', damaged('dữ liệu lạ trước danh mục nén / unexpected bytes before the central directory'), file);
  const entries: ZipEntry[] = directory.listed.map(({ name, method, compressedSize, size, dataStart }) => ({ name, method, compressedSize, size, dataStart }));
  return {
    entries,
    async read(wanted, deadline, tooSlow) {
      const out = new Map<string, Uint8Array>();
      const clock = { sliceStart: Date.now() };
      for (const entry of entries) if (wanted(entry.name)) out.set(entry.name, await inflateEntry(bytes, entry, deadline, tooSlow, clock, file));
      return out;
    },
  };
}

const sizeDiffers = (entry: ZipEntry, size: number | string, file?: string) =>
  new ParError(issue('xlsx.zipBomb', damaged(`kích thước giải nén sai / actual size differs: ${entry.name}: ${size} ≠ ${entry.size}`), { file }));

/** One entry inflated in chunks, never past its declared size, the clock read between chunks. */
async function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  deadline: number,
  tooSlow: () => Error,
  clock: { sliceStart: number },
  file?: string,
): Promise<Uint8Array> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  const out = new Uint8Array(entry.size);
  let size = 0;
  const inflate = new Inflate((chunk) => {
    if (size + chunk.length > entry.size) throw sizeDiffers(entry, `> ${entry.size}`, file);
    out.set(chunk, size);
    size += chunk.length;
  });
  for (let at = 0; at < data.length || at === 0; at += CHUNK) {
    const last = at + CHUNK >= data.length;
    try {
      inflate.push(data.subarray(at, at + CHUNK), last);
    } catch (error) {
      if (error instanceof ParError) throw error;
      throw new ParError(issue('xlsx.notZip', damaged(`${entry.name}: ${(error as Error).message}`), { file }));
    }
    const now = Date.now();
    if (now > deadline) throw tooSlow();
    if (now - clock.sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.sliceStart = Date.now();
      if (clock.sliceStart > deadline) throw tooSlow();
    }
    if (last) break;
  }
  if (size !== entry.size) throw sizeDiffers(entry, size, file);
  return out;
}
