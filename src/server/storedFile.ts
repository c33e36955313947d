/** A stored upload (evidence, an official document's file) sent back for download, safely. */
import type { FastifyReply } from 'fastify';

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file as an attachment under its own name and type, never sniffed or run by the browser. */
export function sendStoredFile(reply: FastifyReply, record: { name: string; type: string }, bytes: Uint8Array): FastifyReply {
  reply
    .header('content-disposition', contentDisposition(record.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  return reply.type(record.type).send(bytes);
}
