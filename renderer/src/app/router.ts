/** Hash routes: they work the same under app://, file-less previews and any static server. */
import { useSyncExternalStore } from 'react';

import { incidentRoute } from '@shared/platform/routes';

/** The incident page's views; the entry box stays on every one of them. */
export const INCIDENT_VIEWS = ['timeline', 'hypotheses', 'people', 'comms', 'review', 'checklists'] as const;
export type IncidentView = (typeof INCIDENT_VIEWS)[number];

export type Route =
  | { name: 'incidents' }
  /** `query` holds the view's options (the timeline's filter). */
  | { name: 'incident'; id: string; view: IncidentView; query: string }
  | { name: 'settings' }
  | { name: 'sync' }
  /** "Has this happened before?": `query` holds the search words and filters. */
  | { name: 'search'; query: string }
  /** The metrics dashboard; `query` holds its filters. */
  | { name: 'metrics'; query: string }
  /** Action items across every incident. */
  | { name: 'actions' }
  /** The alert inbox: alert groups from monitoring. */
  | { name: 'alerts' }
  /** Who is on call, now or at a time asked for. */
  | { name: 'oncall' }
  /** The read-only view a wall screen shows: one incident, or (id null) every open incident. `query` holds its options. */
  | { name: 'wall'; id: string | null; query: string }
  | { name: 'notFound' };

export function parseRoute(hash: string): Route {
  // A query ("#/wall/abc?lang=da") sets options for the window, not the page: the route is the path before it.
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath || '/';
  if (path === '/' || path === '/incidents') return { name: 'incidents' };
  if (path === '/wall') return { name: 'wall', id: null, query };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/sync') return { name: 'sync' };
  if (path === '/search') return { name: 'search', query };
  if (path === '/metrics') return { name: 'metrics', query };
  if (path === '/actions') return { name: 'actions' };
  if (path === '/alerts') return { name: 'alerts' };
  if (path === '/oncall') return { name: 'oncall' };
  const match = /^\/(incidents|wall)\/([^/]+)(?:\/(hypotheses|people|comms|review|checklists))?$/.exec(path);
  if (match) {
    let id: string;
    try {
      id = decodeURIComponent(match[2]!);
    } catch {
      return { name: 'notFound' };
    }
    if (match[1] === 'wall') return match[3] ? { name: 'notFound' } : { name: 'wall', id, query };
    return { name: 'incident', id, view: (match[3] as IncidentView | undefined) ?? 'timeline', query };
  }
  return { name: 'notFound' };
}

/** The addresses of the console's pages: every link and `navigate` call builds them here. */
export const ROUTES = {
  incidents: '#/',
  settings: '#/settings',
  sync: '#/sync',
  search: '#/search',
  metrics: '#/metrics',
  actions: '#/actions',
  alerts: '#/alerts',
  oncall: '#/oncall',
} as const;

export function incidentViewRoute(id: string, view: IncidentView): string {
  const base = incidentRoute(id);
  return view === 'timeline' ? base : `${base}/${view}`;
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
