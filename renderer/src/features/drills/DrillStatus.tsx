import { useLiveQuery } from 'dexie-react-hooks';

import { nextInjectAt } from '@shared/domain/drills';
import { playedSet } from '@shared/domain/drillRun';

import { useDatabase } from '../../app/DatabaseContext';
import { drillOf } from '../../db/drillQueries';
import { formatTime, t } from '../../i18n/i18n';

/** How far the drill has played, and when its next inject is due: beside the incident's heading. */
export function DrillStatus({ incidentId }: { incidentId: string }) {
  const db = useDatabase();
  const read = useLiveQuery(async () => ({ run: await drillOf(db, incidentId), device: (await db.device()).deviceId }), [db, incidentId]);
  const started = read?.run?.started;
  if (!read?.run || !started) return null;
  const played = playedSet(read.run);
  const next = nextInjectAt(started, played);
  const count = started.injects.length;
  const parts = [
    t('drills.status', { title: started.title, played: started.injects.filter((i) => played.has(i.id)).length, count }),
    next === null ? t('drills.allPlayed') : t('drills.next', { time: formatTime(new Date(next)) }),
    ...(started.deviceId !== read.device && next !== null ? [t('drills.elsewhere', { name: started.by })] : []),
  ];
  return (
    <p className="drill-status" role="status">
      {parts.join(' · ')}
    </p>
  );
}
