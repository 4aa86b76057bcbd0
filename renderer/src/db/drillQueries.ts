import { nextInjectAt } from '@shared/domain/drills';
import { playedSet, type DrillRun } from '@shared/domain/drillRun';

import type { WarroomDatabase } from './database';
import { listOpenIncidents } from './queries';

/** An incident's drill, or null when it plays none. */
export async function drillOf(db: WarroomDatabase, incidentId: string): Promise<DrillRun | null> {
  const run = await db.drills.get(incidentId);
  return run?.started ? run : null;
}

/** The open drills this console plays (it started them), each with when its next inject falls due. */
export async function drillsToPlay(db: WarroomDatabase): Promise<{ incidentId: string; nextAt: number }[]> {
  const open = (await listOpenIncidents(db)).filter((i) => i.drill);
  if (open.length === 0) return [];
  const [device, runs] = await Promise.all([db.device(), db.drills.bulkGet(open.map((i) => i.id))]);
  return runs.flatMap((run) => {
    if (!run?.started || run.started.deviceId !== device.deviceId) return [];
    const nextAt = nextInjectAt(run.started, playedSet(run));
    return nextAt === null ? [] : [{ incidentId: run.incidentId, nextAt }];
  });
}
