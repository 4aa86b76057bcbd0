/**
 * The alert intake over real HTTP, on a real hub with SQLite and PostgreSQL:
 * the documentation's own example payloads go in, alert events signed by the
 * hub come out, and nothing of a bad request is stored.
 */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import alertmanagerFiring from '../../shared/alerts/examples/alertmanager-firing.json';
import alertmanagerResolved from '../../shared/alerts/examples/alertmanager-resolved.json';
import grafanaFiring from '../../shared/alerts/examples/grafana-firing.json';
import pagerdutyTrigger from '../../shared/alerts/examples/pagerduty-trigger.json';
import type { AlertGroupState, Integration } from '../../shared/domain/alerts';
import { applyAlertEvent, groupIdOf, isAlertEvent } from '../../shared/domain/alertGroups';
import { ORGANISATION_STREAM, parseEvent, type Envelope } from '../../shared/domain/events';
import { SealVerifier, judgeChains, type TravellingEvent } from '../../shared/sync/chain';
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { hashToken } from '../../shared/sync/membership';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { postgresAvailability, startPgCluster, type PgCluster } from './pgCluster';
import { PostgresHubStore } from './postgresStore';
import { startHub, type HubOptions, type RunningHub } from './server';
import { ensureSpace } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { TestClient } from './testClient';
import { domainEvent } from './testEvents';

const random = (bytes: Uint8Array) => randomFillSync(bytes);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The examples are years old: the hub's clock is set just after each. */
const AM_TIME = Date.parse('2023-02-06T13:20:00Z');
const PD_TIME = Date.parse('2015-07-17T09:00:00Z');

const KEYS = { prom: 'promkey'.padEnd(32, 'a'), pd: 'pdkey'.padEnd(32, 'b'), grafana: 'grafanakey'.padEnd(32, 'c'), old: 'oldkey'.padEnd(32, 'd'), auto: 'autokey'.padEnd(32, 'e') };
const integration = (id: string, format: Integration['format'], key: string, patch: Partial<Integration> = {}): Integration => ({
  id,
  name: `${id} source`,
  format,
  keyHash: hashToken(key),
  keyHint: key.slice(-4),
  revoked: false,
  serviceLabel: '',
  service: '',
  ...patch,
});
const INTEGRATIONS = [
  integration('prom', 'alertmanager', KEYS.prom, { serviceLabel: 'job' }),
  integration('pd', 'pagerduty', KEYS.pd),
  integration('grafana', 'grafana', KEYS.grafana, { serviceLabel: 'team' }),
  integration('old', 'alertmanager', KEYS.old, { revoked: true }),
  integration('auto', 'alertmanager', KEYS.auto, { serviceLabel: 'job', rules: { declare: { severities: ['critical'], services: [] }, page: { severities: [], services: ['http_checks'] } } }),
];

type Setup = { hub: RunningHub; store: HubStore; space: SpaceRecord; base: string; console: TestAuthor; clock: { now: number } };

async function withIntegrations(store: HubStore, at: number): Promise<{ space: SpaceRecord; console: TestAuthor }> {
  const { space } = await ensureSpace(store, { name: 'Room' }, random);
  const console = new TestAuthor(7);
  const setting = domainEvent(console, 1, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'integrations', value: INTEGRATIONS, prev: [] }, at);
  await store.append(space.id, [setting]);
  return { space, console };
}

async function sqliteHub(options: Partial<HubOptions> = {}, at = AM_TIME): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-alerts-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteHubStore(new Database(join(dir, 'hub.sqlite')));
  cleanups.push(() => store.close());
  return started(store, options, at);
}

async function started(store: HubStore, options: Partial<HubOptions>, at: number): Promise<Setup> {
  const { space, console } = await withIntegrations(store, at);
  const clock = { now: at };
  const hub = await startHub({ store, port: 0, host: '127.0.0.1', now: () => clock.now, ...options });
  cleanups.push(() => hub.close());
  return { hub, store, space, console, clock, base: hub.url.replace('ws://', 'http://').replace('/sync', '') };
}

function post(setup: Setup, key: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${setup.base}/alerts/${key}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function alertEvents(store: HubStore, spaceId: string): Promise<TravellingEvent[]> {
  const { events } = await store.page(spaceId, 0, 10_000);
  return events.map((e) => e.event as TravellingEvent).filter((e) => e.type.startsWith('alert.'));
}

/** The groups a console folds from the log. */
async function groupsIn(store: HubStore, spaceId: string): Promise<AlertGroupState[]> {
  const groups = new Map<string, AlertGroupState>();
  for (const raw of await alertEvents(store, spaceId)) {
    const parsed = parseEvent(raw);
    if (parsed.status !== 'valid' || !isAlertEvent(parsed.event)) throw new Error(`not an alert event: ${raw.id}`);
    const id = groupIdOf(parsed.event);
    groups.set(id, applyAlertEvent(groups.get(id), parsed.event));
  }
  return [...groups.values()];
}

async function metric(setup: Setup, name: string, labels: Record<string, string>): Promise<number> {
  const families = parsePrometheusTextFormat(await (await fetch(`${setup.base}/metrics`)).text());
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => (m as { labels?: Record<string, string> }).labels?.[k] === v));
  return sample ? Number((sample as { value: string }).value) : 0;
}

/** How many notifications an alert event stands for, and whether it changed the alert. */
const countOf = (e: TravellingEvent) => {
  const { repeats, changed } = e.payload as { repeats: number; changed: boolean };
  return [repeats, changed];
};

function behaves(name: string, makeHub: (options?: Partial<HubOptions>, at?: number) => Promise<Setup>) {
  describe(`alert intake on ${name}`, () => {
    it('takes an Alertmanager notification, counts its repeats on one alert, and resolves it; a console verifies every event', async () => {
      const setup = await makeHub();
      const watcher = await TestClient.open(setup.hub.url);
      cleanups.push(() => watcher.ws.terminate());
      watcher.hello({ kind: 'join', code: setup.space.joinCode }, new TestAuthor(9).deviceId);
      const { head } = await watcher.next('welcome');

      const first = await post(setup, KEYS.prom, alertmanagerFiring);
      expect(first.status).toBe(202);
      expect(await first.json()).toEqual({ status: 'success', outcomes: [{ dedupKey: '1a30ba71cca2921f', outcome: 'new' }] });
      // The console hears of it at once.
      expect((await watcher.next('feed')).head).toBe(head + 1);

      expect(await (await post(setup, KEYS.prom, alertmanagerFiring)).json()).toMatchObject({ outcomes: [{ outcome: 'repeat' }] });
      expect((await post(setup, KEYS.prom, alertmanagerResolved)).status).toBe(202);

      // The repeat was held, and went with the resolution that came next.
      const events = await alertEvents(setup.store, setup.space.id);
      expect(events.map((e) => e.payload)).toEqual([
        expect.objectContaining({ action: 'trigger', repeats: 1, changed: true }),
        expect.objectContaining({ action: 'resolve', repeats: 2, changed: true }),
      ]);
      expect(new Set(events.map((e) => e.deviceId)).size).toBe(1);
      expect(events[0]!.deviceId).not.toBe(setup.console.deviceId);
      expect((await judgeChains(events, new Map(), new SealVerifier())).map((v) => v.status)).toEqual(['verified', 'verified']);
      const [group, ...others] = await groupsIn(setup.store, setup.space.id);
      expect(others).toEqual([]);
      expect(group).toMatchObject({ service: 'http_checks', firstAt: '2023-02-06T13:08:45.828Z' });
      expect(Object.values(group!.alerts)).toEqual([expect.objectContaining({ dedupKey: '1a30ba71cca2921f', count: 3, status: 'resolved', severity: 'critical' })]);
      expect(await metric(setup, 'warroom_hub_alert_notices_total', { outcome: 'repeat' })).toBe(2);
    });

    it('writes repeats that change nothing as one event counting them, after a moment, and what it still holds when it stops', async () => {
      const setup = await makeHub({ alerts: { repeatHoldMs: 50 } });
      const watcher = await TestClient.open(setup.hub.url);
      cleanups.push(() => watcher.ws.terminate());
      watcher.hello({ kind: 'join', code: setup.space.joinCode }, new TestAuthor(9).deviceId);
      const { head } = await watcher.next('welcome');
      for (let i = 0; i < 4; i++) expect((await post(setup, KEYS.prom, alertmanagerFiring)).status).toBe(202);
      // The new alert at once; its three repeats together once the hold is over, and consoles are told
      // (in one feed or two: on a busy machine the hold may be over before the first poke goes).
      let fed = head;
      while (fed < head + 2) fed = (await watcher.next('feed')).head;
      expect(fed).toBe(head + 2);
      expect((await alertEvents(setup.store, setup.space.id)).map((e) => e.payload)).toEqual([
        expect.objectContaining({ repeats: 1, changed: true }),
        expect.objectContaining({ repeats: 3, changed: false }),
      ]);

      const stopping = await makeHub({ alerts: { repeatHoldMs: 600_000 } });
      await post(stopping, KEYS.prom, alertmanagerFiring);
      // Of another severity: a change, written at once, with the repeat held before it.
      await post(stopping, KEYS.prom, alertmanagerFiring);
      const worse = { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0]!, labels: { ...alertmanagerFiring.alerts[0]!.labels, severity: 'warning' } }] };
      await post(stopping, KEYS.prom, worse);
      await post(stopping, KEYS.prom, worse);
      await post(stopping, KEYS.prom, worse);
      expect((await alertEvents(stopping.store, stopping.space.id)).map(countOf)).toEqual([
        [1, true],
        [2, true],
      ]);
      await stopping.hub.close();
      expect((await alertEvents(stopping.store, stopping.space.id)).map(countOf)).toEqual([
        [1, true],
        [2, true],
        [2, false],
      ]);
      expect(Object.values((await groupsIn(stopping.store, stopping.space.id))[0]!.alerts)).toEqual([expect.objectContaining({ count: 5, severity: 'warning', status: 'firing' })]);
    });

    it('answers a PagerDuty Events v2 sender as PagerDuty does, and only counts a resolution of an alert never seen', async () => {
      const setup = await makeHub({}, PD_TIME);
      const trigger = await post(setup, KEYS.pd, pagerdutyTrigger);
      expect(trigger.status).toBe(202);
      expect(await trigger.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'samplekeyhere' });
      const { dedup_key: _, ...keyless } = pagerdutyTrigger;
      const made = (await (await post(setup, KEYS.pd, keyless)).json()) as { dedup_key: string };
      expect(made.dedup_key).toMatch(/^[0-9a-f]{32}$/);
      expect((await post(setup, KEYS.pd, { routing_key: KEYS.pd, event_action: 'acknowledge', dedup_key: 'samplekeyhere' })).status).toBe(202);
      expect((await post(setup, KEYS.pd, { routing_key: KEYS.pd, event_action: 'resolve', dedup_key: 'never-seen' })).status).toBe(202);
      const refused = await post(setup, KEYS.pd, { event_action: 'resolve' });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ status: 'invalid event', message: 'Event object is invalid', errors: [expect.stringContaining('dedup_key')] });

      const groups = await groupsIn(setup.store, setup.space.id);
      // Both triggers name the component "postgres": one service, one group, two alerts.
      expect(groups).toHaveLength(1);
      expect(Object.values(groups[0]!.alerts).map((a) => [a.dedupKey, a.acknowledgedAtSource]).sort()).toEqual([
        [made.dedup_key, false],
        ['samplekeyhere', true],
      ].sort());
      expect(await alertEvents(setup.store, setup.space.id)).toHaveLength(3);
      expect(await metric(setup, 'warroom_hub_alert_notices_total', { outcome: 'ignored' })).toBe(1);
    });

    it('groups alerts by service: the same service joins a live group, another opens its own', async () => {
      const setup = await makeHub({}, Date.parse('2021-10-12T08:00:00Z'));
      expect((await post(setup, KEYS.grafana, grafanaFiring)).status).toBe(202);
      const other = { ...grafanaFiring, alerts: [{ ...grafanaFiring.alerts[0]!, fingerprint: 'f00d', labels: { ...grafanaFiring.alerts[0]!.labels, team: 'red' } }] };
      expect((await post(setup, KEYS.grafana, other)).status).toBe(202);
      const groups = await groupsIn(setup.store, setup.space.id);
      expect(groups.map((g) => [g.service, Object.keys(g.alerts).length])).toEqual([
        ['blue', 2],
        ['red', 1],
      ]);
    });

    it('refuses bad requests with a clear answer, stores nothing of them, and stays up', async () => {
      const setup = await makeHub();
      const cases: [string, () => Promise<Response>, number, RegExp][] = [
        ['unknown key', () => post(setup, 'z'.repeat(32), alertmanagerFiring), 401, /not known here/],
        ['malformed key', () => post(setup, 'DROP%20TABLE%3B', alertmanagerFiring), 401, /not known here/],
        ['revoked key', () => post(setup, KEYS.old, alertmanagerFiring), 401, /revoked/],
        ['wrong content type', () => post(setup, KEYS.prom, 'alert!', { 'content-type': 'text/plain' }), 415, /JSON/],
        ['malformed JSON', () => post(setup, KEYS.prom, '{"alerts": ['), 400, /not JSON/],
        ['not the format', () => post(setup, KEYS.prom, { hello: '<script>alert(1)</script>' }), 400, /alerts/],
        ['a start far ahead', () => post(setup, KEYS.prom, { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0]!, startsAt: '2030-01-01T00:00:00Z' }] }), 400, /ahead of the hub/],
        ['a start far back', () => post(setup, KEYS.prom, { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0]!, startsAt: '2001-01-01T00:00:00Z' }] }), 400, /year before/],
        ['a body over the limit', () => post(setup, KEYS.prom, JSON.stringify({ ...alertmanagerFiring, padding: 'x'.repeat(600 * 1024) })), 413, /at most 512 KiB/],
        ['a GET', () => fetch(`${setup.base}/alerts/${KEYS.prom}`), 405, /POST/],
      ];
      for (const [what, send, status, message] of cases) {
        const response = await send();
        expect({ what, status: response.status }).toEqual({ what, status });
        expect((await response.json()) as { message: string }).toMatchObject({ message: expect.stringMatching(message) });
      }
      expect(await alertEvents(setup.store, setup.space.id)).toEqual([]);
      expect((await fetch(`${setup.base}/health`)).status).toBe(200);
      expect(await metric(setup, 'warroom_hub_alert_requests_total', { answer: 'unauthorized' })).toBe(3);
    });

    it('tells a flood to wait, per key, with Retry-After', async () => {
      const setup = await makeHub({ alerts: { limits: { requestsPerSecond: 1, requestBurst: 3, eventsPerSecond: 100, eventBurst: 100 } } });
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await post(setup, KEYS.prom, alertmanagerFiring));
      expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 429, 429]);
      expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Another key is not held up by it.
      expect((await post(setup, KEYS.grafana, grafanaFiring)).status).not.toBe(429);
      await setup.hub.close();
      expect(Object.values((await groupsIn(setup.store, setup.space.id))[0]!.alerts)[0]!.count).toBe(3);
    });

    it('refuses an alert pushed by a console: only the hub writes them', async () => {
      const setup = await makeHub();
      expect((await post(setup, KEYS.prom, alertmanagerFiring)).status).toBe(202);
      const [real] = await alertEvents(setup.store, setup.space.id);
      const forger = new TestAuthor(8);
      const client = await TestClient.open(setup.hub.url);
      cleanups.push(() => client.ws.terminate());
      client.hello({ kind: 'join', code: setup.space.joinCode }, forger.deviceId);
      await client.next('welcome');
      const forged = domainEvent(forger, 1, 'alert.received', ORGANISATION_STREAM, { ...(real!.payload as object), action: 'resolve', group: real!.id }, AM_TIME);
      client.send({ t: 'push', id: 'r1', events: [forged] });
      expect((await client.next('acks')).acks).toEqual([{ id: forged.id, status: 'rejected', reason: expect.stringMatching(/taken in by the hub/) }]);
      expect(Object.values((await groupsIn(setup.store, setup.space.id))[0]!.alerts)[0]!.status).toBe('firing');
    });

    it('declares an incident by itself for a new critical group when the integration’s rule says so, and says so', async () => {
      const setup = await makeHub();
      expect((await post(setup, KEYS.auto, alertmanagerFiring)).status).toBe(202);
      const { events } = await setup.store.page(setup.space.id, 0, 100);
      const written = events.map((e) => e.event as TravellingEvent).filter((e) => e.deviceId !== setup.console.deviceId);
      expect(written.map((e) => e.type)).toEqual(['alert.received', 'incident.declared', 'alert.groupAttached']);
      const [opener, declaredEvent, attached] = written;
      expect(declaredEvent).toMatchObject({
        incidentId: declaredEvent!.id,
        actor: 'Warroom (alert rule of auto source)',
        payload: { title: 'http_checks: BlackBox Probe Failure: https://server.example.org', services: ['http_checks'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', declaredBy: 'Warroom (alert rule of auto source)' },
      });
      expect(attached).toMatchObject({ incidentId: declaredEvent!.id, payload: { group: opener!.id, firstAt: '2023-02-06T13:08:45.828Z' } });
      expect((await judgeChains(written, new Map(), new SealVerifier())).map((v) => v.status)).toEqual(['verified', 'verified', 'verified']);
      // Its resolution goes onto the incident's timeline; a warning opens a group but declares nothing.
      await post(setup, KEYS.auto, alertmanagerResolved);
      const warning = { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0]!, fingerprint: 'w1', labels: { ...alertmanagerFiring.alerts[0]!.labels, severity: 'warning', job: 'dns' } }] };
      await post(setup, KEYS.auto, warning);
      const after = (await alertEvents(setup.store, setup.space.id)).slice(2);
      expect(after.map((e) => [e.type, e.incidentId === declaredEvent!.id])).toEqual([
        ['alert.received', true],
        ['alert.received', false],
      ]);
      const { events: all } = await setup.store.page(setup.space.id, 0, 100);
      expect(all.filter((e) => (e.event as Envelope).type === 'incident.declared')).toHaveLength(1);
    });

    it('pages whoever is on call for the service in the incident its rules declared, and no one for a group its paging rule does not take', async () => {
      const setup = await makeHub();
      const roster = {
        id: 'probes',
        name: 'Probes on call',
        team: '',
        services: ['HTTP_checks'],
        timeZone: 'UTC',
        primary: { kind: 'cycle' as const, people: ['Ada'], startsOn: '2023-01-02', handOff: '09:00', lengthDays: 7 },
        secondary: null,
        overrides: [],
      };
      await setup.store.append(setup.space.id, [domainEvent(setup.console, 2, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'rosters', value: [roster], prev: [] }, AM_TIME) as Envelope]);
      expect((await post(setup, KEYS.auto, alertmanagerFiring)).status).toBe(202);
      const { events } = await setup.store.page(setup.space.id, 0, 100);
      const written = events.map((e) => e.event as TravellingEvent).filter((e) => e.deviceId !== setup.console.deviceId);
      expect(written.map((e) => e.type)).toEqual(['alert.received', 'incident.declared', 'alert.groupAttached', 'participant.engaged']);
      expect(written[3]).toMatchObject({ incidentId: written[1]!.id, actor: 'Warroom (alert rule of auto source)', payload: { person: 'Ada', step: 'paged' } });
      // Another service's critical group declares an incident too, and pages no one: the paging rule takes only http_checks.
      const dns = { ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0]!, fingerprint: 'd1', labels: { ...alertmanagerFiring.alerts[0]!.labels, job: 'dns' } }] };
      await post(setup, KEYS.auto, dns);
      const { events: all } = await setup.store.page(setup.space.id, 0, 100);
      expect(all.map((e) => (e.event as Envelope).type).filter((type) => type === 'participant.engaged')).toHaveLength(1);
    });

    it('writes a later alert of an attached group into the incident’s stream', async () => {
      const setup = await makeHub();
      await post(setup, KEYS.prom, alertmanagerFiring);
      const [first] = await alertEvents(setup.store, setup.space.id);
      const incident = `${setup.console.deviceId}:2`;
      const attached = domainEvent(setup.console, 2, 'alert.groupAttached', incident, { group: first!.id, about: 'Probe failure', service: 'http_checks', severity: 'critical', alerts: 1, firstAt: '2023-02-06T13:08:45.828Z' }, AM_TIME);
      await setup.store.append(setup.space.id, [attached as Envelope]);
      await post(setup, KEYS.prom, alertmanagerResolved);
      const events = await alertEvents(setup.store, setup.space.id);
      expect(events.at(-1)).toMatchObject({ type: 'alert.received', incidentId: incident, payload: { action: 'resolve', group: first!.id } });
    });
  });
}

behaves('SQLite', sqliteHub);

const postgres = postgresAvailability();
describe.skipIf(!postgres.ok)('on PostgreSQL', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  behaves('PostgreSQL', async (options = {}, at = AM_TIME) => {
    const store = await PostgresHubStore.open(await cluster.createDatabase());
    cleanups.push(() => store.close());
    return started(store, options, at);
  });
});
