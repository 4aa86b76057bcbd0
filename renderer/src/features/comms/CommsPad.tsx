import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';

import { audienceCadence } from '@shared/domain/cadence';
import type { Audience } from '@shared/domain/comms';
import type { IncidentSummary } from '@shared/domain/incident';
import type { MessageView } from '@shared/domain/messages';

import { useDatabase } from '../../app/DatabaseContext';
import { getCommsContext } from '../../db/messageQueries';
import { t } from '../../i18n/i18n';
import { selectAudience, useCommsDrafts } from '../../state/commsDrafts';
import { useNow } from '../../ui/useNow';
import { useOrganisation } from '../../ui/useOrganisation';
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
  const audience = organisation && context ? shownAudience(organisation.settings.audiences, chosen, incident, context.messages, now) : null;

  // Once shown, the audience stays until someone picks another: a send must not move the pad away from its draft.
  useEffect(() => {
    if (audience && chosen !== audience.id) selectAudience(incident.id, audience.id);
  }, [audience, chosen, incident.id]);


  if (!organisation || !context || !audience) return <p className="page-status">{t('comms.loading')}</p>;
  const { audiences } = organisation.settings;
  const minute = Math.floor(now / 60_000) * 60_000;

  return (
    <div className="workspace-view comms-pad">
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

/** The audience picked for this incident; until someone picks, the most overdue one, else the first. */
function shownAudience(audiences: readonly Audience[], chosen: string | undefined, incident: IncidentSummary, messages: readonly MessageView[], now: number): Audience {
  const picked = audiences.find((a) => a.id === chosen);
  if (picked) return picked;
  let worst: { audience: Audience; lateByMs: number } | null = null;
  for (const audience of audiences) {
    const cadence = audienceCadence(audience, incident, messages, now);
    if (cadence.state === 'late' && (!worst || cadence.lateByMs > worst.lateByMs)) worst = { audience, lateByMs: cadence.lateByMs };
  }
  return worst?.audience ?? audiences[0]!;
}
