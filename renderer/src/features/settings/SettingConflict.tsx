import { useId, type ReactNode } from 'react';

import { t } from '../../i18n/i18n';

type Props<V> = {
  section: string;
  versions: { id: string; value: V }[];
  describe: (value: V) => ReactNode;
  busy: boolean;
  onKeep: (value: V, n: number) => void;
};

/** Two consoles changed a setting at once: every live version is shown, and keeping one replaces them all. */
export function SettingConflict<V>({ section, versions, describe, busy, onKeep }: Props<V>) {
  const baseId = useId();
  return (
    <div className="conflict-banner settings-conflict" role="alert">
      <p>
        <strong>{t('settings.conflict.banner', { section, count: versions.length })}</strong>
      </p>
      <div className="settings-conflict-versions">
        {versions.map(({ id, value }, index) => {
          const labelId = `${baseId}-${index}`;
          return (
            <div key={id} className="settings-conflict-version" role="group" aria-labelledby={labelId}>
              <h3 id={labelId}>
                {t('settings.conflict.version', { n: index + 1, count: versions.length })}
                {index === 0 && <span className="settings-conflict-note"> · {t('settings.conflict.inForm')}</span>}
              </h3>
              <div className="settings-conflict-value">{describe(value)}</div>
              <button type="button" className="button small" disabled={busy} onClick={() => onKeep(value, index + 1)}>
                {t('settings.conflict.keep')}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
