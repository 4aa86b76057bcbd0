/**
 * The communications record: one message per `message.sent` or
 * `message.queued` event, and what became of it. Outcomes (delivered, failed,
 * queued again, cancelled) point at the message; the fold is order-independent,
 * so an outcome that arrives before its message waits for it.
 */
import type { LocalChannel, Phase, WebhookFormat } from './comms';
import { compareEvents, type DomainEvent, type EventOf } from './events';

/** Who the record names for what the console did by itself (a delivery's outcome). */
export const DELIVERY_ACTOR = 'Warroom';

export type MessageEvent = EventOf<'message.sent' | 'message.queued'>;
export type OutcomeEvent = EventOf<'message.delivered' | 'message.deliveryFailed' | 'message.requeued' | 'message.cancelled'>;

export function isMessageEvent(event: DomainEvent): event is MessageEvent {
  return event.type === 'message.sent' || event.type === 'message.queued';
}
export function isOutcomeEvent(event: DomainEvent): event is OutcomeEvent {
  return (
    event.type === 'message.delivered' ||
    event.type === 'message.deliveryFailed' ||
    event.type === 'message.requeued' ||
    event.type === 'message.cancelled'
  );
}

/** The message an event is about: its own id for a message, the target for an outcome. */
export function messageIdOf(event: MessageEvent | OutcomeEvent): string {
  return isMessageEvent(event) ? event.id : event.payload.target;
}

/**
 * sent: handed over on the spot (copied, mail draft, status page).
 * queued: waiting for the network. delivered: the receiver took it.
 * failed: delivery stopped; a person may queue it again. cancelled: withdrawn before delivery.
 */
export type DeliveryState = 'sent' | 'queued' | 'delivered' | 'failed' | 'cancelled';

type Outcome = {
  id: string;
  type: OutcomeEvent['type'];
  incidentId: string;
  hlc: string;
  deviceId: string;
  deviceSeq: number;
  actor: string;
  occurredAt: string;
  payload: OutcomeEvent['payload'];
};

export type MessageState = {
  id: string;
  record: MessageEvent | null;
  outcomes: Outcome[];
};

export type MessageView = {
  id: string;
  incidentId: string;
  at: string;
  actor: string;
  /** The console that wrote it: only it delivers a queued message (until a hub takes over). */
  deviceId: string;
  audience: string;
  audienceName: string;
  phase: Phase;
  channel: LocalChannel | 'webhook';
  webhook: { id: string; name: string; format: WebhookFormat } | null;
  recipients: string[];
  subject: string;
  text: string;
  templateVersion: number | null;
  state: DeliveryState;
  /** The current run of delivery attempts: '' for the first, the id of the latest `message.requeued` after. */
  run: string;
  /** When the receiver took it (or a person confirmed it did). */
  deliveredAt: string | null;
  deliveredStatus: number | null;
  confirmedBy: string | null;
  attempts: number;
  failure: { reason: string; status: number | null; at: string } | null;
  cancelled: { by: string; reason: string; at: string } | null;
};

export function emptyMessage(id: string): MessageState {
  return { id, record: null, outcomes: [] };
}

export function applyMessageEvent(state: MessageState, event: MessageEvent | OutcomeEvent): MessageState {
  if (messageIdOf(event) !== state.id) return state;
  if (isMessageEvent(event)) return state.record ? state : { ...state, record: event };
  if (state.outcomes.some((o) => o.id === event.id)) return state;
  const { id, type, incidentId, hlc, deviceId, deviceSeq, actor, occurredAt, payload } = event;
  return { ...state, outcomes: [...state.outcomes, { id, type, incidentId, hlc, deviceId, deviceSeq, actor, occurredAt, payload }] };
}

export function viewMessage(state: MessageState): MessageView | null {
  const record = state.record;
  if (!record) return null;
  // An outcome counts only for the incident its message belongs to.
  const outcomes = state.outcomes.filter((o) => o.incidentId === record.incidentId).sort(compareEvents);
  const p = record.payload;
  const view: MessageView = {
    id: record.id,
    incidentId: record.incidentId,
    at: record.occurredAt,
    actor: record.actor,
    deviceId: record.deviceId,
    audience: p.audience,
    audienceName: p.audienceName,
    phase: p.phase,
    channel: p.channel,
    webhook: record.type === 'message.queued' ? record.payload.webhook : null,
    recipients: record.type === 'message.sent' ? (record.payload.recipients ?? []) : [],
    subject: p.subject,
    text: p.text,
    templateVersion: p.template?.version ?? null,
    state: record.type === 'message.sent' ? 'sent' : 'queued',
    run: outcomes.filter((o) => o.type === 'message.requeued').at(-1)?.id ?? '',
    deliveredAt: null,
    deliveredStatus: null,
    confirmedBy: null,
    attempts: 0,
    failure: null,
    cancelled: null,
  };
  if (record.type === 'message.sent') return view;

  for (const o of outcomes) {
    if (o.type === 'message.deliveryFailed' || o.type === 'message.delivered') view.attempts += (o.payload as { attempts: number }).attempts;
  }
  // Arriving is final: a cancel or failure that crossed a delivery on the way does not undo it.
  const delivered = outcomes.find((o) => o.type === 'message.delivered');
  if (delivered) {
    const d = delivered.payload as EventOf<'message.delivered'>['payload'];
    return { ...view, state: 'delivered', deliveredAt: delivered.occurredAt, deliveredStatus: d.status, confirmedBy: d.confirmedBy ?? null };
  }
  const cancel = outcomes.find((o) => o.type === 'message.cancelled');
  if (cancel) {
    const reason = (cancel.payload as EventOf<'message.cancelled'>['payload']).reason;
    return { ...view, state: 'cancelled', cancelled: { by: cancel.actor, reason, at: cancel.occurredAt } };
  }
  // Between failing and being queued again, the later decision stands.
  const last = outcomes.at(-1);
  if (last?.type === 'message.deliveryFailed') {
    const f = last.payload as EventOf<'message.deliveryFailed'>['payload'];
    return { ...view, state: 'failed', failure: { reason: f.reason, status: f.status, at: last.occurredAt } };
  }
  return view;
}

/** Messages that keep an audience informed: handed over, delivered or on their way; not withdrawn or failed. */
export function countsForCadence(message: MessageView): boolean {
  return message.state !== 'cancelled' && message.state !== 'failed';
}
