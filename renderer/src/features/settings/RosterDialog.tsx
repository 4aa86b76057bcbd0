import { useMemo, useState, type FormEvent } from 'react';

import { isDay } from '@shared/domain/instants';
import { importWindow, type Roster, type Shift } from '@shared/domain/oncall';
import { consoleTimeZone, knownTimeZones } from '@shared/domain/timeZone';

import { useDatabase } from '../../app/DatabaseContext';
import { formatNumber, formatWeekday, t, today } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { errorProps, Field, FieldError } from '../../ui/Field';
import { useSubmit } from '../../ui/useSubmit';
import { notify } from '../notices/noticeStore';
import { readCalendar } from './calendarImport';
import { FORM_ERROR } from './settingsForms';
import { rosterToForm, validateRoster, type RosterForm, type RotationForm } from './oncallForms';
import { changeRosters, withEditedRoster } from './rosterWrites';

type Props = { roster: Roster | null; rosters: readonly Roster[]; actor: string; onClose: () => void };

/** Adds a roster or changes one: its services, zone, and how its primary (and secondary) take turns. */
export function RosterDialog({ roster, rosters, actor, onClose }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const [form, setForm] = useState<RosterForm>(() => rosterToForm(roster, today(), consoleTimeZone()));
  const [attempted, setAttempted] = useState(false);
  const others = rosters.filter((r) => r.id !== roster?.id);
  const validated = validateRoster(form, others);
  const errors = attempted ? (validated.errors ?? {}) : {};
  const zones = useMemo(() => knownTimeZones(), []);
  const { busy, failure, submit } = useSubmit(
    () => (validated.value ? changeRosters(db, withEditedRoster(validated.value), actor) : Promise.resolve()),
    () => {
      void notify(platform, { tone: 'success', title: t('settings.rosters.saved', { name: validated.value!.name }) });
      onClose();
    },
  );
  const set = (patch: Partial<RosterForm>) => setForm({ ...form, ...patch });

  return (
    <Dialog title={roster ? t('settings.rosters.dialogEdit', { name: roster.name }) : t('settings.rosters.dialogNew')} onClose={onClose}>
      <form
        className="roster-form"
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setAttempted(true);
          if (validated.value) void submit();
        }}
      >
        <Field id="roster-name" label={t('settings.rosters.name')} error={errors.name}>
          <input id="roster-name" data-autofocus value={form.name} onChange={(e) => set({ name: e.target.value })} {...errorProps('roster-name', errors.name)} />
        </Field>
        <Field id="roster-team" label={t('settings.rosters.team')} error={errors.team}>
          <input id="roster-team" value={form.team} onChange={(e) => set({ team: e.target.value })} {...errorProps('roster-team', errors.team)} />
        </Field>
        <Field id="roster-services" label={t('settings.rosters.services')} error={errors.services} className="span-2">
          <input id="roster-services" value={form.services} aria-describedby="roster-services-hint" onChange={(e) => set({ services: e.target.value })} {...errorProps('roster-services', errors.services)} />
          <p id="roster-services-hint" className="field-hint">
            {t('settings.rosters.servicesHint')}
          </p>
        </Field>
        <Field id="roster-zone" label={t('settings.rosters.timeZone')} error={errors.timeZone} className="span-2">
          <input id="roster-zone" list="roster-zones" value={form.timeZone} aria-describedby="roster-zone-hint" onChange={(e) => set({ timeZone: e.target.value })} {...errorProps('roster-zone', errors.timeZone)} />
          <datalist id="roster-zones">
            {zones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          <p id="roster-zone-hint" className="field-hint">
            {t('settings.rosters.timeZoneHint')}
          </p>
        </Field>
        <RotationFields level="primary" value={form.primary} errors={errors} zone={form.timeZone} onChange={(primary) => set({ primary })} />
        <label className="checkbox span-2">
          <input type="checkbox" checked={form.hasSecondary} onChange={(e) => set({ hasSecondary: e.target.checked })} />
          {t('settings.rosters.hasSecondary')}
        </label>
        {form.hasSecondary && <RotationFields level="secondary" value={form.secondary} errors={errors} zone={form.timeZone} onChange={(secondary) => set({ secondary })} />}
        <EscalationFields form={form} errors={errors} set={set} />
        {(errors[FORM_ERROR] || failure) && (
          <p className="field-error span-2" role="alert">
            {errors[FORM_ERROR] ?? failure}
          </p>
        )}
        <DialogActions className="span-2" cancelLabel={t('oncall.cancel')} onCancel={onClose} submitLabel={t('settings.rosters.save')} busy={busy} />
      </form>
    </Dialog>
  );
}

type RotationProps = { level: 'primary' | 'secondary'; value: RotationForm; errors: Record<string, string>; zone: string; onChange: (value: RotationForm) => void };

/** One rotation: people taking turns, or shifts imported from a calendar file. */
function RotationFields({ level, value, errors, zone, onChange }: RotationProps) {
  const id = (field: string) => `roster-${level}-${field}`;
  const error = (field: string) => errors[`${level}-${field}`];
  const set = (patch: Partial<RotationForm>) => onChange({ ...value, ...patch });
  const [reading, setReading] = useState<{ busy: boolean; said: string | null; failed: boolean }>({ busy: false, said: null, failed: false });

  const importFile = async (file: File) => {
    setReading({ busy: true, said: t('settings.rosters.importing'), failed: false });
    try {
      const read = await readCalendar(await file.text(), importWindow(Date.now(), zone));
      if (!read.ok) return setReading({ busy: false, said: t('settings.rosters.importFailed', { reason: read.error }), failed: true });
      if (read.shifts.length === 0) return setReading({ busy: false, said: t('settings.rosters.importFailed', { reason: t('settings.rosters.noShiftsRead') }), failed: true });
      set({ kind: 'calendar', shifts: read.shifts, source: file.name });
      setReading({ busy: false, said: importedSummary(read.shifts, read.skipped), failed: false });
    } catch (failure) {
      setReading({ busy: false, said: t('settings.rosters.importFailed', { reason: failure instanceof Error ? failure.message : String(failure) }), failed: true });
    }
  };

  return (
    <fieldset className="roster-rotation span-2">
      <legend>{t(`settings.rosters.${level}`)}</legend>
      <div className="roster-kind" role="radiogroup" aria-label={t('settings.rosters.kind')}>
        {(['cycle', 'calendar'] as const).map((kind) => (
          <label key={kind} className="checkbox">
            <input type="radio" name={id('kind')} checked={value.kind === kind} onChange={() => set({ kind })} />
            {t(`settings.rosters.kind.${kind}`)}
          </label>
        ))}
      </div>
      {value.kind === 'cycle' ? (
        <div className="roster-cycle">
          <Field id={id('people')} label={t('settings.rosters.people')} error={error('people')} className="roster-people">
            <textarea id={id('people')} rows={4} value={value.people} aria-describedby={`${id('people')}-hint`} onChange={(e) => set({ people: e.target.value })} {...errorProps(id('people'), error('people'))} />
            <p id={`${id('people')}-hint`} className="field-hint">
              {t('settings.rosters.peopleHint')}
            </p>
          </Field>
          <Field id={id('startsOn')} label={t('settings.rosters.startsOn')} error={error('startsOn')}>
            <input id={id('startsOn')} type="date" value={value.startsOn} onChange={(e) => set({ startsOn: e.target.value })} {...errorProps(id('startsOn'), error('startsOn'))} />
            {isDay(value.startsOn) && <p className="field-hint">{t('settings.rosters.startsOnDay', { weekday: formatWeekday(value.startsOn) })}</p>}
          </Field>
          <Field id={id('handOff')} label={t('settings.rosters.handOff')} error={error('handOff')}>
            <input id={id('handOff')} type="time" value={value.handOff} onChange={(e) => set({ handOff: e.target.value })} {...errorProps(id('handOff'), error('handOff'))} />
          </Field>
          <Field id={id('lengthDays')} label={t('settings.rosters.lengthDays')} error={error('lengthDays')}>
            <input id={id('lengthDays')} type="number" min={1} max={28} inputMode="numeric" value={value.lengthDays} onChange={(e) => set({ lengthDays: e.target.value })} {...errorProps(id('lengthDays'), error('lengthDays'))} />
          </Field>
        </div>
      ) : (
        <div className="roster-calendar">
          {value.shifts.length > 0 && <p>{t('settings.rosters.shifts', { count: formatNumber(value.shifts.length), source: value.source })}</p>}
          <label className="button" htmlFor={id('file')}>
            {t('settings.rosters.import')}
          </label>
          <input
            id={id('file')}
            className="visually-hidden"
            type="file"
            accept=".ics,text/calendar"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <FieldError id={id('shifts')} error={error('shifts')} />
          <Field id={id('url')} label={t('settings.rosters.calendarUrl')} error={error('url')} className="roster-calendar-url">
            <input
              id={id('url')}
              type="url"
              inputMode="url"
              spellCheck={false}
              placeholder={t('settings.rosters.calendarUrlExample')}
              value={value.url}
              aria-describedby={`${id('url')}-hint`}
              onChange={(e) => set({ url: e.target.value })}
              {...errorProps(id('url'), error('url'))}
            />
            <p id={`${id('url')}-hint`} className="field-hint">
              {t('settings.rosters.calendarUrlHint')}
            </p>
          </Field>
          {reading.said && (
            <p className={reading.failed ? 'field-error' : 'settings-dim'} role={reading.failed ? 'alert' : 'status'}>
              {reading.said}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

function importedSummary(shifts: readonly Shift[], skipped: number): string {
  const people = [...new Set(shifts.map((s) => s.person))];
  return t('settings.rosters.imported', { count: formatNumber(shifts.length), people: people.join(', '), skipped: formatNumber(skipped) });
}

/** What happens when nobody answers: the secondary after some minutes, then someone named, and again. */
function EscalationFields({ form, errors, set }: { form: RosterForm; errors: Record<string, string>; set: (patch: Partial<RosterForm>) => void }) {
  return (
    <fieldset className="roster-rotation span-2">
      <legend>{t('settings.rosters.escalation')}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={form.escalates} onChange={(e) => set({ escalates: e.target.checked })} />
        {t('settings.rosters.escalates')}
      </label>
      {form.escalates && (
        <div className="roster-cycle">
          <Field id="roster-secondary-after" label={t('settings.rosters.secondaryAfter')} error={errors.secondaryAfter}>
            <input id="roster-secondary-after" type="number" min={1} inputMode="numeric" value={form.secondaryAfter} onChange={(e) => set({ secondaryAfter: e.target.value })} {...errorProps('roster-secondary-after', errors.secondaryAfter)} />
          </Field>
          <Field id="roster-then-person" label={t('settings.rosters.thenPerson')} error={errors.thenPerson}>
            <input id="roster-then-person" value={form.thenPerson} onChange={(e) => set({ thenPerson: e.target.value })} {...errorProps('roster-then-person', errors.thenPerson)} />
          </Field>
          <Field id="roster-then-after" label={t('settings.rosters.thenAfter')} error={errors.thenAfter}>
            <input id="roster-then-after" type="number" min={1} inputMode="numeric" value={form.thenAfter} onChange={(e) => set({ thenAfter: e.target.value })} {...errorProps('roster-then-after', errors.thenAfter)} />
          </Field>
          <Field id="roster-repeats" label={t('settings.rosters.repeats')}>
            <select id="roster-repeats" value={form.repeats} onChange={(e) => set({ repeats: e.target.value })}>
              {[0, 1, 2, 3].map((n) => (
                <option key={n} value={String(n)}>
                  {n === 0 ? t('settings.rosters.noRepeat') : t('settings.rosters.repeatsCount', { count: n })}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </fieldset>
  );
}
