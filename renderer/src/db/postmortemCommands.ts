/**
 * What a person does after (or while) the incident is reviewed: mark key
 * entries, write post-mortem sections, add and track action items. Each write
 * names the versions it replaces, read inside its own transaction.
 */
import type { ActionItemFields, ActionItemField } from '@shared/domain/actionItems';
import type { EventOf, PostmortemSection } from '@shared/domain/events';
import { readSection } from '@shared/domain/postmortem';
import { readRegister } from '@shared/domain/register';
import { cleanLine, cleanMultiline } from '@shared/domain/text';

import { recordNow } from './commands';
import type { WarroomDatabase } from './database';
import { projectionTables } from './projections';
import type { Clock } from './eventStore';

export type MarkEntryInput = { incidentId: string; targetId: string; key: boolean; actor: string };

/** Marks an entry as a key event, or unmarks it. Nothing is written when it already reads so. */
export async function markEntry(db: WarroomDatabase, input: MarkEntryInput, now: Clock = Date.now): Promise<boolean> {
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const register = (await db.amendments.get(input.targetId))?.key;
    const read = register ? readRegister(register) : null;
    const current = read ? read.heads.some((h) => h.value) : false;
    if (current === input.key && (read?.heads.length ?? 0) <= 1) return false;
    const payload = { target: input.targetId, key: input.key, prev: read?.heads.map((h) => h.id) ?? [] };
    await recordNow(db, 'timeline.entryMarked', input.incidentId, input.actor, payload, now);
    return true;
  });
}

export type EditSectionInput = {
  incidentId: string;
  section: PostmortemSection;
  text: string;
  /** The versions the writer saw (and now replaces); a version written meanwhile stays, as a conflict. */
  replaces: string[];
  actor: string;
};

/** Writes a post-mortem section. Resolves with whether anything was written (unchanged text is not). */
export async function editSection(db: WarroomDatabase, input: EditSectionInput, now: Clock = Date.now): Promise<boolean> {
  const text = cleanMultiline(input.text);
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const current = readSection(await db.postmortems.get(input.incidentId), input.section);
    if (current.conflict === null && current.text === text && sameIds(current.heads, input.replaces)) return false;
    await recordNow(db, 'postmortem.sectionEdited', input.incidentId, input.actor, { section: input.section, text, prev: input.replaces }, now);
    return true;
  });
}

export type AddActionItemInput = { incidentId: string; title: string; owner: string; due: string; actor: string };

export async function addActionItem(db: WarroomDatabase, input: AddActionItemInput, now: Clock = Date.now): Promise<string> {
  const payload = { title: cleanLine(input.title), owner: cleanLine(input.owner), due: input.due };
  const event = await db.transaction('rw', [...projectionTables(db), db.outbox], () =>
    recordNow(db, 'actionItem.added', input.incidentId, input.actor, payload, now),
  );
  return event.id;
}

export type ChangeActionItemInput<F extends ActionItemField> = {
  itemId: string;
  field: F;
  value: ActionItemFields[F];
  actor: string;
  /** The versions the person saw when they began editing; a version written meanwhile then stays, as a conflict. Default: what is stored now. */
  replaces?: string[];
};

/** Changes one field of an action item, replacing every live value. Resolves with whether anything changed. */
export async function changeActionItem<F extends ActionItemField>(
  db: WarroomDatabase,
  input: ChangeActionItemInput<F>,
  now: Clock = Date.now,
): Promise<boolean> {
  const value = typeof input.value === 'string' && input.field !== 'status' && input.field !== 'due' ? cleanLine(input.value) : input.value;
  return db.transaction('rw', [...projectionTables(db), db.outbox], async () => {
    const item = (await db.actionItems.get(input.itemId))?.summary;
    if (!item) throw new Error(`No action item ${input.itemId} on this console`);
    const prev = input.replaces ?? item.heads[input.field];
    if (item[input.field] === value && !item.conflicts.includes(input.field) && sameIds(prev, item.heads[input.field])) return false;
    const payload = { target: item.id, about: item.title, field: input.field, value, prev } as EventOf<'actionItem.changed'>['payload'];
    await recordNow(db, 'actionItem.changed', item.incidentId, input.actor, payload, now);
    return true;
  });
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
