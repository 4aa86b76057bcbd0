import { memo } from 'react';

import type { Amendment, TimelineEvent } from '@shared/domain/timeline';
import { hlcTime } from '@shared/domain/hlc';
import { resolveEntry } from '@shared/domain/timeline';

import { useDatabase } from '../../app/DatabaseContext';
import { markEntry } from '../../db/postmortemCommands';
import { formatDateTime, formatTime, t } from '../../i18n/i18n';
import type { ShownEntry } from '../../state/shownEntries';
import { startAmend } from '../../state/uiStore';
import { useReadOnly } from '../../ui/ReadOnly';
import { describeEvent } from '../../describe/describeEvent';

/** Backdated by more than this, an entry also shows when it was logged. */
const BACKDATE_NOTICE_MS = 60_000;

type Props = { event: TimelineEvent; amendment: Amendment | undefined; actor: string };

/**
 * Events are immutable, so a row whose event id, amendment and actor are unchanged
 * looks the same: re-reads of the window (new objects, same events) skip it.
 */
const sameRow = (a: Props, b: Props) => a.event.id === b.event.id && a.amendment === b.amendment && a.actor === b.actor;

export const TimelineRow = memo(function TimelineRow({ event, amendment, actor }: Props) {
  const readOnly = useReadOnly();
  const db = useDatabase();
  const occurred = new Date(event.occurredAt);
  const logged = new Date(hlcTime(event.hlc));
  const backdated = logged.getTime() - occurred.getTime() > BACKDATE_NOTICE_MS;
  const time = <RowTime at={event.occurredAt} />;
  const by = <span className="row-by">{t('timeline.by', { name: event.actor })}</span>;
  const loggedAt = backdated && (
    <span className="row-meta" title={formatDateTime(logged)}>
      {t('timeline.backdated', { time: formatTime(logged) })}
    </span>
  );

  if (event.type !== 'timeline.entryLogged') {
    return (
      <div className="timeline-row system" data-event-id={event.id}>
        {time}
        <span className="kind-chip kind-system">{t('entryKind.system')}</span>
        <div className="row-body">
          <p className="row-text">{describeEvent(event)}</p>
          <p className="row-footer">
            {by}
            {loggedAt}
          </p>
        </div>
      </div>
    );
  }

  const entry = resolveEntry(event, amendment);
  const text = entry.struck ? <s>{entry.text}</s> : entry.text;
  const toggleKey = () => {
    if (actor) void markEntry(db, { incidentId: event.incidentId, targetId: event.id, key: !entry.key, actor });
  };
  const classes = ['timeline-row', 'entry', entry.struck && 'struck', entry.key && 'key'].filter(Boolean).join(' ');
  return (
    <div className={classes} data-event-id={event.id}>
      {time}
      <span className={`kind-chip kind-${entry.kind}`}>{t(`entryKind.${entry.kind}`)}</span>
      <div className="row-body">
        <p className="row-text">{text}</p>
        {entry.corrected && <p className="row-original">{t('timeline.correctedFrom', { text: entry.original.text })}</p>}
        <p className="row-footer">
          {by}
          {loggedAt}
          {entry.corrected && entry.correctedBy && (
            <span className="row-meta">{t('timeline.corrected', { name: entry.correctedBy })}</span>
          )}
          {entry.key && <span className="badge key">{t('timeline.keyBadge')}</span>}
          {entry.headIds.length > 1 && <span className="badge conflict">{t('timeline.correctionConflict')}</span>}
          {entry.struck && (
            <span className="row-meta">{t('timeline.struck', { name: entry.struck.actor, reason: entry.struck.reason })}</span>
          )}
        </p>
      </div>
      {!readOnly && (
        <div className="row-actions">
          <button type="button" className="button small ghost" aria-pressed={entry.key} disabled={!actor} onClick={toggleKey}>
            {t(entry.key ? 'timeline.unmarkKey' : 'timeline.markKey')}
          </button>
          <button type="button" className="button small ghost" onClick={() => startAmend(event.id, 'correct')}>
            {t('timeline.correct')}
          </button>
          {!entry.struck && (
            <button type="button" className="button small ghost" onClick={() => startAmend(event.id, 'strike')}>
              {t('timeline.strike')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}, sameRow);

/** When it happened: the time of day, and the full date and time on hover. */
function RowTime({ at }: { at: string }) {
  const occurred = new Date(at);
  return (
    <time className="row-time" dateTime={at} title={formatDateTime(occurred)}>
      {formatTime(occurred)}
    </time>
  );
}

/** An entry being written: as it will read, marked as saving, with nothing to act on until it is in the log. */
export function ShownRow({ entry }: { entry: ShownEntry }) {
  return (
    <div className="timeline-row entry saving">
      <RowTime at={entry.occurredAt} />
      <span className={`kind-chip kind-${entry.kind}`}>{t(`entryKind.${entry.kind}`)}</span>
      <div className="row-body">
        <p className="row-text">{entry.text}</p>
        <p className="row-footer">
          <span className="row-by">{t('timeline.by', { name: entry.actor })}</span>
          <span className="row-meta">{t('timeline.saving')}</span>
        </p>
      </div>
    </div>
  );
}
