import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';

import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { bindingAria, bindingLabel } from '../../commands/keys';
import { useCommands, type Command } from '../../commands/registry';
import { listOpenIncidents, listPastIncidents } from '../../db/queries';
import { formatDateTime, formatNumber, t } from '../../i18n/i18n';
import { openDeclare, openDrill, openWallDialog } from '../../state/uiStore';
import { DECLARE_KEY } from '../../ui/shortcuts';
import { ImportButton } from '../exchange/FileButtons';
import { TierBadge } from '../incident/TierBadge';
import { PriorityBadge, StatusBadge } from '../../ui/PriorityBadge';

/** Past incidents shown at first, and added by each "Show more": a console may hold thousands. */
export const PAST_PAGE = 50;

export function IncidentListPage() {
  const db = useDatabase();
  const [pastShown, setPastShown] = useState(PAST_PAGE);
  // Every open incident, always; the most pressing past ones (the list's order), a page at a time:
  // a console may hold thousands, and only the rows shown are read.
  const listed = useLiveQuery(
    // One read: a status changing between two reads would list an incident twice, or not at all.
    () =>
      db.transaction('r', db.incidents, async () => {
        const [open, past] = await Promise.all([listOpenIncidents(db), listPastIncidents(db, pastShown)]);
        return { open, past: past.incidents, pastTotal: past.total, pastShown };
      }),
    [db, pastShown],
  );
  const shown = useMemo(() => (listed ? [...listed.open, ...listed.past] : []), [listed]);
  // After "Show more", focus goes to the first incident it added once the longer list is on screen, so the keyboard carries on from there.
  const focusRow = useRef<number | null>(null);
  useEffect(() => {
    if (focusRow.current === null || listed?.pastShown !== pastShown) return;
    document.querySelectorAll<HTMLElement>('.incident-table .incident-link')[focusRow.current]?.focus();
    focusRow.current = null;
  }, [listed, pastShown]);
  const hasIncidents = shown.length > 0;
  // N (declare) is the console's, everywhere; J and K walk this list, and Enter opens the incident focused.
  const commands = useMemo(
    (): Command[] =>
      hasIncidents
        ? [
            { id: 'incidents.next', label: { key: 'palette.cmd.nextIncident' }, group: 'incidents', keys: [{ key: 'j' }], run: () => focusIncidentLink(1) },
            { id: 'incidents.previous', label: { key: 'palette.cmd.previousIncident' }, group: 'incidents', keys: [{ key: 'k' }], run: () => focusIncidentLink(-1) },
          ]
        : [],
    [hasIncidents],
  );
  useCommands(commands);

  if (listed === undefined) return <p className="page-status">{t('timeline.loading')}</p>;

  const hidden = Math.max(0, listed.pastTotal - listed.past.length);
  const showMore = () => {
    focusRow.current = shown.length;
    setPastShown((count) => count + PAST_PAGE);
  };

  return (
    <section className="page" aria-labelledby="incidents-heading">
      <header className="page-header">
        <h1 id="incidents-heading">{t('incidents.title')}</h1>
        <ImportButton />
        <button type="button" className="button" title={t('wall.openOverviewHint')} onClick={openWallDialog}>
          {t('wall.openOverview')}
        </button>
        <button type="button" className="button" onClick={openDrill}>
          {t('drills.start')}
        </button>
        <button type="button" className="button primary" onClick={openDeclare} aria-keyshortcuts={bindingAria(DECLARE_KEY)}>
          {t('incidents.declare')} <kbd>{bindingLabel(DECLARE_KEY)}</kbd>
        </button>
      </header>
      {shown.length === 0 ? (
        <div className="empty-state">
          <h2>{t('incidents.emptyTitle')}</h2>
          <p>{t('incidents.emptyBody')}</p>
          <button type="button" className="button primary large" onClick={openDeclare} autoFocus>
            {t('incidents.declare')}
          </button>
          <p className="hint">{t('incidents.shortcutHint')}</p>
        </div>
      ) : (
        <table className="incident-table">
          <thead>
            <tr>
              <th scope="col">{t('incidents.col.priority')}</th>
              <th scope="col">{t('incidents.col.title')}</th>
              <th scope="col">{t('tier.label')}</th>
              <th scope="col">{t('incidents.col.status')}</th>
              <th scope="col">{t('incidents.col.kind')}</th>
              <th scope="col">{t('incidents.col.services')}</th>
              <th scope="col">{t('incidents.col.declared')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((incident) => (
              <tr key={incident.id}>
                <td>
                  <PriorityBadge priority={incident.priority} />
                </td>
                <td>
                  <a href={incidentRoute(incident.id)} className="incident-link">
                    {incident.title}
                  </a>
                  {incident.drill && <span className="badge drill">{t('incidents.drill')}</span>}
                  {incident.conflicts.length > 0 && <span className="badge conflict">{t('incidents.conflict')}</span>}
                </td>
                <td>
                  <TierBadge tier={incident.tier} />
                </td>
                <td>
                  <StatusBadge status={incident.status} />
                </td>
                <td>{t(`kind.${incident.kind}`)}</td>
                <td className="services">{incident.services.join(', ')}</td>
                <td>
                  <time dateTime={incident.declaredAt}>{formatDateTime(new Date(incident.declaredAt))}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hidden > 0 && (
        <p className="incident-list-more">
          <button type="button" className="button" onClick={showMore}>
            {t('incidents.showMore', { hidden: formatNumber(hidden) })}
          </button>
        </p>
      )}
    </section>
  );
}

/** Moves focus to the next (1) or previous (-1) incident in the list, starting from the first or the last. */
function focusIncidentLink(step: 1 | -1): void {
  const links = [...document.querySelectorAll<HTMLElement>('.incident-table .incident-link')];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement as HTMLElement);
  const next = at < 0 ? (step === 1 ? 0 : links.length - 1) : Math.min(Math.max(at + step, 0), links.length - 1);
  links[next]!.focus();
}
