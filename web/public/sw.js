/*
 * The installable app's service worker (registered by web/src/offline.ts for the officers who
 * fill a self-assessment): the app shell (index.html, the hashed assets) comes from its cache
 * when the line is down, and the API's JSON answers last read are there to show the screen
 * again offline. Writes are never answered here: an edit made offline waits in the page's own
 * queue (web/src/components/offlineQueue.ts) until the line returns.
 */
const SHELL = 'shell-v1';
const API = 'api-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(['/', '/manifest.webmanifest', '/icon.svg']))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL && n !== API).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The page names the files it loaded before this worker controlled it (the first visit): kept too.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'keep') event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(data.urls.filter((u) => u.startsWith('/assets/')))));
  // Signing out: nobody else on this computer reads the last user's answers.
  if (data.type === 'forget') event.waitUntil(caches.delete(API));
});

/** The network first, the copy kept when it cannot be reached. */
async function networkFirst(request, cacheName, key) {
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') || '';
    if (response.ok && (cacheName === SHELL || type.includes('json'))) {
      const copy = response.clone();
      caches.open(cacheName).then((cache) => cache.put(key || request, copy));
    }
    return response;
  } catch (error) {
    const kept = await caches.match(key || request);
    if (kept) return kept;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') return event.respondWith(networkFirst(request, SHELL, '/'));
  if (url.pathname.startsWith('/assets/')) {
    return event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
  // The API's JSON (not files: evidence, exports): what the screens need to show again offline.
  if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/evidence/') && !url.searchParams.has('format')) {
    return event.respondWith(networkFirst(request, API));
  }
});
