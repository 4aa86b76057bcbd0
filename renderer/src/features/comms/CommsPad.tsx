import { useLiveQuery } from 'dexie-react-hooks';

import { audienceCadence } from '@shared/domain/cadence';
import type { IncidentSummary } from '@shared/domain/incident';

import { useDatabase } from '../../app/DatabaseContext';
import { getCommsContext } from '../../db/messageQueries';
import { t } from '../../i18n/i18n';
import { selectAudience, useCommsDrafts } from '../../state/commsDrafts';
import { useNow } from '../../ui/useNow';
import { useOrganisation } from '../settings/useOrganisation';
import { AudienceList } from './AudienceList';
import { DraftEditor } from './DraftEditor';
import { MessageRecord } from './MessageRecord';

/**
 * The communications pad: each audience's update clock, the draft for the
 * chosen one (ready from its template), and the record of what was sent.
 */
export function CommsPad({ incident, actor }: { incident: IncidentSummary; actor: string }) {
  const db = useDatabase();
  const organisation = useOrganisation();
  const context = useLiveQuery(() => getCommsContext(db, incident.id), [db, incident.id]);
  const chosen = useCommsDrafts((s) => s.selected[incident.id]);
  const now = useNow(1_000);

  if (!organisation || !context) return <p className="page-status">{t('comms.loading')}</p>;
  const { audiences } = organisation.settings;
  // Until someone picks, the pad opens on the most overdue audience, else the first.
  const late = audiences
    .map((a) => ({ a, c: audienceCadence(a, incident, context.messages, now) }))
    .filter(({ c }) => c.state === 'late')
    .sort((x, y) => (x.c.state === 'late' && y.c.state === 'late' ? y.c.lateByMs - x.c.lateByMs : 0));
  const audience = audiences.find((a) => a.id === chosen) ?? late[0]?.a ?? audiences[0]!;
  const minute = Math.floor(now / 60_000) * 60_000;

  return (
    <div className="comms-pad">
      <AudienceList
        incident={incident}
        audiences={audiences}
        messages={context.messages}
        selected={audience.id}
        onSelect={(id) => selectAudience(incident.id, id)}
        now={now}
      />
      <DraftEditor
        key={audience.id}
        incident={incident}
        audience={audience}
        settings={organisation.settings}
        context={context}
        actor={actor}
        minute={minute}
      />
      <MessageRecord messages={context.messages} deliveries={context.deliveries} actor={actor} now={now} />
    </div>
  );
}
