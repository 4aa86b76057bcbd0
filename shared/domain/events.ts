/**
 * The domain's events: the only way anything changes. Each is validated with a
 * schema at every boundary; each type carries a version and older versions are
 * upcast on read. Events of a type or version this build does not know are
 * kept and passed on (see `parseEvent`), never dropped.
 */
import { z } from 'zod';

import { isHlc } from './hlc';
import { DEVICE_ID_REGEX, EVENT_ID_REGEX } from './ids';
import { IMPACTS, URGENCIES } from './priority';
import { LIMITS, hasForbiddenControlChars } from './text';

export const INCIDENT_KINDS = ['service', 'security'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const ENTRY_KINDS = ['note', 'action', 'decision', 'observation'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Earliest instant any event may claim to have happened at. */
export const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const eventIdSchema = z.string().regex(EVENT_ID_REGEX, 'must be an event id (device:sequence)');
const storedText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const requiredLine = (max: number) => storedText(max).refine((s) => s.trim().length > 0, 'must not be empty');

export const instantSchema = z
  .string()
  .regex(ISO_UTC, 'must be an ISO-8601 UTC instant with milliseconds')
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isFinite(ms) && ms >= EARLIEST_OCCURRED_AT && new Date(ms).toISOString() === s;
  }, 'must be a real instant after 2000-01-01');

const prevSchema = z.array(eventIdSchema).max(100);

const titleSchema = requiredLine(LIMITS.title);
const servicesSchema = z.array(requiredLine(LIMITS.serviceName)).max(LIMITS.services);
const kindSchema = z.enum(INCIDENT_KINDS);
const impactSchema = z.enum(IMPACTS);
const urgencySchema = z.enum(URGENCIES);
const statusSchema = z.enum(STATUSES);
const entryKindSchema = z.enum(ENTRY_KINDS);
const entryTextSchema = requiredLine(LIMITS.entryText);

export const payloadSchemas = {
  'incident.declared': z.strictObject({
    title: titleSchema,
    kind: kindSchema,
    services: servicesSchema,
    impact: impactSchema,
    urgency: urgencySchema,
    declaredBy: requiredLine(LIMITS.personName),
    drill: z.boolean(),
  }),
  'incident.fieldChanged': z.discriminatedUnion('field', [
    z.strictObject({ field: z.literal('title'), value: titleSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('kind'), value: kindSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('services'), value: servicesSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('impact'), value: impactSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('urgency'), value: urgencySchema, prev: prevSchema }),
    z.strictObject({
      field: z.literal('status'),
      value: statusSchema,
      prev: prevSchema,
      note: storedText(LIMITS.reason).optional(),
    }),
  ]),
  'timeline.entryLogged': z.strictObject({ kind: entryKindSchema, text: entryTextSchema }),
  'timeline.entryCorrected': z.strictObject({
    target: eventIdSchema,
    kind: entryKindSchema,
    text: entryTextSchema,
    prev: prevSchema.min(1),
  }),
  'timeline.entryStruck': z.strictObject({ target: eventIdSchema, reason: requiredLine(LIMITS.reason) }),
} as const;

export type EventType = keyof typeof payloadSchemas;
export type PayloadOf<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;

/** The version this build writes for each type. Bump it and add an upcaster when a payload changes. */
export const CURRENT_VERSION: Record<EventType, number> = {
  'incident.declared': 1,
  'incident.fieldChanged': 1,
  'timeline.entryLogged': 1,
  'timeline.entryCorrected': 1,
  'timeline.entryStruck': 1,
};

/** upcasters[type][v] turns a payload of version v into version v + 1. */
type Upcaster = (payload: unknown) => unknown;
const UPCASTERS: Partial<Record<EventType, Record<number, Upcaster>>> = {};

export const envelopeSchema = z
  .strictObject({
    id: eventIdSchema,
    incidentId: eventIdSchema,
    type: z.string().min(1).max(100),
    v: z.number().int().min(1).max(1000),
    hlc: z.string().refine(isHlc, 'must be a clock value'),
    deviceId: z.string().regex(DEVICE_ID_REGEX, 'must be a device id'),
    deviceSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    actor: requiredLine(LIMITS.personName),
    occurredAt: instantSchema,
    payload: z.unknown(),
  })
  .refine((e) => e.id === `${e.deviceId}:${e.deviceSeq}`, {
    message: 'id must be deviceId:deviceSeq',
    path: ['id'],
  });

export type Envelope = z.infer<typeof envelopeSchema>;

export type DomainEvent = {
  [T in EventType]: Omit<Envelope, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export type ParseResult =
  | { status: 'valid'; event: DomainEvent }
  /** Well-formed, but of a type or version newer than this build: keep it, pass it on. */
  | { status: 'unknown'; envelope: Envelope }
  | { status: 'invalid'; error: string };

function isEventType(type: string): type is EventType {
  return Object.hasOwn(payloadSchemas, type);
}

export function parseEvent(raw: unknown): ParseResult {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { status: 'invalid', error: describeIssues(envelope.error) };
  const e = envelope.data;
  if (!isEventType(e.type) || e.v > CURRENT_VERSION[e.type]) return { status: 'unknown', envelope: e };

  let payload = e.payload;
  for (let v = e.v; v < CURRENT_VERSION[e.type]; v++) {
    const up = UPCASTERS[e.type]?.[v];
    if (!up) return { status: 'invalid', error: `${e.type} v${v} cannot be read by this version` };
    payload = up(payload);
  }
  const parsed = payloadSchemas[e.type].safeParse(payload);
  if (!parsed.success) return { status: 'invalid', error: `${e.type}: ${describeIssues(parsed.error)}` };
  return {
    status: 'valid',
    event: { ...e, v: CURRENT_VERSION[e.type], payload: parsed.data } as DomainEvent,
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Total, deterministic order of events: clock, then device, then the device's own sequence. */
export function compareEvents(
  a: Pick<Envelope, 'hlc' | 'deviceId' | 'deviceSeq'>,
  b: Pick<Envelope, 'hlc' | 'deviceId' | 'deviceSeq'>,
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return a.deviceSeq - b.deviceSeq;
}
