import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';

import { resolveEntry } from '@shared/domain/timeline';

import { useDatabase } from '../../app/DatabaseContext';
import { getEntry, lastEntryId } from '../../db/queries';
import { t } from '../../i18n/i18n';

/** Tells screen-reader users about each new timeline entry, without moving their focus. */
export function NewEntryAnnouncer({ incidentId }: { incidentId: string }) {
  const db = useDatabase();
  const latest = useLiveQuery(async () => {
    const id = await lastEntryId(db, incidentId);
    const entry = id ? await getEntry(db, id) : null;
    return entry ? { id: entry.id, text: resolveEntry(entry, undefined).text } : null;
  }, [db, incidentId]);
  const seen = useRef<string | null | undefined>(undefined);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (latest === undefined) return;
    // Announce changes after the first load, not the entry that was already there.
    if (seen.current !== undefined && latest && latest.id !== seen.current) {
      setMessage(t('timeline.newEntry', { text: latest.text.slice(0, 300) }));
    }
    seen.current = latest?.id ?? null;
  }, [latest]);

  return (
    <div className="visually-hidden" role="log" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
