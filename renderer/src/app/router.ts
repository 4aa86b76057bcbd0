/** Hash routes: they work the same under app://, file-less previews and any static server. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'incidents' } | { name: 'incident'; id: string } | { name: 'notFound' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/incidents') return { name: 'incidents' };
  const match = /^\/incidents\/([^/]+)$/.exec(path);
  if (match) {
    try {
      return { name: 'incident', id: decodeURIComponent(match[1]!) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export function incidentPath(id: string): string {
  return `#/incidents/${encodeURIComponent(id)}`;
}

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
