/**
 * One settings section's editing state: the form (the saved value until
 * someone edits), its errors, saving through the event store, and keeping one
 * version of a conflict.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';

import type { OrganisationSettings, SettingName } from '@shared/domain/catalogues';

import { useDatabase } from '../../app/DatabaseContext';
import { InvalidEventError } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { openProfile } from '../../state/uiStore';
import { notify } from '../notices/noticeStore';
import { FORM_ERROR, type FieldErrors, type Validated } from './settingsForms';

/** The element id of a section's field; `key` is the field's error key. */
export const fieldId = (setting: SettingName, key: string) => `settings-${setting}-${key}`;

type Options<S extends SettingName, F> = {
  setting: S;
  section: string;
  saved: OrganisationSettings[S];
  /** The writes `saved` was read from (`OrganisationView.heads`): what an edit starting now replaces. */
  heads: readonly string[];
  actor: string | undefined;
  toForm: (value: OrganisationSettings[S]) => F;
  validate: (form: F) => Validated<OrganisationSettings[S]>;
};

/**
 * dirty: edited since the form was last saved or discarded; base: the saved
 * value it started from; replaces: the writes that value was read from, which
 * saving names as replaced (so a change that arrived meanwhile becomes a
 * conflict, not a silent loss). After a save, replaces is the new write until
 * it shows in `heads`.
 */
type Edit<F> = { form: F; base: string; replaces: readonly string[]; dirty: boolean };

export type SettingEditor<S extends SettingName, F> = ReturnType<typeof useSettingEditor<S, F>>;

export function useSettingEditor<S extends SettingName, F>({ setting, section, saved, heads, actor, toForm, validate }: Options<S, F>) {
  const db = useDatabase();
  const platform = usePlatform();
  const savedKey = JSON.stringify(saved);
  const [edit, setEdit] = useState<Edit<F> | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const focusNext = useRef<string | null>(null);

  // A clean copy kept after saving only bridges the moment until the saved value arrives.
  const dirty = edit?.dirty ?? false;
  const form = edit && (edit.dirty || edit.base === savedKey) ? edit.form : toForm(saved);
  const errors: FieldErrors = attempted && dirty ? (validate(form).errors ?? {}) : {};

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(fieldId(setting, focusNext.current))?.focus();
    focusNext.current = null;
  });

  /** Moves focus to a field once the next render is on screen. */
  const focusSoon = (key: string) => {
    focusNext.current = key;
  };

  // An edit begun before this console's own save shows in `heads` starts from that save, not from what it replaced.
  const startsFrom = (): readonly string[] =>
    edit && !dirty && edit.base === savedKey && !edit.replaces.some((id) => heads.includes(id)) ? edit.replaces : heads;

  const update = (change: (form: F) => F) => {
    setEdit(dirty && edit ? { ...edit, form: change(form) } : { form: change(form), base: savedKey, replaces: startsFrom(), dirty: true });
    setFailure(null);
    setJustSaved(false);
  };

  const discard = () => {
    setEdit(null);
    setAttempted(false);
    setFailure(null);
  };

  /** Resolves with the new write's id, or null if nothing was written. `replaces` omitted: every live value. */
  const write = async (value: OrganisationSettings[S], replaces?: readonly string[]): Promise<string | null> => {
    if (!actor) {
      setFailure(t('settings.needName'));
      openProfile();
      return null;
    }
    setBusy(true);
    try {
      return await changeSetting(db, setting, value, actor, Date.now, replaces);
    } catch (error) {
      const reason = error instanceof InvalidEventError ? error.detail : error instanceof Error ? error.message : String(error);
      setFailure(t('settings.refused', { reason }));
      focusSoon(FORM_ERROR);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || busy || !edit) return;
    const result = validate(form);
    if (result.errors) {
      setAttempted(true);
      setFailure(null);
      focusSoon(Object.keys(result.errors)[0]!);
      return;
    }
    const written = await write(result.value, edit.replaces);
    if (written === null) return;
    setEdit({ form, base: savedKey, replaces: [written], dirty: false });
    setAttempted(false);
    setJustSaved(true);
    void notify(platform, { tone: 'success', title: t('settings.savedNotice', { section }) });
  };

  // Keeping a version settles the conflict: it replaces every live value, so `replaces` is left to the store.
  const keep = async (value: OrganisationSettings[S], n: number) => {
    if ((await write(value)) === null) return;
    void notify(platform, { tone: 'success', title: t('settings.conflict.kept', { section, n }) });
  };

  return {
    setting,
    form,
    errors,
    dirty,
    busy,
    failure,
    justSaved: justSaved && !dirty,
    /** Someone else saved this section since the edit began. */
    changedElsewhere: dirty && edit !== null && edit.base !== savedKey,
    update,
    discard,
    submit,
    keep,
    focusSoon,
    id: (key: string) => fieldId(setting, key),
    error: (key: string) => errors[key],
  };
}
