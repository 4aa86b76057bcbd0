/**
 * Hand-built incident logs for the metrics' tests: each call writes one event,
 * at a time given in minutes from the declaration (negative: before it), in
 * log order (each written a second after the one before, so a backdated entry
 * is late in the log and early in time). Every event passes the schema.
 */
import { CURRENT_VERSION, parseEvent, type DomainEvent, type EngagementStep, type EventType, type IncidentKind, type PayloadOf, type Status } from '../../events';
import { encodeHlc } from '../../hlc';
import type { Priority } from '../../priority';

export const MINUTE = 60_000;
/** A Monday morning, UTC. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);

export type LogOptions = {
  deviceId?: string;
  /** Declaration time, ms. */
  declaredAt?: number;
  title?: string;
  kind?: IncidentKind;
  services?: string[];
  priority?: Priority;
  drill?: boolean;
};

export type IncidentLog = {
  id: string;
  events: DomainEvent[];
  /** The time `minutes` after the declaration, as an ISO instant. */
  at(minutes: number): string;
  status(value: Status, minutes: number): string;
  assign(role: string, holders: string[], minutes: number): string;
  step(person: string, step: EngagementStep, minutes: number): string;
  entry(minutes: number): string;
  impactStarted(minutesOrUnknown: number | null, minutes?: number): string;
  tags(tags: string[], minutes?: number): string;
  message(audience: string, minutes: number): string;
  queue(audience: string, minutes: number): string;
  outcome(target: string, type: 'message.delivered' | 'message.deliveryFailed' | 'message.requeued' | 'message.cancelled', minutes: number): string;
  event<T extends EventType>(type: T, minutes: number, payload: PayloadOf<T>): string;
};

const ORDER: Record<Priority, { impact: 'organisation' | 'department' | 'individual'; urgency: 'missionCritical' | 'supporting' | 'internal' }> = {
  P1: { impact: 'organisation', urgency: 'missionCritical' },
  P2: { impact: 'department', urgency: 'missionCritical' },
  P3: { impact: 'department', urgency: 'supporting' },
  P4: { impact: 'individual', urgency: 'supporting' },
  P5: { impact: 'individual', urgency: 'internal' },
};

export function incidentLog(options: LogOptions = {}): IncidentLog {
  const deviceId = options.deviceId ?? 'aaaaaaaa01';
  const declaredAt = options.declaredAt ?? T0;
  const priority = options.priority ?? 'P1';
  const events: DomainEvent[] = [];
  let seq = 0;
  const heads: Partial<Record<string, string[]>> = {};
  const id = `${deviceId}:1`;
  const at = (minutes: number) => new Date(declaredAt + minutes * MINUTE).toISOString();

  const emit = <T extends EventType>(type: T, minutes: number, payload: PayloadOf<T>): string => {
    seq += 1;
    const eventId = `${deviceId}:${seq}`;
    const parsed = parseEvent({
      id: eventId,
      incidentId: id,
      type,
      v: CURRENT_VERSION[type],
      hlc: encodeHlc({ ms: declaredAt + 3_600_000 + seq * 1000, counter: 0 }),
      deviceId,
      deviceSeq: seq,
      actor: 'Scribe',
      occurredAt: at(minutes),
      payload,
    });
    if (parsed.status !== 'valid') throw new Error(`Test event refused: ${parsed.status === 'invalid' ? parsed.error : type}`);
    events.push(parsed.event);
    return eventId;
  };
  /** Each change replaces the last one written to the field, as one console writing alone does. */
  const field = (name: string, minutes: number, value: unknown) => {
    const eventId = emit('incident.fieldChanged', minutes, { field: name, value, prev: heads[name] ?? [] } as PayloadOf<'incident.fieldChanged'>);
    heads[name] = [eventId];
    return eventId;
  };
  const roleHeads: Record<string, string[]> = {};

  emit('incident.declared', 0, {
    title: options.title ?? 'Checkout errors',
    kind: options.kind ?? 'service',
    services: options.services ?? ['checkout'],
    ...ORDER[priority],
    priority,
    tier: 'normal',
    declaredBy: 'Scribe',
    drill: options.drill ?? false,
  });
  for (const name of ['title', 'kind', 'services', 'priority', 'status']) heads[name] = [id];

  return {
    id,
    events,
    at,
    status: (value, minutes) => field('status', minutes, value),
    assign(role, holders, minutes) {
      const eventId = emit('role.assigned', minutes, { role, roleName: role, holders, previousHolders: [], prev: roleHeads[role] ?? [] });
      roleHeads[role] = [eventId];
      return eventId;
    },
    step: (person, step, minutes) =>
      emit('participant.engaged', minutes, step === 'released' ? { person, step, reason: 'Not needed' } : { person, step }),
    entry: (minutes) => emit('timeline.entryLogged', minutes, { kind: 'note', text: `Something at ${minutes} min` }),
    impactStarted: (minutesOrUnknown, minutes = 1) => field('impactStarted', minutes, minutesOrUnknown === null ? '' : at(minutesOrUnknown)),
    tags: (tags, minutes = 1) => field('tags', minutes, tags),
    message: (audience, minutes) =>
      emit('message.sent', minutes, { audience, audienceName: audience, phase: 'update', subject: '', text: 'Update', channel: 'clipboard' }),
    queue: (audience, minutes) =>
      emit('message.queued', minutes, {
        audience,
        audienceName: audience,
        phase: 'update',
        subject: '',
        text: 'Update',
        channel: 'webhook',
        webhook: { id: 'relay', name: 'Relay', format: 'json' },
      }),
    outcome(target, type, minutes) {
      const common = { target, audienceName: 'x', phase: 'update' as const };
      switch (type) {
        case 'message.delivered':
          return emit(type, minutes, { ...common, attempts: 1, status: 200 });
        case 'message.deliveryFailed':
          return emit(type, minutes, { ...common, attempts: 3, reason: 'Refused', status: 500 });
        case 'message.requeued':
          return emit(type, minutes, common);
        case 'message.cancelled':
          return emit(type, minutes, { ...common, reason: 'Wrong audience' });
      }
    },
    event: emit,
  };
}
