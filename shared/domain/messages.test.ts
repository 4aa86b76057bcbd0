import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, parseEvent, type DomainEvent, type EventType, type PayloadOf } from './events';
import { encodeHlc } from './hlc';
import {
  applyMessageEvent,
  countsForCadence,
  emptyMessage,
  isMessageEvent,
  isOutcomeEvent,
  messageIdOf,
  viewMessage,
  type MessageEvent,
  type MessageView,
  type OutcomeEvent,
} from './messages';

const A = 'aaaaaaaa01';
const B = 'bbbbbbbb02';
const C = 'cccccccc03';
const INCIDENT = `${A}:1`;
const OTHER_INCIDENT = `${B}:1`;
const BASE_MS = Date.UTC(2026, 10, 21, 12, 0, 0);

type Raw<T extends EventType> = { type: T; device: string; seq: number; ms: number; payload: PayloadOf<T>; incidentId?: string; actor?: string };

/** A valid event, as any console would have written it. */
function event<T extends EventType>(raw: Raw<T>): DomainEvent {
  const parsed = parseEvent({
    id: `${raw.device}:${raw.seq}`,
    incidentId: raw.incidentId ?? INCIDENT,
    type: raw.type,
    v: CURRENT_VERSION[raw.type],
    hlc: encodeHlc({ ms: raw.ms, counter: 0 }),
    deviceId: raw.device,
    deviceSeq: raw.seq,
    actor: raw.actor ?? 'Ada',
    occurredAt: new Date(raw.ms).toISOString(),
    payload: raw.payload,
  });
  if (parsed.status !== 'valid') throw new Error(`invalid test event: ${JSON.stringify(parsed)}`);
  return parsed.event;
}

const record = { audience: 'customers', audienceName: 'Key customers', phase: 'update' as const, subject: 'Payments', text: 'Payments are slow; we are on it.' };
const about = (target: string) => ({ target, audienceName: 'Key customers', phase: 'update' as const });

const QUEUED_ID = `${A}:2`;
const queued = (extra: Partial<Raw<'message.queued'>> = {}) =>
  event({
    type: 'message.queued',
    device: A,
    seq: 2,
    ms: BASE_MS,
    payload: { ...record, channel: 'webhook', webhook: { id: 'slack-ops', name: 'Slack #ops', format: 'slack' }, template: { version: 3 } },
    ...extra,
  });

let seqs = new Map<string, number>();
function nextSeq(device: string): number {
  const seq = (seqs.get(device) ?? 10) + 1;
  seqs.set(device, seq);
  return seq;
}
const delivered = (ms: number, attempts = 1, device = A, extra: Partial<PayloadOf<'message.delivered'>> = {}) =>
  event({ type: 'message.delivered', device, seq: nextSeq(device), ms, payload: { ...about(QUEUED_ID), attempts, status: 200, ...extra }, actor: 'Warroom' });
const failed = (ms: number, attempts = 1, reason = '404 — check the webhook address in Settings', device = A) =>
  event({ type: 'message.deliveryFailed', device, seq: nextSeq(device), ms, payload: { ...about(QUEUED_ID), attempts, status: 404, reason }, actor: 'Warroom' });
const requeued = (ms: number, device = A) => event({ type: 'message.requeued', device, seq: nextSeq(device), ms, payload: about(QUEUED_ID), actor: 'Bo' });
const cancelled = (ms: number, device = B) =>
  event({ type: 'message.cancelled', device, seq: nextSeq(device), ms, payload: { ...about(QUEUED_ID), reason: 'Superseded' }, actor: 'Bo' });

function fold(events: readonly DomainEvent[], id = QUEUED_ID): MessageView | null {
  let state = emptyMessage(id);
  for (const e of events) if (isMessageEvent(e) || isOutcomeEvent(e)) state = applyMessageEvent(state, e);
  return viewMessage(state);
}

describe('message views', () => {
  it('shows a message handed over on a local channel as sent, with its recipients and no webhook', () => {
    for (const channel of ['clipboard', 'email', 'statusPage'] as const) {
      const sent = event({
        type: 'message.sent',
        device: A,
        seq: 5,
        ms: BASE_MS,
        payload: { ...record, channel, ...(channel === 'email' ? { recipients: ['ops@example.com'] } : {}) },
      });
      expect(fold([sent], sent.id)).toEqual({
        id: sent.id,
        incidentId: INCIDENT,
        at: new Date(BASE_MS).toISOString(),
        actor: 'Ada',
        deviceId: A,
        audience: 'customers',
        audienceName: 'Key customers',
        phase: 'update',
        channel,
        webhook: null,
        recipients: channel === 'email' ? ['ops@example.com'] : [],
        subject: 'Payments',
        text: 'Payments are slow; we are on it.',
        templateVersion: null,
        state: 'sent',
        run: '',
        deliveredAt: null,
        deliveredStatus: null,
        confirmedBy: null,
        attempts: 0,
        failure: null,
        cancelled: null,
      } satisfies MessageView);
    }
  });

  it('shows a webhook message as queued until an outcome says otherwise', () => {
    const view = fold([queued()])!;
    expect(view).toMatchObject({
      state: 'queued',
      channel: 'webhook',
      webhook: { id: 'slack-ops', name: 'Slack #ops', format: 'slack' },
      recipients: [],
      templateVersion: 3,
      run: '',
      attempts: 0,
      deliveredAt: null,
      failure: null,
      cancelled: null,
    });
    expect(countsForCadence(view)).toBe(true);
  });

  it('ignores outcomes pointed at a message sent on the spot: it was never queued', () => {
    const sent = event({ type: 'message.sent', device: A, seq: 2, ms: BASE_MS, payload: { ...record, channel: 'clipboard' } });
    const view = fold([sent, failed(BASE_MS + 1_000), cancelled(BASE_MS + 2_000)])!;
    expect(view).toMatchObject({ state: 'sent', attempts: 0, failure: null, cancelled: null });
  });

  it('records a delivery with its status, time and attempts', () => {
    const d = delivered(BASE_MS + 5_000, 3);
    expect(fold([queued(), d])).toMatchObject({
      state: 'delivered',
      deliveredAt: new Date(BASE_MS + 5_000).toISOString(),
      deliveredStatus: 200,
      confirmedBy: null,
      attempts: 3,
    });
  });

  it('names who confirmed an uncertain delivery', () => {
    const d = delivered(BASE_MS + 5_000, 1, B, { status: null, confirmedBy: 'Bo' });
    expect(fold([queued(), d])).toMatchObject({ state: 'delivered', deliveredStatus: null, confirmedBy: 'Bo' });
  });

  it('lets an outcome that arrives before its message wait for it', () => {
    const f = failed(BASE_MS + 3_000, 2);
    let state = applyMessageEvent(emptyMessage(QUEUED_ID), f as OutcomeEvent);
    expect(viewMessage(state)).toBeNull();
    state = applyMessageEvent(state, queued() as MessageEvent);
    expect(viewMessage(state)).toMatchObject({ state: 'failed', attempts: 2, failure: { status: 404, at: new Date(BASE_MS + 3_000).toISOString() } });
  });

  it('ignores events about other messages', () => {
    const state = applyMessageEvent(emptyMessage('zzzzzzzz99:1'), queued() as MessageEvent);
    expect(state).toEqual(emptyMessage('zzzzzzzz99:1'));
    expect(messageIdOf(failed(BASE_MS) as OutcomeEvent)).toBe(QUEUED_ID);
  });

  it('lets a delivery stand against a cancel or failure that crossed it, in either order', () => {
    for (const [d, c, f] of [
      [delivered(BASE_MS + 5_000), cancelled(BASE_MS + 6_000), failed(BASE_MS + 7_000)],
      [delivered(BASE_MS + 9_000), cancelled(BASE_MS + 6_000), failed(BASE_MS + 7_000)],
    ] as const) {
      expect(fold([queued(), c, f, d])).toMatchObject({ state: 'delivered', cancelled: null, failure: null });
      expect(fold([d, queued(), f, c])).toMatchObject({ state: 'delivered' });
    }
  });

  it('shows a withdrawn message as cancelled, by whom and why, and it no longer counts for the cadence', () => {
    const view = fold([queued(), cancelled(BASE_MS + 1_000)])!;
    expect(view).toMatchObject({ state: 'cancelled', cancelled: { by: 'Bo', reason: 'Superseded', at: new Date(BASE_MS + 1_000).toISOString() } });
    expect(countsForCadence(view)).toBe(false);
  });

  it('goes failed → requeued → queued again, with a new run, and sums attempts across runs', () => {
    const f1 = failed(BASE_MS + 1_000, 8, 'Gave up after 8 attempts. Last: The receiver did not answer in time');
    const r1 = requeued(BASE_MS + 2_000);
    expect(fold([queued(), f1])).toMatchObject({ state: 'failed', run: '', attempts: 8, failure: { reason: expect.stringMatching(/^Gave up/) } });

    const again = fold([queued(), f1, r1])!;
    expect(again).toMatchObject({ state: 'queued', run: r1.id, attempts: 8, failure: null });

    const f2 = failed(BASE_MS + 3_000, 1);
    const r2 = requeued(BASE_MS + 4_000);
    expect(fold([queued(), f1, r1, f2])).toMatchObject({ state: 'failed', run: r1.id, attempts: 9 });
    const third = fold([queued(), f1, r1, f2, r2])!;
    expect(third).toMatchObject({ state: 'queued', run: r2.id, attempts: 9 });
    expect(third.run).not.toBe(again.run);

    expect(fold([queued(), f1, r1, f2, r2, delivered(BASE_MS + 5_000, 2)])).toMatchObject({ state: 'delivered', attempts: 11 });
  });

  it('ignores an outcome that claims another incident', () => {
    const foreign = event({
      type: 'message.delivered',
      device: C,
      seq: 40,
      ms: BASE_MS + 1_000,
      incidentId: OTHER_INCIDENT,
      payload: { ...about(QUEUED_ID), attempts: 5, status: 200 },
    });
    const foreignCancel = event({
      type: 'message.cancelled',
      device: C,
      seq: 41,
      ms: BASE_MS + 2_000,
      incidentId: OTHER_INCIDENT,
      payload: { ...about(QUEUED_ID), reason: 'hijack' },
    });
    expect(fold([queued(), foreign, foreignCancel])).toMatchObject({ state: 'queued', attempts: 0, deliveredAt: null, cancelled: null });
    expect(fold([foreign, queued()])).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('keeps the first record of a message, and counts a repeated outcome once', () => {
    const f = failed(BASE_MS + 1_000, 3);
    expect(fold([queued(), f, f, queued(), f])).toMatchObject({ state: 'failed', attempts: 3 });
  });
});

// ---- Order independence ------------------------------------------------------

type Step = { kind: 'delivered' | 'failed' | 'requeued' | 'cancelled' | 'foreign'; device: number; ms: number; attempts: number };
const DEVICES = [A, B, C];

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom('delivered' as const, 'failed' as const, 'requeued' as const, 'cancelled' as const, 'foreign' as const),
  device: fc.integer({ min: 0, max: DEVICES.length - 1 }),
  // Few distinct instants: equal clocks are where a tie-break matters.
  ms: fc.integer({ min: 0, max: 5 }).map((n) => BASE_MS + n * 1_000),
  attempts: fc.integer({ min: 0, max: 8 }),
});

function eventsOf(steps: readonly Step[]): DomainEvent[] {
  seqs = new Map();
  const events: DomainEvent[] = [queued()];
  for (const step of steps) {
    const device = DEVICES[step.device]!;
    switch (step.kind) {
      case 'delivered':
        events.push(delivered(step.ms, step.attempts, device));
        break;
      case 'failed':
        events.push(failed(step.ms, step.attempts, 'The receiver did not answer in time', device));
        break;
      case 'requeued':
        events.push(requeued(step.ms, device));
        break;
      case 'cancelled':
        events.push(cancelled(step.ms, device));
        break;
      case 'foreign':
        events.push(
          event({
            type: 'message.deliveryFailed',
            device,
            seq: nextSeq(device),
            ms: step.ms,
            incidentId: OTHER_INCIDENT,
            payload: { ...about(QUEUED_ID), attempts: step.attempts, status: null, reason: 'elsewhere' },
          }),
        );
        break;
    }
  }
  return events;
}

describe('message fold, order independence', () => {
  it('gives the same view for any order of the same events, repeated or not', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 12 }).chain((steps) => {
          const events = eventsOf(steps);
          return fc.tuple(
            fc.constant(events),
            fc
              .array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: 6 })
              .chain((dups) => {
                const all = [...events, ...dups.map((i) => events[i]!)];
                return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
              }),
          );
        }),
        ([events, shuffled]) => {
          const expected = fold(events);
          expect(fold(shuffled)).toEqual(expected);
          // The counts the view reports are those of the distinct, same-incident outcomes.
          const own = events.filter((e) => e.incidentId === INCIDENT && (e.type === 'message.delivered' || e.type === 'message.deliveryFailed'));
          expect(expected!.attempts).toBe(own.reduce((sum, e) => sum + (e.payload as { attempts: number }).attempts, 0));
          if (own.some((e) => e.type === 'message.delivered')) expect(expected!.state).toBe('delivered');
        },
      ),
      { numRuns: 300 },
    );
  });
});
