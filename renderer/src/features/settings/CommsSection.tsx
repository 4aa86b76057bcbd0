import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

import type { OrganisationSettings, SettingName } from '@shared/domain/catalogues';

import { t } from '../../i18n/i18n';
import { SettingConflict } from './SettingConflict';
import { FORM_ERROR } from './settingsForms';
import type { SettingEditor } from './useSettingEditor';

type Props<S extends SettingName, F> = {
  editor: SettingEditor<S, F>;
  /** The writes the saved value was read from: a save (or a kept version) changes them, which ends editing. */
  heads: readonly string[];
  heading: string;
  inSentence: string;
  intro: string;
  editLabel: string;
  saveLabel: string;
  /** The field Edit moves focus to. */
  firstField: string;
  conflicts: { id: string; value: OrganisationSettings[S] }[] | undefined;
  describe: (value: OrganisationSettings[S]) => ReactNode;
  /** The saved value, read-only. */
  view: ReactNode;
  /** Runs before Save validates, e.g. to show the part of the form the first error is in. */
  beforeSubmit?: () => void;
  children: ReactNode;
};

/**
 * A settings section read first and edited on request: these settings hold
 * secrets (webhook addresses) and long texts that should not sit open in a
 * form on a shared screen. Otherwise it is SettingSection: one form, Save
 * writes one event through the editor, conflicts shown above.
 */
export function CommsSection<S extends SettingName, F>(props: Props<S, F>) {
  const { editor, heads, heading, inSentence, intro, editLabel, saveLabel, firstField, conflicts, describe, view, beforeSubmit, children } = props;
  const headsKey = heads.join(' ');
  // The heads editing began from: once they change with nothing left unsaved (this console saved), editing is over.
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const editing = openedAt !== null && (editor.dirty || editor.busy || openedAt === headsKey);
  const headingId = editor.id('heading');
  const editId = editor.id('edit');
  const fieldErrors = Object.keys(editor.errors).filter((key) => key !== FORM_ERROR).length;
  const sectionError = editor.errors[FORM_ERROR];
  const status = editor.busy ? t('settings.saving') : editor.dirty ? t('settings.unsaved') : editor.justSaved ? t('settings.savedStatus') : '';

  // Opening moves focus into the form; when it closes under the keyboard (saved, cancelled), focus returns to Edit
  // rather than to the top of the page. (The editor's focusSoon only runs when its own component renders.)
  const wasEditing = useRef(editing);
  const firstFieldId = editor.id(firstField);
  useEffect(() => {
    if (!wasEditing.current && editing) document.getElementById(firstFieldId)?.focus();
    if (wasEditing.current && !editing && (document.activeElement === document.body || document.activeElement === null)) {
      document.getElementById(editId)?.focus();
    }
    wasEditing.current = editing;
  }, [editing, editId, firstFieldId]);

  const open = () => setOpenedAt(headsKey);
  const close = () => {
    editor.discard();
    setOpenedAt(null);
  };
  const submit = (event: FormEvent) => {
    beforeSubmit?.();
    void editor.submit(event);
  };

  return (
    <section className="settings-section" id={`settings-${editor.setting}`} aria-labelledby={headingId}>
      <header className="settings-section-header">
        <h2 id={headingId} tabIndex={-1}>
          {heading}
        </h2>
        <p className="settings-intro">{intro}</p>
      </header>
      {conflicts && conflicts.length > 1 && (
        <SettingConflict section={inSentence} versions={conflicts} describe={describe} busy={editor.busy} onKeep={editor.keep} />
      )}
      {!editing ? (
        <>
          <div className="settings-view">{view}</div>
          <div className="settings-actions">
            <button type="button" id={editId} className="button" onClick={open} disabled={editor.busy}>
              {editLabel}
            </button>
            <span className="settings-status" role="status">
              {status}
            </span>
          </div>
        </>
      ) : (
        <>
          {editor.changedElsewhere && <p className="settings-note">{t('settings.changedElsewhere')}</p>}
          <form noValidate onSubmit={submit}>
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
              <button type="button" className="button" onClick={close} disabled={editor.busy}>
                {editor.dirty ? t('settings.discard') : t('settings.view.close')}
              </button>
              <span className="settings-status" role="status">
                {status}
              </span>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
