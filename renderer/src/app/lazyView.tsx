/**
 * Views the console does not need to start (settings, sync, search, the wall, an incident's other
 * views) each come from a file of their own, loaded when first shown. Ten seconds after start, once
 * the browser is idle, every one of them is loaded anyway: a later first visit then waits for nothing.
 */
import { lazy, Suspense, type ComponentType } from 'react';

import type { MessageKey } from '../i18n/en';
import { t } from '../i18n/i18n';

const loaders: (() => Promise<unknown>)[] = [];

export type LazyView<P extends object> = ComponentType<P> & {
  /** Starts fetching the view's file now, for a view about to be shown. */
  preload: () => void;
};

/** `loading`: what shows in its place for the moment its file takes to load. */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>, loading: MessageKey = 'app.loadingView'): LazyView<P> {
  loaders.push(load);
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  const View = function LazyView(props: P) {
    return (
      <Suspense
        fallback={
          <p className="page-status view-loading" role="status">
            {t(loading)}
          </p>
        }
      >
        <Loaded {...props} />
      </Suspense>
    );
  };
  View.preload = () => void load().catch(() => {});
  return View;
}

/**
 * How long after start the remaining views are fetched: well clear of the start's own work (opening the
 * database, a first sync, the search worker's first index), which they would otherwise compete with.
 * A view wanted sooner loads on demand in a moment.
 */
const PRELOAD_AFTER_MS = 10_000;

/** Loads every lazy view's file once the start is over; returns how to cancel it. */
export function preloadViews(): () => void {
  let idle = 0;
  const preload = () => {
    for (const load of loaders) load().catch(() => {});
  };
  const timer = setTimeout(() => {
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(preload, { timeout: 5000 });
    else preload();
  }, PRELOAD_AFTER_MS);
  return () => {
    clearTimeout(timer);
    if (idle) window.cancelIdleCallback(idle);
  };
}
