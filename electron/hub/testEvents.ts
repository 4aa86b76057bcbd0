/** Valid events for the hub's tests. */
import { DEFAULT_CHANNELS } from '../../shared/domain/comms';
import { CURRENT_VERSION, ORGANISATION_STREAM, parseEvent, type Envelope } from '../../shared/domain/events';
import { encodeHlc } from '../../shared/domain/hlc';

export const INCIDENT = 'aaaaaaaa01:1';

export function entry(deviceId: string, deviceSeq: number, options: { text?: string; atMs?: number } = {}): Envelope {
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

export function declared(deviceId: string, deviceSeq: number, title: string, atMs = Date.now()): Envelope {
  return {
    ...entry(deviceId, deviceSeq, { atMs }),
    incidentId: `${deviceId}:${deviceSeq}`,
    type: 'incident.declared',
    payload: { title, kind: 'service', services: ['checkout'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', tier: 'major', declaredBy: 'Ada', drill: false },
  };
}

/** Throws unless the domain accepts the event as it is: a console would never push it otherwise. */
function valid(raw: Envelope): Envelope {
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(`test event ${raw.id} (${raw.type}) is not valid: ${parsed.status === 'invalid' ? parsed.error : parsed.status}`);
  return raw;
}

function domainEvent(deviceId: string, deviceSeq: number, type: keyof typeof CURRENT_VERSION, incidentId: string, payload: unknown, atMs: number): Envelope {
  return valid({
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
  } as Envelope);
}

export const TEST_WEBHOOK = { id: 'ops-hook', name: 'Ops channel', format: 'json' } as const;

/** Settings → Channels with one webhook, posting to `url`. */
export function webhookChannels(deviceId: string, deviceSeq: number, url: string, atMs = Date.now()): Envelope {
  const value = { ...DEFAULT_CHANNELS, webhooks: [{ ...TEST_WEBHOOK, url, audiences: ['customers'] }] };
  return domainEvent(deviceId, deviceSeq, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'channels', value, prev: [] }, atMs);
}

/** A message queued for the test webhook, in the incident `incidentId`. */
export function queuedMessage(deviceId: string, deviceSeq: number, incidentId: string, text = 'Card payments fail; we are on it.', atMs = Date.now()): Envelope {
  return domainEvent(
    deviceId,
    deviceSeq,
    'message.queued',
    incidentId,
    { audience: 'customers', audienceName: 'Key customers', phase: 'initial', subject: 'Payments', text, channel: 'webhook', webhook: TEST_WEBHOOK },
    atMs,
  );
}
