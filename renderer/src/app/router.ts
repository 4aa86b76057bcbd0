/** Hash routes: they work the same under app://, file-less previews and any static server. */
import { useSyncExternalStore } from 'react';


export type Route =
  | { name: 'incidents' }
  | { name: 'incident'; id: string }
  /** The read-only view a wall screen shows. */
  | { name: 'wall'; id: string }
  | { name: 'notFound' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '/incidents') return { name: 'incidents' };
  const match = /^\/(incidents|wall)\/([^/]+)$/.exec(path);
  if (match) {
    try {
      return { name: match[1] === 'wall' ? 'wall' : 'incident', id: decodeURIComponent(match[2]!) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
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
