import { INCIDENT_VIEWS, incidentViewRoute, type IncidentView } from '../../app/router';
import { t } from '../../i18n/i18n';
import { viewShortcut } from '../../ui/shortcuts';

const LABEL_KEYS = { timeline: 'workspace.timelineTab', hypotheses: 'hypotheses.tab', people: 'roles.tab', comms: 'comms.tab', review: 'review.tab', checklists: 'checklists.tab' } as const;

/** The incident's views as links (so back, forward and notifications land on one); Alt+1…6 (Cmd+1…6 on macOS) switch. */
export function IncidentViews({ incidentId, current }: { incidentId: string; current: IncidentView }) {
  return (
    <nav className="incident-views" aria-label={t('workspace.views')}>
      {INCIDENT_VIEWS.map((view, i) => (
        <a
          key={view}
          href={incidentViewRoute(incidentId, view)}
          className={view === current ? 'view-link current' : 'view-link'}
          aria-current={view === current ? 'page' : undefined}
          aria-keyshortcuts={viewShortcut(i).aria}
        >
          {t(LABEL_KEYS[view])}
          <kbd className="view-key" aria-hidden="true">
            {viewShortcut(i).label}
          </kbd>
        </a>
      ))}
    </nav>
  );
}
