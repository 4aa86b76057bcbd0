import { useMemo, useRef } from 'react';

import { STATUSES, isFinalStatus, type Status, type Tier } from '@shared/domain/events';
import { incidentEndedAt, type IncidentField, type IncidentSummary } from '@shared/domain/incident';
import type { Impact, Urgency } from '@shared/domain/priority';

import { useDatabase } from '../../app/DatabaseContext';
import { useCommands, type Command } from '../../commands/registry';
import { changeField, changeStatus, reprioritise } from '../../db/commands';
import { formatDateTime, formatDuration, formatSpan, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { closeIncidentDialog, openIncidentDialog, openWallDialog, useUiStore } from '../../state/uiStore';
import { useReadOnly } from '../../ui/ReadOnly';
import { STATUS_CHORD, TIER_SHORTCUT } from '../../ui/shortcuts';
import { useNow } from '../../ui/useNow';
import { ExportButton } from '../exchange/FileButtons';
import { PriorityBadge, StatusBadge } from '../../ui/PriorityBadge';
import { notify } from '../notices/noticeStore';
import { BridgeLinks } from '../comms/BridgeLinks';
import { BridgesDialog } from '../comms/BridgesDialog';
import { CommanderStatus } from '../roles/CommanderStatus';
import { DrillStatus } from '../drills/DrillStatus';
import { AttachRunbookDialog } from '../checklists/AttachRunbookDialog';
import { ConflictBanner } from './ConflictBanner';
import { PriorityDialog } from './PriorityDialog';
import { ServiceLevelClock } from './ServiceLevelClock';
import { StatusDialog } from './StatusDialog';
import { TierBadge } from './TierBadge';
import { TierDialog } from './TierDialog';

type Props = { incident: IncidentSummary; actor: string; onDone: () => void };

export function IncidentHeader({ incident, actor, onDone }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const readOnly = useReadOnly();
  const now = new Date(useNow(30_000));
  const dialog = useUiStore((s) => s.incidentDialog);
  const declaredAt = new Date(incident.declaredAt);
  // A resolved or closed incident looks it: muted, and nothing counts on.
  const endedAt = incidentEndedAt(incident);
  const final = isFinalStatus(incident.status);
  const statusSelect = useRef<HTMLSelectElement>(null);
  // S (or Alt+S) reaches the status here, where the control is.
  const headerCommands = useMemo(
    (): Command[] => [
      { id: 'incident.status', label: { key: 'palette.cmd.status' }, group: 'incident', keys: [{ key: 's' }, STATUS_CHORD], run: () => statusSelect.current?.focus() },
    ],
    [],
  );
  useCommands(headerCommands);

  const setStatus = async (status: Status) => {
    if (status === incident.status) return onDone();
    // Resolving and closing ask first, for the note that says why.
    if (isFinalStatus(status)) return openIncidentDialog({ kind: 'status', status, returnFocus: 'incident-status' });
    await changeStatus(db, incident.id, status, actor);
    onDone();
  };

  /**
   * Keeps one of two concurrent values. A tier is a decision: it goes through
   * the tier dialog (reason, decider). Impact, urgency and priority go through
   * the matrix, so the priority shown always follows from the values shown.
   */
  const keep = async (field: IncidentField, value: unknown) => {
    if (field === 'tier') return openIncidentDialog({ kind: 'tier', preset: value as Tier });
    try {
      if (field === 'impact' || field === 'urgency' || field === 'priority') {
        const impact = field === 'impact' ? (value as Impact) : incident.impact;
        const urgency = field === 'urgency' ? (value as Urgency) : incident.urgency;
        await reprioritise(db, { incidentId: incident.id, impact, urgency, actor });
      } else {
        await changeField(db, incident.id, field, value as never, actor);
      }
      onDone();
    } catch (error) {
      void notify(platform, { tone: 'error', title: t('incident.keepFailed'), detail: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <header className={final ? 'incident-header final' : 'incident-header'}>
      {/* The first line holds what a commander reads at a glance on any screen: priority, tier, title, clock, status.
          The second holds who commands, the facts and the actions, wrapping as the width asks. */}
      <div className="incident-heading">
        <PriorityBadge priority={incident.priority} />
        <TierBadge tier={incident.tier} />
        <h1 id="incident-title" title={incident.title}>
          {incident.title}
        </h1>
        {incident.drill && <span className="badge drill">{t('incidents.drill')}</span>}
        <ServiceLevelClock incident={incident} />
        {readOnly ? (
          <span className="incident-status">
            <span className="incident-status-label">{t('status.label')}</span>
            <StatusBadge status={incident.status} />
          </span>
        ) : (
          <span className="incident-status">
            <label className="incident-status-label" htmlFor="incident-status">
              {t('status.label')}
            </label>
            <select
              id="incident-status"
              ref={statusSelect}
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
          </span>
        )}
      </div>
      <div className="incident-facts-line">
        <CommanderStatus incidentId={incident.id} />
        {incident.drill && <DrillStatus incidentId={incident.id} />}
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
          {final ? (
            <div>
              <dt>{t(`status.${incident.status}`)}</dt>
              <dd>{endedAt ? t('incident.endedAfter', { duration: formatSpan(declaredAt, new Date(endedAt)) }) : ''}</dd>
            </div>
          ) : (
            <div>
              <dt>{t('incident.elapsedLabel')}</dt>
              <dd>{formatDuration(declaredAt, now)}</dd>
            </div>
          )}
          <BridgeLinks incident={incident} readOnly={readOnly} />
        </dl>
        {!readOnly && (
          <div className="incident-actions">
            <button
              type="button"
              className="button small"
              onClick={() => openIncidentDialog({ kind: 'tier' })}
              aria-keyshortcuts={TIER_SHORTCUT.aria}
              title={TIER_SHORTCUT.label}
            >
              {t(incident.tier === 'continuity' ? 'tierDialog.openDeEscalate' : 'tierDialog.openEscalate')}
            </button>
            <button type="button" className="button small" onClick={() => openIncidentDialog({ kind: 'priority' })}>
              {t('priorityDialog.open')}
            </button>
            <ExportButton incidentId={incident.id} />
            <button type="button" className="button small" title={t('wall.openHint')} onClick={openWallDialog} aria-keyshortcuts="Control+Shift+D">
              {t('wall.open')}
            </button>
          </div>
        )}
      </div>
      {incident.conflicts.length > 0 && <ConflictBanner incident={incident} onKeep={readOnly ? undefined : keep} />}
      {!readOnly && dialog?.kind === 'bridges' && <BridgesDialog incident={incident} actor={actor} onClose={closeIncidentDialog} />}
      {!readOnly && dialog?.kind === 'tier' && (
        <TierDialog incident={incident} actor={actor} preset={dialog.preset} onClose={closeIncidentDialog} />
      )}
      {!readOnly && dialog?.kind === 'priority' && <PriorityDialog incident={incident} actor={actor} onClose={closeIncidentDialog} />}
      {!readOnly && dialog?.kind === 'attachRunbook' && <AttachRunbookDialog incidentId={incident.id} actor={actor} onClose={closeIncidentDialog} />}
      {!readOnly && dialog?.kind === 'status' && <StatusDialog incident={incident} actor={actor} status={dialog.status} onClose={closeIncidentDialog} />}
    </header>
  );
}

