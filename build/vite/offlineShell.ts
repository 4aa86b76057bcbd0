/**
 * Emits `sw.js`, a service worker that keeps the built console itself
 * available offline in a browser (wall screens, `npm run web`): every file of
 * the build is cached on install, and served cache-first. Data never goes
 * through it; that lives in IndexedDB.
 */
import type { Plugin } from 'vite';

export function offlineShell(): Plugin {
  return {
    name: 'warroom-offline-shell',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith('.map'))
        .sort();
      // index.html (as ./) and public/ files are not in the bundle but belong to the shell.
      const source = serviceWorkerSource(['./', './icon.svg', ...files.map((f) => `./${f}`)], hash(files.join('|')));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

function serviceWorkerSource(files: string[], version: string): string {
  return `// Generated at build time: caches the console's own files for offline use.
const CACHE = 'warroom-shell-${version}';
const FILES = ${JSON.stringify(files)};
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('warroom-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const key = request.mode === 'navigate' ? './' : request;
  event.respondWith(caches.match(key, { ignoreSearch: request.mode === 'navigate', ignoreVary: true }).then((hit) => hit || fetch(request)));
});
`;
}
