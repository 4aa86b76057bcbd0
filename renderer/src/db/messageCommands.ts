/**
 * The communications pad's writes. Every message is an event: a local channel
 * records it as sent the moment it is handed over; a webhook records it as
 * queued, and only a delivery outcome ever says it arrived.
 */
import type { LocalChannel, Phase, WebhookFormat } from '@shared/domain/comms';
import type { EventType, PayloadOf } from '@shared/domain/events';
import type { MessageView } from '@shared/domain/messages';
import { cleanLine, cleanMultiline, LIMITS } from '@shared/domain/text';

import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import type { DeliveryRow } from './types';
import type { Clock } from './eventStore';
import { RefusedError, recordNow } from './commands';

export type MessageDraft = {
  incidentId: string;
  audience: { id: string; name: string };
  phase: Phase;
  subject: string;
  text: string;
  /** The template version it was written from; absent when written from scratch. */
  templateVersion?: number;
  actor: string;
};

export type MessageProblem = 'notQueued' | 'inFlight' | 'notFailed' | 'notUncertain' | 'noMessage';

function inTransaction<T>(db: WarroomDatabase, work: () => Promise<T>, extra = false): Promise<T> {
  return db.transaction('rw', [...projectionTables(db), db.outbox, ...(extra ? [db.deliveries] : [])], work);
}

/** Records it now, resolving with the new event's id (a message's id). */
async function record<T extends EventType>(db: WarroomDatabase, type: T, incidentId: string, actor: string, payload: PayloadOf<T>, now: Clock): Promise<string> {
  return (await recordNow(db, type, incidentId, actor, payload, now)).id;
}

function recordOf(draft: MessageDraft) {
  return {
    audience: draft.audience.id,
    audienceName: cleanLine(draft.audience.name),
    phase: draft.phase,
    subject: cleanLine(draft.subject),
    text: cleanMultiline(draft.text),
    ...(draft.templateVersion ? { template: { version: draft.templateVersion } } : {}),
  };
}

/** Records a message handed over on the spot. Call it once the hand-over worked (copied, draft opened, file saved). */
export function recordSent(
  db: WarroomDatabase,
  draft: MessageDraft & { channel: LocalChannel; recipients?: string[] },
  now: Clock = Date.now,
): Promise<string> {
  const payload: PayloadOf<'message.sent'> = {
    ...recordOf(draft),
    channel: draft.channel,
    ...(draft.recipients?.length ? { recipients: draft.recipients } : {}),
  };
  return record(db, 'message.sent', draft.incidentId, draft.actor, payload, now);
}

/** Queues a message for a webhook. Resolves with its id; the delivery worker takes it from there. */
export function queueMessage(
  db: WarroomDatabase,
  draft: MessageDraft & { webhook: { id: string; name: string; format: WebhookFormat } },
  now: Clock = Date.now,
): Promise<string> {
  const { id, name, format } = draft.webhook;
  const payload: PayloadOf<'message.queued'> = { ...recordOf(draft), channel: 'webhook', webhook: { id, name: cleanLine(name), format } };
  return record(db, 'message.queued', draft.incidentId, draft.actor, payload, now);
}

type Target = { messageId: string; actor: string };

function about(view: MessageView) {
  return { target: view.id, audienceName: view.audienceName, phase: view.phase };
}

async function messageOf(db: WarroomDatabase, messageId: string) {
  const view = (await db.messages.get(messageId))?.view;
  if (!view) throw new RefusedError<MessageProblem>('noMessage');
  return view;
}

/** Withdraws a queued message. Refused while an attempt is on the wire: it may be arriving right now. */
export function cancelMessage(db: WarroomDatabase, input: Target & { reason: string }, now: Clock = Date.now): Promise<void> {
  return inTransaction(
    db,
    async () => {
      const view = await messageOf(db, input.messageId);
      if (view.state !== 'queued' && view.state !== 'failed') throw new RefusedError<MessageProblem>('notQueued');
      const delivery = await db.deliveries.get(input.messageId);
      if (delivery?.inFlight) throw new RefusedError<MessageProblem>('inFlight');
      const reason = cleanMultiline(input.reason).slice(0, LIMITS.reason);
      await record(db, 'message.cancelled', view.incidentId, input.actor, { ...about(view), reason }, now);
      await db.deliveries.delete(view.id);
    },
    true,
  );
}

/** Queues a failed message again, for a new run of attempts (after fixing the address, say). */
export function requeueMessage(db: WarroomDatabase, input: Target, now: Clock = Date.now): Promise<void> {
  return inTransaction(db, async () => {
    const view = await messageOf(db, input.messageId);
    if (view.state !== 'failed') throw new RefusedError<MessageProblem>('notFailed');
    await record(db, 'message.requeued', view.incidentId, input.actor, about(view), now);
  });
}

/** An uncertain attempt: send it again, knowing the receiver may then show it twice. */
export function resendUncertain(db: WarroomDatabase, messageId: string, now: Clock = Date.now): Promise<void> {
  return db.transaction('rw', db.deliveries, async () => {
    const row = await db.deliveries.get(messageId);
    if (!row?.uncertain) throw new RefusedError<MessageProblem>('notUncertain');
    await db.deliveries.put({ ...row, uncertain: false, nextAt: now(), problem: null });
  });
}

/** An uncertain attempt that a person checked did arrive. */
export function confirmDelivered(db: WarroomDatabase, input: Target, now: Clock = Date.now): Promise<void> {
  return inTransaction(
    db,
    async () => {
      const view = await messageOf(db, input.messageId);
      const row = await db.deliveries.get(view.id);
      // Uncertain: an attempt this console left on the wire, or a failure with no answer from the receiver (the hub
      // stopped mid-send, the connection broke). A person who checked with the receiver may say it arrived.
      const unanswered = view.state === 'failed' && view.failure?.status === null;
      if (!unanswered && (view.state !== 'queued' || !row?.uncertain)) throw new RefusedError<MessageProblem>('notUncertain');
      const confirmedBy = cleanLine(input.actor);
      await record(db, 'message.delivered', view.incidentId, input.actor, { ...about(view), attempts: row?.attempts ?? 0, status: null, confirmedBy }, now);
      await db.deliveries.delete(view.id);
    },
    true,
  );
}

/** The worker's bookkeeping: an outcome event and the end of the attempts, in one transaction. */
export function recordOutcome(
  db: WarroomDatabase,
  messageId: string,
  outcome:
    | { kind: 'delivered'; status: number | null; attempts: number }
    | { kind: 'failed'; status: number | null; reason: string; attempts: number },
  actor: string,
  now: Clock = Date.now,
): Promise<void> {
  return inTransaction(
    db,
    async () => {
      const view = await messageOf(db, messageId);
      if (outcome.kind === 'delivered') {
        await record(db, 'message.delivered', view.incidentId, actor, { ...about(view), attempts: outcome.attempts, status: outcome.status }, now);
      } else {
        const reason = cleanLine(outcome.reason).slice(0, LIMITS.reason) || '—';
        await record(db, 'message.deliveryFailed', view.incidentId, actor, { ...about(view), attempts: outcome.attempts, status: outcome.status, reason }, now);
      }
      await db.deliveries.delete(messageId);
    },
    true,
  );
}

export type { DeliveryRow };
