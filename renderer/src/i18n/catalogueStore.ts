/**
 * The catalogues this window holds. English is built in; another language's messages and date words
 * come from a file of their own, loaded the first time the screen or a message is written in it (or
 * the palette offers that language in itself), not with every start.
 */
import type { Locale as DateLocale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { useEffect, useSyncExternalStore } from 'react';

import { en, type Catalogue } from './en';
import type { Locale } from './locale';

export type LoadedCatalogue = { messages: Partial<Catalogue>; dates: DateLocale };

const loaders: Record<Exclude<Locale, 'en'>, () => Promise<LoadedCatalogue>> = {
  da: async () => {
    const [{ da }, { da: dates }] = await Promise.all([import('./da'), import('date-fns/locale/da')]);
    return { messages: da, dates };
  },
};

const held = new Map<Locale, LoadedCatalogue>([['en', { messages: en, dates: enGB }]]);
const pending = new Map<Locale, Promise<void>>();
/** Languages whose last load failed: a view waiting on one says so, and offers to try again. */
const failed = new Set<Locale>();
const listeners = new Set<() => void>();
/** Grows with every catalogue that arrives or fails to: what `useCatalogues` watches. */
let changes = 0;

function changed(): void {
  changes += 1;
  for (const listener of listeners) listener();
}

/** The catalogue of `locale` if it is held; `undefined` while it has not been loaded (or for a language this build does not speak). */
export function heldCatalogue(locale: Locale): LoadedCatalogue | undefined {
  return held.get(locale);
}

export function isCatalogueHeld(locale: Locale): boolean {
  return held.has(locale);
}

/**
 * Loads the catalogue of `locale` once; every caller waits on the same load. A failed load (a file
 * missing from a damaged install, or replaced by a newer version while this window stayed open)
 * rejects, and the next call tries again.
 */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (held.has(locale)) return Promise.resolve();
  const loader = Object.hasOwn(loaders, locale) ? loaders[locale as Exclude<Locale, 'en'>] : undefined;
  if (!loader) return Promise.reject(new Error(`No catalogue for the language "${String(locale)}"`));
  let load = pending.get(locale);
  if (!load) {
    failed.delete(locale);
    load = loader()
      .then(
        (catalogue) => {
          held.set(locale, catalogue);
          changed();
        },
        (error: unknown) => {
          // Said here, once a load: every caller waiting on it learns of it from the rejection.
          console.error(`Could not load the ${locale} catalogue`, error);
          failed.add(locale);
          changed();
          throw error;
        },
      )
      .finally(() => pending.delete(locale));
    pending.set(locale, load);
  }
  return load;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts loading each; a failure shows through `failed` (and was logged by `loadCatalogue`). */
function loadEach(locales: readonly Locale[]): void {
  for (const locale of locales) loadCatalogue(locale).catch(() => {});
}

export type CatalogueState = 'ready' | 'loading' | 'failed';

/**
 * Whether every one of `locales` is held, loading those that are not: for a view that writes in a
 * language other than the screen's (a message for a Danish audience on an English console).
 * `retry` loads a failed one again.
 */
export function useCatalogues(locales: readonly Locale[]): { state: CatalogueState; retry: () => void } {
  useSyncExternalStore(subscribe, () => changes);
  const missing = locales.filter((locale) => !held.has(locale));
  const key = missing.join(',');
  useEffect(() => {
    // A failed one waits for `retry`: the view says it failed rather than trying again at every render.
    loadEach((key ? (key.split(',') as Locale[]) : []).filter((locale) => !failed.has(locale)));
  }, [key]);
  const retry = () => loadEach(missing);
  const state: CatalogueState = missing.length === 0 ? 'ready' : missing.some((locale) => failed.has(locale)) ? 'failed' : 'loading';
  return { state, retry };
}
