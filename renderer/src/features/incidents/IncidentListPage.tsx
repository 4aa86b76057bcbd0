import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';

import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { listIncidents } from '../../db/queries';
import { formatDateTime, t } from '../../i18n/i18n';
import { openDeclare, useUiStore } from '../../state/uiStore';
import { isTypingTarget } from '../../ui/keyboard';
import { ImportButton } from '../exchange/FileButtons';
import { TierBadge } from '../incident/TierBadge';
import { PriorityBadge, StatusBadge } from './PriorityBadge';

export function IncidentListPage() {
  const db = useDatabase();
  const incidents = useLiveQuery(() => listIncidents(db), [db]);
  const dialogOpen = useUiStore((s) => s.declareOpen || s.profileOpen);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen || isTypingTarget(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        openDeclare();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen]);

  if (incidents === undefined) return <p className="page-status">{t('timeline.loading')}</p>;

  return (
    <section className="page" aria-labelledby="incidents-heading">
      <header className="page-header">
        <h1 id="incidents-heading">{t('incidents.title')}</h1>
        <ImportButton />
        <button type="button" className="button primary" onClick={openDeclare} aria-keyshortcuts="N">
          {t('incidents.declare')} <kbd>N</kbd>
        </button>
      </header>
      {incidents.length === 0 ? (
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
            {incidents.map((incident) => (
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
    </section>
  );
}
