/** The server's JSON API: one fetch wrapper that sends the CSRF token and turns errors into ApiError. */
import type { ErrorIssue } from '../../src/server/responses.ts';

/** An issue of an error answer: code, field, criterion (`node`), unit, file (`in`), the cell of an imported sheet, message. */
export type ApiIssue = ErrorIssue;

export class ApiError extends Error {
  readonly status: number;
  readonly issues: ApiIssue[];
  readonly body: any;
  constructor(status: number, body: any) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.issues = body?.error?.issues ?? [];
  }
  /** What went wrong, in the reader's language, without the technical field paths. */
  text(locale: 'vi' | 'en'): string {
    return this.issues.map((i) => i.message[locale]).join(' · ') || this.message;
  }
  /** The message of the issue concerning `field`, for showing next to it. */
  fieldMessage(field: string, locale: 'vi' | 'en'): string | undefined {
    return this.issues.find((i) => i.field === field || i.field?.endsWith(`.${field}`))?.message[locale];
  }
}

let csrfToken: string | undefined;
export const setCsrfToken = (token: string | undefined) => (csrfToken = token);
let language: 'vi' | 'en' = 'vi';
export const setApiLanguage = (l: 'vi' | 'en') => (language = l);

export async function api<T = any>(method: string, path: string, body?: unknown, raw?: { type: string; data: BodyInit }): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': language };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (raw) {
    headers['content-type'] = raw.type;
    payload = raw.data;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, data);
  return data as T;
}

/**
 * A file from the API (a template, an export) as a download. A refusal (a year without
 * results, a plan that does not exist) is an ApiError like any other, so the screen can say
 * it next to the link instead of the browser saving or showing the error's JSON.
 */
export async function apiFile(path: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(path, { headers: { 'accept-language': language }, credentials: 'same-origin' });
  if (!response.ok) {
    const type = response.headers.get('content-type') ?? '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : await response.text());
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? path.split('?')[0]!.split('/').pop()!;
  return { blob: await response.blob(), name };
}

/**
 * A file sent with its progress (`onProgress(0…1)`) and a way to cancel it (`signal`): what fetch
 * cannot report. On a slow line (a 3 MB PDF in half a minute) the row shows how far it is and can
 * stop; a refusal is an ApiError like any other, a cancel an AbortError.
 */
export function uploadWithProgress<T = any>(path: string, file: Blob, type: string, onProgress: (share: number) => void, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('accept-language', language);
    request.setRequestHeader('content-type', type);
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const json = (request.getResponseHeader('content-type') ?? '').includes('json');
      let data: unknown = request.responseText;
      try {
        if (json) data = JSON.parse(request.responseText);
      } catch {
        // Not JSON after all: the text is the message.
      }
      if (request.status >= 200 && request.status < 300) resolve(data as T);
      else reject(new ApiError(request.status, data));
    };
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(file);
  });
}
