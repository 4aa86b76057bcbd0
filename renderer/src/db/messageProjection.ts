/**
 * The message projection: one row per message, holding its folded state (so
 * an outcome applies whatever order it comes in) and the view the pad reads.
 * Pass only events new to the log, inside the write transaction.
 */
import type { DomainEvent } from '@shared/domain/events';
import {
  applyMessageEvent,
  emptyMessage,
  isMessageEvent,
  isOutcomeEvent,
  messageIdOf,
  viewMessage,
  type MessageState,
} from '@shared/domain/messages';

import type { WarroomDatabase } from './database';
import { tableProjection } from './projection';
import type { MessageRow } from './types';

export const messageProjection = tableProjection('messages', projectMessages);

async function projectMessages(db: WarroomDatabase, events: readonly DomainEvent[]): Promise<void> {
  const relevant = events.filter((e) => isMessageEvent(e) || isOutcomeEvent(e));
  if (relevant.length === 0) return;
  const ids = [...new Set(relevant.map(messageIdOf))];
  const existing = await db.messages.bulkGet(ids);
  const states = new Map<string, MessageState>();
  ids.forEach((id, i) => states.set(id, existing[i]?.folded ?? emptyMessage(id)));
  const touched = new Set<string>();
  for (const event of relevant) {
    const id = messageIdOf(event);
    const current = states.get(id)!;
    const next = applyMessageEvent(current, event);
    states.set(id, next);
    if (next !== current) touched.add(id);
  }
  const rows: MessageRow[] = [...touched].map((id) => {
    const folded = states.get(id)!;
    const view = viewMessage(folded);
    return { id, incidentId: view?.incidentId ?? '', state: view?.state ?? '', folded, view };
  });
  if (rows.length) await db.messages.bulkPut(rows);
}
