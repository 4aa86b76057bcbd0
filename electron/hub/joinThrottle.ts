/**
 * Join attempts per remote address, with exponential back-off: a few are
 * free, then each must wait twice as long as the last. A join code has 60
 * bits; this makes guessing it hopeless and keeps a member from minting
 * device ids (each with a fresh budget) at will. Quiet addresses are forgotten.
 */
type Tally = { attempts: number; until: number; last: number };

/** After this long without an attempt, an address starts afresh. */
const FORGET_MS = 15 * 60 * 1000;
/** Addresses remembered at most; the quietest are dropped first. */
const MAX_ADDRESSES = 10_000;

export class JoinThrottle {
  private readonly tallies = new Map<string, Tally>();

  constructor(private readonly limits: { joinAttempts: number; joinBackoffMs: number; joinBackoffMaxMs: number }) {}

  /** 0 when the address may try now, else the milliseconds it must wait. */
  waitFor(address: string, now: number): number {
    const tally = this.live(address, now);
    return tally ? Math.max(0, tally.until - now) : 0;
  }

  /** An attempt was made (a join, or a refused hello). */
  attempted(address: string, now: number): void {
    const tally = this.live(address, now) ?? { attempts: 0, until: 0, last: now };
    tally.attempts += 1;
    tally.last = now;
    const over = tally.attempts - this.limits.joinAttempts;
    if (over > 0) tally.until = now + Math.min(this.limits.joinBackoffMaxMs, this.limits.joinBackoffMs * 2 ** Math.min(over - 1, 30));
    // Re-inserted, so the map stays in order of last attempt.
    this.tallies.delete(address);
    this.tallies.set(address, tally);
    if (this.tallies.size > MAX_ADDRESSES) this.tallies.delete(this.tallies.keys().next().value!);
  }

  private live(address: string, now: number): Tally | null {
    const tally = this.tallies.get(address);
    if (!tally) return null;
    if (now - tally.last > FORGET_MS && now >= tally.until) {
      this.tallies.delete(address);
      return null;
    }
    return tally;
  }
}
