import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';

import { audienceCadence } from '@shared/domain/cadence';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { openIncidentsWithMessages } from '../../db/messageQueries';
import { audienceName } from '../../i18n/defaultNames';
import { formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useNow } from '../../ui/useNow';
import { notify } from '../notices/noticeStore';
import { useOrganisation } from '../settings/useOrganisation';

/**
 * Watches every open incident's update cadence, wherever the operator is in
 * the console, and raises an alert (on the desktop too) once each time an
 * audience's update falls due unsent.
 */
export function CadenceWatcher() {
  const db = useDatabase();
  const platform = usePlatform();
  const data = useLiveQuery(() => openIncidentsWithMessages(db), [db]);
  const organisation = useOrganisation();
  const now = useNow(5_000);
  const raised = useRef(new Set<string>());

  useEffect(() => {
    if (!data || !organisation) return;
    for (const { incident, messages } of data) {
      for (const audience of organisation.settings.audiences) {
        const cadence = audienceCadence(audience, incident, messages, now);
        if (cadence.state !== 'late') continue;
        // A later message moves the due time, which may alert again.
        const key = `${incident.id}|${audience.id}|${cadence.dueAt}`;
        if (raised.current.has(key)) continue;
        raised.current.add(key);
        void notify(platform, {
          tone: 'alert',
          title: t('comms.cadence.alert', { audience: audienceName(audience), title: incident.title }),
          detail: t('comms.cadence.alertDetail', { time: formatTime(new Date(cadence.dueAt)) }),
          route: `${incidentRoute(incident.id)}/comms`,
        });
      }
    }
  }, [data, organisation, now, platform]);

  return null;
}
