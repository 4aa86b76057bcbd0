import { describe, expect, it } from 'vitest';

import { MAX_ATTEMPTS, retryDelayMs } from '@shared/comms/delivery';
import type { Channels } from '@shared/domain/comms';
import { CURRENT_VERSION } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import type { WebhookOutcome, WebhookRequest } from '@shared/platform/bridge';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { declareIncident } from '../db/commands';
import { WarroomDatabase } from '../db/database';
import { ingestEvents, openDatabase } from '../db/eventStore';
import { queueMessage, requeueMessage, resendUncertain } from '../db/messageCommands';
import { changeSetting } from '../db/organisation';
import { joinHub, leaveHub } from '../db/syncStore';
import { fakeShell, type FakeShell } from '../testing/fakeShell';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { WebhookDelivery } from './webhookDelivery';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MINUTE = 60_000;
const URL_V1 = 'https://hooks.example.com/services/T0/B0/old-secret';
const URL_V2 = 'https://hooks.example.com/services/T0/B0/new-secret';
const webhook = { id: 'slack-ops', name: 'Slack #ops', format: 'json' as const };
const channels = (url = URL_V1): Channels => ({ webhooks: [{ ...webhook, url, audiences: ['customers'] }], email: [], statusPageTitle: 'Service status' });
/** Fixed jitter: each wait is exactly three quarters of its ceiling. */
const random = () => 0.5;

const ok: WebhookOutcome = { status: 'responded', code: 200, detail: 'OK' };
const busy: WebhookOutcome = { status: 'responded', code: 503, detail: 'Service Unavailable' };
const notFound: WebhookOutcome = { status: 'responded', code: 404, detail: 'Not Found: no_such_hook' };

/** A console whose time stands still until the test moves it. */
async function setUp() {
  const db = freshDatabase();
  await openDatabase(db);
  const time = { now: T0 };
  const now = () => time.now;
  const incidentId = await declareIncident(db, declareInput, now);
  await changeSetting(db, 'channels', channels(), 'Ada', now);
  const shell = fakeShell();
  const online = { value: true };
  const worker = new WebhookDelivery({ db, bridge: shell, now, random, isOnline: () => online.value });
  const queue = (text = 'Card payments are failing. We are on it.') =>
    queueMessage(db, { incidentId, audience: { id: 'customers', name: 'Key customers' }, phase: 'initial', subject: 'Payments', text, webhook, actor: 'Ada' }, now);
  return { db, time, now, incidentId, shell, online, worker, queue };
}

/** The receiver answers each post with the next of `answers`, then with 200. */
function script(shell: FakeShell, ...answers: WebhookOutcome[]) {
  shell.webhookResult = async () => answers.shift() ?? ok;
}

const viewOf = async (db: WarroomDatabase, id: string) => (await db.messages.get(id))!.view!;
const outcomes = async (db: WarroomDatabase, type: string) => db.events.filter((e) => e.type === type).count();

describe('webhook delivery', () => {
  it('retries a busy receiver after the back-off, and records one delivery with every attempt counted', async () => {
    const { db, time, shell, worker, queue } = await setUp();
    const id = await queue();
    script(shell, busy, busy, ok);

    const first = T0 + retryDelayMs(1, random);
    expect(await worker.runDue()).toBe(first);
    expect(shell.webhooks).toHaveLength(1);
    expect(await db.deliveries.get(id)).toMatchObject({
      attempts: 1,
      inFlight: null,
      uncertain: false,
      nextAt: first,
      problem: { kind: 'retry', status: 503, reason: expect.stringContaining('503') },
    });
    expect(await viewOf(db, id)).toMatchObject({ state: 'queued' });

    // Nothing is posted before the back-off ends, however often the worker runs.
    expect(await worker.runDue()).toBe(first);
    time.now = first - 1;
    expect(await worker.runDue()).toBe(first);
    expect(shell.webhooks).toHaveLength(1);

    time.now = first;
    const second = first + retryDelayMs(2, random);
    expect(second - first).toBeGreaterThan(first - T0);
    expect(await worker.runDue()).toBe(second);
    expect(shell.webhooks).toHaveLength(2);
    time.now = second - 1;
    expect(await worker.runDue()).toBe(second);
    expect(shell.webhooks).toHaveLength(2);

    time.now = second;
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(3);
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered', attempts: 3, deliveredStatus: 200, deliveredAt: new Date(second).toISOString() });
    expect(await outcomes(db, 'message.delivered')).toBe(1);
    expect(await db.deliveries.get(id)).toBeUndefined();

    // Every attempt carried the same idempotency key: the message's id.
    expect(shell.webhooks.map((r) => r.headers['idempotency-key'])).toEqual([id, id, id]);
    time.now += 60 * MINUTE;
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(3);
  });

  it('retries a receiver that did not answer in time', async () => {
    const { db, time, shell, worker, queue } = await setUp();
    const id = await queue();
    script(shell, { status: 'timedOut' }, { status: 'unreachable', detail: 'ECONNRESET' }, ok);
    time.now = (await worker.runDue())!;
    expect(await db.deliveries.get(id)).toMatchObject({ attempts: 1, problem: { kind: 'retry', status: null, reason: 'The receiver did not answer in time' } });
    time.now = (await worker.runDue())!;
    expect(await db.deliveries.get(id)).toMatchObject({ attempts: 2, problem: { kind: 'retry', reason: expect.stringContaining('ECONNRESET') } });
    expect(await worker.runDue()).toBeNull();
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(shell.webhooks).toHaveLength(3);
  });

  it('stops at once when the receiver refuses, naming its answer, and posts nothing more', async () => {
    const { db, time, shell, worker, queue } = await setUp();
    const id = await queue();
    script(shell, notFound);
    expect(await worker.runDue()).toBeNull();
    const view = await viewOf(db, id);
    expect(view).toMatchObject({ state: 'failed', attempts: 1, failure: { status: 404 } });
    expect(view.failure!.reason).toMatch(/^404 Not Found: no_such_hook — .*webhook address/);
    expect(await outcomes(db, 'message.deliveryFailed')).toBe(1);
    expect(await db.deliveries.get(id)).toBeUndefined();

    time.now += 24 * 60 * MINUTE;
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts at a failing receiver`, async () => {
    const { db, time, shell, worker, queue } = await setUp();
    const id = await queue();
    shell.webhookResult = { status: 'responded', code: 500, detail: 'Internal Server Error' };
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const wake = await worker.runDue();
      expect(wake).toBe(time.now + retryDelayMs(attempt, random));
      expect(shell.webhooks).toHaveLength(attempt);
      time.now = wake!;
    }
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(MAX_ATTEMPTS);
    const view = await viewOf(db, id);
    expect(view).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, failure: { status: 500 } });
    expect(view.failure!.reason).toMatch(new RegExp(`^Gave up after ${MAX_ATTEMPTS} attempts\\. Last: .*500`));

    time.now += 24 * 60 * MINUTE;
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(MAX_ATTEMPTS);
  });

  it('never resends by itself an attempt whose outcome a crash lost; a person’s resend makes exactly one more post', async () => {
    const { db, time, now, shell, worker, queue } = await setUp();
    const id = await queue();
    let markedBeforePost: unknown = null;
    let posted!: () => void;
    const leftTheConsole = new Promise<void>((resolve) => (posted = resolve));
    // The request leaves; the console dies before the answer is recorded.
    shell.webhookResult = async () => {
      markedBeforePost = await db.deliveries.get(id);
      posted();
      return new Promise<WebhookOutcome>(() => {});
    };
    void worker.runDue();
    await leftTheConsole;
    expect(shell.webhooks).toHaveLength(1);
    expect(markedBeforePost).toMatchObject({ attempts: 1, inFlight: T0 });
    db.close();

    // The console starts again.
    time.now += 10 * MINUTE;
    const restarted = new WarroomDatabase(db.name);
    await openDatabase(restarted);
    const after = new WebhookDelivery({ db: restarted, bridge: shell, now, random });
    expect(await after.recoverInterrupted()).toBe(1);
    shell.webhookResult = ok;
    expect(await after.runDue()).toBeNull();
    time.now += 24 * 60 * MINUTE;
    expect(await after.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(1);
    expect(await restarted.deliveries.get(id)).toMatchObject({ uncertain: true, inFlight: null, attempts: 1 });
    expect(await viewOf(restarted, id)).toMatchObject({ state: 'queued', attempts: 0 });
    // A second recovery finds nothing more on the wire.
    expect(await after.recoverInterrupted()).toBe(0);

    await resendUncertain(restarted, id, now);
    expect(await after.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(2);
    expect(shell.webhooks[1]!.headers['idempotency-key']).toBe(id);
    expect(await viewOf(restarted, id)).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(await after.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(2);
    restarted.close();
  });

  it('never posts a message another console queued', async () => {
    const { db, incidentId, shell, worker, queue } = await setUp();
    const bo = new TestAuthor(9);
    const other = bo.deviceId;
    const foreignId = `${other}:1`;
    const result = await ingestEvents(db, [
      bo.sign({
        id: foreignId,
        incidentId,
        type: 'message.queued',
        v: CURRENT_VERSION['message.queued'],
        hlc: encodeHlc({ ms: T0, counter: 5 }),
        deviceId: other,
        deviceSeq: 1,
        actor: 'Bo',
        occurredAt: new Date(T0).toISOString(),
        payload: { audience: 'customers', audienceName: 'Key customers', phase: 'update', subject: '', text: 'From the other console', channel: 'webhook', webhook },
      }),
    ]);
    expect(result).toMatchObject({ added: 1, rejected: [] });
    expect(await viewOf(db, foreignId)).toMatchObject({ state: 'queued', deviceId: other });

    const own = await queue();
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks.map((r) => r.headers['idempotency-key'])).toEqual([own]);
    expect(await viewOf(db, foreignId)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(await db.deliveries.get(foreignId)).toBeUndefined();
  });

  it('posts nothing while offline, and delivers once back online', async () => {
    const { db, shell, online, worker, queue } = await setUp();
    const id = await queue();
    online.value = false;
    expect(await worker.runDue()).toBeNull();
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(0);
    expect(await viewOf(db, id)).toMatchObject({ state: 'queued', attempts: 0 });

    online.value = true;
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(1);
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('leaves delivery to the hub while this console syncs through one, and takes it back after leaving', async () => {
    const { db, shell, worker, queue } = await setUp();
    await joinHub(db, 'ws://hub.test:4848/sync', 'ABCD-EFGH-JKLM');
    const id = await queue();
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(0);
    expect(await viewOf(db, id)).toMatchObject({ state: 'queued', attempts: 0 });

    await leaveHub(db);
    await worker.runDue();
    expect(shell.webhooks).toHaveLength(1);
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered' });
  });

  it('waits, without counting attempts, on a platform that cannot post', async () => {
    const { db, time, shell, worker, queue } = await setUp();
    const id = await queue();
    script(shell, { status: 'unavailable' }, { status: 'unavailable' });
    const recheck = await worker.runDue();
    expect(recheck).toBeGreaterThan(T0);
    expect(await db.deliveries.get(id)).toMatchObject({ attempts: 0, inFlight: null, uncertain: false, nextAt: recheck, problem: { kind: 'waiting' } });
    expect(await viewOf(db, id)).toMatchObject({ state: 'queued', attempts: 0 });

    time.now = recheck! - 1;
    expect(await worker.runDue()).toBe(recheck);
    expect(shell.webhooks).toHaveLength(1);
    time.now = recheck!;
    time.now = (await worker.runDue())!;
    expect(await db.deliveries.get(id)).toMatchObject({ attempts: 0, problem: { kind: 'waiting' } });
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(3);
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it('fails a message whose webhook was removed from Settings, naming it, without posting', async () => {
    const { db, now, shell, worker, queue } = await setUp();
    const id = await queue();
    await changeSetting(db, 'channels', { webhooks: [], email: [], statusPageTitle: 'Service status' }, 'Ada', now);
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(0);
    const view = await viewOf(db, id);
    expect(view).toMatchObject({ state: 'failed', attempts: 0, failure: { status: null } });
    expect(view.failure!.reason).toContain('Slack #ops');
    expect(view.failure!.reason).toMatch(/no longer in Settings/);
  });

  it('posts to the address in Settings at delivery time: one fixed after a 404 is used once queued again', async () => {
    const { db, now, time, shell, worker, queue } = await setUp();
    const id = await queue();
    script(shell, notFound);
    expect(await worker.runDue()).toBeNull();
    expect(await viewOf(db, id)).toMatchObject({ state: 'failed' });

    await changeSetting(db, 'channels', channels(URL_V2), 'Ada', now);
    // Fixing the address alone sends nothing: the person queues it again.
    expect(await worker.runDue()).toBeNull();
    expect(shell.webhooks).toHaveLength(1);

    time.now += MINUTE;
    await requeueMessage(db, { messageId: id, actor: 'Bo' }, now);
    const run = (await viewOf(db, id)).run;
    expect(run).not.toBe('');
    script(shell, busy, ok);
    const wake = await worker.runDue();
    expect(await db.deliveries.get(id)).toMatchObject({ run, attempts: 1 });
    time.now = wake!;
    expect(await worker.runDue()).toBeNull();

    const sent: Pick<WebhookRequest, 'url'>[] = shell.webhooks.map(({ url }) => ({ url }));
    expect(sent).toEqual([{ url: URL_V1 }, { url: URL_V2 }, { url: URL_V2 }]);
    for (const request of shell.webhooks) {
      expect(request.headers).toMatchObject({ 'idempotency-key': id, 'content-type': expect.stringContaining('application/json') });
      expect(JSON.parse(request.body)).toMatchObject({ id, incident: { title: 'Payments down' }, text: 'Card payments are failing. We are on it.' });
    }
    expect(await viewOf(db, id)).toMatchObject({ state: 'delivered', attempts: 3, run });
  });
});
