import { describe, expect, it } from 'vitest';

import { audienceCadence, dueUpdates, isOver, lastMessageFor, nextUpdateAt, suggestedPhase, type CadenceIncident } from './cadence';
import type { Audience, Phase } from './comms';
import type { MessageView } from './messages';

const MINUTE = 60_000;
const DECLARED = Date.UTC(2026, 10, 21, 14, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

const customers: Audience = { id: 'customers', name: 'Key customers', cadence: { P1: 15, P2: 15, P3: 30, P4: 60, P5: null } };
const open: CadenceIncident = { priority: 'P1', status: 'investigating', declaredAt: iso(DECLARED) };

let n = 0;
function message(at: number, extra: Partial<MessageView> = {}): MessageView {
  n += 1;
  return {
    id: `aaaaaaaa01:${n + 1}`,
    incidentId: 'aaaaaaaa01:1',
    at: iso(at),
    actor: 'Ada',
    deviceId: 'aaaaaaaa01',
    audience: 'customers',
    audienceName: 'Key customers',
    phase: 'update',
    channel: 'clipboard',
    webhook: null,
    recipients: [],
    subject: '',
    text: 'An update',
    templateVersion: null,
    state: 'sent',
    run: '',
    deliveredAt: null,
    deliveredStatus: null,
    confirmedBy: null,
    attempts: 0,
    failure: null,
    cancelled: null,
    ...extra,
  };
}

describe('audienceCadence', () => {
  it('counts from the declaration before the first message', () => {
    expect(audienceCadence(customers, open, [], DECLARED + 10 * MINUTE)).toEqual({
      state: 'due',
      lastAt: null,
      dueAt: iso(DECLARED + 15 * MINUTE),
      remainingMs: 5 * MINUTE,
      intervalMinutes: 15,
    });
  });

  it('is due, not late, at the very instant it falls due, and late a moment after', () => {
    expect(audienceCadence(customers, open, [], DECLARED + 15 * MINUTE)).toMatchObject({ state: 'due', remainingMs: 0 });
    expect(audienceCadence(customers, open, [], DECLARED + 15 * MINUTE + 1)).toEqual({
      state: 'late',
      lastAt: null,
      dueAt: iso(DECLARED + 15 * MINUTE),
      lateByMs: 1,
      intervalMinutes: 15,
    });
  });

  it('counts from the last message the audience got, whatever order they are listed in', () => {
    const first = message(DECLARED + 5 * MINUTE);
    const last = message(DECLARED + 12 * MINUTE);
    for (const messages of [
      [first, last],
      [last, first],
    ]) {
      expect(audienceCadence(customers, open, messages, DECLARED + 30 * MINUTE)).toEqual({
        state: 'late',
        lastAt: last.at,
        dueAt: iso(DECLARED + 27 * MINUTE),
        lateByMs: 3 * MINUTE,
        intervalMinutes: 15,
      });
    }
    expect(lastMessageFor('customers', [first, last])).toBe(last);
  });

  it('counts only this audience’s messages', () => {
    const elsewhere = message(DECLARED + 14 * MINUTE, { audience: 'executives', audienceName: 'Executives' });
    expect(audienceCadence(customers, open, [elsewhere], DECLARED + 16 * MINUTE)).toMatchObject({ state: 'late', lastAt: null, lateByMs: MINUTE });
  });

  it('does not count a cancelled message, but counts one still queued (or delivered)', () => {
    const sent = message(DECLARED + 2 * MINUTE);
    const withdrawn = message(DECLARED + 10 * MINUTE, {
      channel: 'webhook',
      state: 'cancelled',
      cancelled: { by: 'Bo', reason: 'typo', at: iso(DECLARED + 11 * MINUTE) },
    });
    expect(audienceCadence(customers, open, [sent, withdrawn], DECLARED + 20 * MINUTE)).toMatchObject({
      state: 'late',
      lastAt: sent.at,
      dueAt: iso(DECLARED + 17 * MINUTE),
    });

    const waiting = message(DECLARED + 10 * MINUTE, { channel: 'webhook', state: 'queued' });
    expect(audienceCadence(customers, open, [sent, waiting], DECLARED + 20 * MINUTE)).toMatchObject({
      state: 'due',
      lastAt: waiting.at,
      dueAt: iso(DECLARED + 25 * MINUTE),
      remainingMs: 5 * MINUTE,
    });
    const arrived = { ...waiting, state: 'delivered' as const };
    expect(audienceCadence(customers, open, [sent, arrived], DECLARED + 20 * MINUTE)).toMatchObject({ state: 'due', lastAt: waiting.at });
  });

  it('follows the priority: a change of priority changes the interval', () => {
    const last = message(DECLARED + 10 * MINUTE);
    const at = DECLARED + 30 * MINUTE;
    expect(audienceCadence(customers, open, [last], at)).toMatchObject({ state: 'late', intervalMinutes: 15, lateByMs: 5 * MINUTE });
    expect(audienceCadence(customers, { ...open, priority: 'P3' }, [last], at)).toMatchObject({
      state: 'due',
      intervalMinutes: 30,
      dueAt: iso(DECLARED + 40 * MINUTE),
      remainingMs: 10 * MINUTE,
    });
    expect(audienceCadence(customers, { ...open, priority: 'P4' }, [last], at)).toMatchObject({ state: 'due', intervalMinutes: 60, remainingMs: 40 * MINUTE });
  });

  it('is off when the audience hears as needed, and once the incident is resolved or closed', () => {
    const last = message(DECLARED + 10 * MINUTE);
    const later = DECLARED + 10 * 60 * MINUTE;
    expect(audienceCadence(customers, { ...open, priority: 'P5' }, [last], later)).toEqual({ state: 'off', lastAt: last.at });
    expect(audienceCadence(customers, { ...open, priority: 'P5' }, [], later)).toEqual({ state: 'off', lastAt: null });
    for (const status of ['resolved', 'closed'] as const) {
      expect(isOver(status)).toBe(true);
      expect(audienceCadence(customers, { ...open, status }, [last], later)).toEqual({ state: 'off', lastAt: last.at });
    }
    for (const status of ['investigating', 'identified', 'monitoring'] as const) {
      expect(isOver(status)).toBe(false);
      expect(audienceCadence(customers, { ...open, status }, [last], later).state).toBe('late');
    }
  });
});

describe('suggestedPhase', () => {
  const told = (phase: Phase, extra: Partial<MessageView> = {}) => message(DECLARED + MINUTE, { phase, ...extra });

  it('suggests the initial notice first, then updates while the incident is open', () => {
    expect(suggestedPhase('customers', 'investigating', [])).toBe('initial');
    expect(suggestedPhase('customers', 'investigating', [told('update', { audience: 'executives' })])).toBe('initial');
    expect(suggestedPhase('customers', 'identified', [told('initial')])).toBe('update');
    expect(suggestedPhase('customers', 'monitoring', [told('initial'), told('update')])).toBe('update');
  });

  it('does not count a withdrawn initial notice as having told them', () => {
    expect(suggestedPhase('customers', 'investigating', [told('initial', { state: 'cancelled' })])).toBe('initial');
    expect(suggestedPhase('customers', 'investigating', [told('initial', { state: 'queued', channel: 'webhook' })])).toBe('update');
  });

  it('suggests the all-clear once the incident is over, then follow-ups', () => {
    for (const status of ['resolved', 'closed'] as const) {
      expect(suggestedPhase('customers', status, [told('initial'), told('update')])).toBe('resolved');
      expect(suggestedPhase('customers', status, [])).toBe('resolved');
      expect(suggestedPhase('customers', status, [told('initial'), told('resolved')])).toBe('followUp');
      expect(suggestedPhase('customers', status, [told('resolved'), told('followUp')])).toBe('followUp');
      // A withdrawn all-clear, or one to another audience, has not told them.
      expect(suggestedPhase('customers', status, [told('resolved', { state: 'cancelled' })])).toBe('resolved');
      expect(suggestedPhase('customers', status, [told('resolved', { audience: 'executives' })])).toBe('resolved');
    }
  });
});

describe('nextUpdateAt', () => {
  it('counts the audience’s interval for the priority from now', () => {
    const now = DECLARED + 42 * MINUTE + 1_234;
    expect(nextUpdateAt(customers, 'P1', now)).toBe(iso(now + 15 * MINUTE));
    expect(nextUpdateAt(customers, 'P3', now)).toBe(iso(now + 30 * MINUTE));
    expect(nextUpdateAt(customers, 'P4', now)).toBe(iso(now + 60 * MINUTE));
  });

  it('is null when the audience hears as needed', () => {
    expect(nextUpdateAt(customers, 'P5', DECLARED)).toBeNull();
  });
});

describe('dueUpdates', () => {
  const executives: Audience = { id: 'executives', name: 'Executives', cadence: { P1: 30, P2: 30, P3: 60, P4: null, P5: null } };
  const social: Audience = { id: 'social', name: 'Social channels', cadence: { P1: null, P2: null, P3: null, P4: null, P5: null } };

  it('lists audiences still owed an update, the soonest due first, leaving out those heard as needed', () => {
    const due = dueUpdates([executives, social, customers], open, [], DECLARED + 5 * MINUTE);
    expect(due.map((d) => [d.audience.id, d.cadence.state, d.cadence.dueAt])).toEqual([
      ['customers', 'due', iso(DECLARED + 15 * MINUTE)],
      ['executives', 'due', iso(DECLARED + 30 * MINUTE)],
    ]);
  });

  it('puts the longest overdue first, and a recent message moves an audience back', () => {
    const now = DECLARED + 40 * MINUTE;
    const due = dueUpdates([customers, executives], open, [message(DECLARED + 35 * MINUTE)], now);
    expect(due.map((d) => [d.audience.id, d.cadence.state])).toEqual([
      ['executives', 'late'],
      ['customers', 'due'],
    ]);
  });

  it('owes nothing once the incident is over', () => {
    expect(dueUpdates([customers, executives], { ...open, status: 'resolved' }, [], DECLARED + 60 * MINUTE)).toEqual([]);
  });
});

