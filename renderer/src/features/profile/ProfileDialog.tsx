import { useState, type FormEvent } from 'react';

import { LIMITS, cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { setProfileName } from '../../db/queries';
import { t } from '../../i18n/i18n';
import { switchLocaleFrom } from '../../i18n/LocaleRoot';
import { LOCALES, LOCALE_NAMES, getChosenLocale, isLocale, type Locale } from '../../i18n/locale';
import { closeProfile } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { useProfileName } from './useProfile';

export function ProfileDialog() {
  const db = useDatabase();
  const current = useProfileName();
  const [name, setName] = useState<string | null>(null);
  const [language, setLanguage] = useState<Locale>(getChosenLocale);
  const [error, setError] = useState<string | null>(null);
  const value = name ?? current ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanLine(value);
    if (!clean) return setError(t('declare.error.nameRequired'));
    if (clean.length > LIMITS.personName) return setError(t('declare.error.nameTooLong', { max: LIMITS.personName }));
    await setProfileName(db, clean);
    closeProfile();
    // The switch remounts the screen, the button that opened this dialog included: focus returns to its successor.
    if (language !== getChosenLocale()) switchLocaleFrom(language, 'profile-button');
  };

  return (
    <Dialog title={t('profile.dialogTitle')} description={t('profile.nameHint')} onClose={closeProfile}>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('profile.nameLabel')}</span>
          <input
            data-autofocus
            value={value}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'profile-error' : undefined}
            autoComplete="name"
          />
        </label>
        {error && (
          <p id="profile-error" className="field-error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>{t('profile.languageLabel')}</span>
          <select value={language} onChange={(e) => isLocale(e.target.value) && setLanguage(e.target.value)}>
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LOCALE_NAMES[locale]}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="submit" className="button primary">
            {t('profile.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
