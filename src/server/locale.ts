import type { FastifyRequest } from 'fastify';
import type { Locale } from '../core/index.ts';

/** Vietnamese unless the client asks for English (`?lang=en` or `Accept-Language: en…`). */
export function localeOf(request: FastifyRequest): Locale {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang;
  if (asked === 'en' || asked === 'vi') return asked;
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'vi';
}
