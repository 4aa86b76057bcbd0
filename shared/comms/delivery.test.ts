import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { hasForbiddenControlChars } from '../domain/text';
import type { WebhookOutcome } from '../platform/bridge';
import { MAX_ATTEMPTS, afterAttempt, attemptPost, judgeOutcome, retryDelayMs } from './delivery';

const responded = (code: number, detail = ''): WebhookOutcome => ({ status: 'responded', code, detail });

describe('judgeOutcome', () => {
  it.each([200, 201, 202, 204, 299])('%i is delivered', (code) => {
    expect(judgeOutcome(responded(code, 'OK'))).toEqual({ kind: 'delivered', status: code });
  });

  it.each([408, 425, 429, 500, 502, 503, 504, 599])('%i is worth another try', (code) => {
    const verdict = judgeOutcome(responded(code, 'Busy: slow down'));
    expect(verdict).toEqual({ kind: 'retry', status: code, reason: `The receiver answered ${code} Busy: slow down; it may be busy or failing` });
  });

  it.each([301, 302, 303, 307, 308])('a %i redirect is refused, asking for the new address', (code) => {
    const verdict = judgeOutcome(responded(code, 'Found'));
    expect(verdict).toMatchObject({ kind: 'refused', status: code });
    expect(verdict.kind === 'refused' && verdict.reason).toBe(
      `The receiver redirected (${code} Found); redirects are not followed — update the webhook address in Settings`,
    );
  });

  it('names the code and what the receiver said for other client errors', () => {
    expect(judgeOutcome(responded(404, 'Not Found: no_such_hook'))).toEqual({
      kind: 'refused',
      status: 404,
      reason: '404 Not Found: no_such_hook — check the webhook address in Settings',
    });
    expect(judgeOutcome(responded(403, 'Forbidden: invalid_token'))).toMatchObject({ reason: expect.stringMatching(/^403 Forbidden: invalid_token — .*token/) });
    expect(judgeOutcome(responded(413, ''))).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^413 — .*too large/) });
    expect(judgeOutcome(responded(400, 'Bad Request: invalid_payload'))).toMatchObject({
      kind: 'refused',
      status: 400,
      reason: expect.stringMatching(/^400 Bad Request: invalid_payload — the receiver rejected the message/),
    });
  });

  it('refuses an answer that is neither success nor failure', () => {
    expect(judgeOutcome(responded(101, 'Switching Protocols'))).toMatchObject({ kind: 'refused', status: 101 });
    expect(judgeOutcome(responded(600, ''))).toMatchObject({ kind: 'refused', status: 600 });
  });

  it('tries again when the receiver could not be reached or was too slow', () => {
    expect(judgeOutcome({ status: 'timedOut' })).toEqual({ kind: 'retry', status: null, reason: 'The receiver did not answer in time' });
    expect(judgeOutcome({ status: 'unreachable', detail: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:443' })).toEqual({
      kind: 'retry',
      status: null,
      reason: 'Could not reach the receiver: ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:443',
    });
  });

  it('gives up on a message that was refused before sending', () => {
    expect(judgeOutcome({ status: 'invalid', detail: 'body: must be at most 1 MiB as UTF-8' })).toEqual({
      kind: 'refused',
      status: null,
      reason: 'The message was not sent: body: must be at most 1 MiB as UTF-8',
    });
  });

  it('waits for a platform that can post', () => {
    expect(judgeOutcome({ status: 'unavailable' })).toEqual({ kind: 'waiting' });
  });

  it('keeps every reason plain and bounded, whatever the receiver said', () => {
    const outcomes = fc.oneof(
      fc.record({ status: fc.constant('responded' as const), code: fc.integer({ min: 100, max: 999 }), detail: fc.string({ unit: 'binary', maxLength: 2000 }) }),
      fc.record({ status: fc.constant('unreachable' as const), detail: fc.string({ unit: 'binary', maxLength: 2000 }) }),
      fc.record({ status: fc.constant('invalid' as const), detail: fc.string({ unit: 'binary', maxLength: 2000 }) }),
    );
    fc.assert(
      fc.property(outcomes, (outcome) => {
        const verdict = judgeOutcome(outcome);
        if (verdict.kind === 'retry' || verdict.kind === 'refused') {
          expect(Array.from(verdict.reason).length).toBeLessThanOrEqual(1000);
          expect(verdict.reason.length).toBeGreaterThan(0);
          expect(hasForbiddenControlChars(verdict.reason)).toBe(false);
          expect(verdict.reason).not.toMatch(/[\n\t]/);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('retryDelayMs', () => {
  const fixed = (value: number) => () => value;

  it('doubles from 2 s with equal jitter', () => {
    expect(retryDelayMs(1, fixed(0))).toBe(1_000);
    expect(retryDelayMs(1, fixed(0.5))).toBe(1_500);
    expect(retryDelayMs(1, fixed(0.999999))).toBe(2_000);
    expect(retryDelayMs(2, fixed(0))).toBe(2_000);
    expect(retryDelayMs(3, fixed(0.5))).toBe(6_000);
    expect(retryDelayMs(MAX_ATTEMPTS, fixed(0))).toBe(128_000);
  });

  it('stops growing at 5 minutes', () => {
    expect(retryDelayMs(9, fixed(0.999999))).toBe(300_000);
    expect(retryDelayMs(9, fixed(0))).toBe(150_000);
    expect(retryDelayMs(1_000, fixed(0.5))).toBe(225_000);
    expect(retryDelayMs(Number.MAX_SAFE_INTEGER, fixed(0.5))).toBe(225_000);
  });

  it('treats a nonsense attempt as the first and a nonsense random as none', () => {
    expect(retryDelayMs(0, fixed(0))).toBe(1_000);
    expect(retryDelayMs(-3, fixed(0))).toBe(1_000);
    expect(retryDelayMs(Number.NaN, fixed(0))).toBe(1_000);
    expect(retryDelayMs(1, fixed(Number.NaN))).toBe(1_000);
    expect(retryDelayMs(1, fixed(7))).toBe(2_000);
  });

  it('never waits less than the previous attempt could have, until the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, a, b) => {
        const earlier = retryDelayMs(n, fixed(a));
        const later = retryDelayMs(n + 1, fixed(b));
        const ceiling = Math.min(300_000, 2_000 * 2 ** (n - 1));
        expect(earlier).toBeGreaterThanOrEqual(ceiling / 2);
        expect(earlier).toBeLessThanOrEqual(ceiling);
        // Holds while the next wait is not capped: its floor (half its ceiling) is this one's ceiling.
        if (2 * ceiling <= 300_000) expect(later).toBeGreaterThanOrEqual(earlier);
        expect(retryDelayMs(n + 1, fixed(a))).toBeGreaterThanOrEqual(earlier);
      }),
    );
  });

  it('is deterministic given its random source', () => {
    const sequence = (seed: number) => {
      let state = seed;
      const random = () => ((state = (state * 16807) % 2147483647) / 2147483647);
      return Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, random));
    };
    expect(sequence(42)).toEqual(sequence(42));
    expect(sequence(42)).not.toEqual(sequence(43));
  });

  it('adds up to under half an hour over every attempt', () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1, fixed(0.999999))).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(30 * 60_000);
  });
});

describe('afterAttempt', () => {
  const busy = { kind: 'retry', status: 503, reason: 'The receiver answered 503' } as const;

  it('retries until the last attempt, then fails naming the count and the last reason', () => {
    expect(afterAttempt(busy, MAX_ATTEMPTS - 1)).toEqual(busy);
    expect(afterAttempt(busy, MAX_ATTEMPTS)).toEqual({ kind: 'failed', status: 503, reason: `Gave up after ${MAX_ATTEMPTS} attempts. Last: The receiver answered 503` });
  });

  it('fails a refusal at once and passes delivered and waiting through', () => {
    expect(afterAttempt({ kind: 'refused', status: 404, reason: '404 — check' }, 1)).toEqual({ kind: 'failed', status: 404, reason: '404 — check' });
    expect(afterAttempt({ kind: 'delivered', status: 200 }, 3)).toEqual({ kind: 'delivered', status: 200 });
    expect(afterAttempt({ kind: 'waiting' }, 1)).toEqual({ kind: 'waiting' });
  });

  it('counts a transport that throws as an unreachable receiver', async () => {
    const outcome = await attemptPost(async () => {
      throw new Error('ECONNRESET');
    }, { url: 'https://hooks.example.com/x', headers: {}, body: '{}' });
    expect(outcome).toEqual({ status: 'unreachable', detail: 'ECONNRESET' });
  });
});
