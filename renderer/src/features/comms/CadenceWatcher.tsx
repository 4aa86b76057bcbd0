import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';

import { audienceCadence } from '@shared/domain/cadence';
import { byText } from '@shared/domain/order';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { openIncidentsWithMessages } from '../../db/messageQueries';
import { audienceName } from '../../i18n/defaultNames';
import { formatNumber, formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useNow } from '../../ui/useNow';
import { notify } from '../notices/noticeStore';
import { useOrganisation } from '../../ui/useOrganisation';

/** The one notice that says which updates are late: each new alert replaces it instead of stacking. */
const NOTICE_KEY = 'comms.cadence';
/** Late updates named in the notice; the rest are counted. */
const NAMED = 4;

type Late = { incidentId: string; title: string; audience: string; dueAt: string };

/**
 * Watches every open incident's update cadence, wherever the operator is in
 * the console, and alerts (on the desktop too) each time an audience's update
 * falls due unsent. One alert says every update late at that moment, most
 * overdue first, so a few overdue incidents never fill the screen.
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
    const late: Late[] = [];
    let fresh = false;
    for (const { incident, messages } of data) {
      for (const audience of organisation.settings.audiences) {
        const cadence = audienceCadence(audience, incident, messages, now);
        if (cadence.state !== 'late') continue;
        late.push({ incidentId: incident.id, title: incident.title, audience: audienceName(audience), dueAt: cadence.dueAt });
        // A later message moves the due time, which may alert again.
        const key = `${incident.id}|${audience.id}|${cadence.dueAt}`;
        if (raised.current.has(key)) continue;
        raised.current.add(key);
        fresh = true;
      }
    }
    if (!fresh) return;
    late.sort((a, b) => byText(a.dueAt, b.dueAt));
    const first = late[0]!;
    void notify(platform, {
      key: NOTICE_KEY,
      tone: 'alert',
      ...(late.length === 1
        ? {
            title: t('comms.cadence.alert', { audience: first.audience, title: first.title }),
            detail: t('comms.cadence.alertDetail', { time: formatTime(new Date(first.dueAt)) }),
          }
        : {
            title: t('comms.cadence.alertMany', { count: formatNumber(late.length) }),
            detail: [
              ...late.slice(0, NAMED).map((item) => t('comms.cadence.alertItem', { audience: item.audience, title: item.title, time: formatTime(new Date(item.dueAt)) })),
              ...(late.length > NAMED ? [t('comms.cadence.alertMore', { count: formatNumber(late.length - NAMED) })] : []),
            ].join(' · '),
          }),
      route: `${incidentRoute(first.incidentId)}/comms`,
    });
  }, [data, organisation, now, platform]);

  return null;
}
