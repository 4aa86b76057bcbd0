import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';

import { parseWallQuery, type WallOptions } from '@shared/platform/wallRoute';

import { useDatabase } from '../../app/DatabaseContext';
import { NotFound } from '../../app/NotFound';
import { getWallIncident, getWallOverview } from '../../db/wallQueries';
import { t } from '../../i18n/i18n';
import { useNow } from '../../ui/useNow';
import { WallFooter, type Rotation } from './WallFooter';
import { WallIncident } from './WallIncident';
import { MAX_TILES, WallOverview } from './WallOverview';
import { useWallFreshness } from './useWallFreshness';

/** Newest entries a wall reads; the layout shows those that fit whole. */
export const WALL_ENTRIES = 12;

/**
 * A wall screen: one incident (`id`), or every open incident with a rotation
 * through each one's detail. Read-only and live: the console's writes, and
 * other consoles' through sync, reach it through the shared database.
 */
export function WallPage({ id, query }: { id: string | null; query: string }) {
  const { options, problems } = useMemo(() => parseWallQuery(query), [query]);
  const leftOut = [...problems.badZones, ...(problems.badRotate !== null ? [problems.badRotate] : [])];
  const now = useNow(1000);
  return id === null ? <WallRotation options={options} leftOut={leftOut} now={now} /> : <SingleWall id={id} options={options} leftOut={leftOut} now={now} />;
}

type WallProps = { options: WallOptions; leftOut: string[]; now: number };

function SingleWall({ id, options, leftOut, now }: WallProps & { id: string }) {
  const db = useDatabase();
  const data = useLiveQuery(() => getWallIncident(db, id, WALL_ENTRIES), [db, id]);
  const freshness = useWallFreshness(now);
  if (data === undefined) return <p className="page-status">{t('timeline.loading')}</p>;
  if (data === null) return <NotFound />;
  return (
    <div className="wall-screen" data-stale={freshness.kind === 'stale' || undefined}>
      <WallIncident data={data} now={now} />
      <WallFooter zones={options.zones} now={now} freshness={freshness} updatedAt={data.readAt} rotation={null} leftOut={leftOut} />
    </div>
  );
}

/** Reads its own incident; rendered hidden ahead of its turn, so the switch paints a loaded screen. */
function RotatingIncident({ id, now, hidden }: { id: string; now: number; hidden: boolean }) {
  const db = useDatabase();
  const data = useLiveQuery(() => getWallIncident(db, id, WALL_ENTRIES), [db, id]);
  if (!data) return null;
  return (
    <div className="wall-slot" hidden={hidden}>
      <WallIncident data={data} now={now} />
    </div>
  );
}

function WallRotation({ options, leftOut, now }: WallProps) {
  const db = useDatabase();
  const data = useLiveQuery(() => getWallOverview(db), [db]);
  const freshness = useWallFreshness(now);
  const ids = useMemo(() => data?.tiles.slice(0, MAX_TILES).map((tile) => tile.summary.id) ?? [], [data]);
  // The overview, then each incident in the overview's order; null is the overview.
  const [shown, setShown] = useState<{ id: string | null; since: number }>({ id: null, since: now });
  const period = options.rotateSeconds * 1000;
  const rotating = period > 0 && ids.length > 0;
  const cycle: (string | null)[] = [null, ...ids];
  const index = Math.max(0, cycle.indexOf(shown.id));
  const next = cycle[(index + 1) % cycle.length] ?? null;

  // Turns on the wall's clock tick.
  if (rotating && now - shown.since >= period) setShown({ id: next, since: now });

  // An incident that closed while shown leaves the rotation at once.
  const current = shown.id !== null && !ids.includes(shown.id) ? null : shown.id;
  const rotation: Rotation | null = rotating
    ? { position: index + 1, count: cycle.length, secondsLeft: Math.max(0, Math.ceil((shown.since + period - now) / 1000)) }
    : null;

  if (data === undefined) return <p className="page-status">{t('timeline.loading')}</p>;
  const incidents = [current, rotating ? next : null].filter((value, i, all): value is string => value !== null && all.indexOf(value) === i);
  return (
    <div className="wall-screen" data-stale={freshness.kind === 'stale' || undefined}>
      {current === null && <WallOverview data={data} now={now} />}
      {incidents.map((incidentId) => (
        <RotatingIncident key={incidentId} id={incidentId} now={now} hidden={incidentId !== current} />
      ))}
      <WallFooter zones={options.zones} now={now} freshness={freshness} updatedAt={data.readAt} rotation={rotation} leftOut={leftOut} />
    </div>
  );
}
