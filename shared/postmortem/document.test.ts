import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES } from '../domain/catalogues';
import { CURRENT_VERSION, type DomainEvent, type EventType, type PayloadOf } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import { buildPostmortem, type ChangeEvent } from './document';
import { sampleIncident } from './sampleIncident';
import { SAMPLE_NOW, describeForTests, sampleDocument } from './testing';

const build = (events: DomainEvent[], incidentId: string, now = SAMPLE_NOW) =>
  buildPostmortem({ incidentId, events, settings: { roles: DEFAULT_ROLES }, describe: describeForTests, now });

/** Appends events to the sample incident, minutes after its last one. */
function extend(base: DomainEvent[], device = 'bbbbbbbb02') {
  const events = [...base];
  const last = Date.parse(base.at(-1)!.occurredAt);
  let seq = 0;
  const incidentId = base[0]!.incidentId;
  const emit = <T extends EventType>(type: T, payload: PayloadOf<T>, actor = 'Linus', atMs?: number) => {
    seq += 1;
    const ms = atMs ?? last + seq * 60_000;
    events.push({
      id: `${device}:${seq}`,
      incidentId,
      type,
      v: CURRENT_VERSION[type],
      hlc: encodeHlc({ ms, counter: 0 }),
      deviceId: device,
      deviceSeq: seq,
      actor,
      occurredAt: new Date(ms).toISOString(),
      payload,
    } as DomainEvent);
    return `${device}:${seq}`;
  };
  return { events, emit };
}

describe('the post-mortem drawn from the log', () => {
  const { sample, doc } = sampleDocument();

  it('states the incident’s facts: what, how bad, since when, for how long', () => {
    expect(doc.incident).toMatchObject({
      title: 'Payments <b>down</b> & "checkout" | failing',
      priority: 'P1',
      kind: 'service',
      tier: 'major',
      services: ['payments', 'checkout'],
      drill: false,
      status: 'resolved',
      declaredAt: '2026-11-22T13:01:00.000Z',
      declaredBy: 'Ada Lovelace',
      impactStarted: '2026-11-22T12:50:00.000Z',
      resolvedAt: '2026-11-22T13:39:00.000Z',
      duration: { from: '2026-11-22T12:50:00.000Z', to: '2026-11-22T13:39:00.000Z', ms: 49 * 60_000, ongoing: false },
    });
    expect(doc.generatedAt).toBe(SAMPLE_NOW.toISOString());
  });

  it('holds the whole timeline in order, entries as they read now, changes in the caller’s words', () => {
    expect(doc.timeline.map((r) => r.number)).toEqual(doc.timeline.map((_, i) => i + 1));
    const occurred = doc.timeline.map((r) => r.occurredAt);
    expect(occurred).toEqual([...occurred].sort());
    const corrected = doc.timeline.find((r) => r.id === sample.correctedId)!;
    expect(corrected).toMatchObject({ kind: 'action', text: sample.correctedText, corrected: true, key: true, struck: null });
    const struck = doc.timeline.find((r) => r.id === sample.struckId)!;
    expect(struck.struck).toEqual({ reason: sample.struckReason, by: 'Ada Lovelace', at: '2026-11-22T13:26:00.000Z' });
    const declared = doc.timeline[0]!;
    expect(declared).toMatchObject({ kind: 'change', type: 'incident.declared', text: `incident.declared (${sample.incidentId})` });
    // Amendments change their entry; the review written afterwards is not part of what happened.
    expect(doc.timeline.some((r) => /^(timeline\.entry(Corrected|Struck|Marked)|postmortem|actionItem)/.test(r.type))).toBe(false);
  });

  it('lists the key events by reference: marked entries not struck through, the declaration, tier and status changes', () => {
    const number = (id: string) => doc.timeline.find((r) => r.id === id)!.number;
    expect(doc.keyEvents.map((k) => [k.number, k.what])).toEqual([
      [1, { kind: 'declared' }],
      [number(sample.keyIds[0]!), { kind: 'entry', entryKind: 'decision' }],
      [number(sample.keyIds[1]!), { kind: 'entry', entryKind: 'observation' }],
      [number(sample.correctedId), { kind: 'entry', entryKind: 'action' }],
      [doc.timeline.find((r) => r.type === 'incident.tierChanged')!.number, { kind: 'tier', tier: 'major' }],
      [doc.timeline.at(-1)!.number, { kind: 'status', status: 'resolved' }],
    ]);
    expect(doc.keyEvents.some((k) => k.number === number(sample.struckId))).toBe(false);
  });

  it('records the hypotheses tried, with their verdict, evidence (pointing at its entry) and experiments', () => {
    expect(doc.hypotheses).toHaveLength(1);
    expect(doc.hypotheses[0]).toMatchObject({
      statement: 'The connection pool is exhausted',
      owner: 'Grace Hopper',
      status: 'confirmed',
      statusReason: 'errors stopped after the change',
      probe: { action: 'Raise the pool size', expectation: 'Errors stop', timeBoxMinutes: 15 },
      evidence: [{ stance: 'for', text: 'pool at 100 %', entryNumber: doc.timeline.find((r) => r.id === sample.entryIds[0])!.number }],
      experiments: [{ result: 'errors stopped', response: 'amplified' }],
    });
  });

  it('records roles with every handover, and each person’s engagement', () => {
    expect(doc.roles).toEqual([
      {
        id: 'commander',
        name: 'Incident commander',
        holders: ['Grace Hopper'],
        handovers: [
          { occurredAt: '2026-11-22T13:03:00.000Z', actor: 'Ada Lovelace', holders: ['Ada Lovelace'], previousHolders: [] },
          { occurredAt: '2026-11-22T13:36:00.000Z', actor: 'Ada Lovelace', holders: ['Grace Hopper'], previousHolders: ['Ada Lovelace'] },
        ],
      },
    ]);
    expect(doc.engagement).toEqual([
      {
        name: 'Grace Hopper',
        cycles: [
          {
            pagedAt: '2026-11-22T13:04:00.000Z',
            acknowledgedAt: '2026-11-22T13:05:00.000Z',
            joinedAt: '2026-11-22T13:06:00.000Z',
            releasedAt: '2026-11-22T13:38:00.000Z',
            releaseReason: 'fixed; back to her team',
          },
        ],
      },
    ]);
  });

  it('records the communications, the written sections and the action items', () => {
    expect(doc.communications).toEqual([
      expect.objectContaining({ audienceName: 'Executives', phase: 'update', channel: 'email', subject: 'Checkout <down> =1+1', outcome: 'sent', outcomeAt: null }),
    ]);
    expect(doc.sections.summary).toEqual({ text: 'Checkout failed for 40 minutes.\n\n* not a list\n<script>x</script>', conflicted: false });
    expect(doc.sections.impact).toEqual({ text: '', conflicted: false });
    expect(doc.actionItems).toEqual([
      expect.objectContaining({ title: 'Alert on pool use above 80 %', owner: 'Grace Hopper', due: '2026-12-01', status: 'open', conflicted: false }),
    ]);
  });

  it('is nothing until the declaration has been seen', () => {
    expect(build(sample.events.slice(1), sample.incidentId)).toBeNull();
  });

  it('runs an unresolved incident to now; reopening undoes a resolution, and the next one counts', () => {
    const { events, emit } = extend(sample.events);
    emit('incident.fieldChanged', { field: 'status', value: 'investigating', prev: [sample.events.at(-4)!.id] });
    const reopened = build(events, sample.incidentId)!;
    expect(reopened.incident).toMatchObject({ status: 'investigating', resolvedAt: null });
    expect(reopened.incident.duration).toEqual({ from: '2026-11-22T12:50:00.000Z', to: SAMPLE_NOW.toISOString(), ms: 190 * 60_000, ongoing: true });
    emit('incident.fieldChanged', { field: 'status', value: 'closed', prev: ['bbbbbbbb02:1'] });
    expect(build(events, sample.incidentId)!.incident).toMatchObject({ status: 'closed', resolvedAt: '2026-11-22T13:44:00.000Z' });
  });

  it('gives a person paged again after a release a second cycle, and reads a failed message as failed', () => {
    const { events, emit } = extend(sample.events);
    emit('participant.engaged', { person: 'grace  HOPPER', step: 'paged' });
    const queued = emit('message.queued', {
      audience: 'technical',
      audienceName: 'Technical staff',
      phase: 'resolved',
      subject: '',
      text: 'Resolved.',
      channel: 'webhook',
      webhook: { id: 'ops', name: 'Ops channel', format: 'slack' },
    });
    emit('message.deliveryFailed', { target: queued, audienceName: 'Technical staff', phase: 'resolved', attempts: 5, reason: 'HTTP 500', status: 500 });
    const again = build(events, sample.incidentId)!;
    expect(again.engagement).toHaveLength(1);
    expect(again.engagement[0]!.cycles).toHaveLength(2);
    expect(again.engagement[0]!.cycles[1]).toEqual({ pagedAt: '2026-11-22T13:43:00.000Z', acknowledgedAt: null, joinedAt: null, releasedAt: null, releaseReason: null });
    expect(again.communications[1]).toMatchObject({ channel: 'webhook', webhookName: 'Ops channel', outcome: 'failed', outcomeAt: '2026-11-22T13:45:00.000Z', outcomeReason: 'HTTP 500' });
  });

  it('describes only changes, each once, and never an entry', () => {
    const described: ChangeEvent[] = [];
    buildPostmortem({ incidentId: sample.incidentId, events: sample.events, settings: { roles: DEFAULT_ROLES }, now: SAMPLE_NOW, describe: (e) => (described.push(e), '') });
    expect(described.every((e) => (e.type as string) !== 'timeline.entryLogged')).toBe(true);
    expect(new Set(described.map((e) => e.id)).size).toBe(described.length);
    expect(described).toHaveLength(doc.timeline.filter((r) => r.kind === 'change').length);
  });

  it('is the same whatever order the events arrive in, duplicates and other incidents’ events included', () => {
    const other = sampleIncident({ startMs: Date.UTC(2026, 0, 5, 9) }).events.map((e) => ({ ...e, id: e.id.replace('aaaaaaaa01', 'cccccccc03'), deviceId: 'cccccccc03', incidentId: 'cccccccc03:1' }) as DomainEvent);
    fc.assert(
      fc.property(fc.shuffledSubarray([...sample.events, ...sample.events.slice(0, 10), ...other], { minLength: sample.events.length + 10 + other.length }), (shuffled) => {
        expect(build(shuffled, sample.incidentId)).toEqual(doc);
      }),
      { numRuns: 30 },
    );
  }, 30_000);
});
