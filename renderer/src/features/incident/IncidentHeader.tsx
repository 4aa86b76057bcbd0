import { useEffect, useState } from 'react';

import { STATUSES, type Status } from '@shared/domain/events';
import type { IncidentField, IncidentSummary } from '@shared/domain/incident';

import { useDatabase } from '../../app/DatabaseContext';
import { changeField, changeStatus } from '../../db/commands';
import { formatDateTime, formatDuration, t } from '../../i18n/i18n';
import { openWallDialog } from '../../state/uiStore';
import { useReadOnly } from '../../ui/ReadOnly';
import { ExportButton } from '../exchange/FileButtons';
import { PriorityBadge, StatusBadge } from '../incidents/PriorityBadge';
import { ConflictBanner } from './ConflictBanner';

type Props = { incident: IncidentSummary; actor: string; onDone: () => void };

export function IncidentHeader({ incident, actor, onDone }: Props) {
  const db = useDatabase();
  const readOnly = useReadOnly();
  const now = useNow(30_000);
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
        <h1 id="incident-title">{incident.title}</h1>
        {incident.drill && <span className="badge drill">{t('incidents.drill')}</span>}
        {!readOnly && (
          <div className="incident-actions">
            <ExportButton incidentId={incident.id} />
            <button type="button" className="button small" title={t('wall.openHint')} onClick={openWallDialog} aria-keyshortcuts="Control+Shift+D">
              {t('wall.open')}
            </button>
          </div>
        )}
      </div>
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
    </header>
  );
}

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
