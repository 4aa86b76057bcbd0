import { useState, type FormEvent } from 'react';

import { ONCALL_LIMITS, overrideSchema, type Contact, type OnCallLevel, type Override, type Roster } from '@shared/domain/oncall';
import { LIMITS, cleanLine, hasForbiddenControlChars } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { formatNumber, formatWeekdayTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { errorProps, Field } from '../../ui/Field';
import { useSubmit } from '../../ui/useSubmit';
import { notify } from '../notices/noticeStore';
import { changeRosters, keptOverrides, withOverride } from '../settings/rosterWrites';
import { fromLocalInput, toLocalInput } from './localTime';

const HOUR_MS = 3_600_000;

/** The roster's overrides not yet over, each removable. */
export function OverrideList({ roster, now, actor }: { roster: Roster; now: number; actor: string | undefined }) {
  const db = useDatabase();
  const platform = usePlatform();
  const [busy, setBusy] = useState(false);
  const live = roster.overrides.filter((o) => Date.parse(o.to) > now).sort((a, b) => (a.from < b.from ? -1 : 1));
  if (live.length === 0) return null;
  const remove = async (gone: Override) => {
    setBusy(true);
    try {
      await changeRosters(db, (rosters) => rosters.map((r) => (r.id === roster.id ? { ...r, overrides: r.overrides.filter((o) => !sameOverride(o, gone)) } : r)), actor!);
      void notify(platform, { tone: 'success', title: t('oncall.overrideRemoved', { person: gone.person }) });
      // The button pressed is gone: the roster's own action keeps the focus nearby.
      document.getElementById(overrideButtonId(roster.id))?.focus();
    } catch (failure) {
      void notify(platform, { tone: 'error', title: t('oncall.removeFailed', { reason: failure instanceof Error ? failure.message : String(failure) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="oncall-overrides">
      <h3>{t('oncall.overrides')}</h3>
      <ul>
        {live.map((o) => {
          const from = formatWeekdayTime(new Date(o.from));
          return (
            <li key={`${o.level}-${o.from}-${o.person}`}>
              {t('oncall.overrideLine', { level: t(`oncall.level.${o.level}`), person: o.person, from, to: formatWeekdayTime(new Date(o.to)) })}
              {o.reason && <span className="settings-dim"> · {o.reason}</span>}{' '}
              <button type="button" className="button ghost" onClick={() => void remove(o)} disabled={!actor || busy} aria-label={t('oncall.removeOverride', { person: o.person, from })}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The id of a roster's "put someone else on call" button. */
export const overrideButtonId = (rosterId: string) => `oncall-override-${rosterId}`;

const sameOverride = (a: Override, b: Override) => a.level === b.level && a.person === b.person && a.from === b.from && a.to === b.to;

type DialogProps = { roster: Roster; people: readonly Contact[]; actor: string; at: number; onClose: () => void };

/** Puts someone else on call at one level of the roster, for a span. */
export function OverrideDialog({ roster, people, actor, at, onClose }: DialogProps) {
  const db = useDatabase();
  const [form, setForm] = useState({ level: 'primary' as OnCallLevel, person: '', from: toLocalInput(at), to: toLocalInput(at + 12 * HOUR_MS), reason: '' });
  const [attempted, setAttempted] = useState(false);
  const checked = check(form, roster);
  const errors = attempted ? checked.errors : {};
  const { busy, failure, submit } = useSubmit(
    () => changeRosters(db, withOverride(roster.id, checked.override!), actor),
    onClose,
  );
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  return (
    <Dialog title={t('oncall.overrideTitle', { roster: roster.name })} onClose={onClose}>
      <form
        className="override-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setAttempted(true);
          if (checked.override) void submit();
        }}
      >
        {roster.secondary && (
          <Field id="override-level" label={t('oncall.overrideLevel')}>
            <select id="override-level" value={form.level} onChange={(e) => set({ level: e.target.value as OnCallLevel })}>
              <option value="primary">{t('oncall.level.primary')}</option>
              <option value="secondary">{t('oncall.level.secondary')}</option>
            </select>
          </Field>
        )}
        <Field id="override-person" label={t('oncall.overridePerson')} error={errors.person}>
          <input id="override-person" data-autofocus list="override-people" value={form.person} onChange={(e) => set({ person: e.target.value })} {...errorProps('override-person', errors.person)} />
          <datalist id="override-people">
            {people.map((p) => (
              <option key={p.name} value={p.name} />
            ))}
          </datalist>
        </Field>
        <Field id="override-from" label={t('oncall.overrideFrom')} error={errors.from}>
          <input id="override-from" type="datetime-local" value={form.from} onChange={(e) => set({ from: e.target.value })} {...errorProps('override-from', errors.from)} />
        </Field>
        <Field id="override-to" label={t('oncall.overrideTo')} error={errors.to}>
          <input id="override-to" type="datetime-local" value={form.to} onChange={(e) => set({ to: e.target.value })} {...errorProps('override-to', errors.to)} />
        </Field>
        <Field id="override-reason" label={t('oncall.overrideReasonLabel')}>
          <input id="override-reason" value={form.reason} maxLength={ONCALL_LIMITS.reason} onChange={(e) => set({ reason: e.target.value })} />
        </Field>
        {(errors.form || failure) && (
          <p className="field-error" role="alert">
            {errors.form ?? failure}
          </p>
        )}
        <DialogActions cancelLabel={t('oncall.cancel')} onCancel={onClose} submitLabel={t('oncall.overrideSave')} busy={busy} />
      </form>
    </Dialog>
  );
}

type OverrideForm = { level: OnCallLevel; person: string; from: string; to: string; reason: string };

/** The override the form describes, or why it is not one yet. */
export function check(form: OverrideForm, roster: Roster): { override: Override | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const person = cleanLine(form.person);
  if (!person || hasForbiddenControlChars(form.person) || person.length > LIMITS.personName) errors.person = t('oncall.overrideNeedsPerson');
  const from = fromLocalInput(form.from);
  const to = fromLocalInput(form.to);
  if (from === null) errors.from = t('oncall.overrideBadTime');
  if (to === null) errors.to = t('oncall.overrideBadTime');
  else if (from !== null && to <= from) errors.to = t('oncall.overrideEndsFirst');
  if (keptOverrides(roster.overrides, Date.now()).length >= ONCALL_LIMITS.overrides) errors.form = t('oncall.overrideTooMany', { max: formatNumber(ONCALL_LIMITS.overrides) });
  if (Object.keys(errors).length) return { override: null, errors };
  const parsed = overrideSchema.safeParse({ level: form.level, person, from: new Date(from!).toISOString(), to: new Date(to!).toISOString(), reason: cleanLine(form.reason) });
  return parsed.success ? { override: parsed.data, errors } : { override: null, errors: { form: parsed.error.issues[0]?.message ?? '' } };
}
