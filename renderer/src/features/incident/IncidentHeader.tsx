import { STATUSES, type Status } from '@shared/domain/events';
import type { IncidentField, IncidentSummary } from '@shared/domain/incident';

import { useDatabase } from '../../app/DatabaseContext';
import { changeField, changeStatus } from '../../db/commands';
import { formatDateTime, formatDuration, t } from '../../i18n/i18n';
import { closeIncidentDialog, openIncidentDialog, openWallDialog, useUiStore } from '../../state/uiStore';
import { useReadOnly } from '../../ui/ReadOnly';
import { ExportButton } from '../exchange/FileButtons';
import { PriorityBadge, StatusBadge } from '../incidents/PriorityBadge';
import { useNow } from '../../ui/useNow';
import { CommanderStatus } from '../roles/CommanderStatus';
import { ConflictBanner } from './ConflictBanner';
import { PriorityDialog } from './PriorityDialog';
import { ServiceLevelClock } from './ServiceLevelClock';
import { TierBadge } from './TierBadge';
import { TierDialog } from './TierDialog';

type Props = { incident: IncidentSummary; actor: string; onDone: () => void };

export function IncidentHeader({ incident, actor, onDone }: Props) {
  const db = useDatabase();
  const readOnly = useReadOnly();
  const now = new Date(useNow(30_000));
  const dialog = useUiStore((s) => s.incidentDialog);
  const declaredAt = new Date(incident.declaredAt);

  const setStatus = async (status: Status) => {
    if (status !== incident.status) await changeStatus(db, incident.id, status, actor);
    onDone();
  };

  const keep = async (field: IncidentField, value: unknown) => {
    await changeField(db, incident.id, field, value as never, actor);
    onDone();
  };

  return (
    <header className="incident-header">
      <div className="incident-heading">
        <PriorityBadge priority={incident.priority} />
        <TierBadge tier={incident.tier} />
        <h1 id="incident-title">{incident.title}</h1>
        {incident.drill && <span className="badge drill">{t('incidents.drill')}</span>}
        <ServiceLevelClock incident={incident} />
        {!readOnly && (
          <div className="incident-actions">
            <button type="button" className="button small" onClick={() => openIncidentDialog('tier')} aria-keyshortcuts="Alt+E">
              {t(incident.tier === 'continuity' ? 'tierDialog.openDeEscalate' : 'tierDialog.openEscalate')}
            </button>
            <button type="button" className="button small" onClick={() => openIncidentDialog('priority')}>
              {t('priorityDialog.open')}
            </button>
            <ExportButton incidentId={incident.id} />
            <button type="button" className="button small" title={t('wall.openHint')} onClick={openWallDialog} aria-keyshortcuts="Control+Shift+D">
              {t('wall.open')}
            </button>
          </div>
        )}
      </div>
      <CommanderStatus incidentId={incident.id} />
      <dl className="incident-facts">
        <div>
          <dt>{t('incidents.col.kind')}</dt>
          <dd>{t(`kind.${incident.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('incidents.col.services')}</dt>
          <dd>{incident.services.join(', ') || t('timeline.noServices')}</dd>
        </div>
        <div>
          <dt>{t('incidents.col.declared')}</dt>
          <dd>
            <time dateTime={incident.declaredAt}>{t('incident.declaredAgo', { time: formatDateTime(declaredAt), name: incident.declaredBy })}</time>
          </dd>
        </div>
        <div>
          <dt>{t('incident.elapsedLabel')}</dt>
          <dd>{formatDuration(declaredAt, now)}</dd>
        </div>
        {readOnly ? (
          <div>
            <dt>{t('status.label')}</dt>
            <dd>
              <StatusBadge status={incident.status} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>
              <label htmlFor="incident-status">{t('status.label')}</label>
            </dt>
            <dd>
              <select
                id="incident-status"
                className={`status-select status-${incident.status}`}
                value={incident.status}
                aria-keyshortcuts="Alt+S"
                onChange={(e) => void setStatus(e.target.value as Status)}
              >
                {STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`status.${status}`)}
                  </option>
                ))}
              </select>
            </dd>
          </div>
        )}
      </dl>
      {incident.conflicts.length > 0 && <ConflictBanner incident={incident} onKeep={readOnly ? undefined : keep} />}
      {dialog === 'tier' && <TierDialog incident={incident} actor={actor} onClose={closeIncidentDialog} />}
      {dialog === 'priority' && <PriorityDialog incident={incident} actor={actor} onClose={closeIncidentDialog} />}
    </header>
  );
}

