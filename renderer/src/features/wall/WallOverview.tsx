import type { WallOverview as WallOverviewData } from '../../db/wallQueries';
import { t } from '../../i18n/i18n';
import { WallAlertLane } from './WallAlertLane';
import { WallOnCallLane } from './WallOnCallLane';
import { WallTile } from './WallTile';

/** More than this and tiles would drop below the wall's smallest readable text: the rest are counted. */
export const MAX_TILES = 20;

/** Columns × rows for `count` tiles on a landscape screen: as large as they can be. */
export function tileGrid(count: number): { columns: number; rows: number } {
  const grids = [
    [1, 1],
    [2, 1],
    [3, 1],
    [2, 2],
    [3, 2],
    [3, 2],
    [4, 2],
    [4, 2],
    [3, 3],
    [4, 3],
    [4, 3],
    [4, 3],
    [4, 4],
    [4, 4],
    [4, 4],
    [4, 4],
    [5, 4],
    [5, 4],
    [5, 4],
    [5, 4],
  ] as const;
  const [columns, rows] = grids[Math.min(Math.max(count, 1), MAX_TILES) - 1]!;
  return { columns, rows };
}

/** Every open incident as a tile, most urgent first: the NOC's view of the whole estate. */
export function WallOverview({ data, now }: { data: WallOverviewData; now: number }) {
  const shown = data.tiles.slice(0, MAX_TILES);
  const hidden = data.tiles.length - shown.length;
  const { columns, rows } = tileGrid(shown.length);
  const { audiences, serviceLevels, rosters } = data.organisation.settings;
  return (
    <article className="wall-overview" aria-label={t('wall.overviewLabel')}>
      <header className="wall-overview-heading">
        <h1 className="wall-overview-title">{t('wall.overview.heading')}</h1>
        <p className="wall-overview-count">
          {t('wall.overview.count', { count: data.tiles.length })}
          {hidden > 0 && <> · {t('wall.overview.more', { count: hidden })}</>}
        </p>
      </header>
      <div className="wall-overview-body">
      {shown.length === 0 ? (
        <div className="wall-overview-empty">
          <p className="wall-overview-none">{t('wall.overview.none')}</p>
          <p className="wall-empty">{t('wall.overview.noneHint')}</p>
        </div>
      ) : (
        <ol
          className={`wall-tiles density-${rows}`}
          aria-label={t('wall.overview.label')}
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
        >
          {shown.map((tile) => (
            <WallTile key={tile.summary.id} tile={tile} audiences={audiences} serviceLevels={serviceLevels} now={now} />
          ))}
        </ol>
      )}
      {(data.alerts.length > 0 || rosters.length > 0) && (
        <div className="wall-side">
          {rosters.length > 0 && <WallOnCallLane rosters={rosters} now={now} />}
          {data.alerts.length > 0 && <WallAlertLane groups={data.alerts} now={now} />}
        </div>
      )}
      </div>
    </article>
  );
}
