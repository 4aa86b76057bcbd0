import { describe, expect, it } from 'vitest';

import { parseEvent } from './events';

const declared = {
  id: 'aaaaaaaa01:1',
  incidentId: 'aaaaaaaa01:1',
  type: 'incident.declared',
  v: 1,
  hlc: '00mi8zq3k0-00000',
  deviceId: 'aaaaaaaa01',
  deviceSeq: 1,
  actor: 'Ada',
  occurredAt: '2026-11-21T12:00:00.000Z',
  payload: {
    title: 'Checkout errors',
    kind: 'service',
    services: ['checkout'],
    impact: 'organisation',
    urgency: 'missionCritical',
    declaredBy: 'Ada',
    drill: false,
  },
};

describe('parseEvent', () => {
  it('accepts a well-formed event', () => {
    expect(parseEvent(declared)).toMatchObject({ status: 'valid', event: { type: 'incident.declared' } });
  });

  it('refuses an id that is not deviceId:deviceSeq', () => {
    const result = parseEvent({ ...declared, id: 'aaaaaaaa01:2' });
    expect(result).toMatchObject({ status: 'invalid' });
    expect(result.status === 'invalid' && result.error).toMatch(/deviceId:deviceSeq/);
  });

  it('refuses absurd and non-canonical dates with a clear message', () => {
    for (const occurredAt of ['1970-01-01T00:00:00.000Z', '2026-02-30T00:00:00.000Z', 'tomorrow', '2026-11-21T12:00:00Z']) {
      const result = parseEvent({ ...declared, occurredAt });
      expect(result.status).toBe('invalid');
      expect(result.status === 'invalid' && result.error).toMatch(/occurredAt/);
    }
  });

  it('refuses empty titles, control characters and oversized text', () => {
    const withPayload = (patch: object) => parseEvent({ ...declared, payload: { ...declared.payload, ...patch } });
    expect(withPayload({ title: '   ' })).toMatchObject({ status: 'invalid' });
    expect(withPayload({ title: 'a\u0000b' })).toMatchObject({ status: 'invalid' });
    expect(withPayload({ title: 'x'.repeat(201) })).toMatchObject({ status: 'invalid' });
    const entry = parseEvent({
      ...declared,
      id: 'aaaaaaaa01:2',
      deviceSeq: 2,
      type: 'timeline.entryLogged',
      payload: { kind: 'note', text: 'x'.repeat(1024 * 1024) },
    });
    expect(entry.status === 'invalid' && entry.error).toMatch(/at most 10000 characters/);
  });

  it('refuses unexpected payload fields rather than storing them silently', () => {
    expect(parseEvent({ ...declared, payload: { ...declared.payload, isAdmin: true } })).toMatchObject({ status: 'invalid' });
  });

  it('keeps events of a newer version or an unknown type as unknown, not invalid', () => {
    expect(parseEvent({ ...declared, v: 3 })).toMatchObject({ status: 'unknown' });
    expect(parseEvent({ ...declared, type: 'runbook.linked', payload: { anything: 1 } })).toMatchObject({
      status: 'unknown',
    });
  });

  it('does not treat inherited property names as event types', () => {
    expect(parseEvent({ ...declared, type: 'constructor' })).toMatchObject({ status: 'unknown' });
    expect(parseEvent({ ...declared, type: '__proto__' })).toMatchObject({ status: 'unknown' });
  });

  it('refuses non-objects', () => {
    for (const raw of [null, 42, 'event', [], undefined]) expect(parseEvent(raw).status).toBe('invalid');
  });
});
