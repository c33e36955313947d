/**
 * Every error leaves the server in one shape: `{ error: { code, message, issues[] } }` with the
 * message in the client's language and each issue naming its field (and criterion) in both
 * languages; a conflict also carries the current value.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ParError, describeIssue, formatMegabytes, type Issue, type Message } from '../core/index.ts';
import { statusOfCode } from '../core/errorCodes.ts';
import { ConflictError } from '../store/index.ts';
import { actorOf } from './auth.ts';
import { localeOf } from './locale.ts';

/** The status of an error: its code's, from the one registry of codes (core/errorCodes.ts). */
export function statusOf(error: ParError): number {
  if (error instanceof ConflictError) return 409;
  return statusOfCode(error.code);
}

const HTTP_MESSAGES: Record<number, Message> = {
  400: { vi: 'yêu cầu không hợp lệ', en: 'bad request' },
  404: { vi: 'không tìm thấy', en: 'not found' },
  415: { vi: 'kiểu nội dung không được hỗ trợ', en: 'unsupported content type' },
  429: { vi: 'quá nhiều yêu cầu', en: 'too many requests' },
  500: { vi: 'lỗi máy chủ', en: 'server error' },
};

const MIB = 1024 * 1024;

/**
 * Fastify refuses a body above the route's limit before any handler runs, in English and
 * without the limit: say which limit, in the reader's language. A data document (JSON, YAML)
 * is "the content sent"; anything else (an Excel/CSV import, an evidence file) is a file.
 */
function tooLarge(request: FastifyRequest): Issue {
  const limit = request.routeOptions?.bodyLimit ?? MIB;
  const type = String(request.headers['content-type'] ?? '');
  const vi = formatMegabytes(limit, { of: 'limit', locale: 'vi' });
  const en = formatMegabytes(limit, { of: 'limit', locale: 'en' });
  if (/json|yaml/i.test(type) || type === '') {
    return {
      code: 'http.413',
      field: 'body',
      message: { vi: `nội dung gửi lên lớn hơn giới hạn ${vi} MB`, en: `the request body is larger than the limit of ${en} MB` },
    };
  }
  return {
    code: 'http.413',
    field: 'file',
    message: {
      vi: `tệp lớn hơn giới hạn ${vi} MB: hãy gửi tệp nhỏ hơn hoặc tách tệp`,
      en: `the file is larger than the limit of ${en} MB: send a smaller file or split it`,
    },
  };
}

export function errorBody(issues: Issue[], locale: 'vi' | 'en', extra: Record<string, unknown> = {}) {
  return {
    error: {
      code: issues[0]!.code,
      message: issues.map((i) => describeIssue(i, locale)).join('\n'),
      issues: issues.map(({ code, field, node, unit, file, cell, message }) => ({
        code,
        ...(field && { field }),
        ...(node && { node }),
        ...(unit && { unit }),
        ...(file && { in: file }),
        ...(cell && { cell }),
        message,
      })),
      ...extra,
    },
  };
}

export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeOf(request);
  if (error instanceof ParError) {
    const extra = error instanceof ConflictError ? { current: error.current } : {};
    const status = statusOf(error);
    // Somebody not logged in is told to log in, not that they may not.
    if (status === 403 && actorOf(request).role === 'public' && error.code !== 'auth.forbidden.csrf') {
      return reply.code(401).send(errorBody([{ code: 'auth.required', message: { vi: 'cần đăng nhập', en: 'login required' } }, ...error.issues], locale));
    }
    return reply.code(status).send(errorBody(error.issues, locale, extra));
  }
  const status = (error as FastifyError).statusCode;
  if (status === 413) return reply.code(413).send(errorBody([tooLarge(request)], locale));
  if (status && status >= 400 && status < 500) {
    const known = HTTP_MESSAGES[status] ?? HTTP_MESSAGES[400]!;
    const detail = (error as Error).message;
    // Fastify's own messages (malformed JSON) are English: keep them as detail.
    return reply.code(status).send(errorBody([{ code: `http.${status}`, message: { vi: `${known.vi}: ${detail}`, en: `${known.en}: ${detail}` } }], locale));
  }
  request.log.error(error);
  return reply.code(500).send(errorBody([{ code: 'http.500', message: HTTP_MESSAGES[500]! }], locale));
}
