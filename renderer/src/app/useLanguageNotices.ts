import { useEffect } from 'react';

import type { WarroomBridge } from '@shared/platform/bridge';

import { notify } from '../features/notices/noticeStore';
import { t } from '../i18n/i18n';
import { LOCALE_NAMES, onLocaleUnavailable } from '../i18n/locale';

/** Says so when a language chosen could not be loaded: the screen stays in the one it speaks, and a reload fetches it afresh. */
export function useLanguageNotices(platform: WarroomBridge): void {
  useEffect(
    () =>
      onLocaleUnavailable((locale) => {
        void notify(platform, { tone: 'error', key: 'language', title: t('app.languageUnavailable', { language: LOCALE_NAMES[locale] }), detail: t('app.languageUnavailableHint') });
      }),
    [platform],
  );
}
