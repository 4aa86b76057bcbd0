import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, ORGANISATION_STREAM, parseEvent, type Envelope } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import type { Contact, Roster } from '../domain/oncall';
import { PAGE_FRESH_MS } from '../domain/pages';
import { SealVerifier, judgeChains } from './chain';
import { HubAuthor, newHubSigner } from './hubAuthor';
import { MemoryDeliveryLedger } from './hubDelivery';
import { HubPager, PAGE_ATTEMPTS, PAGE_FLOOD, PAGE_TEXT, type PageMessage, type PageOutcome, type PageTransport } from './hubPager';
import { MemoryHubStore } from './memoryHubStore';

const T0 = Date.UTC(2026, 11, 7, 10, 0, 0);
const MINUTE = 60_000;
const INCIDENT = 'consolea01:1';

let seq = 0;
function event(device: string, type: string, incidentId: string, payload: unknown, at = T0): Envelope {
  seq += 1;
  const raw = {
    id: `${device}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type as keyof typeof CURRENT_VERSION],
    hlc: encodeHlc({ ms: at, counter: seq }),
    deviceId: device,
    deviceSeq: seq,
    actor: 'Ada',
    occurredAt: new Date(at).toISOString(),
    payload,
  };
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  return raw as Envelope;
}

const contact = (name: string, ways: Partial<Contact> = {}): Contact => ({ name, email: '', phone: '', pushTopic: '', ...ways });

const ROSTER: Roster = {
  id: 'payments',
  name: 'Payments',
  team: 'Payments team',
  services: ['payments'],
  timeZone: 'Europe/Copenhagen',
  primary: { kind: 'cycle', people: ['Ada'], startsOn: '2026-11-30', handOff: '09:00', lengthDays: 7 },
  secondary: { kind: 'cycle', people: ['Bo'], startsOn: '2026-11-30', handOff: '09:00', lengthDays: 7 },
  overrides: [],
  escalation: { secondaryAfter: 5, then: [{ person: 'Cy', after: 10 }], repeats: 0 },
};

const paged = (person: string, at = T0, device = 'consolea01') => event(device, 'participant.engaged', INCIDENT, { person, step: 'paged' }, at);
const acknowledged = (person: string, at: number) => event('consolea01', 'participant.engaged', INCIDENT, { person, step: 'acknowledged' }, at);

async function space(options: { contacts?: Contact[]; rosters?: Roster[]; drill?: boolean } = {}) {
  seq = 0;
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  const contacts = options.contacts ?? [contact('Ada', { pushTopic: 'ada-pager', email: 'ada@example.com' }), contact('Bo', { phone: '+4512345678' }), contact('Cy', { email: 'cy@example.com' })];
  await store.append('room', [
    event('consolea01', 'incident.declared', INCIDENT, { title: 'Payments down', kind: 'service', services: ['payments'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', tier: 'normal', declaredBy: 'Ada', drill: options.drill ?? false }, T0 - MINUTE),
    event('consolea01', 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'contacts', value: contacts, prev: [] }, T0 - MINUTE),
    event('consolea01', 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'rosters', value: options.rosters ?? [], prev: [] }, T0 - MINUTE),
  ]);
  return store;
}

type Sent = { method: string; address: string; message: PageMessage };

/** Transports that record what they were given and answer as told (sent, by default). */
function transports(answers: Partial<Record<'push' | 'sms' | 'email', PageOutcome[]>> = {}, only: ('push' | 'sms' | 'email')[] = ['push', 'sms', 'email']) {
  const sent: Sent[] = [];
  const make =
    (method: 'push' | 'sms' | 'email'): PageTransport =>
    async (address, message) => {
      sent.push({ method, address, message });
      return answers[method]?.shift() ?? { status: 'sent', detail: `${method} taken` };
    };
  return { sent, transports: Object.fromEntries(only.map((m) => [m, make(m)])) };
}

async function records(store: MemoryHubStore, type: 'page.sent' | 'page.escalated' | 'participant.engaged' = 'page.sent') {
  const { events } = await store.page('room', 0, 1000);
  return events.map((e) => e.event as Envelope).filter((e) => e.type === type);
}

async function pager(store: MemoryHubStore, clock: { now: number }, ways = transports(), ledger = new MemoryDeliveryLedger()) {
  const author = new HubAuthor(store, await newHubSigner(), () => clock.now);
  return new HubPager({
    store,
    ledger,
    spaceId: 'room',
    author,
    transports: ways.transports,
    ackLink: async ({ person, cycle }) => `http://10.0.0.5:4848/ack/${encodeURIComponent(person)}-${cycle}`,
    now: () => clock.now,
  });
}

describe('the hub pager in a drill', () => {
  it('says in every page that it is an exercise', async () => {
    const store = await space({ drill: true });
    await store.append('room', [paged('Ada')]);
    const ways = transports();
    await (await pager(store, { now: T0 + 1_000 }, ways)).runDue();
    expect(ways.sent.map((s) => s.message.title)).toEqual(['Paged: [EXERCISE] Payments down', 'Paged: [EXERCISE] Payments down']);
    expect(ways.sent.every((s) => s.message.text.includes('[EXERCISE] Payments down'))).toBe(true);
  });
});

describe('the hub pager', () => {
  it('sends a paged person one page by each way they can be reached, with the link that acknowledges it, and records each as the hub', async () => {
    const store = await space();
    await store.append('room', [paged('Ada')]);
    const clock = { now: T0 + 1_000 };
    const ways = transports();
    const hub = await pager(store, clock, ways);
    await hub.runDue();
    await hub.runDue();
    expect(ways.sent.map((s) => [s.method, s.address])).toEqual([
      ['push', 'ada-pager'],
      ['email', 'ada@example.com'],
    ]);
    expect(ways.sent[0]!.message).toEqual({ title: 'Paged: Payments down', text: PAGE_TEXT.text('Ada', 'Payments down'), link: 'http://10.0.0.5:4848/ack/Ada-1' });
    const sent = await records(store);
    expect(sent.map((e) => e.payload)).toEqual([
      { person: 'Ada', cycle: 1, wave: 0, method: 'push', outcome: 'sent', attempts: 1, detail: 'push taken' },
      { person: 'Ada', cycle: 1, wave: 0, method: 'email', outcome: 'sent', attempts: 1, detail: 'email taken' },
    ]);
    expect((await judgeChains(sent, new Map(), new SealVerifier())).map((v) => v.status)).toEqual(['verified', 'verified']);
  });

  it('sends one page when two consoles page the same person, and two hub processes sharing the ledger send it once', async () => {
    const store = await space();
    await store.append('room', [paged('Ada', T0, 'consolea01'), paged('ADA ', T0 + 500, 'consoleb02')]);
    const clock = { now: T0 + 1_000 };
    const ways = transports();
    const ledger = new MemoryDeliveryLedger();
    const [one, two] = [await pager(store, clock, ways, ledger), await pager(store, clock, ways, ledger)];
    await Promise.all([one.runDue(), two.runDue()]);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(ways.sent.map((s) => s.method)).toEqual(['push', 'email']);
    expect(await records(store)).toHaveLength(2);
  });

  it('pages again after a release: a new cycle is a new page', async () => {
    const store = await space();
    await store.append('room', [paged('Ada'), event('consolea01', 'participant.engaged', INCIDENT, { person: 'Ada', step: 'released', reason: 'not payments' }, T0 + MINUTE)]);
    const clock = { now: T0 + 2 * MINUTE };
    const ways = transports({}, ['push']);
    const hub = await pager(store, clock, ways);
    await hub.runDue();
    expect(ways.sent).toHaveLength(0);
    await store.append('room', [paged('Ada', T0 + 3 * MINUTE)]);
    clock.now = T0 + 3 * MINUTE;
    await hub.runDue();
    expect(ways.sent.map((s) => s.message.link)).toEqual(['http://10.0.0.5:4848/ack/Ada-2']);
  });

  it('tries a gateway that errors again after its back-off, and records the failure with the reason after the last try', async () => {
    const store = await space({ contacts: [contact('Bo', { phone: '+4512345678' })] });
    await store.append('room', [paged('Bo')]);
    const failing: PageOutcome = { status: 'failed', detail: 'the SMS gateway answered 503', retry: true };
    const clock = { now: T0 + 1_000 };
    const ways = transports({ sms: [failing, failing, failing] });
    const hub = await pager(store, clock, ways);
    for (let attempt = 1; attempt <= PAGE_ATTEMPTS; attempt++) {
      const wake = await hub.runDue();
      expect(ways.sent).toHaveLength(attempt);
      // Not due yet: nothing more is sent.
      await hub.runDue();
      expect(ways.sent).toHaveLength(attempt);
      if (attempt < PAGE_ATTEMPTS) {
        expect(wake).toBeGreaterThan(clock.now);
        clock.now = wake!;
      } else expect(wake).toBeNull();
    }
    expect((await records(store)).map((e) => e.payload)).toEqual([
      { person: 'Bo', cycle: 1, wave: 0, method: 'sms', outcome: 'failed', attempts: PAGE_ATTEMPTS, detail: 'the SMS gateway answered 503' },
    ]);
  });

  it('records a refusal at once, and a way this hub was not configured for without trying it', async () => {
    const store = await space({ contacts: [contact('Bo', { phone: '+4512345678', email: 'bo@example.com' })] });
    await store.append('room', [paged('Bo')]);
    const ways = transports({ sms: [{ status: 'failed', detail: 'the SMS gateway answered 400', retry: false }] }, ['sms']);
    await (await pager(store, { now: T0 + 1_000 }, ways)).runDue();
    expect(ways.sent.map((s) => s.method)).toEqual(['sms']);
    expect((await records(store)).map((e) => e.payload)).toEqual([
      { person: 'Bo', cycle: 1, wave: 0, method: 'sms', outcome: 'failed', attempts: 1, detail: 'the SMS gateway answered 400' },
      { person: 'Bo', cycle: 1, wave: 0, method: 'email', outcome: 'failed', attempts: 0, detail: PAGE_TEXT.notConfigured('email') },
    ]);
  });

  it('sends nothing for a page recorded long ago, for an incident resolved, or to a person with no way to be reached', async () => {
    const store = await space({ contacts: [contact('Ada', { pushTopic: 'ada-pager' }), contact('Bo')] });
    await store.append('room', [paged('Ada', T0 - PAGE_FRESH_MS - MINUTE), paged('Bo'), paged('Zed')]);
    const ways = transports();
    const hub = await pager(store, { now: T0 + 1_000 }, ways);
    await hub.runDue();
    expect(ways.sent).toHaveLength(0);
    await store.append('room', [paged('Ada', T0 + 2_000, 'consoleb02')]);
    await store.append('room', [event('consolea01', 'incident.fieldChanged', INCIDENT, { field: 'status', value: 'resolved', prev: [], note: '' }, T0 + 1_500)]);
    await hub.runDue();
    expect(ways.sent).toHaveLength(0);
  });

  it('reports a send left on the wire by a hub that stopped as uncertain, and does not send it again', async () => {
    const store = await space({ contacts: [contact('Ada', { pushTopic: 'ada-pager' })] });
    await store.append('room', [paged('Ada')]);
    const ledger = new MemoryDeliveryLedger();
    const clock = { now: T0 + 1_000 };
    // The first process claims the send and stops before it answers.
    const never = { sent: [] as Sent[], transports: { push: () => new Promise<PageOutcome>(() => undefined) } };
    void (await pager(store, clock, never, ledger)).runDue();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await ledger.inFlight('room')).toHaveLength(1);
    clock.now += 2 * MINUTE;
    const ways = transports();
    await (await pager(store, clock, ways, ledger)).runDue();
    expect(ways.sent).toHaveLength(0);
    expect((await records(store)).map((e) => e.payload)).toMatchObject([{ method: 'push', outcome: 'failed', detail: PAGE_TEXT.uncertain }]);
  });

  it('holds back pages past a few in a quarter hour to one person, however often they are paged and released, and says so', async () => {
    const store = await space({ contacts: [contact('Ada', { pushTopic: 'ada-pager' })] });
    const clock = { now: T0 };
    const ways = transports({}, ['push']);
    const hub = await pager(store, clock, ways);
    for (let i = 0; i < PAGE_FLOOD.sends + 2; i++) {
      clock.now = T0 + i * 1_000;
      await store.append('room', [paged('Ada', clock.now)]);
      await hub.runDue();
      await store.append('room', [event('consolea01', 'participant.engaged', INCIDENT, { person: 'Ada', step: 'released', reason: 'again' }, clock.now + 500)]);
    }
    expect(ways.sent).toHaveLength(PAGE_FLOOD.sends);
    const held = (await records(store)).map((e) => e.payload as { outcome: string; detail: string }).filter((p) => p.outcome === 'failed');
    expect(held.map((p) => p.detail)).toEqual([PAGE_TEXT.heldBack('Ada', PAGE_FLOOD.sends), PAGE_TEXT.heldBack('Ada', PAGE_FLOOD.sends)]);
    // A quarter hour on, they can be paged again.
    clock.now = T0 + PAGE_FLOOD.windowMs + 60_000;
    await store.append('room', [paged('Ada', clock.now)]);
    await hub.runDue();
    expect(ways.sent).toHaveLength(PAGE_FLOOD.sends + 1);
  });

  describe('escalation', () => {
    it('pages the secondary when the primary has not acknowledged in time, then the manager, on the record', async () => {
      const store = await space({ rosters: [ROSTER] });
      await store.append('room', [paged('Ada')]);
      const clock = { now: T0 + 1_000 };
      const ways = transports();
      const hub = await pager(store, clock, ways);
      expect(await hub.runDue()).toBe(T0 + 5 * MINUTE);
      expect(ways.sent.map((s) => s.address)).toEqual(['ada-pager', 'ada@example.com']);

      clock.now = T0 + 5 * MINUTE;
      expect(await hub.runDue()).toBe(T0 + 15 * MINUTE);
      expect((await records(store, 'page.escalated')).map((e) => e.payload)).toEqual([
        { origin: 'Ada', originCycle: 1, roster: 'payments', rosterName: 'Payments', step: 1, to: 'Bo', toCycle: 1, wave: 0, waited: 5 },
      ]);
      expect((await records(store, 'participant.engaged')).map((e) => [e.payload, e.actor])).toEqual([
        [{ person: 'Ada', step: 'paged' }, 'Ada'],
        [{ person: 'Bo', step: 'paged' }, 'Warroom'],
      ]);
      expect(ways.sent.slice(2).map((s) => [s.address, s.message.text])).toEqual([['+4512345678', PAGE_TEXT.escalated('Bo', 'Payments down', 'Ada', 5)]]);

      clock.now = T0 + 15 * MINUTE;
      await hub.runDue();
      expect((await records(store, 'page.escalated')).map((e) => (e.payload as { to: string }).to)).toEqual(['Bo', 'Cy']);
      expect(ways.sent.at(-1)!.address).toBe('cy@example.com');
      // Made once: later rounds add nothing.
      clock.now = T0 + 40 * MINUTE;
      await hub.runDue();
      expect(await records(store, 'page.escalated')).toHaveLength(2);
      expect(ways.sent).toHaveLength(4);
    });

    it('stops once anyone in the plan acknowledges', async () => {
      const store = await space({ rosters: [ROSTER] });
      await store.append('room', [paged('Ada')]);
      const clock = { now: T0 + 5 * MINUTE };
      const hub = await pager(store, clock);
      await hub.runDue();
      await store.append('room', [acknowledged('Bo', T0 + 7 * MINUTE)]);
      clock.now = T0 + 30 * MINUTE;
      expect(await hub.runDue()).toBeNull();
      expect((await records(store, 'page.escalated')).map((e) => (e.payload as { to: string }).to)).toEqual(['Bo']);
    });

    it('repeats the plan from the primary, paging them again in a new wave', async () => {
      const store = await space({ rosters: [{ ...ROSTER, escalation: { secondaryAfter: 5, then: [], repeats: 1 } }] });
      await store.append('room', [paged('Ada')]);
      const clock = { now: T0 + 1_000 };
      const ways = transports({}, ['push', 'sms']);
      const hub = await pager(store, clock, ways);
      await hub.runDue();
      clock.now = T0 + 5 * MINUTE;
      await hub.runDue();
      clock.now = T0 + 10 * MINUTE;
      await hub.runDue();
      expect((await records(store, 'page.escalated')).map((e) => e.payload)).toMatchObject([
        { to: 'Bo', step: 1, wave: 0 },
        { to: 'Ada', step: 2, toCycle: 1, wave: 1 },
      ]);
      expect(ways.sent.map((s) => s.address)).toEqual(['ada-pager', '+4512345678', 'ada-pager']);
      const sent = (await records(store)).map((e) => e.payload as { person: string; wave: number; outcome: string }).filter((p) => p.outcome === 'sent');
      expect(sent.map((p) => [p.person, p.wave])).toEqual([
        ['Ada', 0],
        ['Bo', 0],
        ['Ada', 1],
      ]);
    });

    it('does not escalate a page to someone who was not the roster’s primary when paged', async () => {
      const store = await space({ rosters: [ROSTER] });
      await store.append('room', [paged('Cy')]);
      const clock = { now: T0 + 30 * MINUTE };
      expect(await (await pager(store, clock)).runDue()).toBeNull();
      expect(await records(store, 'page.escalated')).toHaveLength(0);
    });
  });
});
