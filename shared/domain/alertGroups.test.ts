import { describe, expect, it } from 'vitest';

import { firingCount, isLiveGroup, ALERT_GROUP_WINDOW_MS, type AlertGroupState } from './alerts';
import { applyAlertEvent, groupIdOf, isAlertEvent, noticeChanges, type AlertEvent } from './alertGroups';
import { CURRENT_VERSION, ORGANISATION_STREAM, parseEvent, type DomainEvent, type EventOf } from './events';
import { encodeHlc } from './hlc';
import { isTimelineEvent } from './timeline';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const HUB = 'hubauthor0000001';
const CONSOLE = 'consolea01';

function event(device: string, seq: number, type: string, payload: unknown, stream = ORGANISATION_STREAM, at = T0 + seq * 1000, v = CURRENT_VERSION[type as keyof typeof CURRENT_VERSION]): AlertEvent {
  const parsed = parseEvent({
    id: `${device}:${seq}`,
    incidentId: stream,
    type,
    v,
    hlc: encodeHlc({ ms: at, counter: 0 }),
    deviceId: device,
    deviceSeq: seq,
    actor: device === HUB ? 'Warroom' : 'Ada',
    occurredAt: new Date(at).toISOString(),
    payload,
  });
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  const e: DomainEvent = parsed.event;
  if (!isAlertEvent(e)) throw new Error('not an alert event');
  return e;
}

const received = (seq: number, dedupKey: string, action: 'trigger' | 'resolve' | 'acknowledge' = 'trigger', group = '', title = `Alert ${dedupKey}`) =>
  event(HUB, seq, 'alert.received', {
    integration: 'prom',
    integrationName: 'Prometheus',
    format: 'alertmanager',
    action,
    dedupKey,
    title,
    severity: 'critical',
    service: 'Payments',
    labels: [{ name: 'alertname', value: 'Down' }],
    links: [],
    startedAt: '',
    group,
    repeats: 1,
    changed: true,
  });

function fold(events: readonly AlertEvent[]): Map<string, AlertGroupState> {
  const groups = new Map<string, AlertGroupState>();
  for (const e of events) {
    const id = groupIdOf(e);
    groups.set(id, applyAlertEvent(groups.get(id), e));
  }
  return groups;
}

/** What a person sees of the groups, without the bookkeeping of order. */
const seen = (groups: Map<string, AlertGroupState>) => JSON.parse(JSON.stringify([...groups.values()].sort((a, b) => (a.id < b.id ? -1 : 1)))) as unknown;

describe('alert groups', () => {
  const G = `${HUB}:1`;
  const log = [
    received(1, 'a'),
    received(2, 'b', 'trigger', G),
    received(3, 'a', 'trigger', G, 'Alert a, again'),
    received(4, 'a', 'trigger', G),
    received(5, 'b', 'resolve', G),
    event(CONSOLE, 1, 'alert.groupAcknowledged', { group: G, about: 'Alert a', reason: 'on it' }),
    event(CONSOLE, 2, 'alert.groupSilenced', { group: G, about: 'Alert a', reason: 'maintenance', until: new Date(T0 + 3_600_000).toISOString() }),
  ];

  it('counts repeats of one alert instead of adding alerts, and resolves what is resolved', () => {
    const group = fold(log).get(G)!;
    expect(Object.keys(group.alerts)).toEqual(['prom/a', 'prom/b']);
    expect(group.alerts['prom/a']).toMatchObject({ count: 3, status: 'firing', title: 'Alert a', firstAt: new Date(T0 + 1000).toISOString(), lastAt: new Date(T0 + 4000).toISOString() });
    expect(group.alerts['prom/b']).toMatchObject({ count: 2, status: 'resolved' });
    expect(firingCount(group)).toBe(1);
    expect(group).toMatchObject({ service: 'Payments', acknowledged: { by: 'Ada', reason: 'on it' }, silenced: { reason: 'maintenance' } });
  });

  it('reaches the same groups whatever order the events arrive in', () => {
    const expected = seen(fold(log));
    for (const order of [[...log].reverse(), [log[4]!, log[6]!, log[0]!, log[3]!, log[5]!, log[2]!, log[1]!]]) expect(seen(fold(order))).toEqual(expected);
  });

  it('fires an alert again after it was resolved, forgetting the source’s old acknowledgement', () => {
    const group = fold([received(1, 'a'), received(2, 'a', 'acknowledge', G), received(3, 'a', 'resolve', G), received(4, 'a', 'trigger', G)]).get(G)!;
    expect(group.alerts['prom/a']).toMatchObject({ status: 'firing', acknowledgedAtSource: false, count: 4 });
  });

  it('adds up the repeats an event stands for, and keeps mere repeats off an incident’s timeline', () => {
    const incident = `${CONSOLE}:1`;
    const held = event(HUB, 2, 'alert.received', { ...received(2, 'a', 'trigger', G).payload, repeats: 5, changed: false }, incident);
    const resolved = event(HUB, 3, 'alert.received', { ...received(3, 'a', 'resolve', G).payload, repeats: 2 }, incident);
    expect(fold([received(1, 'a'), held, resolved]).get(G)!.alerts['prom/a']).toMatchObject({ count: 8, status: 'resolved' });
    expect([held, resolved].map(isTimelineEvent)).toEqual([false, true]);
  });

  it('reads an alert of version 1 as one notification that changed its alert', () => {
    const { repeats: _repeats, changed: _changed, ...v1 } = received(1, 'a').payload as EventOf<'alert.received'>['payload'];
    expect(event(HUB, 1, 'alert.received', v1, ORGANISATION_STREAM, T0, 1).payload).toMatchObject({ repeats: 1, changed: true });
  });

  it('tells a change of an alert from a mere repeat', () => {
    const alert = fold([received(1, 'a')]).get(G)!.alerts['prom/a']!;
    expect(noticeChanges(alert, { action: 'trigger', severity: 'critical' })).toBe(false);
    expect(noticeChanges(alert, { action: 'trigger', severity: 'warning' })).toBe(true);
    expect(noticeChanges(alert, { action: 'acknowledge', severity: 'critical' })).toBe(true);
    expect(noticeChanges(alert, { action: 'resolve', severity: 'critical' })).toBe(true);
    const resolved = { ...alert, status: 'resolved' as const };
    expect(noticeChanges(resolved, { action: 'resolve', severity: 'info' })).toBe(false);
    expect(noticeChanges(resolved, { action: 'trigger', severity: 'critical' })).toBe(true);
    expect(noticeChanges({ ...alert, acknowledgedAtSource: true }, { action: 'acknowledge', severity: 'info' })).toBe(false);
  });

  it('attaches a group to the incident named last', () => {
    const attach = (seq: number, incident: string) =>
      event(CONSOLE, seq, 'alert.groupAttached', { group: G, about: 'Alert a', service: 'Payments', severity: 'critical', alerts: 1, firstAt: new Date(T0).toISOString() }, incident);
    const group = fold([received(1, 'a'), attach(2, `${CONSOLE}:1`), attach(3, `${CONSOLE}:9`)]).get(G)!;
    expect(group.incident!.id).toBe(`${CONSOLE}:9`);
    expect(fold([attach(3, `${CONSOLE}:9`), attach(2, `${CONSOLE}:1`), received(1, 'a')]).get(G)!.incident!.id).toBe(`${CONSOLE}:9`);
  });

  it('stays live for new alerts while one fires, and for a window after its last notification', () => {
    const group = fold([received(1, 'a'), received(2, 'a', 'resolve', G)]).get(G)!;
    expect(isLiveGroup(group, T0 + 2000 + ALERT_GROUP_WINDOW_MS - 1)).toBe(true);
    expect(isLiveGroup(group, T0 + 2000 + ALERT_GROUP_WINDOW_MS)).toBe(false);
    expect(isLiveGroup(fold([received(1, 'a')]).get(G)!, T0 + 10 * ALERT_GROUP_WINDOW_MS)).toBe(true);
  });

  it('keeps each event type in its own streams', () => {
    expect(() => event(CONSOLE, 1, 'alert.groupAcknowledged', { group: G, about: 'x', reason: '' }, `${CONSOLE}:5`)).toThrow(/does not belong/);
    expect(() => event(CONSOLE, 1, 'alert.groupAttached', { group: G, about: 'x', service: '', severity: 'info', alerts: 1, firstAt: new Date(T0).toISOString() })).toThrow(/does not belong/);
    expect(received(1, 'a').incidentId).toBe(ORGANISATION_STREAM);
  });
});
