import { useEffect, useState } from 'react';

import type { AppInfo } from '@shared/platform/bridge';

import { t } from '../i18n/i18n';
import { bridge } from '../platform/bridge';

/** Which build and which shell this console is: the first thing support asks. */
export function AppVersion() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    bridge
      .appInfo()
      .then((value) => live && setInfo(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!info) return null;
  return (
    <span className="app-version">
      {t('app.version', { version: info.version, shell: t(info.shell === 'electron' ? 'app.shellDesktop' : 'app.shellBrowser') })}
    </span>
  );
}
