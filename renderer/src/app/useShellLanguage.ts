import { useEffect } from 'react';

import { useLocale } from '../i18n/locale';
import { usePlatform } from '../platform/PlatformContext';

/**
 * Tells the shell the console's language at start and on every switch, so the native menu and
 * dialogs speak it too. Walls stay silent: the shell refuses them, and the menu is the console's.
 */
export function useShellLanguage(enabled: boolean): void {
  const locale = useLocale();
  const platform = usePlatform();

  useEffect(() => {
    if (!enabled) return;
    // A menu left in the other language is no reason to disturb the operator, even when the shell
    // is one from before it could switch (no such method): async, so that throws into the catch too.
    (async () => platform.setLanguage(locale))().catch((error: unknown) => console.error('Could not tell the shell the console language', error));
  }, [platform, locale, enabled]);
}
