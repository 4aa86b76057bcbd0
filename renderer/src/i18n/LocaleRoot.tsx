import { Fragment, useEffect, type ReactNode } from 'react';

import { setLocale, useLocale, type Locale } from './locale';

/** The id of the control a switch was made from, to focus its replacement once the screen is remounted. */
let returnFocusTo: string | null = null;

/** Switches language from a control the switch remounts: focus then goes to the new control with the same id. */
export function switchLocaleFrom(locale: Locale, controlId: string): void {
  returnFocusTo = controlId;
  setLocale(locale);
}

/**
 * Remounts what it wraps when the language changes, so every string on screen, memoised rows included,
 * is rendered afresh at once. Work in progress survives: drafts live in the persisted UI store and data in Dexie.
 * Keep services (sync, watchers that remember which alerts they raised) outside it.
 */
export function LocaleRoot({ children }: { children: ReactNode }) {
  const locale = useLocale();

  useEffect(() => {
    const id = returnFocusTo;
    returnFocusTo = null;
    // As a dialog returns focus to its opener, over any field the new screen focused on mount.
    if (id) document.getElementById(id)?.focus();
  }, [locale]);

  return <Fragment key={locale}>{children}</Fragment>;
}
