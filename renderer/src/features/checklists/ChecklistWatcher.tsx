import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';

import { runbooksDue } from '@shared/domain/runbooks';

import { useDatabase } from '../../app/DatabaseContext';
import { attachDueRunbooks } from '../../db/checklistCommands';
import { incidentsTakingRunbooks } from '../../db/checklistQueries';
import { useLocale } from '../../i18n/locale';
import { useSyncStatus } from '../../sync/syncStatus';
import { useProfileName } from '../profile/useProfile';
import { useOrganisation } from '../../ui/useOrganisation';

/**
 * Attaches runbooks to incidents as they come to meet their conditions,
 * whatever made them do so: a declaration, a new priority, an escalation, a
 * change synced from another console or made by the hub. Written in the name
 * of the person at this console; a console without one leaves it to others.
 */
export function ChecklistWatcher() {
  const db = useDatabase();
  const organisation = useOrganisation();
  const actor = useProfileName();
  const language = useLocale();
  const candidates = useLiveQuery(() => incidentsTakingRunbooks(db, Date.now()), [db]);
  // While a hub is still handing this console its log, the organisation's runbooks and other consoles'
  // attachments may not be here yet: deciding then would attach from defaults or attach twice.
  const catchingUp = useSyncStatus((s) => s.status.state === 'connecting' || (s.status.state === 'syncing' && s.status.toReceive > 0));
  const running = useRef(new Set<string>());

  useEffect(() => {
    if (!candidates || !organisation || !actor || catchingUp) return;
    for (const { incident, attached } of candidates) {
      if (running.current.has(incident.id)) continue;
      if (runbooksDue(organisation.settings.runbooks, language, incident, attached).length === 0) continue;
      running.current.add(incident.id);
      // The write checks again inside its transaction: a runbook another console attached meanwhile is not attached twice here.
      void attachDueRunbooks(db, incident.id, { language, actor })
        .catch(() => undefined)
        .finally(() => running.current.delete(incident.id));
    }
  }, [candidates, organisation, actor, language, db, catchingUp]);

  return null;
}
