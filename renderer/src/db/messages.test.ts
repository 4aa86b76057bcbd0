import { describe, expect, it } from 'vitest';

import type { Channels } from '@shared/domain/comms';
import { parseEvent } from '@shared/domain/events';
import type { WebhookOutcome } from '@shared/platform/bridge';

import { WebhookDelivery } from '../sync/webhookDelivery';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { RefusedError, declareIncident } from './commands';
import type { WarroomDatabase } from './database';
import { InvalidEventError, openDatabase, rebuildProjections, stripDerived } from './eventStore';
import {
  cancelMessage,
  confirmDelivered,
  queueMessage,
  recordOutcome,
  recordSent,
  requeueMessage,
  resendUncertain,
  type MessageDraft,
  type MessageProblem,
} from './messageCommands';
import { listMessages, queuedFrom } from './messageQueries';
import { changeSetting } from './organisation';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
/** A clock that moves on a second each time it is read, so every write has its own time. */
function clock(start = T0) {
  let now = start;
  return () => (now += 1_000);
}

const webhook = { id: 'slack-ops', name: 'Slack #ops', format: 'slack' as const };
const channels: Channels = {
  webhooks: [{ ...webhook, url: 'https://hooks.example.com/services/T0/B0/secret', audiences: ['customers'] }],
  email: [],
  statusPageTitle: 'Service status',
};

async function setUp() {
  const db = freshDatabase();
  await openDatabase(db);
  const now = clock();
  const incidentId = await declareIncident(db, declareInput, now);
  await changeSetting(db, 'channels', channels, 'Ada', now);
  const draft: MessageDraft = {
    incidentId,
    audience: { id: 'customers', name: 'Key customers' },
    phase: 'initial',
    subject: 'Payments degraded',
    text: 'Card payments are failing.\nWe are on it.',
    actor: 'Ada',
  };
  return { db, now, incidentId, draft };
}

async function refusal(work: Promise<unknown>): Promise<MessageProblem> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefusedError);
  return (error as RefusedError<MessageProblem>).problem;
}

async function counts(db: WarroomDatabase) {
  return {
    events: await db.events.count(),
    outbox: await db.outbox.count(),
    messages: await db.messages.count(),
    deliveries: await db.deliveries.count(),
    seq: (await db.device()).seq,
  };
}

const view = async (db: WarroomDatabase, id: string) => (await db.messages.get(id))?.view;

/** A bridge whose answers the test gives, one post at a time. */
function heldBridge() {
  const posts: { url: string; answer: (outcome: WebhookOutcome) => void }[] = [];
  let posted: () => void = () => {};
  let next = new Promise<void>((resolve) => (posted = resolve));
  return {
    posts,
    /** Resolves once the next post has left. */
    get posted() {
      return next;
    },
    bridge: {
      deliverWebhook: ({ url }: { url: string }) =>
        new Promise<WebhookOutcome>((answer) => {
          posts.push({ url, answer });
          const done = posted;
          next = new Promise<void>((resolve) => (posted = resolve));
          done();
        }),
    },
  };
}

describe('message commands', () => {
  it('records a message handed over on the spot as one valid event, projected as sent', async () => {
    const { db, now, incidentId, draft } = await setUp();
    const before = await counts(db);
    const id = await recordSent(db, { ...draft, channel: 'email', recipients: ['ops@example.com'], templateVersion: 2 }, now);

    expect(await counts(db)).toEqual({ ...before, events: before.events + 1, outbox: before.outbox + 1, messages: before.messages + 1, seq: before.seq + 1 });
    const stored = (await db.events.get(id))!;
    expect(stored.type).toBe('message.sent');
    expect(parseEvent(stripDerived(stored)).status).toBe('valid');
    expect(await listMessages(db, incidentId)).toEqual([
      expect.objectContaining({
        id,
        state: 'sent',
        channel: 'email',
        recipients: ['ops@example.com'],
        templateVersion: 2,
        audience: 'customers',
        audienceName: 'Key customers',
        phase: 'initial',
        subject: 'Payments degraded',
        text: 'Card payments are failing.\nWe are on it.',
        actor: 'Ada',
        deviceId: (await db.device()).deviceId,
        webhook: null,
      }),
    ]);
    expect(await db.messages.get(id)).toMatchObject({ incidentId, state: 'sent' });
  });

  it('queues a webhook message as one valid event, for this console to deliver', async () => {
    const { db, now, incidentId, draft } = await setUp();
    const id = await queueMessage(db, { ...draft, webhook }, now);
    const stored = (await db.events.get(id))!;
    expect(stored.type).toBe('message.queued');
    expect(parseEvent(stripDerived(stored)).status).toBe('valid');
    expect(await db.outbox.get([stored.deviceId, stored.deviceSeq])).toMatchObject({ id });
    expect(await view(db, id)).toMatchObject({ state: 'queued', channel: 'webhook', webhook, run: '', attempts: 0 });
    expect((await queuedFrom(db, (await db.device()).deviceId)).map((m) => m.id)).toEqual([id]);
    expect(await queuedFrom(db, 'zzzzzzzz99')).toEqual([]);
    expect((await listMessages(db, incidentId)).map((m) => m.id)).toEqual([id]);
    // Queuing is not an attempt: no delivery row until the worker makes one.
    expect(await db.deliveries.count()).toBe(0);
  });

  it('cancels a queued message and drops its attempts; a cancelled or sent one cannot be cancelled', async () => {
    const { db, now, draft } = await setUp();
    const id = await queueMessage(db, { ...draft, webhook }, now);
    await db.deliveries.put({ messageId: id, run: '', attempts: 2, nextAt: T0 + 3_600_000, inFlight: null, uncertain: false, problem: null });

    await cancelMessage(db, { messageId: id, actor: 'Bo', reason: '  Wrong audience\u0007 ' }, now);
    expect(await view(db, id)).toMatchObject({ state: 'cancelled', cancelled: { by: 'Bo', reason: 'Wrong audience' } });
    expect(await db.deliveries.get(id)).toBeUndefined();

    const before = await counts(db);
    expect(await refusal(cancelMessage(db, { messageId: id, actor: 'Bo', reason: '' }, now))).toBe('notQueued');
    const sent = await recordSent(db, { ...draft, channel: 'clipboard' }, now);
    expect(await refusal(cancelMessage(db, { messageId: sent, actor: 'Bo', reason: '' }, now))).toBe('notQueued');
    expect(await refusal(cancelMessage(db, { messageId: 'zzzzzzzz99:5', actor: 'Bo', reason: '' }, now))).toBe('noMessage');
    expect((await counts(db)).events).toBe(before.events + 1);
  });

  it('refuses to cancel while an attempt is on the wire, and writes nothing', async () => {
    const { db, now, draft } = await setUp();
    const id = await queueMessage(db, { ...draft, webhook }, now);
    const held = heldBridge();
    const worker = new WebhookDelivery({ db, bridge: held.bridge, now });
    const posted = held.posted;
    const running = worker.runDue();
    await posted;

    expect(await db.deliveries.get(id)).toMatchObject({ attempts: 1, inFlight: expect.any(Number) });
    const before = await counts(db);
    expect(await refusal(cancelMessage(db, { messageId: id, actor: 'Bo', reason: 'Never mind' }, now))).toBe('inFlight');
    expect(await counts(db)).toEqual(before);
    expect(await view(db, id)).toMatchObject({ state: 'queued' });

    // The attempt it might have interrupted arrives: the message is delivered, and past withdrawing.
    held.posts[0]!.answer({ status: 'responded', code: 200, detail: 'OK' });
    await running;
    expect(await view(db, id)).toMatchObject({ state: 'delivered', attempts: 1, deliveredStatus: 200 });
    expect(await refusal(cancelMessage(db, { messageId: id, actor: 'Bo', reason: 'Never mind' }, now))).toBe('notQueued');
  });

  it('queues a message again only once it failed, as a new run', async () => {
    const { db, now, draft } = await setUp();
    const id = await queueMessage(db, { ...draft, webhook }, now);
    expect(await refusal(requeueMessage(db, { messageId: id, actor: 'Bo' }, now))).toBe('notFailed');
    const sent = await recordSent(db, { ...draft, channel: 'clipboard' }, now);
    expect(await refusal(requeueMessage(db, { messageId: sent, actor: 'Bo' }, now))).toBe('notFailed');
    expect(await refusal(requeueMessage(db, { messageId: 'zzzzzzzz99:5', actor: 'Bo' }, now))).toBe('noMessage');

    await recordOutcome(db, id, { kind: 'failed', status: 404, reason: '404 — check the webhook address in Settings', attempts: 1 }, 'Warroom', now);
    expect(await view(db, id)).toMatchObject({ state: 'failed', failure: { status: 404 }, attempts: 1 });

    await requeueMessage(db, { messageId: id, actor: 'Bo' }, now);
    const again = (await view(db, id))!;
    const requeue = (await db.events.filter((e) => e.type === 'message.requeued').toArray())[0]!;
    expect(again).toMatchObject({ state: 'queued', run: requeue.id, failure: null, attempts: 1 });
    expect(requeue.payload).toEqual({ target: id, audienceName: 'Key customers', phase: 'initial' });
    expect(await refusal(requeueMessage(db, { messageId: id, actor: 'Bo' }, now))).toBe('notFailed');

    // A failed message may also be withdrawn instead.
    await recordOutcome(db, id, { kind: 'failed', status: 404, reason: 'again', attempts: 1 }, 'Warroom', now);
    await cancelMessage(db, { messageId: id, actor: 'Bo', reason: 'Told them by phone' }, now);
    expect(await view(db, id)).toMatchObject({ state: 'cancelled', attempts: 2 });
  });

  it('confirms a delivery, or sends again, only when an attempt is uncertain', async () => {
    const { db, now, draft } = await setUp();
    const id = await queueMessage(db, { ...draft, webhook }, now);
    expect(await refusal(confirmDelivered(db, { messageId: id, actor: 'Bo' }, now))).toBe('notUncertain');
    expect(await refusal(resendUncertain(db, id, now))).toBe('notUncertain');

    // An attempt left on the wire by a console that stopped.
    await db.deliveries.put({ messageId: id, run: '', attempts: 2, nextAt: T0, inFlight: T0 + 5_000, uncertain: false, problem: null });
    expect(await refusal(confirmDelivered(db, { messageId: id, actor: 'Bo' }, now))).toBe('notUncertain');
    expect(await new WebhookDelivery({ db, bridge: heldBridge().bridge, now }).recoverInterrupted()).toBe(1);
    expect(await db.deliveries.get(id)).toMatchObject({ inFlight: null, uncertain: true, attempts: 2 });

    const before = await counts(db);
    await confirmDelivered(db, { messageId: id, actor: ' Bo\u202E ' }, now);
    expect(await view(db, id)).toMatchObject({ state: 'delivered', deliveredStatus: null, confirmedBy: 'Bo', attempts: 2 });
    expect(await db.deliveries.get(id)).toBeUndefined();
    expect(await counts(db)).toEqual({ ...before, events: before.events + 1, outbox: before.outbox + 1, deliveries: before.deliveries - 1, seq: before.seq + 1 });
    expect(await refusal(confirmDelivered(db, { messageId: id, actor: 'Bo' }, now))).toBe('notUncertain');
  });

  it('lets a person confirm a failed delivery the receiver never answered, never one it refused', async () => {
    const { db, now, draft } = await setUp();
    const refused = await queueMessage(db, { ...draft, webhook }, now);
    await recordOutcome(db, refused, { kind: 'failed', status: 404, reason: 'Not found', attempts: 1 }, 'Warroom', now);
    expect(await refusal(confirmDelivered(db, { messageId: refused, actor: 'Bo' }, now))).toBe('notUncertain');
    expect(await view(db, refused)).toMatchObject({ state: 'failed' });

    // As the hub records a send it was stopped in the middle of: no status, the outcome unknown.
    const unanswered = await queueMessage(db, { ...draft, webhook }, now);
    await recordOutcome(db, unanswered, { kind: 'failed', status: null, reason: 'Delivery uncertain: the hub stopped while sending it.', attempts: 1 }, 'Warroom', now);
    await confirmDelivered(db, { messageId: unanswered, actor: 'Bo' }, now);
    expect(await view(db, unanswered)).toMatchObject({ state: 'delivered', deliveredStatus: null, confirmedBy: 'Bo', attempts: 1 });
    expect(await refusal(confirmDelivered(db, { messageId: unanswered, actor: 'Bo' }, now))).toBe('notUncertain');
  });

  it('keeps hostile text as text without control characters, and refuses what cannot be stored, writing nothing', async () => {
    const { db, now, draft } = await setUp();
    const html = '<img src=x onerror=alert(1)><script>alert(2)</script> =cmd|\' /C calc\'!A0';
    const id = await queueMessage(
      db,
      {
        ...draft,
        subject: `${html}\r\nBcc: victim@example.com\u0000`,
        text: `\u202E${html}\u0007\r\nsecond line\u009B`,
        audience: { id: 'customers', name: 'Key\tcustomers\u0085' },
        webhook: { ...webhook, name: 'Slack\n#ops' },
        actor: '  Ada\u0008 ',
      },
      now,
    );
    const message = (await view(db, id))!;
    expect(message).toMatchObject({
      subject: `${html} Bcc: victim@example.com`,
      text: `${html}\nsecond line`,
      audienceName: 'Key customers',
      webhook: { ...webhook, name: 'Slack #ops' },
      actor: 'Ada',
    });

    const before = await counts(db);
    const refused = [
      // Nothing left once cleaned.
      recordSent(db, { ...draft, channel: 'clipboard', text: ' \u0000\u0007\r\n\u202E ' }, now),
      // Longer than a message may be.
      queueMessage(db, { ...draft, text: 'a'.repeat(8_001), webhook }, now),
      recordSent(db, { ...draft, channel: 'clipboard', subject: 'b'.repeat(201) }, now),
      // Not an address, not an id.
      recordSent(db, { ...draft, channel: 'email', recipients: ['ops@example.com', '"><script>@x'] }, now),
      queueMessage(db, { ...draft, audience: { id: '<Customers>', name: 'Key customers' }, webhook }, now),
      queueMessage(db, { ...draft, webhook: { ...webhook, id: 'javascript:alert(1)' } }, now),
      recordSent(db, { ...draft, channel: 'clipboard', actor: '\u0007' }, now),
    ];
    for (const work of refused) await expect(work).rejects.toBeInstanceOf(InvalidEventError);
    expect(await counts(db)).toEqual(before);
  });

  it('folds the same message views again from the log on a rebuild, and leaves the delivery attempts alone', async () => {
    const { db, now, incidentId, draft } = await setUp();
    const ids: string[] = [];
    // Enough events that the log's key order (…:10 before …:2) is not the order they were written in.
    for (let i = 0; i < 4; i++) ids.push(await queueMessage(db, { ...draft, text: `Update ${i}`, webhook }, now));
    ids.push(await recordSent(db, { ...draft, channel: 'statusPage', phase: 'update' }, now));
    const [delivered, failed, cancelled, waiting] = ids as [string, string, string, string];
    await recordOutcome(db, delivered, { kind: 'delivered', status: 202, attempts: 3 }, 'Warroom', now);
    await recordOutcome(db, failed, { kind: 'failed', status: 410, reason: '410 Gone', attempts: 1 }, 'Warroom', now);
    await requeueMessage(db, { messageId: failed, actor: 'Bo' }, now);
    await recordOutcome(db, failed, { kind: 'failed', status: null, reason: 'Gave up after 8 attempts', attempts: 8 }, 'Warroom', now);
    await cancelMessage(db, { messageId: cancelled, actor: 'Bo', reason: 'Superseded' }, now);
    await db.deliveries.put({ messageId: waiting, run: '', attempts: 4, nextAt: T0 + 90_000, inFlight: null, uncertain: true, problem: { kind: 'retry', reason: '503', status: 503 } });

    const views = await listMessages(db, incidentId);
    expect(views.map((m) => m.state)).toEqual(['delivered', 'failed', 'cancelled', 'queued', 'sent']);
    const rows = await db.messages.toArray();
    const deliveries = await db.deliveries.toArray();

    await rebuildProjections(db);
    expect(await listMessages(db, incidentId)).toEqual(views);
    expect((await db.messages.toArray()).map(({ id, incidentId, state, view }) => ({ id, incidentId, state, view }))).toEqual(
      rows.map(({ id, incidentId, state, view }) => ({ id, incidentId, state, view })),
    );
    expect(await db.deliveries.toArray()).toEqual(deliveries);
  });
});
