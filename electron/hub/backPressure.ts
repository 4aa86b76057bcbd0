/**
 * Back-pressure on one hub connection. A console that asks for pages and does
 * not read them would otherwise have the hub buffer everything it asked for.
 * Once more than `maxBufferedBytes` wait unsent to it, the hub answers none of
 * its further requests and stops reading its socket (its requests wait in the
 * network, not in the hub); a console that reads nothing for `drainTimeoutMs`
 * is dropped. Since the hub sends at most one frame per request it has
 * answered, what it holds for a console never exceeds the bound plus one frame.
 */
import type { WebSocket } from 'ws';

export type BackPressureOptions = {
  /** Unsent bytes to one console above which the hub waits for it to read. */
  maxBufferedBytes: number;
  /** How long a waiting console may read nothing before it is dropped. */
  drainTimeoutMs: number;
  /** How often a waiting connection is looked at again. */
  pollMs?: number;
};

export const DEFAULT_BACK_PRESSURE: BackPressureOptions = { maxBufferedBytes: 1024 * 1024, drainTimeoutMs: 30_000 };

/** What back-pressure did on one hub, for its operator and its tests. */
export type BackPressureStats = {
  /** Times a connection was paused for not reading. */
  paused: number;
  /** Connections dropped for not reading. */
  dropped: number;
  /** Most bytes ever held unsent for one connection, measured right after each send. */
  peakBufferedBytes: number;
};

export function backPressureStats(): BackPressureStats {
  return { paused: 0, dropped: 0, peakBufferedBytes: 0 };
}

export type OutflowHooks = {
  /** Whether reading may resume once drained (the hub may hold the socket paused for its own reasons). */
  mayResume: () => boolean;
  /** The console was dropped for not reading. */
  onDrop: () => void;
  /** The console read down to the bound: what was held back may go now. */
  onDrained: () => void;
};

/** Watches what one connection holds unsent, pausing and dropping it as above. */
export class Outflow {
  private waiters: ((drained: boolean) => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ended = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: BackPressureOptions,
    private readonly stats: BackPressureStats,
    private readonly hooks: OutflowHooks,
  ) {}

  /** More than the bound waits unsent: send nothing that can wait. */
  get full(): boolean {
    return this.ws.bufferedAmount > this.options.maxBufferedBytes;
  }

  /** Sends one frame, noting how much is then held for this console. */
  send(frame: string): void {
    this.ws.send(frame);
    this.stats.peakBufferedBytes = Math.max(this.stats.peakBufferedBytes, this.ws.bufferedAmount);
  }

  /** Resolves true once the console has read down to the bound, false if it was dropped instead. */
  drained(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    if (!this.full) return Promise.resolve(true);
    if (!this.timer) this.wait();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The connection ended: nobody waits on it any longer. */
  end(): void {
    this.settle(false);
  }

  private wait(): void {
    this.stats.paused += 1;
    if (!this.ws.isPaused) this.ws.pause();
    const pollMs = this.options.pollMs ?? 20;
    let lowest = this.ws.bufferedAmount;
    let progressAt = Date.now();
    const look = () => {
      this.timer = null;
      if (this.ended) return;
      const buffered = this.ws.bufferedAmount;
      if (buffered <= this.options.maxBufferedBytes) {
        if (this.ws.isPaused && this.hooks.mayResume()) this.ws.resume();
        this.hooks.onDrained();
        return this.settle(true);
      }
      // A console that reads, however slowly, is waited for; one that reads nothing is not.
      if (buffered < lowest) {
        lowest = buffered;
        progressAt = Date.now();
      } else if (Date.now() - progressAt >= this.options.drainTimeoutMs) {
        this.stats.dropped += 1;
        this.hooks.onDrop();
        this.ws.terminate();
        return this.settle(false);
      }
      this.timer = setTimeout(look, pollMs);
    };
    this.timer = setTimeout(look, pollMs);
  }

  private settle(drained: boolean): void {
    if (!drained) {
      this.ended = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
    for (const wake of this.waiters.splice(0)) wake(drained);
  }
}
