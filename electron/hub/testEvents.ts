/**
 * Valid events for the hub's tests. Given a device id they come unsigned, as the
 * stores hold them; given a TestAuthor they come signed by it, as a console pushes them.
 */
import { DEFAULT_CHANNELS } from '../../shared/domain/comms';
import { CURRENT_VERSION, ORGANISATION_STREAM, parseEvent, type Envelope } from '../../shared/domain/events';
import { encodeHlc } from '../../shared/domain/hlc';
import type { TravellingEvent } from '../../shared/sync/chain';
import type { TestAuthor } from '../../shared/sync/testing/testAuthor';

/** An event as it travels: signed when its author was a TestAuthor. */
export type TestEvent = Envelope & Partial<Pick<TravellingEvent, 'chain' | 'seal'>>;
type Author = string | TestAuthor;

function idOf(author: Author): string {
  return typeof author === 'string' ? author : author.deviceId;
}

function signedBy(author: Author, event: Envelope): TestEvent {
  return typeof author === 'string' ? event : author.sign(event);
}

export const INCIDENT = 'aaaaaaaa01:1';

export function entry(author: Author, deviceSeq: number, options: { text?: string; atMs?: number } = {}): TestEvent {
  return signedBy(author, unsignedEntry(idOf(author), deviceSeq, options));
}

function unsignedEntry(deviceId: string, deviceSeq: number, options: { text?: string; atMs?: number }): Envelope {
  const atMs = options.atMs ?? Date.now();
  return {
    id: `${deviceId}:${deviceSeq}`,
    incidentId: INCIDENT,
    type: 'timeline.entryLogged',
    v: 1,
    hlc: encodeHlc({ ms: atMs, counter: deviceSeq % 1000 }),
    deviceId,
    deviceSeq,
    actor: 'Ada Lovelace',
    occurredAt: new Date(atMs).toISOString(),
    payload: { kind: 'note', text: options.text ?? `Note ${deviceSeq} from ${deviceId}: checkout errors on eu-west, rollback under way.` },
  };
}

export function declared(author: Author, deviceSeq: number, title: string, atMs = Date.now()): TestEvent {
  const deviceId = idOf(author);
  return signedBy(author, {
    ...unsignedEntry(deviceId, deviceSeq, { atMs }),
    incidentId: `${deviceId}:${deviceSeq}`,
    type: 'incident.declared',
    payload: { title, kind: 'service', services: ['checkout'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', tier: 'major', declaredBy: 'Ada', drill: false },
  });
}

/** Throws unless the domain accepts the event as it is: a console would never push it otherwise. */
function valid(raw: Envelope): Envelope {
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(`test event ${raw.id} (${raw.type}) is not valid: ${parsed.status === 'invalid' ? parsed.error : parsed.status}`);
  return raw;
}

export function domainEvent(author: Author, deviceSeq: number, type: keyof typeof CURRENT_VERSION, incidentId: string, payload: unknown, atMs: number): TestEvent {
  const deviceId = idOf(author);
  return signedBy(author, valid({
    id: `${deviceId}:${deviceSeq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type],
    hlc: encodeHlc({ ms: atMs, counter: deviceSeq % 1000 }),
    deviceId,
    deviceSeq,
    actor: 'Ada Lovelace',
    occurredAt: new Date(atMs).toISOString(),
    payload,
  } as Envelope));
}

export const TEST_WEBHOOK = { id: 'ops-hook', name: 'Ops channel', format: 'json' } as const;

/** Settings → Channels with one webhook, posting to `url`. */
export function webhookChannels(author: Author, deviceSeq: number, url: string, atMs = Date.now()): TestEvent {
  const value = { ...DEFAULT_CHANNELS, webhooks: [{ ...TEST_WEBHOOK, url, audiences: ['customers'] }] };
  return domainEvent(author, deviceSeq, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'channels', value, prev: [] }, atMs);
}

/** A message queued for the test webhook, in the incident `incidentId`. */
export function queuedMessage(author: Author, deviceSeq: number, incidentId: string, text = 'Card payments fail; we are on it.', atMs = Date.now()): TestEvent {
  return domainEvent(
    author,
    deviceSeq,
    'message.queued',
    incidentId,
    { audience: 'customers', audienceName: 'Key customers', phase: 'initial', subject: 'Payments', text, channel: 'webhook', webhook: TEST_WEBHOOK },
    atMs,
  );
}
