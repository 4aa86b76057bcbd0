import { audienceCadence, isOver, lastMessageFor, type Cadence } from '@shared/domain/cadence';
import type { Audience } from '@shared/domain/comms';
import type { IncidentSummary } from '@shared/domain/incident';
import type { MessageView } from '@shared/domain/messages';
import { formatCountdown } from '@shared/domain/serviceLevels';

import { audienceName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';

type Props = {
  incident: IncidentSummary;
  audiences: readonly Audience[];
  messages: readonly MessageView[];
  selected: string;
  onSelect: (audienceId: string) => void;
  now: number;
};

/** Every audience with its update clock: who is due next, who is late (said in words, not only in red). */
export function AudienceList({ incident, audiences, messages, selected, onSelect, now }: Props) {
  return (
    <nav className="comms-audiences" aria-label={t('comms.audiences')}>
      <h2 className="comms-column-heading">{t('comms.audiences')}</h2>
      <ul>
        {audiences.map((audience) => {
          const cadence = audienceCadence(audience, incident, messages, now);
          const last = lastMessageFor(audience.id, messages);
          return (
            <li key={audience.id}>
              <button
                type="button"
                className={`comms-audience ${cadence.state}`}
                aria-current={audience.id === selected ? 'true' : undefined}
                onClick={() => onSelect(audience.id)}
              >
                <span className="comms-audience-name">{audienceName(audience)}</span>
                <span className="comms-audience-clock">{cadenceText(cadence, incident)}</span>
                <span className="comms-audience-last">
                  {last ? t('comms.cadence.last', { time: formatTime(new Date(last.at)), phase: t(`comms.phase.${last.phase}`) }) : t('comms.cadence.never')}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function cadenceText(cadence: Cadence, incident: IncidentSummary): string {
  switch (cadence.state) {
    case 'off':
      return isOver(incident.status) ? t('comms.cadence.over') : t('comms.cadence.off');
    case 'due':
      return `${t('comms.cadence.dueIn', { time: formatCountdown(cadence.remainingMs) })} · ${t('comms.cadence.every', { minutes: cadence.intervalMinutes })}`;
    case 'late':
      return t('comms.cadence.late', { time: formatCountdown(cadence.lateByMs) });
  }
}
