import type { ReactNode } from 'react';

import type { OrganisationSettings, SettingName } from '@shared/domain/catalogues';

import { t } from '../../i18n/i18n';
import { SettingConflict } from './SettingConflict';
import { FORM_ERROR } from './settingsForms';
import type { SettingEditor } from './useSettingEditor';

type Props<S extends SettingName, F> = {
  editor: SettingEditor<S, F>;
  heading: string;
  /** The section's name inside a sentence ("the priority matrix"). */
  inSentence: string;
  intro: string;
  saveLabel: string;
  conflicts: { id: string; value: OrganisationSettings[S] }[] | undefined;
  /** A version of the setting in brief, for choosing between conflicting ones. */
  describe: (value: OrganisationSettings[S]) => ReactNode;
  children: ReactNode;
};

/** A settings section: heading, explanation, any conflict, and its own form with Save and Discard. */
export function SettingSection<S extends SettingName, F>({ editor, heading, inSentence, intro, saveLabel, conflicts, describe, children }: Props<S, F>) {
  const headingId = editor.id('heading');
  const fieldErrors = Object.keys(editor.errors).filter((key) => key !== FORM_ERROR).length;
  const sectionError = editor.errors[FORM_ERROR];
  const status = editor.busy ? t('settings.saving') : editor.dirty ? t('settings.unsaved') : editor.justSaved ? t('settings.savedStatus') : '';

  return (
    <section className="settings-section" id={`settings-${editor.setting}`} aria-labelledby={headingId}>
      <header className="settings-section-header">
        <h2 id={headingId} tabIndex={-1}>{heading}</h2>
        <p className="settings-intro">{intro}</p>
      </header>
      {conflicts && conflicts.length > 1 && (
        <SettingConflict section={inSentence} versions={conflicts} describe={describe} busy={editor.busy} onKeep={editor.keep} />
      )}
      {editor.changedElsewhere && <p className="settings-note">{t('settings.changedElsewhere')}</p>}
      <form noValidate onSubmit={editor.submit}>
        {children}
        {(fieldErrors > 0 || sectionError || editor.failure) && (
          <div id={editor.id(FORM_ERROR)} className="settings-problem" role="alert" tabIndex={-1}>
            {fieldErrors > 0 && <p>{fieldErrors === 1 ? t('settings.fixOne') : t('settings.fixMany', { count: fieldErrors })}</p>}
            {sectionError && <p>{sectionError}</p>}
            {editor.failure && <p>{editor.failure}</p>}
          </div>
        )}
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={!editor.dirty || editor.busy}>
            {saveLabel}
          </button>
          <button type="button" className="button" onClick={editor.discard} disabled={!editor.dirty || editor.busy}>
            {t('settings.discard')}
          </button>
          <span className="settings-status" role="status">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
