/**
 * Action items: the follow-ups a post-mortem commits to, each with an owner, a
 * due day and a status. They live in their incident's stream but are tracked
 * across incidents, long after the incident is closed. Each field is a
 * register, so concurrent edits surface as a conflict instead of vanishing.
 */
import { ACTION_ITEM_STATUSES, type ActionItemStatus, type DomainEvent } from './events';
import { emptyRegister, readRegister, writeRegister, type Register, type RegisterWrite } from './register';

export type ActionItemFields = { title: string; owner: string; due: string; status: ActionItemStatus };
export type ActionItemField = keyof ActionItemFields;
export const ACTION_ITEM_FIELDS: ActionItemField[] = ['title', 'owner', 'due', 'status'];

export type ActionItemState = {
  id: string;
  incidentId: string;
  /** Present once the item's creation has been seen (sync may deliver a change first). */
  added: { actor: string; occurredAt: string } | null;
  fields: { [F in ActionItemField]: Register<ActionItemFields[F]> };
};

export function emptyActionItem(id: string, incidentId: string): ActionItemState {
  return {
    id,
    incidentId,
    added: null,
    fields: { title: emptyRegister(), owner: emptyRegister(), due: emptyRegister(), status: emptyRegister() },
  };
}

/** The item an event is about, if it is about one. */
export function actionItemIdOf(event: DomainEvent): string | null {
  if (event.type === 'actionItem.added') return event.id;
  if (event.type === 'actionItem.changed') return event.payload.target;
  return null;
}

export function applyActionItemEvent(state: ActionItemState, event: DomainEvent): ActionItemState {
  if (actionItemIdOf(event) !== state.id) return state;
  const write = <V>(value: V, prev: readonly string[]): RegisterWrite<V> => ({
    id: event.id,
    hlc: event.hlc,
    deviceId: event.deviceId,
    value,
    prev,
  });
  if (event.type === 'actionItem.added') {
    if (state.added) return state;
    const p = event.payload;
    return {
      ...state,
      added: { actor: event.actor, occurredAt: event.occurredAt },
      fields: {
        title: writeRegister(state.fields.title, write(p.title, [])),
        owner: writeRegister(state.fields.owner, write(p.owner, [])),
        due: writeRegister(state.fields.due, write(p.due, [])),
        status: writeRegister(state.fields.status, write<ActionItemStatus>('open', [])),
      },
    };
  }
  if (event.type !== 'actionItem.changed') return state;
  const p = event.payload;
  const field = p.field;
  const current = state.fields[field] as Register<unknown>;
  const next = writeRegister(current, write<unknown>(p.value, p.prev));
  return next === current ? state : { ...state, fields: { ...state.fields, [field]: next } };
}

export type ActionItem = ActionItemFields & {
  id: string;
  incidentId: string;
  addedBy: string;
  addedAt: string;
  heads: Record<ActionItemField, string[]>;
  conflicts: ActionItemField[];
};

/** Null until the item's creation has been seen. */
export function summarizeActionItem(state: ActionItemState): ActionItem | null {
  if (!state.added) return null;
  const values = {} as Record<ActionItemField, unknown>;
  const heads = {} as Record<ActionItemField, string[]>;
  const conflicts: ActionItemField[] = [];
  for (const field of ACTION_ITEM_FIELDS) {
    const read = readRegister<unknown>(state.fields[field]);
    if (!read) return null;
    values[field] = read.value;
    heads[field] = read.heads.map((h) => h.id);
    if (read.heads.length > 1) conflicts.push(field);
  }
  return {
    ...(values as ActionItemFields),
    id: state.id,
    incidentId: state.incidentId,
    addedBy: state.added.actor,
    addedAt: state.added.occurredAt,
    heads,
    conflicts,
  };
}

/** Still to be done: open or in progress. */
export function isOutstanding(status: ActionItemStatus): boolean {
  return status === 'open' || status === 'inProgress';
}

/** Overdue on `today` (YYYY-MM-DD in the reader's zone): outstanding with a due day before it. */
export function isOverdue(item: Pick<ActionItem, 'status' | 'due'>, today: string): boolean {
  return isOutstanding(item.status) && item.due !== '' && item.due < today;
}

export { ACTION_ITEM_STATUSES };
