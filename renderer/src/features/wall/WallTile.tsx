import { dueUpdates } from '@shared/domain/cadence';
import type { Audience } from '@shared/domain/comms';
import type { ServiceLevels } from '@shared/domain/catalogues';
import { formatCountdown, readClock, serviceLevelClock } from '@shared/domain/serviceLevels';

import type { WallTile as WallTileData } from '../../db/wallQueries';
import { audienceName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';

type Props = { tile: WallTileData; audiences: readonly Audience[]; serviceLevels: ServiceLevels; now: number };

/** One open incident on the overview: enough to know which to walk over to. */
export function WallTile({ tile, audiences, serviceLevels, now }: Props) {
  const { summary } = tile;
  const clock = serviceLevelClock(summary, serviceLevels);
  const reading = clock ? readClock(clock, now) : null;
  // The most pressing update: the longest overdue, else the next due.
  const update = dueUpdates(audiences, summary, tile.messages, now)[0];
  return (
    <li className={`wall-tile priority-band-${summary.priority}`}>
      <div className="wall-tile-body">
        <p className="wall-tags">
        <span className={`wall-priority priority-${summary.priority}`}>{t(`priority.${summary.priority}`)}</span>
        <span className="wall-tag">{t(`status.${summary.status}`)}</span>
        {summary.tier !== 'normal' && <span className={`wall-tag tier-${summary.tier}`}>{t(`tier.${summary.tier}`)}</span>}
        {summary.drill && <span className="wall-tag drill">{t('incidents.drill')}</span>}
      </p>
      <h2 className="wall-tile-title">{summary.title}</h2>
      {clock && reading && (
        <p className={`wall-tile-line wall-tile-sla ${reading.phase}`}>
          {t(reading.phase === 'overdue' ? 'wall.tile.slaOverdue' : 'wall.tile.sla', {
            time: formatCountdown(reading.remainingMs),
            what: t(clock.kind === 'toMajor' ? 'sla.toMajor' : 'sla.toContinuity'),
          })}
        </p>
      )}
      <p className={`wall-tile-line${tile.commanders.length ? '' : ' wall-warn'}`}>
        {tile.commanders.length ? t('wall.tile.commander', { name: tile.commanders.join(', ') }) : t('wall.tile.noCommander')}
        {' · '}
        {t('wall.tile.elapsed', { time: formatCountdown(Math.max(0, now - Date.parse(summary.declaredAt))) })}
      </p>
      <p className={`wall-tile-line${update?.cadence.state === 'late' ? ' wall-warn' : ''}`}>
        {!update
          ? t('wall.tile.noUpdates')
          : update.cadence.state === 'late'
            ? t('wall.tile.updateLate', { audience: audienceName(update.audience), time: formatCountdown(update.cadence.lateByMs) })
            : t('wall.tile.nextUpdate', { audience: audienceName(update.audience), time: formatCountdown(update.cadence.remainingMs) })}
      </p>
      {tile.checklists.total > 0 && (
        <p className="wall-tile-line">
          <span aria-hidden="true">{t('wall.checklists', tile.checklists)}</span>
          <span className="visually-hidden">{t('wall.checklistsLabel', tile.checklists)}</span>
        </p>
      )}
      {tile.lastEntryAt && <p className="wall-tile-line">{t('wall.tile.lastEntry', { time: formatTime(new Date(tile.lastEntryAt)) })}</p>}
      </div>
    </li>
  );
}
