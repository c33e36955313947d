/**
 * The browser app, served by the same server: files from web/dist (hashed assets cached for a
 * year, served precompressed with Brotli or gzip), and index.html for any other page path (the app routes in the browser).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function registerWebApp(app: FastifyInstance, folder: string): boolean {
  if (!existsSync(join(folder, 'index.html'))) return false;
  app.register(fastifyStatic, {
    root: folder,
    prefix: '/',
    index: ['index.html'],
    // Brotli and gzip files written beside the assets at build (webBuild.ts), chosen by Accept-Encoding.
    preCompressed: true,
    // Our own cache-control below: the plugin's default (public, max-age=0) would replace it.
    cacheControl: false,
    setHeaders(response, path) {
      response.setHeader('cache-control', cacheControl(folder, path));
      if (path.endsWith('.html')) response.setHeader('content-security-policy', CSP);
    },
  });
  return true;
}

/**
 * Hashed assets for a year; the icons for a day (Chromium asks for the page's icon again at each
 * change of the address, as every sort of the ranking makes: from its cache then, not the
 * network); the page itself, its manifest and its service worker checked at every load.
 */
export function cacheControl(folder: string, path: string): string {
  if (path.startsWith(join(folder, 'assets'))) return 'public, max-age=31536000, immutable';
  if (/[/\\]icon[\w-]*\.(svg|png)(\.br|\.gz)?$/.test(path)) return 'public, max-age=86400';
  return 'no-cache';
}

/** Page paths (not /api, not files) get the app's index.html. */
export function isAppPath(method: string, url: string): boolean {
  return method === 'GET' && !url.startsWith('/api/') && !/\.[a-z0-9]+($|\?)/i.test(url.split('?')[0]!);
}

export const APP_CSP = CSP;
