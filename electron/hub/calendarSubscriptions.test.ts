/**
 * Calendars the hub subscribes to, over real HTTP: a calendar server on this
 * machine (allowed as the operator allows a private address), a roster that
 * names it, and the shifts every console then reads, written only when they change.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM, parseEvent, type DomainEvent, type Envelope } from '../../shared/domain/events';
import type { Roster } from '../../shared/domain/oncall';
import { foldOrganisation, viewOrganisation } from '../../shared/domain/organisation';
import { HubAuthor, newHubSigner } from '../../shared/sync/hubAuthor';
import { MemoryHubStore } from '../../shared/sync/memoryHubStore';
import { SpaceSettings } from '../../shared/sync/spaceSettings';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { parseAllowList } from '../outbound/destinations';
import { fetchCalendar } from '../outbound/calendarFetch';
import { startCalendarSubscriptions } from './calendarSubscriptions';
import { silentLog } from './log';
import { domainEvent } from './testEvents';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = Date.parse('2026-12-07T12:00:00Z');

function calendar(person: string): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:week', 'DTSTAMP:20261201T000000Z', 'DTSTART:20261207T090000Z', 'DTEND:20261214T090000Z', `SUMMARY:On call: ${person}`, 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
}

/** A calendar server: what it serves can change; `/moved` redirects to `/oncall.ics`. */
async function calendarServer(): Promise<{ base: string; serve: { body: string; status: number } }> {
  const serve = { body: calendar('Ada'), status: 200 };
  const server: Server = createServer((request, response) => {
    if (request.url === '/moved') return response.writeHead(302, { location: '/oncall.ics' }).end();
    response.writeHead(serve.status, { 'content-type': 'text/calendar' }).end(serve.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, serve };
}

const roster = (url: string): Roster => ({
  id: 'pay',
  name: 'Payments on call',
  team: '',
  services: [],
  timeZone: 'Europe/Copenhagen',
  primary: { kind: 'calendar', shifts: [], source: url, url },
  secondary: null,
  overrides: [],
});

async function subscribed(url: string, allow = parseAllowList(['127.0.0.1'])) {
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  await store.append('room', [domainEvent(new TestAuthor(3), 1, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'rosters', value: [roster(url)], prev: [] }, NOW) as Envelope]);
  const clock = { now: NOW };
  const subscriptions = startCalendarSubscriptions({
    store,
    settings: new SpaceSettings(store),
    author: new HubAuthor(store, await newHubSigner(), () => clock.now),
    fetchCalendar: (address) => fetchCalendar(address, { allow }),
    now: () => clock.now,
    log: silentLog,
    advanced: () => undefined,
    refreshMs: 0,
    checkEveryMs: 3_600_000,
  });
  cleanups.push(() => subscriptions.stop());
  const events = async () => (await store.page('room', 0, 1000)).events.map((e) => e.event as Envelope);
  const view = async () => viewOrganisation(foldOrganisation((await events()).map((e) => (parseEvent(e) as { event: DomainEvent }).event)));
  return { subscriptions, events, view, clock };
}

const fetches = async (events: () => Promise<Envelope[]>) => (await events()).filter((e) => e.type === 'organisation.calendarFetched');

describe('calendar subscriptions', () => {
  it('fetches the calendar a roster names, through a redirect, and every console reads its shifts; a calendar unchanged writes nothing', async () => {
    const server = await calendarServer();
    const { subscriptions, events, view } = await subscribed(`${server.base}/moved`);
    await subscriptions.runDue();
    const roster = (await view()).settings.rosters[0]!;
    expect(roster.primary).toMatchObject({ kind: 'calendar', shifts: [{ person: 'Ada', from: '2026-12-07T09:00:00.000Z', to: '2026-12-14T09:00:00.000Z' }] });
    await subscriptions.runDue();
    expect(await fetches(events)).toHaveLength(1);

    server.serve.body = calendar('Bo');
    await subscriptions.runDue();
    expect((await view()).settings.rosters[0]!.primary).toMatchObject({ shifts: [{ person: 'Bo' }] });

    // The server fails: said once, and the shifts read before stand.
    server.serve.status = 503;
    await subscriptions.runDue();
    await subscriptions.runDue();
    const written = await fetches(events);
    expect(written).toHaveLength(3);
    expect(written.at(-1)!.payload).toMatchObject({ outcome: 'failed', detail: `${new URL(server.base).host} answered 503` });
    expect((await view()).settings.rosters[0]!.primary).toMatchObject({ shifts: [{ person: 'Bo' }] });
  });

  it('does not fetch from a private address the operator has not allowed, and says why', async () => {
    const server = await calendarServer();
    const { subscriptions, events } = await subscribed(`${server.base}/oncall.ics`, parseAllowList([]));
    await subscriptions.runDue();
    expect((await fetches(events)).map((e) => e.payload)).toMatchObject([{ outcome: 'failed', detail: expect.stringMatching(/is a loopback address, which this hub fetches from only if its operator allows it/) }]);
  });

  it('says what is wrong with a calendar that is not one, or too large', async () => {
    const server = await calendarServer();
    server.serve.body = '<html>Sign in</html>';
    const { subscriptions, events } = await subscribed(`${server.base}/oncall.ics`);
    await subscriptions.runDue();
    expect((await fetches(events)).at(-1)!.payload).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(/^This is not an iCalendar file/) });
    expect(await fetchCalendar(`${server.base}/oncall.ics`, { allow: parseAllowList(['127.0.0.1']), maxBytes: 5 })).toEqual({ ok: false, error: 'the calendar is larger than 0 MB' });
  });
});
