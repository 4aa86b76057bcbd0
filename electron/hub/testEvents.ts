/** Valid events for the hub's tests. */
import type { Envelope } from '../../shared/domain/events';
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
