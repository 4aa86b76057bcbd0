/**
 * The language this window speaks. Chosen at start from the URL, then the saved choice, then the
 * browser's languages; a switch is saved and reaches the console's other windows through storage.
 */
import { useSyncExternalStore } from 'react';

import { isCatalogueHeld, loadCatalogue } from './catalogueStore';

export const LOCALES = ['en', 'da'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself: the picker must stay readable to someone who cannot read the current screen. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', da: 'Dansk' };

export const LOCALE_STORAGE_KEY = 'warroom.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The `lang` query parameter of a hash route ("#/wall/abc?lang=da"), if it names a language the console speaks. */
export function localeFromHash(hash: string): Locale | null {
  const query = hash.indexOf('?');
  if (query < 0) return null;
  const lang = new URLSearchParams(hash.slice(query + 1)).get('lang');
  return isLocale(lang) ? lang : null;
}

/** The first of the browser's preferred languages the console speaks: "da-DK" is Danish, Norwegian or Swedish is not. */
export function localeFromLanguages(languages: readonly string[]): Locale | null {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

type Environment = { hash: string; stored: string | null; languages: readonly string[] };

/** A window opened for a language (a wall by URL) keeps it; otherwise the saved choice, then the browser's. */
export function chooseLocale({ hash, stored, languages }: Environment): { locale: Locale; fromUrl: boolean } {
  const fromUrl = localeFromHash(hash);
  if (fromUrl) return { locale: fromUrl, fromUrl: true };
  return { locale: (isLocale(stored) ? stored : null) ?? localeFromLanguages(languages) ?? DEFAULT_LOCALE, fromUrl: false };
}

function readStored(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null; // storage refused (privacy settings): the browser's languages still decide
  }
}

function readEnvironment(): Environment {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return { hash: window.location.hash, stored: readStored(), languages };
}

let current: Locale = DEFAULT_LOCALE;
/** The language asked for last: its catalogue may still be on its way, and an earlier choice's arriving later must not win. */
let wanted: Locale = DEFAULT_LOCALE;
/** Set while the URL asked for a language: switches made in other windows then leave this one alone. */
let pinnedByUrl = false;
const listeners = new Set<() => void>();
const unavailableListeners = new Set<(locale: Locale) => void>();

/** Told of a language that was chosen but whose catalogue could not be loaded (the screen stays as it was). */
export function onLocaleUnavailable(listener: (locale: Locale) => void): () => void {
  unavailableListeners.add(listener);
  return () => unavailableListeners.delete(listener);
}

function show(locale: Locale): void {
  document.documentElement.lang = locale;
  if (locale === current) return;
  current = locale;
  for (const listener of listeners) listener();
}

/** Settles once the language asked for last is on screen, or could not be loaded. */
let settled: Promise<void> = Promise.resolve();

/** Switches at once when the language's catalogue is held; otherwise once it has arrived, unless another choice came meanwhile. */
function apply(locale: Locale): void {
  wanted = locale;
  if (isCatalogueHeld(locale)) {
    show(locale);
    settled = Promise.resolve();
    return;
  }
  settled = loadCatalogue(locale).then(
    () => {
      if (wanted === locale) show(locale);
    },
    () => {
      // The screen stays in the language it speaks, which is readable; the next choice tries the load again.
      if (wanted !== locale) return;
      wanted = current;
      for (const listener of unavailableListeners) listener(locale);
    },
  );
}

export function getLocale(): Locale {
  return current;
}

/** The language asked for last: the one on screen, or one whose catalogue is on its way. A switch compares against this. */
export function getChosenLocale(): Locale {
  return wanted;
}

/** Switches this window's language, saves the choice and, through storage, switches the console's other windows. */
export function setLocale(locale: Locale): void {
  if (!isLocale(locale)) return;
  pinnedByUrl = false;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not saved: this window still switches.
  }
  apply(locale);
}

/** Chooses the language afresh from the URL, the saved choice and the browser, as at start. */
export function initLocale(): void {
  const chosen = chooseLocale(readEnvironment());
  pinnedByUrl = chosen.fromUrl;
  apply(chosen.locale);
}

/**
 * Settles once the screen speaks the language asked for last (or its catalogue could not be loaded):
 * the console renders its first screen after it.
 */
export function localeReady(): Promise<void> {
  return settled;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale);
}

if (typeof window !== 'undefined') {
  initLocale();
  // Another window (a wall, another tab) saved a new choice.
  window.addEventListener('storage', (event) => {
    if (event.key !== LOCALE_STORAGE_KEY || pinnedByUrl) return;
    if (isLocale(event.newValue)) apply(event.newValue);
  });
  window.addEventListener('hashchange', () => {
    const fromUrl = localeFromHash(window.location.hash);
    if (!fromUrl) return;
    pinnedByUrl = true;
    apply(fromUrl);
  });
}
