import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';

import { useDatabase } from '../../app/DatabaseContext';
import { playDueInjects } from '../../db/drillCommands';
import { drillsToPlay } from '../../db/drillQueries';
import { useProfileName } from '../profile/useProfile';

const RETRY_MS = 5_000;

/**
 * Plays the injects of the drills this console started: one timer, set for
 * the next inject due, not a poll, so each plays on its second. A console
 * that was closed catches up when it opens: the injects it missed are
 * recorded at their scripted times.
 */
export function DrillPlayer() {
  const db = useDatabase();
  const actor = useProfileName();
  const drills = useLiveQuery(() => drillsToPlay(db), [db]);

  useEffect(() => {
    if (!drills || drills.length === 0 || !actor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const arm = (at: number) => {
      if (!stopped) timer = setTimeout(() => void play(), Math.max(0, at - Date.now()));
    };
    // Each play says when its drill's next inject is due: the timer follows that, whether or not the rows have changed yet.
    // A play that failed is tried again a little later, not given up: a drill never stalls silently.
    const play = async () => {
      const nexts = await Promise.all(
        drills.map(({ incidentId }) =>
          playDueInjects(db, incidentId, actor).catch((error: unknown) => {
            console.error('A drill inject could not be played', error);
            return Date.now() + RETRY_MS;
          }),
        ),
      );
      const next = nexts.filter((n): n is number => n !== null);
      if (next.length > 0) arm(Math.min(...next));
    };
    arm(Math.min(...drills.map((d) => d.nextAt)));
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [drills, actor, db]);

  return null;
}
