import { ONCALL_LEVELS, onCallAt, type Roster } from '@shared/domain/oncall';

import { formatWeekdayTime, t } from '../../i18n/i18n';

/** Rosters the lane shows; a NOC wall has room for a few, and the console's page has them all. */
export const LANE_ROSTERS = 6;

/** The NOC overview's on-call lane: who answers for each roster now, and until when. */
export function WallOnCallLane({ rosters, now }: { rosters: readonly Roster[]; now: number }) {
  return (
    <aside className="wall-oncall" aria-labelledby="wall-oncall-heading">
      <h2 id="wall-oncall-heading" className="wall-alerts-heading">
        {t('wall.oncall.heading')}
      </h2>
      <ul className="wall-oncall-rosters">
        {rosters.slice(0, LANE_ROSTERS).map((roster) => (
          <li key={roster.id} className="wall-oncall-roster">
            <h3 className="wall-alert-title">{roster.name}</h3>
            {ONCALL_LEVELS.map((level) => {
              const current = onCallAt(roster, level, now);
              if (!current) return null;
              return (
                <p key={level} className="wall-alert-line">
                  {t(`oncall.level.${level}`)}: <strong className="wall-oncall-person">{current.person}</strong>{' '}
                  <span className="wall-oncall-until">{t('wall.oncall.until', { time: formatWeekdayTime(new Date(current.to)) })}</span>
                </p>
              );
            })}
          </li>
        ))}
      </ul>
    </aside>
  );
}
