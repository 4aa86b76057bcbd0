import { consoleTimeZone } from '@shared/domain/timeZone';

import { formatClock, formatRelative, formatTime, formatZoneName, t } from '../../i18n/i18n';
import type { WallFreshness } from './wallFreshness';

export type Rotation = { position: number; count: number; secondsLeft: number };

type Props = {
  zones: readonly string[];
  now: number;
  freshness: WallFreshness;
  /** When this screen last received a change. */
  updatedAt: number;
  rotation: Rotation | null;
  /** Options the wall's address asked for that it could not honour. */
  leftOut: readonly string[];
};

/** The wall's bottom line: clocks, whether the picture is live, and where the rotation is. */
export function WallFooter({ zones, now, freshness, updatedAt, rotation, leftOut }: Props) {
  const date = new Date(now);
  const localZone = consoleTimeZone();
  return (
    <footer className={`wall-footer${freshness.kind === 'stale' ? ' stale' : ''}`}>
      <ul className="wall-zone-clocks" aria-label={t('wall.clocks')}>
        <li className="wall-zone-clock">
          <span className="wall-zone-name">{t('wall.localZone')}</span>
          <span className="wall-zone-time">{formatClock(date, localZone)}</span>
        </li>
        {zones.map((zone) => (
          <li key={zone} className="wall-zone-clock">
            <span className="wall-zone-name">{formatZoneName(zone, date)}</span>
            <span className="wall-zone-time">{formatClock(date, zone)}</span>
          </li>
        ))}
      </ul>
      <div className="wall-freshness" role="status">
        {freshness.kind === 'stale' ? (
          <>
            <strong className="wall-stale">
              {freshness.stopped
                ? t('wall.staleStopped')
                : freshness.since === null
                  ? t('wall.staleNever')
                  : t('wall.stale', { time: formatTime(new Date(freshness.since)) })}
            </strong>
            <span>
              {t('wall.staleHint')}{' '}
              {freshness.since !== null && !freshness.stopped && formatRelative(new Date(freshness.since), date)}
            </span>
          </>
        ) : (
          <span className={freshness.kind === 'live' ? 'wall-live' : undefined}>{t(freshness.kind === 'live' ? 'wall.live' : 'wall.localOnly')}</span>
        )}
        <span>{t('wall.updated', { time: formatTime(new Date(updatedAt)) })}</span>
      </div>
      {leftOut.length > 0 && <p className="wall-left-out">{t('wall.badOptions', { what: leftOut.join(', ') })}</p>}
      <p className="wall-mark">
        {t('wall.readOnly')}
        {rotation && <> · {t('wall.rotation', { position: rotation.position, count: rotation.count, seconds: rotation.secondsLeft })}</>}
      </p>
    </footer>
  );
}
