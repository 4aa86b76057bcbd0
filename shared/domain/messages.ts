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
  const deciding = decidingOutcome(outcomes, (o) => OUTCOME_KINDS[o.type]);
  if (deciding?.type === 'message.delivered') {
    const d = deciding.payload as EventOf<'message.delivered'>['payload'];
    return { ...view, state: 'delivered', deliveredAt: deciding.occurredAt, deliveredStatus: d.status, confirmedBy: d.confirmedBy ?? null };
  }
  if (deciding?.type === 'message.cancelled') {
    const reason = (deciding.payload as EventOf<'message.cancelled'>['payload']).reason;
    return { ...view, state: 'cancelled', cancelled: { by: deciding.actor, reason, at: deciding.occurredAt } };
  }
  if (deciding?.type === 'message.deliveryFailed') {
    const f = deciding.payload as EventOf<'message.deliveryFailed'>['payload'];
    return { ...view, state: 'failed', failure: { reason: f.reason, status: f.status, at: deciding.occurredAt } };
  }
  return view;
}

export type OutcomeKind = 'delivered' | 'failed' | 'requeued' | 'cancelled';

export const OUTCOME_KINDS: Record<OutcomeEvent['type'], OutcomeKind> = {
  'message.delivered': 'delivered',
  'message.deliveryFailed': 'failed',
  'message.requeued': 'requeued',
  'message.cancelled': 'cancelled',
};

/**
 * The outcome that decides where a queued message stands, given its outcomes in
 * log order; null while it is still on its way. Arriving is final: a cancel or
 * failure that crossed a delivery on the way does not undo it. Otherwise a
 * cancel is final; between failing and being queued again, the later decision stands.
 */
export function decidingOutcome<O>(inLogOrder: readonly O[], kindOf: (outcome: O) => OutcomeKind): O | null {
  const delivered = inLogOrder.find((o) => kindOf(o) === 'delivered');
  if (delivered !== undefined) return delivered;
  const cancelled = inLogOrder.find((o) => kindOf(o) === 'cancelled');
  if (cancelled !== undefined) return cancelled;
  const last = inLogOrder.at(-1);
  return last !== undefined && kindOf(last) === 'failed' ? last : null;
}

/** Messages that keep an audience informed: handed over, delivered or on their way; not withdrawn or failed. */
export function countsForCadence(message: Pick<MessageView, 'state'>): boolean {
  return message.state !== 'cancelled' && message.state !== 'failed';
}
