import { describe, expect, it } from 'vitest';

import { incidentMetrics } from '@shared/domain/metrics/incidentMetrics';
import type { HubAuthor } from '@shared/sync/hubAuthor';

import { acknowledgeGroup, attachGroup, declareFromGroup, silenceGroup } from './alertCommands';
import { declareIncident } from './commands';
import { countNeedingAttention, listFiringGroups, listResolvedGroups } from './alertQueries';
import { openDatabase, ingestEvents } from './eventStore';
import { getOrganisation } from './organisation';
import { declareInput } from '../testing/fixtures';
import { alertDraft, hubWithAlerts } from '../testing/hubAlerts';
import { freshDatabase } from '../testing/renderConsole';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);

const notice = (dedupKey: string, patch: Record<string, unknown> = {}) => alertDraft(dedupKey, { startedAt: new Date(T0 - 5 * 60_000).toISOString(), ...patch }, T0);

/** A hub's log of alerts, sealed by its author, as a console pulls it. */
async function hubLog(write: (author: HubAuthor) => Promise<unknown>) {
  return (await hubWithAlerts(write, () => T0)).log();
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

  it('reaches the same groups on two consoles that take the hub’s pages in different orders', async () => {
    const { log } = await hubWithAlerts(async (author) => {
      await author.append('room', [notice('a')]);
      const group = `${author.deviceId}:1`;
      await author.append('room', [notice('b', { group }), notice('a', { group })]);
      await author.append('room', [notice('a', { group, action: 'resolve' }), notice('c', { service: 'Search' })]);
      await author.append('room', [notice('b', { group, action: 'acknowledge' }), notice('a', { group })]);
    }, () => T0);
    const pages = await log();
    const inOrder = freshDatabase();
    const reversed = freshDatabase();
    await openDatabase(inOrder);
    await openDatabase(reversed);
    await ingestEvents(inOrder, pages, () => T0);
    // Each run of the hub's log names the link before it: a console can take the last page first.
    for (const page of [pages.slice(5), pages.slice(3, 5), pages.slice(1, 3), pages.slice(0, 1)]) await ingestEvents(reversed, page, () => T0);
    const groups = async (db: typeof inOrder) => (await db.alertGroups.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1));
    expect(await groups(reversed)).toEqual(await groups(inOrder));
    expect((await groups(inOrder)).map((g) => [g.service, g.alertCount, g.firingCount])).toEqual([
      ['Payments', 2, 2],
      ['Search', 1, 1],
    ]);
  });

  it('acknowledges and silences a group; a silence ends when its time is up', async () => {
    const log = await hubLog((author) => author.append('room', [notice('a')]).then(() => undefined));
    const db = freshDatabase();
    await openDatabase(db);
    await ingestEvents(db, log, () => T0);
    const [group] = await listFiringGroups(db);
    await silenceGroup(db, group!.id, 'Ada', 'Planned maintenance', 30, () => T0 + 2000);
    const silenced = await listFiringGroups(db);
    expect(countNeedingAttention(silenced, T0 + 3000)).toBe(0);
    expect(countNeedingAttention(silenced, T0 + 2000 + 30 * 60_000)).toBe(1);
    // Someone who acknowledges it has taken it on, silence or not.
    await acknowledgeGroup(db, group!.id, 'Ada', 'Looking at the probe', () => T0 + 4000);
    const acknowledged = await listFiringGroups(db);
    expect(acknowledged[0]!.acknowledged).toMatchObject({ by: 'Ada', reason: 'Looking at the probe' });
    expect(countNeedingAttention(acknowledged, T0 + 2000 + 30 * 60_000)).toBe(0);
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
    const { author: hub, log } = await hubWithAlerts((author) => author.append('room', [notice('a')]), () => T0);
    await ingestEvents(db, await log(), () => T0);
    const incidentId = await declareIncident(db, declareInput, () => T0 + 1000);
    const [group] = await listFiringGroups(db);
    await attachGroup(db, group!.id, incidentId, 'Ada', () => T0 + 2000);
    // The hub, having read the attachment, writes the resolution into the incident's stream.
    await hub.append('room', [{ ...alertDraft('a', { action: 'resolve', group: group!.id }, T0 + 3000), incidentId }]);
    await ingestEvents(db, await log(1), () => T0);
    const timeline = await db.events.where('[incidentId+tl]').between([incidentId, ''], [incidentId, '\uffff']).toArray();
    expect(timeline.map((e) => e.type)).toEqual(['incident.declared', 'alert.groupAttached', 'alert.received']);
    expect(await listFiringGroups(db)).toEqual([]);
  });
});
