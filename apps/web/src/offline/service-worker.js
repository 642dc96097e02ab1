/* CountyCare service worker: keeps the app shell (never health data) so the app opens without a network.
 * Built by apps/web/vite.config.mts, which fills in the files of the build and its version. */
const SHELL_FILES = self.__SHELL_FILES__;
const CACHE = `countycare-shell-${self.__SHELL_VERSION__}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('countycare-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API's answers carry personal data and are never kept here (the app keeps what it needs, and wipes it at sign-out).
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/docs')) return;
  if (request.mode === 'navigate') {
    // The cached shell at once (a GP's network is slow); a new release installs a new worker, which replaces it.
    event.respondWith(caches.open(CACHE).then((cache) => cache.match('/')).then((hit) => hit || fetch(request)));
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(url.pathname).then((hit) => hit || fetch(request))));
  }
});
