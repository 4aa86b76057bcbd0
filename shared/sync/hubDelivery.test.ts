import { describe, expect, it } from 'vitest';

import { DEFAULT_CHANNELS } from '../domain/comms';
import { CURRENT_VERSION, ORGANISATION_STREAM, parseEvent, type Envelope } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import type { WebhookOutcome, WebhookRequest } from '../platform/bridge';
import { SealVerifier, judgeChains } from './chain';
import { HubAuthor, newHubSigner } from './hubAuthor';
import { HubDelivery, MemoryDeliveryLedger } from './hubDelivery';
import { MemoryHubStore } from './memoryHubStore';
import { pagerClaimId } from './pagerClaims';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const DEVICE = 'consolea01';
const INCIDENT = `${DEVICE}:1`;
const HOOK_URL = 'https://hooks.example.com/services/T0/B0/secret';

function event(seq: number, type: string, incidentId: string, payload: unknown): Envelope {
  const raw = {
    id: `${DEVICE}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type as keyof typeof CURRENT_VERSION],
    hlc: encodeHlc({ ms: T0 + seq, counter: 0 }),
    deviceId: DEVICE,
    deviceSeq: seq,
    actor: 'Ada',
    occurredAt: new Date(T0 + seq).toISOString(),
    payload,
  };
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  return raw as Envelope;
}

const queued = (seq: number, text = 'Card payments fail. <!channel> We are on it.') =>
  event(seq, 'message.queued', INCIDENT, {
    audience: 'customers',
    audienceName: 'Key customers',
    phase: 'initial',
    subject: 'Payments',
    text,
    channel: 'webhook',
    webhook: { id: 'slack-ops', name: 'Slack #ops', format: 'slack' },
  });

async function space(withWebhook = true, drill = false) {
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  const channels = { ...DEFAULT_CHANNELS, webhooks: withWebhook ? [{ id: 'slack-ops', name: 'Slack #ops', format: 'slack' as const, url: HOOK_URL, audiences: ['customers'] }] : [] };
  await store.append('room', [
    event(1, 'incident.declared', INCIDENT, { title: 'Payments down', kind: 'service', services: ['payments'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', tier: 'normal', declaredBy: 'Ada', drill }),
    event(2, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'channels', value: channels, prev: [] }),
  ]);
  return store;
}

function receiver(...answers: WebhookOutcome[]) {
  const posts: WebhookRequest[] = [];
  const post = async (request: WebhookRequest): Promise<WebhookOutcome> => {
    posts.push(request);
    return answers.shift() ?? { status: 'responded', code: 200, detail: 'OK' };
  };
  return { posts, post };
}

const author = async (store: MemoryHubStore) => new HubAuthor(store, await newHubSigner(), () => T0 + 10_000);

async function outcomes(store: MemoryHubStore) {
  const { events } = await store.page('room', 0, 1000);
  return events.map((e) => e.event as Envelope).filter((e) => e.type === 'message.delivered' || e.type === 'message.deliveryFailed');
}

describe('hub delivery in a drill', () => {
  const queuedTo = (seq: number, audience: string, audienceName: string) =>
    event(seq, 'message.queued', INCIDENT, {
      audience,
      audienceName,
      phase: 'update',
      subject: 'Payments',
      text: 'Still down.',
      channel: 'webhook',
      webhook: { id: 'slack-ops', name: 'Slack #ops', format: 'slack' },
    });

  it('sends nothing to an audience not safe for exercises, whoever queued it, and marks what it sends to one that is', async () => {
    const store = await space(true, true);
    await store.append('room', [queuedTo(3, 'customers', 'Key customers'), queuedTo(4, 'technical', 'Technical bridge')]);
    const { posts, post } = receiver();
    const hub = new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => T0 + 10_000 });
    await hub.runDue();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toContain('[EXERCISE] Payments');
    expect(posts[0]!.body.match(/\[EXERCISE\]/g)).toHaveLength(1);
    expect(posts[0]!.body).not.toContain('customers');
    const results = await outcomes(store);
    expect(results.map((e) => [e.type, (e.payload as { audienceName: string }).audienceName])).toEqual(
      expect.arrayContaining([
        ['message.deliveryFailed', 'Key customers'],
        ['message.delivered', 'Technical bridge'],
      ]),
    );
    const refused = results.find((e) => e.type === 'message.deliveryFailed')!;
    expect((refused.payload as { reason: string; attempts: number }).reason).toMatch(/exercise.*not marked safe/);
  });

  it('sends nothing for an incident it does not know yet: it cannot tell whether it is an exercise', async () => {
    const store = await space(true, true);
    const unknown = event(3, 'message.queued', 'consolea01:99', {
      audience: 'technical',
      audienceName: 'Technical bridge',
      phase: 'update',
      subject: 'Payments',
      text: 'Still down.',
      channel: 'webhook',
      webhook: { id: 'slack-ops', name: 'Slack #ops', format: 'slack' },
    });
    await store.append('room', [unknown]);
    const { posts, post } = receiver();
    const hub = new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => T0 + 10_000 });
    expect(await hub.runDue()).toBe(T0 + 10_000 + 30_000);
    expect(posts).toEqual([]);
    expect(await outcomes(store)).toEqual([]);
  });
});

describe('hub delivery', () => {
  it('posts a queued message once and records the outcome in the log as the hub', async () => {
    const store = await space();
    await store.append('room', [queued(3)]);
    const { posts, post } = receiver();
    const writer = await author(store);
    const hub = new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: writer, post, now: () => T0 + 10_000 });
    await hub.runDue();
    await hub.runDue();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe(HOOK_URL);
    expect(posts[0]!.headers['idempotency-key']).toBe(`${DEVICE}:3`);
    // The Slack body is text: a title or message never pings the channel.
    expect(posts[0]!.body).toContain('&lt;!channel&gt;');
    const recorded = await outcomes(store);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 'message.delivered', deviceId: writer.deviceId, actor: 'Warroom', payload: { target: `${DEVICE}:3`, attempts: 1, status: 200 } });
    // Sealed by the hub's key, so a console takes it as it takes any author's events.
    const verdicts = await judgeChains(recorded, new Map(), new SealVerifier());
    expect(verdicts.map((v) => v.status)).toEqual(['verified']);
  });

  it('retries a busy receiver after its back-off, then records one delivery', async () => {
    const store = await space();
    await store.append('room', [queued(3)]);
    const { posts, post } = receiver({ status: 'responded', code: 503, detail: 'Service Unavailable' });
    const time = { now: T0 };
    const hub = new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => time.now, random: () => 0.5 });
    const wake = await hub.runDue();
    expect(wake).toBeGreaterThan(time.now);
    await hub.runDue();
    expect(posts).toHaveLength(1);
    time.now = wake!;
    await hub.runDue();
    expect(posts).toHaveLength(2);
    expect(await outcomes(store)).toMatchObject([{ type: 'message.delivered', payload: { attempts: 2 } }]);
  });

  it('leaves the pager’s claims in the shared ledger to the pager, however old', async () => {
    const store = await space();
    const ledger = new MemoryDeliveryLedger();
    const id = pagerClaimId('page:', 'room', INCIDENT, 'ada', 1, 0, 'push');
    await ledger.claim('room', id, 'page', T0);
    const { post } = receiver();
    await new HubDelivery({ store, ledger, spaceId: 'room', author: await author(store), post, now: () => T0 + 10 * 60_000 }).runDue();
    expect(await ledger.inFlight('room')).toEqual([{ messageId: id, attempts: 1 }]);
    expect(await outcomes(store)).toEqual([]);
  });

  it('two hub processes sharing the ledger post each message exactly once', async () => {
    const store = await space();
    await store.append('room', [queued(3), queued(4, 'Second update')]);
    const { posts, post } = receiver();
    const ledger = new MemoryDeliveryLedger();
    const slowPost = async (request: WebhookRequest) => {
      // Yields between claim and answer, so the two processes' rounds interleave.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      return post(request);
    };
    const one = new HubDelivery({ store, ledger, spaceId: 'room', author: await author(store), post: slowPost, now: () => T0 });
    const two = new HubDelivery({ store, ledger, spaceId: 'room', author: await author(store), post: slowPost, now: () => T0 });
    await Promise.all([one.runDue(), two.runDue(), one.runDue(), two.runDue()]);
    await Promise.all([one.runDue(), two.runDue()]);
    expect(posts.map((p) => p.headers['idempotency-key']).sort()).toEqual([`${DEVICE}:3`, `${DEVICE}:4`]);
    expect(await outcomes(store)).toHaveLength(2);
  });

  it('never resends an attempt a stopped hub left on the wire: it reports it as uncertain', async () => {
    const store = await space();
    await store.append('room', [queued(3)]);
    const ledger = new MemoryDeliveryLedger();
    // A hub claimed the attempt, then stopped before hearing back.
    expect(await ledger.claim('room', `${DEVICE}:3`, '', T0)).toBe(1);
    const { posts, post } = receiver();
    const restarted = new HubDelivery({ store, ledger, spaceId: 'room', author: await author(store), post, now: () => T0 + 60_000 });
    await restarted.runDue();
    await restarted.runDue();
    expect(posts).toHaveLength(0);
    expect(await outcomes(store)).toMatchObject([{ type: 'message.deliveryFailed', payload: { reason: expect.stringMatching(/uncertain/) } }]);
  });

  it('fails a message whose webhook is gone from Settings, naming it, without posting', async () => {
    const store = await space(false);
    await store.append('room', [queued(3)]);
    const { posts, post } = receiver();
    const hub = new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => T0 });
    await hub.runDue();
    expect(posts).toHaveLength(0);
    expect(await outcomes(store)).toMatchObject([{ type: 'message.deliveryFailed', payload: { reason: expect.stringMatching(/Slack #ops/) } }]);
  });

  it('leaves alone a message a console already delivered', async () => {
    const store = await space();
    await store.append('room', [queued(3), event(4, 'message.delivered', INCIDENT, { target: `${DEVICE}:3`, audienceName: 'Key customers', phase: 'initial', attempts: 1, status: 200 })]);
    const { posts, post } = receiver();
    await new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => T0 }).runDue();
    expect(posts).toHaveLength(0);
  });

  it('still reads an outcome written before receivers’ answers were kept out of it', async () => {
    const store = await space();
    const before = { target: `${DEVICE}:3`, audienceName: 'Key customers', phase: 'initial', attempts: 1, status: 404 };
    await store.append('room', [queued(3), event(4, 'message.deliveryFailed', INCIDENT, { ...before, reason: '404 Not Found: no_such_hook — check the webhook address in Settings' })]);
    const { posts, post } = receiver();
    await new HubDelivery({ store, ledger: new MemoryDeliveryLedger(), spaceId: 'room', author: await author(store), post, now: () => T0 }).runDue();
    expect(posts).toHaveLength(0);
  });
});
