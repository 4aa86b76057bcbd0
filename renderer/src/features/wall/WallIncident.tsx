import { memo, useId } from 'react';

import { dueUpdates } from '@shared/domain/cadence';
import { formatCountdown, readClock, serviceLevelClock } from '@shared/domain/serviceLevels';

import type { WallEntry, WallIncident as WallIncidentData } from '../../db/wallQueries';
import { audienceName, roleName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';
import { describeEvent } from '../../describe/describeEvent';
import { WallHeading } from './WallHeading';

/**
 * One incident as a wall shows it from across the room: who is in charge, what
 * is being tried, what just happened, and which clocks are running. Lists keep
 * to the items that fit whole (see wall.css); their headings give the counts.
 */
export function WallIncident({ data, now }: { data: WallIncidentData; now: number }) {
  const { summary, organisation } = data;
  const clock = serviceLevelClock(summary, organisation.settings.serviceLevels);
  const reading = clock ? readClock(clock, now) : null;
  const cadences = dueUpdates(organisation.settings.audiences, summary, data.messages, now);
  const roles = data.roles.filter((role) => role.holders.length > 0 || role.seats === 'one');
  // The rotation keeps the next incident's screen ready beside the shown one: ids must not collide.
  const ids = useId();

  return (
    <article className="wall-incident" aria-label={t('wall.screenLabel', { title: summary.title })}>
      <WallHeading summary={summary} now={now} />
      <div className="wall-columns">
        <section className="wall-panel wall-clocks-panel" aria-labelledby={`${ids}-sla`}>
          <h2 id={`${ids}-sla`} className="wall-panel-title">
            {t('sla.label')}
          </h2>
          {clock && reading ? (
            <p className={`wall-sla ${reading.phase}`}>
              <span className="wall-sla-caption">{t(clock.kind === 'toMajor' ? 'sla.toMajor' : 'sla.toContinuity')}</span>
              <span className="wall-sla-value">
                {reading.phase === 'overdue' ? t('sla.overdueBy', { time: formatCountdown(reading.remainingMs) }) : formatCountdown(reading.remainingMs)}
              </span>
              <span className="wall-sla-phase">{t(`sla.phase.${reading.phase}`, { time: formatTime(new Date(clock.deadlineMs)) })}</span>
            </p>
          ) : (
            <p className="wall-sla stopped">
              <span className="wall-sla-value small">{t(summary.tier === 'continuity' ? 'sla.continuityInvoked' : 'sla.none')}</span>
            </p>
          )}
          <h2 className="wall-panel-title">{t('wall.updates')}</h2>
          {cadences.length === 0 ? (
            <p className="wall-empty">{t('wall.noUpdates')}</p>
          ) : (
            <ul className="wall-list wall-updates">
              {cadences.map(({ audience, cadence }) => (
                <li key={audience.id} className={`wall-update ${cadence.state}`}>
                  <span className="wall-update-name">{audienceName(audience)}</span>
                  <span className="wall-update-time">
                    {cadence.state === 'late'
                      ? t('wall.update.late', { time: formatCountdown(cadence.lateByMs) })
                      : t('wall.update.due', { time: formatCountdown(cadence.remainingMs) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h2 className="wall-panel-title">{t('wall.roles')}</h2>
          <ul className="wall-list wall-roles">
            {roles.map((role) => (
              <li key={role.id} className={role.holders.length ? 'wall-role' : 'wall-role vacant'}>
                <span className="wall-role-name">{roleName(role)}</span>
                <span className="wall-role-holder">
                  {role.conflict ? t('wall.conflict') : role.holders.length ? role.holders.map((h) => h.name).join(', ') : t('roles.vacant')}
                </span>
              </li>
            ))}
          </ul>
          {data.checklists.length > 0 && (
            <>
              <h2 className="wall-panel-title">{t('checklists.heading')}</h2>
              <ul className="wall-list wall-checklists">
                {data.checklists.map((c) => (
                  <li key={c.runbook} className={c.finished === c.total ? 'wall-checklist finished' : 'wall-checklist'}>
                    <span className="wall-checklist-title">{c.title}</span>
                    <progress max={c.total} value={c.finished} aria-hidden="true" />
                    <span className="wall-checklist-count">
                      <span aria-hidden="true">{t('checklists.progressShort', c)}</span>
                      <span className="visually-hidden">{t('checklists.progress', c)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section className="wall-panel" aria-labelledby={`${ids}-hypotheses`}>
          <h2 id={`${ids}-hypotheses`} className="wall-panel-title">
            {data.hypotheses.length ? t('wall.hypothesesCount', { count: data.hypotheses.length }) : t('wall.hypotheses')}
          </h2>
          {data.hypotheses.length === 0 ? (
            <p className="wall-empty">{t('wall.noHypotheses')}</p>
          ) : (
            <ul className="wall-list wall-fit">
              {data.hypotheses.map((h) => (
                <li key={h.id} className={`wall-hypothesis ${h.status}`}>
                  <span className="wall-item-meta">
                    <span className="wall-chip">{t(`hypotheses.status.${h.status}`)}</span>
                    {h.owner && <span>{t('wall.owner', { name: h.owner })}</span>}
                  </span>
                  <span className="wall-item-text">{h.statement}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="wall-panel" aria-labelledby={`${ids}-timeline`}>
          <h2 id={`${ids}-timeline`} className="wall-panel-title">
            {t('wall.timeline')}
          </h2>
          {data.entries.length === 0 ? (
            <p className="wall-empty">{t('wall.noEntries')}</p>
          ) : (
            <ol className="wall-list wall-fit">
              {data.entries.map((item) => (
                <WallTimelineItem key={item.event.id} item={item} />
              ))}
            </ol>
          )}
        </section>
      </div>
    </article>
  );
}

/** Events never change and amendments arrive as new objects: an unchanged row is not redrawn. */
const WallTimelineItem = memo(
  function WallTimelineItem({ item }: { item: WallEntry }) {
    const { event, entry } = item;
    const text = entry ? entry.text : event.type === 'timeline.entryLogged' ? event.payload.text : describeEvent(event);
    const kind = entry ? t(`entryKind.${entry.kind}`) : t('entryKind.system');
    return (
      <li className={`wall-entry${entry?.struck ? ' struck' : ''}`}>
        <span className="wall-item-meta">
          <time dateTime={event.occurredAt}>{formatTime(new Date(event.occurredAt))}</time>
          <span className="wall-chip">{kind}</span>
          {entry?.struck && <span className="wall-chip">{t('wall.struck')}</span>}
          {entry?.corrected && !entry.struck && <span className="wall-chip">{t('wall.corrected')}</span>}
          <span>{event.actor}</span>
        </span>
        <span className="wall-item-text">{text}</span>
      </li>
    );
  },
  (a, b) => a.item.event.id === b.item.event.id && a.item.entry?.headId === b.item.entry?.headId && a.item.entry?.struck === b.item.entry?.struck,
);
