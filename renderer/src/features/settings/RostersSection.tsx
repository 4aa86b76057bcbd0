import { useState, type FormEvent } from 'react';

import { contactOf, type Roster, type Rotation } from '@shared/domain/oncall';
import { calendarKey, type FetchedCalendar, type OrganisationView } from '@shared/domain/organisation';
import { nameKey } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { formatDateTime, formatDays, formatNumber, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { useSubmit } from '../../ui/useSubmit';
import { notify } from '../notices/noticeStore';
import { changeSetting } from '../../db/organisation';
import { rosterFacts } from '../oncall/rosterFacts';
import { CalendarFeedDialog } from './CalendarFeedDialog';
import { SettingConflict } from './SettingConflict';
import { RosterDialog } from './RosterDialog';
import { changeRosters, withoutRoster } from './rosterWrites';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The on-call rosters: each one's services, zone and rotations, added and changed in a dialog. */
export function RostersSection({ organisation, actor }: Props) {
  const { rosters, contacts } = organisation.settings;
  const [editing, setEditing] = useState<Roster | 'new' | null>(null);
  const [removing, setRemoving] = useState<Roster | null>(null);
  const [feeding, setFeeding] = useState<Roster | null>(null);
  const headingId = 'settings-rosters-heading';
  const db = useDatabase();
  const platform = usePlatform();
  const conflicts = organisation.conflicts.rosters;
  // Keeping one version replaces every live one.
  const keeping = useSubmit(async (value: Roster[], n: number) => {
    if (!actor) return;
    await changeSetting(db, 'rosters', value, actor, Date.now, organisation.heads.rosters);
    void notify(platform, { tone: 'success', title: t('settings.conflict.kept', { section: t('settings.rosters.inSentence'), n }) });
  }, () => undefined);

  return (
    <section className="settings-section" id="settings-rosters" aria-labelledby={headingId}>
      <header className="settings-section-header">
        <h2 id={headingId} tabIndex={-1}>
          {t('settings.rosters.heading')}
        </h2>
        <p className="settings-intro">{t('settings.rosters.intro')}</p>
      </header>
      {conflicts && (
        <SettingConflict
          section={t('settings.rosters.inSentence')}
          versions={conflicts}
          describe={(value) => <p>{value.length ? value.map((r) => r.name).join(', ') : t('settings.rosters.empty')}</p>}
          busy={keeping.busy || !actor}
          onKeep={(value, n) => void keeping.submit(value, n)}
        />
      )}
      {keeping.failure && (
        <p className="field-error" role="alert">
          {t('settings.refused', { reason: keeping.failure })}
        </p>
      )}
      {rosters.length === 0 ? (
        <p className="settings-dim">{t('settings.rosters.empty')}</p>
      ) : (
        <ul className="roster-list">
          {rosters.map((roster) => {
            const unknown = peopleOf(roster).filter((person) => !contactOf(contacts, person));
            return (
              <li key={roster.id} className="roster-item">
                <h3>{roster.name}</h3>
                <p className="settings-dim">{rosterFacts(roster, { withZone: true })}</p>
                <p>
                  <strong>{t('settings.rosters.primary')}:</strong> {describeRotation(roster.primary)}
                </p>
                <Subscription rotation={roster.primary} fetched={organisation.calendars[calendarKey(roster.id, 'primary')]} />
                <p>
                  <strong>{t('settings.rosters.secondary')}:</strong> {roster.secondary ? describeRotation(roster.secondary) : t('settings.rosters.noSecondary')}
                </p>
                {roster.secondary && <Subscription rotation={roster.secondary} fetched={organisation.calendars[calendarKey(roster.id, 'secondary')]} />}
                <p>
                  <strong>{t('settings.rosters.feed')}:</strong> {roster.feed ? t('settings.rosters.feedHint', { hint: roster.feed.keyHint }) : t('settings.rosters.feedOff')}
                </p>
                {unknown.length > 0 && <p className="settings-warn">{t('settings.rosters.unknownPeople', { names: unknown.join(', ') })}</p>}
                <div className="integration-row-actions">
                  <button type="button" className="button" onClick={() => setEditing(roster)} disabled={!actor}>
                    {t('settings.rosters.edit', { name: roster.name })}
                  </button>
                  <button type="button" className="button" onClick={() => setFeeding(roster)} disabled={!actor}>
                    {t('settings.rosters.feedButton', { name: roster.name })}
                  </button>
                  <button type="button" className="button" onClick={() => setRemoving(roster)} disabled={!actor}>
                    {t('settings.rosters.remove', { name: roster.name })}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="settings-list-footer">
        <button type="button" className="button" onClick={() => setEditing('new')} disabled={!actor}>
          {t('settings.rosters.add')}
        </button>
      </div>
      {editing && actor && <RosterDialog roster={editing === 'new' ? null : editing} rosters={rosters} actor={actor} onClose={() => setEditing(null)} />}
      {feeding && actor && <CalendarFeedDialog roster={feeding} actor={actor} onClose={() => setFeeding(null)} />}
      {removing && actor && <RemoveRosterDialog roster={removing} actor={actor} onClose={() => setRemoving(null)} />}
    </section>
  );
}

/** Where a subscribed calendar stands: not fetched yet, fetched at a time, or why the hub could not. */
function Subscription({ rotation, fetched }: { rotation: Rotation; fetched: FetchedCalendar | undefined }) {
  if (rotation.kind !== 'calendar' || !rotation.url) return null;
  const current = fetched && fetched.url === rotation.url ? fetched : undefined;
  if (!current) return <p className="settings-dim">{t('settings.rosters.subscriptionWaiting')}</p>;
  const at = formatDateTime(new Date(current.at));
  if (current.outcome === 'failed') return <p className="settings-warn">{t('settings.rosters.subscriptionFailed', { at, detail: current.detail })}</p>;
  return <p className="settings-dim">{t('settings.rosters.subscriptionFetched', { at })}</p>;
}

function describeRotation(rotation: Rotation): string {
  if (rotation.kind === 'calendar') return t('settings.rosters.shifts', { count: formatNumber(rotation.shifts.length), source: rotation.source });
  const length = formatDays(rotation.lengthDays);
  return t('settings.rosters.turns', { length, people: rotation.people.join(', '), time: rotation.handOff });
}

/** Everyone the roster names, each once. */
function peopleOf(roster: Roster): string[] {
  const names = new Map<string, string>();
  for (const rotation of [roster.primary, roster.secondary]) {
    if (!rotation) continue;
    for (const person of rotation.kind === 'cycle' ? rotation.people : rotation.shifts.map((s) => s.person)) names.set(nameKey(person), person);
  }
  for (const o of roster.overrides) names.set(nameKey(o.person), o.person);
  return [...names.values()];
}

function RemoveRosterDialog({ roster, actor, onClose }: { roster: Roster; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const platform = usePlatform();
  const { busy, failure, submit } = useSubmit(
    () => changeRosters(db, withoutRoster(roster.id), actor),
    () => {
      void notify(platform, { tone: 'success', title: t('settings.rosters.removed', { name: roster.name }) });
      onClose();
    },
  );
  return (
    <Dialog title={t('settings.rosters.remove', { name: roster.name })} onClose={onClose}>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p>{t('settings.rosters.removeConfirm', { name: roster.name })}</p>
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <DialogActions cancelLabel={t('oncall.cancel')} onCancel={onClose} submitLabel={t('settings.rosters.remove', { name: roster.name })} busy={busy} tone="danger" />
      </form>
    </Dialog>
  );
}
