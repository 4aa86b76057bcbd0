/**
 * This console's delivery attempts for the webhook messages it queued. Local
 * bookkeeping, not a projection: it survives rebuilds and never syncs. The one
 * fact that matters across a crash is `inFlight`: written durably before a
 * request leaves, so a restart knows an attempt's outcome is unknown.
 */
import type { AttemptBook } from '@shared/comms/outbound';
import { DELIVERY_ACTOR } from '@shared/domain/messages';

import type { WarroomDatabase } from './database';
import type { DeliveryRow } from './types';
import type { Clock } from './eventStore';
import { recordOutcome } from './messageCommands';

export function freshDelivery(messageId: string, run: string, now: number): DeliveryRow {
  return { messageId, run, attempts: 0, nextAt: now, inFlight: null, uncertain: false, problem: null };
}

export function deliveryFor(db: WarroomDatabase, messageId: string): Promise<DeliveryRow | undefined> {
  return db.deliveries.get(messageId);
}

/** Attempts left in flight by a console that stopped: their outcome is unknown, so they are held for a person. Run once, before any attempt. */
export function holdInterrupted(db: WarroomDatabase): Promise<number> {
  return db.transaction('rw', db.deliveries, async () => {
    const interrupted = await db.deliveries.filter((row) => row.inFlight !== null).toArray();
    await db.deliveries.bulkPut(interrupted.map((row) => ({ ...row, inFlight: null, uncertain: true })));
    return interrupted.length;
  });
}

/** This console's book of attempts, for the outbound engine: a message's row, its outcome and its end written with the log. */
export function consoleAttemptBook(db: WarroomDatabase, now: Clock = Date.now): AttemptBook {
  return {
    claim: (message, at) =>
      db.transaction('rw', [db.messages, db.deliveries], async () => {
        const current = (await db.messages.get(message.id))?.view;
        if (current?.state !== 'queued' || current.run !== message.run) return null;
        const stored = await db.deliveries.get(message.id);
        const row = stored && stored.run === message.run ? stored : freshDelivery(message.id, message.run, at);
        if (row.uncertain || row.inFlight !== null) return null;
        if (row.nextAt > at) return { dueAt: row.nextAt };
        const attempts = row.attempts + 1;
        await db.deliveries.put({ ...row, attempts, inFlight: at });
        return { attempt: attempts };
      }),
    retryAt: async (message, nextAt, problem) => {
      await db.transaction('rw', db.deliveries, async () => {
        const row = await db.deliveries.get(message.id);
        if (!row || row.run !== message.run) return;
        // Waiting on a platform that cannot post is not an attempt.
        const attempts = problem.kind === 'waiting' ? row.attempts - 1 : row.attempts;
        await db.deliveries.put({ ...row, attempts, inFlight: null, nextAt, problem });
      });
    },
    settle: (message, outcome) => recordOutcome(db, message.id, outcome, DELIVERY_ACTOR, now),
  };
}

export type { DeliveryRow };
