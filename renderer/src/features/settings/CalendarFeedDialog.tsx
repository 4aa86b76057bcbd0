import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';

import type { Roster } from '@shared/domain/oncall';

import { useDatabase } from '../../app/DatabaseContext';
import { getMembership } from '../../db/syncStore';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { useSubmit } from '../../ui/useSubmit';
import { calendarAddress, keyRecord, newIntegrationKey } from './integrationKeys';
import { changeRosters, withRoster } from './rosterWrites';

type Props = { roster: Roster; actor: string; onClose: () => void };

/**
 * A roster's calendar feed on the hub: a new address (its key shown once,
 * replacing any before it), or the address taken away.
 */
export function CalendarFeedDialog({ roster, actor, onClose }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const membership = useLiveQuery(() => getMembership(db), [db]);
  const [key, setKey] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const make = useSubmit(async () => {
    const made = newIntegrationKey();
    await changeRosters(db, (rosters) => withRoster({ ...(rosters.find((r) => r.id === roster.id) ?? roster), feed: keyRecord(made) })(rosters), actor);
    setKey(made);
  }, () => undefined);
  const stop = useSubmit(
    () =>
      changeRosters(
        db,
        (rosters) =>
          rosters.map((r) => {
            if (r.id !== roster.id) return r;
            const { feed: _feed, ...rest } = r;
            return rest;
          }),
        actor,
      ),
    onClose,
  );
  const address = key && calendarAddress(membership?.hubUrl, key);
  // The button pressed is gone once the address shows: the focus goes to copying it.
  const copyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (key) copyButton.current?.focus();
  }, [key]);
  const failure = make.failure ?? stop.failure;

  return (
    <Dialog title={t('settings.rosters.feedTitle', { name: roster.name })} description={t('settings.rosters.feedIntro')} onClose={onClose}>
      {key ? (
        <div className="integration-key">
          <p>{address ? t('settings.rosters.feedAddress') : t('settings.integrations.noHub')}</p>
          <code data-testid="calendar-address">{address ?? key}</code>
          <p className="settings-dim">{t('settings.rosters.feedOnce')}</p>
          <p role="status">{copied === null ? '' : copied ? t('settings.integrations.copied') : t('settings.integrations.copyFailed')}</p>
        </div>
      ) : (
        <p>{roster.feed ? t('settings.rosters.feedHas', { hint: roster.feed.keyHint }) : t('settings.rosters.feedNone')}</p>
      )}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <div className="dialog-actions">
        {key ? (
          <>
            <button type="button" ref={copyButton} className="button" onClick={() => void platform.copyText(address ?? key).then(setCopied)}>
              {t('settings.integrations.copyAddress')}
            </button>
            <button type="button" className="button primary" onClick={onClose}>
              {t('settings.integrations.done')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('oncall.cancel')}
            </button>
            {roster.feed && (
              <button type="button" className="button danger" onClick={() => void stop.submit()} disabled={stop.busy}>
                {t('settings.rosters.feedStop')}
              </button>
            )}
            <button type="button" className="button primary" onClick={() => void make.submit()} disabled={make.busy}>
              {roster.feed ? t('settings.rosters.feedReplace') : t('settings.rosters.feedMake')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
