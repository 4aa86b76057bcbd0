import { useLiveQuery } from 'dexie-react-hooks';

import { useDatabase } from '../../app/DatabaseContext';
import { NotFound } from '../../app/NotFound';
import { getIncidentView } from '../../db/queries';
import { t } from '../../i18n/i18n';
import { ReadOnlyProvider } from '../../ui/ReadOnly';
import { IncidentHeader } from '../incident/IncidentHeader';
import { TimelineList } from '../timeline/TimelineList';

/**
 * What a wall screen shows: the incident as the console shows it, following it
 * live (the console's writes reach this window through the shared database),
 * with nothing that could change it. The wall's own layout comes later; this
 * is the read-only view it builds on.
 */
export function WallPage({ id }: { id: string }) {
  const db = useDatabase();
  const view = useLiveQuery(() => getIncidentView(db, id), [db, id]);

  if (view === undefined) return <p className="page-status">{t('timeline.loading')}</p>;
  if (view === null) return <NotFound />;

  return (
    <ReadOnlyProvider value={true}>
      <section className="incident-page wall-page" aria-labelledby="incident-title">
        <p className="wall-mark">{t('wall.readOnly')}</p>
        <IncidentHeader incident={view.summary} actor="" onDone={() => undefined} />
        <TimelineList incidentId={id} initialTotal={view.timelineCount} />
      </section>
    </ReadOnlyProvider>
  );
}
