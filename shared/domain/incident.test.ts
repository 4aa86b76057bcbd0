import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { historyArb } from '../testing/incidentHistory';
import { parseEvent, type DomainEvent } from './events';
import { applyIncidentEvent, emptyIncident, foldIncident, summarizeIncident } from './incident';
import { buildTimeline } from './timeline';

const shuffled = <T>(items: T[]) =>
  fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('incident fold', () => {
  it('folds shuffled event sets to the same state', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => fc.tuple(fc.constant(h), shuffled(h.events))),
        ([{ events, incidentId }, order]) => {
          expect(foldIncident(incidentId, order)).toEqual(foldIncident(incidentId, events));
          expect(buildTimeline(incidentId, order)).toEqual(buildTimeline(incidentId, events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores duplicated events', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => fc.tuple(fc.constant(h), fc.array(fc.constantFrom(...h.events), { maxLength: 30 }))),
        ([{ events, incidentId }, dups]) => {
          const withDups = [...events, ...dups, ...events.slice(0, 3)];
          expect(foldIncident(incidentId, withDups)).toEqual(foldIncident(incidentId, events));
          expect(buildTimeline(incidentId, withDups)).toEqual(buildTimeline(incidentId, events));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('applying events one at a time, in any order, equals a full refold', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) => fc.tuple(fc.constant(h), shuffled(h.events), fc.integer({ min: 0, max: 100 }))),
        ([{ events, incidentId }, order, cut]) => {
          // Fold a prefix, then apply the rest incrementally on top of it.
          const split = Math.min(cut, order.length);
          let state = foldIncident(incidentId, order.slice(0, split));
          for (const event of order.slice(split)) state = applyIncidentEvent(state, event);
          expect(state).toEqual(foldIncident(incidentId, events));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a write never loses to a value it named as replaced, under any clock skew', () => {
    fc.assert(
      fc.property(historyArb, ({ events, incidentId }) => {
        const summary = summarizeIncident(foldIncident(incidentId, events))!;
        // The declaration writes every field, so "replaced" is per field.
        const replaced = new Set<string>();
        for (const e of events) {
          if (e.type === 'incident.fieldChanged') e.payload.prev.forEach((p) => replaced.add(`${e.payload.field} ${p}`));
        }
        for (const [field, heads] of Object.entries(summary.heads)) {
          for (const head of heads) expect(replaced.has(`${field} ${head}`)).toBe(false);
        }
        // ...and an entry's shown version is never one a later correction replaced.
        const corrected = new Set<string>();
        for (const e of events) if (e.type === 'timeline.entryCorrected') e.payload.prev.forEach((p) => corrected.add(p));
        for (const item of buildTimeline(incidentId, events)) {
          if (item.entry) expect(corrected.has(item.entry.headId)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the timeline ordered by when things happened, including backdated entries', () => {
    fc.assert(
      fc.property(historyArb, ({ events, incidentId }) => {
        const times = buildTimeline(incidentId, events).map((item) => item.event.occurredAt);
        expect(times).toEqual([...times].sort());
        const shownIds = buildTimeline(incidentId, events).map((item) => item.event.id);
        expect(new Set(shownIds).size).toBe(shownIds.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('incident summary', () => {
  const base = {
    incidentId: 'aaaaaaaa01:1',
    deviceId: 'aaaaaaaa01',
    actor: 'Ada',
    occurredAt: '2026-11-21T12:00:00.000Z',
    v: 1,
  };
  // Written at version 1, before priority and tier were recorded: read through the upcaster.
  const declaredV1 = {
    ...base,
    id: 'aaaaaaaa01:1',
    deviceSeq: 1,
    hlc: '00mi8zq3k0-00000',
    type: 'incident.declared',
    payload: {
      title: 'Checkout errors',
      kind: 'security',
      services: ['checkout'],
      impact: 'department',
      urgency: 'missionCritical',
      declaredBy: 'Ada',
      drill: true,
    },
  };
  const parsed = parseEvent(declaredV1);
  const declared = (parsed.status === 'valid' ? parsed.event : null) as DomainEvent;

  it('reads a version 1 declaration as normal tier, prioritised by the default matrix', () => {
    expect(declared).toMatchObject({ v: 2, payload: { priority: 'P2', tier: 'normal' } });
  });

  it('starts investigating, in the normal tier, with the priority it was declared with', () => {
    expect(summarizeIncident(foldIncident(declared.id, [declared]))).toMatchObject({
      status: 'investigating',
      tier: 'normal',
      tierSince: '2026-11-21T12:00:00.000Z',
      priority: 'P2',
      kind: 'security',
      drill: true,
      declaredBy: 'Ada',
      conflicts: [],
    });
  });

  it('is not shown until its declaration arrives', () => {
    const change = {
      ...base,
      id: 'aaaaaaaa01:2',
      deviceSeq: 2,
      hlc: '00mi8zq3k0-00001',
      type: 'incident.fieldChanged',
      payload: { field: 'status', value: 'identified', prev: ['aaaaaaaa01:1'] },
    } as DomainEvent;
    expect(summarizeIncident(foldIncident(declared.id, [change]))).toBeNull();
    expect(summarizeIncident(foldIncident(declared.id, [change, declared]))).toMatchObject({ status: 'identified' });
  });

  it('ignores events of other incidents', () => {
    const other = { ...declared, incidentId: 'bbbbbbbb01:1' } as DomainEvent;
    expect(applyIncidentEvent(emptyIncident(declared.id), other)).toEqual(emptyIncident(declared.id));
  });
});
