import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES } from '../catalogues';
import { DEFAULT_AUDIENCES } from '../comms';
import type { DomainEvent } from '../events';
import { pastIncidentEvents } from '../../testing/pastIncidents';
import { applyFactsEvent, compareStamps, countingMessages, currentField, emptyFacts, foldFacts } from './facts';
import { incidentMetrics } from './incidentMetrics';
import { incidentLog } from './testing/incidentLog';

/** A small log with a bit of everything the facts keep: fields, roles, steps, messages and their outcomes, backdated entries. */
function busyLog() {
  const log = incidentLog({ services: ['dns', 'edge'] });
  log.entry(-15);
  log.tags(['dns']);
  log.impactStarted(-20, 2);
  log.step('Ana', 'paged', 1);
  log.step('Ana', 'joined', 3);
  log.assign('commander', ['Ana'], 3);
  log.assign('scribe', ['Bo'], 4);
  const queued = log.queue('customers', 6);
  log.outcome(queued, 'message.deliveryFailed', 7);
  log.outcome(queued, 'message.requeued', 8);
  log.outcome(queued, 'message.delivered', 9);
  log.message('executives', 10);
  log.status('monitoring', 20);
  log.status('resolved', 30);
  log.status('investigating', 31);
  log.status('resolved', 45);
  log.step('Ana', 'released', 50);
  return log;
}

const sample = [...busyLog().events, ...pastIncidentEvents({ incidents: 3, entriesPerIncident: 12, seed: 5 })];
const incidentIds = [...new Set(sample.map((e) => e.incidentId))];
const foldAll = (events: readonly DomainEvent[]) => incidentIds.map((id) => foldFacts(id, events));

describe('incident facts', () => {
  it('are the same whatever the order, with duplicates', () => {
    const expected = foldAll(sample);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(sample, { minLength: sample.length, maxLength: sample.length }),
        fc.subarray(sample),
        (shuffled, duplicates) => {
          const delivered = [...shuffled, ...duplicates];
          expect(foldAll(delivered)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('give the same metrics whatever the order', () => {
    const settings = { roles: DEFAULT_ROLES, audiences: DEFAULT_AUDIENCES };
    const expected = foldAll(sample).map((f) => incidentMetrics(f, settings));
    fc.assert(
      fc.property(fc.shuffledSubarray(sample, { minLength: sample.length, maxLength: sample.length }), (shuffled) => {
        expect(foldAll(shuffled).map((f) => incidentMetrics(f, settings))).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('are unchanged (the same object) by an event they already hold, or by another incident’s', () => {
    const log = busyLog();
    const facts = foldFacts(log.id, log.events);
    for (const event of log.events) expect(applyFactsEvent(facts, event)).toBe(facts);
    const other = incidentLog({ deviceId: 'bbbbbbbb02' });
    other.entry(-600);
    for (const event of other.events) expect(applyFactsEvent(facts, event)).toBe(facts);
  });

  it('keep what the metrics need, and no text', () => {
    const log = busyLog();
    const facts = foldFacts(log.id, log.events);
    expect(facts.declared).toMatchObject({ id: log.id, at: log.at(0), drill: false });
    expect(currentField(facts, 'services')).toEqual(['dns', 'edge']);
    expect(currentField(facts, 'tags')).toEqual(['dns']);
    expect(currentField(facts, 'impactStarted')).toBe(log.at(-20));
    expect(currentField(facts, 'status')).toBe('resolved');
    expect(Object.keys(facts.fields.status.writes)).toHaveLength(5);
    expect(Object.values(facts.roles).map((r) => [r.role, r.held])).toEqual([
      ['commander', true],
      ['scribe', true],
    ]);
    expect(Object.values(facts.steps)).toHaveLength(3);
    expect(Object.values(facts.backdated).sort()[0]).toBe(log.at(-15));
    expect(JSON.stringify(facts)).not.toMatch(/Something at|Update|Not needed/);
  });

  it('count a message that failed and was queued again once it arrived', () => {
    const log = busyLog();
    expect(countingMessages(foldFacts(log.id, log.events)).map((m) => m.audience)).toEqual(['customers', 'executives']);
  });

  it('start empty: nothing declared, no fields', () => {
    const facts = emptyFacts('aaaaaaaa01:1');
    expect(facts.declared).toBeNull();
    expect(currentField(facts, 'status')).toBeNull();
  });
});

describe('compareStamps', () => {
  it('orders by when it happened, then clock, then device, then the device’s own sequence (numerically)', () => {
    const at = '2026-03-02T09:00:00.000Z';
    const stamps = [
      { id: 'bbbbbbbb02:1', hlc: 'h1', at },
      { id: 'aaaaaaaa01:10', hlc: 'h1', at },
      { id: 'aaaaaaaa01:9', hlc: 'h1', at },
      { id: 'aaaaaaaa01:1', hlc: 'h0', at },
      { id: 'zzzzzzzz99:1', hlc: 'h9', at: '2026-03-02T08:59:59.999Z' },
    ];
    expect([...stamps].sort(compareStamps).map((s) => s.id)).toEqual(['zzzzzzzz99:1', 'aaaaaaaa01:1', 'aaaaaaaa01:9', 'aaaaaaaa01:10', 'bbbbbbbb02:1']);
  });
});
