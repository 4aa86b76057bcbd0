/**
 * The fold of alert events into alert groups, the same on every console and
 * on the hub. Whatever order a console receives the events in, it reaches the
 * same groups: counts add up, first and last times are the least and the
 * greatest, and each state (an alert's status, a group's acknowledgement,
 * silence and incident) is the one set by the latest event in the total order
 * of events.
 */
import { alertKey, type AlertAction, type AlertGroupState, type AlertNotice, type AlertState } from './alerts';
import type { DomainEvent, EventOf } from './events';

export type AlertEvent = EventOf<'alert.received' | 'alert.groupAcknowledged' | 'alert.groupSilenced' | 'alert.groupAttached'>;

export function isAlertEvent(event: DomainEvent): event is AlertEvent {
  return event.type.startsWith('alert.');
}

/** The group an alert event is about: an alert that opens one names it with its own id. */
export function groupIdOf(event: AlertEvent): string {
  return event.type === 'alert.received' ? event.payload.group || event.id : event.payload.group;
}

/** The events' total order (clock, device, sequence, as `compareEvents`) as text that compares the same way. */
export function orderOf(event: Pick<DomainEvent, 'hlc' | 'deviceId' | 'deviceSeq'>): string {
  return `${event.hlc} ${event.deviceId} ${String(event.deviceSeq).padStart(16, '0')}`;
}

export function emptyGroup(id: string): AlertGroupState {
  return { id, service: '', opener: '', alerts: {}, firstAt: '', lastAt: '', acknowledged: null, silenced: null, incident: null };
}

const earlier = (a: string, b: string) => (a === '' || (b !== '' && b < a) ? b : a);
const later = (a: string, b: string) => (b > a ? b : a);

type AlertStatus = Pick<AlertState, 'status' | 'acknowledgedAtSource'>;

/** An alert's status after a notification of `action`, the latest it has had. */
export function statusAfter(alert: AlertStatus, action: AlertAction): AlertStatus {
  if (action === 'resolve') return { status: 'resolved', acknowledgedAtSource: alert.acknowledgedAtSource };
  // Fired again after it was resolved: whatever the source said of its acknowledgement then is over.
  const acknowledged = action === 'acknowledge' || (alert.status === 'firing' && alert.acknowledgedAtSource);
  return { status: 'firing', acknowledgedAtSource: acknowledged };
}

/** Whether a notification would change what the alert is, rather than only repeat it: its status, or a trigger's severity. */
export function noticeChanges(alert: AlertState, notice: Pick<AlertNotice, 'action' | 'severity'>): boolean {
  const next = statusAfter(alert, notice.action);
  if (next.status !== alert.status || next.acknowledgedAtSource !== alert.acknowledgedAtSource) return true;
  return notice.action === 'trigger' && notice.severity !== alert.severity;
}

/** Folds one event into its group (`undefined`: a group not seen yet). Changes the group it is given, and returns it. */
export function applyAlertEvent(group: AlertGroupState | undefined, event: AlertEvent): AlertGroupState {
  const g = group ?? emptyGroup(groupIdOf(event));
  const order = orderOf(event);
  switch (event.type) {
    case 'alert.received': {
      const p = event.payload;
      const at = event.occurredAt;
      const began = p.startedAt || at;
      const key = alertKey(p.integration, p.dedupKey);
      const alert: AlertState = g.alerts[key] ?? {
        key,
        integration: p.integration,
        integrationName: p.integrationName,
        dedupKey: p.dedupKey,
        title: p.title,
        severity: p.severity,
        service: p.service,
        labels: p.labels,
        links: p.links,
        status: 'firing',
        acknowledgedAtSource: false,
        count: 0,
        firstAt: began,
        lastAt: at,
        latest: '',
      };
      alert.count += p.repeats;
      alert.firstAt = earlier(alert.firstAt, began);
      alert.lastAt = later(alert.lastAt, at);
      if (order > alert.latest) {
        alert.latest = order;
        Object.assign(alert, statusAfter(alert, p.action));
        // A trigger says what the alert is now; an acknowledgement or resolution may say less (PagerDuty's say nothing).
        if (p.action === 'trigger') Object.assign(alert, { title: p.title, severity: p.severity, service: p.service, labels: p.labels, links: p.links, integrationName: p.integrationName });
      }
      g.alerts[key] = alert;
      // Named by the alert that opened it, whenever that arrives: every console names it the same.
      if (p.group === '') {
        g.service = p.service;
        g.opener = key;
      }
      g.firstAt = earlier(g.firstAt, alert.firstAt);
      g.lastAt = later(g.lastAt, at);
      return g;
    }
    case 'alert.groupAcknowledged':
      if (!g.acknowledged || order > g.acknowledged.order) g.acknowledged = { by: event.actor, at: event.occurredAt, reason: event.payload.reason, order };
      return g;
    case 'alert.groupSilenced':
      if (!g.silenced || order > g.silenced.order) g.silenced = { by: event.actor, at: event.occurredAt, reason: event.payload.reason, until: event.payload.until, order };
      return g;
    case 'alert.groupAttached':
      if (!g.incident || order > g.incident.order) g.incident = { id: event.incidentId, at: event.occurredAt, order };
      return g;
  }
}
