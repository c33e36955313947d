/**
 * What an uploaded file really is, from its bytes (never from its name): PDF, PNG, JPEG,
 * WebP, DOCX or XLSX. Office files are zip archives told apart by their entries.
 */
import { zipNames } from '../io/xlsx/zip.ts';

export interface FileType {
  mime: string;
  extension: string;
}

export const ACCEPTED = {
  pdf: { mime: 'application/pdf', extension: 'pdf' },
  png: { mime: 'image/png', extension: 'png' },
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  webp: { mime: 'image/webp', extension: 'webp' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const satisfies Record<string, FileType>;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);

export async function detectFileType(bytes: Uint8Array): Promise<FileType | undefined> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ACCEPTED.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ACCEPTED.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ACCEPTED.jpeg;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return ACCEPTED.webp;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipNames(bytes);
    if (!names.includes('[Content_Types].xml')) return undefined;
    if (names.some((n) => n.startsWith('word/'))) return ACCEPTED.docx;
    if (names.some((n) => n.startsWith('xl/'))) return ACCEPTED.xlsx;
  }
  return undefined;
}

/**
 * A name safe to store and to offer on download: the last path segment, without control or
 * reserved characters, at most 150 characters, with the extension of the real type.
 */
export function safeFileName(name: string, type: FileType): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .replace(/\.[^.]*$/, '')
    .slice(0, 150);
  return `${cleaned || 'tai-lieu'}.${type.extension}`;
}
