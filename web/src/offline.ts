/**
 * The installable app (web/public/manifest.webmanifest, web/public/sw.js): the service worker is
 * registered for the people who fill a self-assessment, so that a commune officer on a failing
 * line keeps the screen and keeps typing (edits wait in components/offlineQueue.ts). It is not
 * registered for readers of the public pages: their requests stay plain.
 */
const supported = () =>
  'serviceWorker' in navigator && (location.protocol === 'https:' || location.hostname === 'localhost' || location.hostname === '127.0.0.1');

/** The files this page loaded before the worker controlled it (the first visit), for it to keep. */
function keepLoaded(worker: ServiceWorker | null | undefined) {
  const urls = performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
    .map((u) => u.pathname);
  worker?.postMessage({ type: 'keep', urls: [...new Set(urls)] });
}

export function installOffline(role: string | undefined): void {
  if (!supported() || role !== 'unitEditor') return;
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      keepLoaded(registration.active);
      // A screen's code loads when first opened: kept as the officer moves between screens.
      addEventListener('hashchange', () => setTimeout(() => keepLoaded(registration.active), 2000));
    })
    .catch(() => undefined);
}

/** Signing out: the worker forgets the answers it kept for this user. */
export function forgetOffline(): void {
  if (supported()) navigator.serviceWorker.controller?.postMessage({ type: 'forget' });
}
