/**
 * Checks an .xlsx (a zip) before exceljs touches it, so that a zip bomb or a crafted archive
 * costs nothing: the declared sizes and ratios of every entry against the limits, the local
 * headers against the central directory (a streaming reader follows the local headers, so
 * they must describe exactly the entries checked, back to back), then every entry inflated
 * once while counting, refusing any whose actual size differs from the declared one.
 */
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ParError, formatNumber, issue, type ErrorCode, type Message } from '../../core/index.ts';
import type { ImportLimits } from '../limits.ts';

const MIB = 1024 * 1024;

function refuse(code: ErrorCode, message: Message, file?: string): never {
  throw new ParError(issue(code, message, { file }));
}

const damaged = (detail: string): Message => ({
  vi: `tệp .xlsx bị hỏng hoặc không phải tệp Excel (${detail}); hãy mở bằng Excel và lưu lại dạng .xlsx`,
  en: `the .xlsx file is damaged or not an Excel file (${detail}); open it in Excel and save it again as .xlsx`,
});

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );
}

async function entriesOf(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

function localHeader(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
): Promise<{ fileDataStart: number; fileName: Buffer; generalPurposeBitFlag: number; compressionMethod: number; compressedSize: number }> {
  return new Promise((resolve, reject) =>
    (zip as unknown as { readLocalFileHeader: (e: yauzl.Entry, o: object, cb: (err: Error | null, h: never) => void) => void }).readLocalFileHeader(
      entry,
      {},
      (error, header) => (error ? reject(error) : resolve(header)),
    ),
  );
}

async function inflatedSize(zip: yauzl.ZipFile, entry: yauzl.Entry, limit: number): Promise<number> {
  const stream: Readable = await new Promise((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      break;
    }
  }
  return size;
}

const isXls = (bytes: Buffer) => bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;

export async function checkZip(bytes: Buffer, limits: ImportLimits, file?: string): Promise<void> {
  if (isXls(bytes)) {
    refuse(
      'xlsx.legacyFormat',
      { vi: 'tệp Excel 97-2003 (.xls) chưa được hỗ trợ: hãy lưu lại dạng .xlsx', en: 'Excel 97-2003 files (.xls) are not supported: save the file as .xlsx' },
      file,
    );
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch (error) {
    return refuse('xlsx.notZip', damaged((error as Error).message), file);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      refuse('xlsx.tooManyEntries', damaged(`${zip.entryCount} mục nén / entries > ${limits.maxEntries}`), file);
    }
    const directoryStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    let entries: yauzl.Entry[];
    try {
      entries = await entriesOf(zip);
    } catch (error) {
      return refuse('xlsx.notZip', damaged((error as Error).message), file);
    }
    let declared = 0;
    for (const entry of entries) {
      if (entry.isEncrypted())
        refuse(
          'xlsx.encrypted',
          { vi: 'tệp được đặt mật khẩu: hãy bỏ mật khẩu rồi tải lên lại', en: 'the file is password-protected: remove the password and upload it again' },
          file,
        );
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
        refuse('xlsx.notZip', damaged(`phương thức nén ${entry.compressionMethod} / compression method ${entry.compressionMethod}`), file);
      declared += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (declared > limits.maxUncompressedBytes || (entry.uncompressedSize > MIB && ratio > limits.maxRatio)) {
        refuse(
          'xlsx.zipBomb',
          {
            vi: `tệp giải nén ra quá lớn (${entry.fileName}: ${formatNumber(Math.round(entry.uncompressedSize / MIB))} MB, gấp ${formatNumber(Math.round(ratio))} lần khi nén; giới hạn ${formatNumber(Math.round(limits.maxUncompressedBytes / MIB))} MB và ${limits.maxRatio} lần): tệp bị từ chối`,
            en: `the file inflates too much (${entry.fileName}: ${Math.round(entry.uncompressedSize / MIB)} MB, ${Math.round(ratio)} times its compressed size; limits ${Math.round(limits.maxUncompressedBytes / MIB)} MB and ${limits.maxRatio} times): refused`,
          },
          file,
        );
      }
    }
    // The local headers must follow each other exactly, as the central directory lists them.
    const spans: { start: number; end: number; name: string }[] = [];
    for (const entry of entries) {
      let header;
      try {
        header = await localHeader(zip, entry);
      } catch (error) {
        return refuse('xlsx.notZip', damaged((error as Error).message), file);
      }
      if (header.fileName.toString('utf8') !== entry.fileName && header.fileName.toString('latin1') !== entry.fileName) {
        refuse('xlsx.inconsistent', damaged(`tên mục ${entry.fileName} khác nhau / entry names differ`), file);
      }
      if (
        header.compressionMethod !== entry.compressionMethod ||
        (!(header.generalPurposeBitFlag & 8) && header.compressedSize !== entry.compressedSize && header.compressedSize !== 0xffffffff)
      ) {
        refuse('xlsx.inconsistent', damaged(`mục ${entry.fileName} khai báo khác nhau / entry ${entry.fileName} is declared twice differently`), file);
      }
      let end = header.fileDataStart + entry.compressedSize;
      if (header.generalPurposeBitFlag & 8) end += bytes.length >= end + 4 && bytes.readUInt32LE(end) === 0x08074b50 ? 16 : 12;
      spans.push({ start: entry.relativeOffsetOfLocalHeader, end, name: entry.fileName });
    }
    spans.sort((a, b) => a.start - b.start);
    let cursor = 0;
    for (const span of spans) {
      if (span.start !== cursor) refuse('xlsx.inconsistent', damaged(`dữ liệu lạ trước mục ${span.name} / unexpected bytes before entry ${span.name}`), file);
      cursor = span.end;
    }
    if (cursor !== directoryStart && !(spans.length === 0 && directoryStart === 0)) {
      refuse('xlsx.inconsistent', damaged('dữ liệu lạ trước danh mục nén / unexpected bytes before the central directory'), file);
    }
    // Actual sizes: yauzl errors when an entry inflates to more or less than declared.
    for (const entry of entries) {
      try {
        const size = await inflatedSize(zip, entry, entry.uncompressedSize);
        if (size !== entry.uncompressedSize) throw new Error(`${entry.fileName}: ${size} ≠ ${entry.uncompressedSize}`);
      } catch (error) {
        if (error instanceof ParError) throw error;
        return refuse('xlsx.zipBomb', damaged(`kích thước giải nén sai / actual size differs: ${(error as Error).message}`), file);
      }
    }
  } finally {
    zip.close();
  }
}
