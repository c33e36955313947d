/**
 * The file `parindex backup` writes: the database's own dump and the evidence files, one after
 * the other in a simple container read back in place (nothing held whole in memory):
 *   "PARINDEX-BACKUP 1\n", then per entry: name length (uint32 BE), name (UTF-8), size (uint64 BE), bytes.
 * Entries: `database` (PGlite's gzipped folder or pg_dump's custom format) and `evidence/<sha256>`.
 */
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

export const ARCHIVE_MAGIC = 'PARINDEX-BACKUP 1\n';
const CHUNK = 1 << 20;

export interface ArchiveEntry {
  name: string;
  offset: number;
  size: number;
}

/** Writes `parts` (a name and the file holding its bytes) into a new container at `path`. */
export function writeArchive(path: string, parts: { name: string; file: string }[]): void {
  const out = openSync(path, 'wx');
  try {
    writeSync(out, ARCHIVE_MAGIC);
    const buffer = Buffer.alloc(CHUNK);
    for (const part of parts) {
      const name = Buffer.from(part.name, 'utf8');
      const input = openSync(part.file, 'r');
      try {
        const size = fstatSync(input).size;
        const header = Buffer.alloc(4 + name.length + 8);
        header.writeUInt32BE(name.length, 0);
        name.copy(header, 4);
        header.writeBigUInt64BE(BigInt(size), 4 + name.length);
        writeSync(out, header);
        for (let done = 0; done < size; ) {
          const read = readSync(input, buffer, 0, Math.min(CHUNK, size - done), done);
          if (read === 0) throw new Error(`${part.file} shrank while it was backed up`);
          writeSync(out, buffer, 0, read);
          done += read;
        }
      } finally {
        closeSync(input);
      }
    }
  } finally {
    closeSync(out);
  }
}

/** The entries of a container, or undefined when `path` is not one (an older backup: the dump alone). */
export function readArchive(path: string): ArchiveEntry[] | undefined {
  const fd = openSync(path, 'r');
  try {
    const magic = Buffer.alloc(ARCHIVE_MAGIC.length);
    if (readSync(fd, magic, 0, magic.length, 0) !== magic.length || magic.toString('utf8') !== ARCHIVE_MAGIC) return undefined;
    const total = fstatSync(fd).size;
    const entries: ArchiveEntry[] = [];
    let at = magic.length;
    const word = Buffer.alloc(8);
    while (at < total) {
      if (readSync(fd, word, 0, 4, at) !== 4) throw new Error('truncated backup');
      const nameLength = word.readUInt32BE(0);
      const name = Buffer.alloc(nameLength);
      if (readSync(fd, name, 0, nameLength, at + 4) !== nameLength || readSync(fd, word, 0, 8, at + 4 + nameLength) !== 8) throw new Error('truncated backup');
      const size = Number(word.readBigUInt64BE(0));
      const offset = at + 4 + nameLength + 8;
      if (offset + size > total) throw new Error('truncated backup');
      entries.push({ name: name.toString('utf8'), offset, size });
      at = offset + size;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

/** One entry's bytes (an evidence file, or the database dump when it is read whole). */
export function entryBytes(path: string, entry: ArchiveEntry): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(entry.size);
    for (let done = 0; done < entry.size; ) {
      const read = readSync(fd, bytes, done, entry.size - done, entry.offset + done);
      if (read === 0) throw new Error('truncated backup');
      done += read;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** One entry copied into a new file at `to` (the database dump that pg_restore reads). */
export function extractEntry(path: string, entry: ArchiveEntry, to: string): void {
  const fd = openSync(path, 'r');
  const out = openSync(to, 'wx');
  try {
    const buffer = Buffer.alloc(CHUNK);
    for (let done = 0; done < entry.size; ) {
      const read = readSync(fd, buffer, 0, Math.min(CHUNK, entry.size - done), entry.offset + done);
      if (read === 0) throw new Error('truncated backup');
      writeSync(out, buffer, 0, read);
      done += read;
    }
  } finally {
    closeSync(fd);
    closeSync(out);
  }
}
