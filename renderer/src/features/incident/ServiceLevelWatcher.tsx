import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';

import { readClock, serviceLevelClock } from '@shared/domain/serviceLevels';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { listOpenIncidents } from '../../db/queries';
import { formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useNow } from '../../ui/useNow';
import { notify } from '../notices/noticeStore';
import { useOrganisation } from '../../ui/useOrganisation';

/**
 * Watches every open incident's service-level clock, wherever the operator is
 * in the console, and raises an alert (on the desktop too) once when a clock
 * enters its warning time and once when it runs out. It never changes a tier.
 */
export function ServiceLevelWatcher() {
  const db = useDatabase();
  const platform = usePlatform();
  const incidents = useLiveQuery(() => listOpenIncidents(db), [db]);
  const organisation = useOrganisation();
  const now = useNow(5_000);
  const raised = useRef(new Set<string>());

  useEffect(() => {
    if (!incidents || !organisation) return;
    for (const incident of incidents) {
      const clock = serviceLevelClock(incident, organisation.settings.serviceLevels);
      if (!clock) continue;
      const { phase } = readClock(clock, now);
      if (phase === 'running') continue;
      // A new tier, priority or start makes a new clock, which may alert again.
      const key = `${incident.id}|${clock.kind}|${clock.startMs}|${clock.deadlineMs}|${phase}`;
      if (raised.current.has(key)) continue;
      raised.current.add(key);
      const what = t(clock.kind === 'toMajor' ? 'sla.toMajor' : 'sla.toContinuity');
      void notify(platform, {
        tone: 'alert',
        title: t(phase === 'overdue' ? 'sla.alert.overdue' : 'sla.alert.warning', {
          title: incident.title,
          what,
          time: formatTime(new Date(clock.deadlineMs)),
        }),
        detail: t('sla.alert.detail'),
        route: incidentRoute(incident.id),
      });
    }
  }, [incidents, organisation, now, platform]);

  return null;
}
