import { describe, expect, it } from 'vitest';

import { ALERT_ACTOR } from '@shared/alerts/intake';
import { ORGANISATION_STREAM } from '@shared/domain/events';
import { incidentMetrics } from '@shared/domain/metrics/incidentMetrics';
import { HubAuthor, newHubSigner, type HubDraft } from '@shared/sync/hubAuthor';
import { MemoryHubStore } from '@shared/sync/memoryHubStore';

import { acknowledgeGroup, attachGroup, declareFromGroup, silenceGroup } from './alertCommands';
import { declareIncident } from './commands';
import { countNeedingAttention, listFiringGroups, listResolvedGroups } from './alertQueries';
import { openDatabase, ingestEvents } from './eventStore';
import { getOrganisation } from './organisation';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

const notice = (dedupKey: string, patch: Partial<Record<string, unknown>> = {}): HubDraft => ({
  incidentId: ORGANISATION_STREAM,
  type: 'alert.received',
  actor: ALERT_ACTOR,
  occurredAt: new Date(T0).toISOString(),
  payload: {
    integration: 'prom',
    integrationName: 'Prometheus',
    format: 'alertmanager',
    action: 'trigger',
    dedupKey,
    title: `Probe failure ${dedupKey}`,
    severity: 'critical',
    service: 'Payments',
    labels: [],
    links: [],
    startedAt: new Date(T0 - 5 * 60_000).toISOString(),
    group: '',
    ...patch,
  },
});

/** A hub's log of alerts, sealed by its author, as a console pulls it. */
async function hubLog(write: (author: HubAuthor) => Promise<void>) {
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  const author = new HubAuthor(store, await newHubSigner(), () => T0);
  await write(author);
  return (await store.page('room', 0, 10_000)).events.map((e) => e.event);
}

describe('alert groups on a console', () => {
  it('folds the hub’s alerts into groups the inbox lists, most severe first, and counts those waiting for someone', async () => {
    const log = await hubLog(async (author) => {
      await author.append('room', [notice('a')]);
      const group = `${author.deviceId}:1`;
      await author.append('room', [notice('a', { group }), notice('b', { group, severity: 'warning' })]);
      await author.append('room', [notice('c', { service: 'Search', severity: 'warning' })]);
      await author.append('room', [notice('c', { service: 'Search', severity: 'warning', action: 'resolve', group: `${author.deviceId}:4` })]);
    });
    const db = freshDatabase();
    await openDatabase(db);
    expect((await ingestEvents(db, log, () => T0)).added).toBe(5);

    const firing = await listFiringGroups(db);
    expect(firing.map((g) => [g.service, g.alertCount, g.firingCount, g.severity, g.title])).toEqual([['Payments', 2, 2, 'critical', 'Probe failure a']]);
    expect(firing[0]!.alerts['prom/a']).toMatchObject({ count: 2 });
    expect((await listResolvedGroups(db, 10)).map((g) => g.service)).toEqual(['Search']);
    expect(countNeedingAttention(firing, T0)).toBe(1);

    // Ingested again (a second sync, a bundle): nothing changes.
    await ingestEvents(db, log, () => T0);
    expect((await listFiringGroups(db))[0]!.alerts['prom/a']!.count).toBe(2);
  });

  it('acknowledges and silences a group; a silence ends when its time is up', async () => {
    const log = await hubLog((author) => author.append('room', [notice('a')]).then(() => undefined));
    const db = freshDatabase();
    await openDatabase(db);
    await ingestEvents(db, log, () => T0);
    const [group] = await listFiringGroups(db);
    await acknowledgeGroup(db, group!.id, 'Ada', 'Looking at the probe', () => T0 + 1000);
    expect((await listFiringGroups(db))[0]!.acknowledged).toMatchObject({ by: 'Ada', reason: 'Looking at the probe' });
    await silenceGroup(db, group!.id, 'Ada', 'Planned maintenance', 30, () => T0 + 2000);
    const silenced = await listFiringGroups(db);
    expect(countNeedingAttention(silenced, T0 + 3000)).toBe(0);
    expect(countNeedingAttention(silenced, T0 + 2000 + 30 * 60_000)).toBe(1);
  });

  it('declares an incident from a group: it is attached, on the timeline, and detected when its first alert began', async () => {
    const log = await hubLog((author) => author.append('room', [notice('a')]).then(() => undefined));
    const db = freshDatabase();
    await openDatabase(db);
    await ingestEvents(db, log, () => T0);
    const [group] = await listFiringGroups(db);
    const declaredAt = T0 + 60_000;
    const incidentId = await declareFromGroup(db, group!.id, { ...declareInput, title: 'Payments down' }, () => declaredAt);

    expect((await db.alertGroups.get(group!.id))!.incident).toMatchObject({ id: incidentId });
    expect(countNeedingAttention(await listFiringGroups(db), declaredAt)).toBe(0);
    const timeline = await db.events.where('[incidentId+tl]').between([incidentId, ''], [incidentId, '\uffff']).toArray();
    expect(timeline.map((e) => e.type)).toEqual(['incident.declared', 'alert.groupAttached']);

    const { settings } = await getOrganisation(db);
    const { facts } = (await db.incidentFacts.get(incidentId))!;
    const metrics = incidentMetrics(facts, settings)!;
    expect(metrics.milestones.detectedAt).toBe(new Date(T0 - 5 * 60_000).toISOString());
  });

  it('attaches a group to an open incident; the hub’s later alerts for it then land on that incident’s timeline', async () => {
    const db = freshDatabase();
    await openDatabase(db);
    const store = new MemoryHubStore();
    await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
    const hub = new HubAuthor(store, await newHubSigner(), () => T0);
    await hub.append('room', [notice('a')]);
    await ingestEvents(db, (await store.page('room', 0, 100)).events.map((e) => e.event), () => T0);
    const incidentId = await declareIncident(db, declareInput, () => T0 + 1000);
    const [group] = await listFiringGroups(db);
    await attachGroup(db, group!.id, incidentId, 'Ada', () => T0 + 2000);
    // The hub, having read the attachment, writes the resolution into the incident's stream.
    await hub.append('room', [{ ...notice('a', { action: 'resolve', group: group!.id }), incidentId, occurredAt: new Date(T0 + 3000).toISOString() }]);
    await ingestEvents(db, (await store.page('room', 1, 100)).events.map((e) => e.event), () => T0);
    const timeline = await db.events.where('[incidentId+tl]').between([incidentId, ''], [incidentId, '\uffff']).toArray();
    expect(timeline.map((e) => e.type)).toEqual(['incident.declared', 'alert.groupAttached', 'alert.received']);
    expect(await listFiringGroups(db)).toEqual([]);
  });
});
