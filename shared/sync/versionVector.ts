/**
 * Version vectors: for each device, the highest sequence number up to which
 * every one of its events is held. Peers compare vectors to find what the
 * other lacks (a hub after a restore, a LAN hub, a bundle's importer).
 */
import { DEVICE_ID_REGEX } from '../domain/ids';

export type VersionVector = Record<string, number>;

export function isVersionVector(value: unknown): value is VersionVector {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(([device, seq]) => DEVICE_ID_REGEX.test(device) && Number.isSafeInteger(seq) && seq >= 0);
}

/** Whether the holder of `vector` is known to hold the event. */
export function covers(vector: VersionVector, deviceId: string, deviceSeq: number): boolean {
  return (vector[deviceId] ?? 0) >= deviceSeq;
}

/** Pointwise maximum. */
export function mergeVectors(a: VersionVector, b: VersionVector): VersionVector {
  const merged: VersionVector = { ...a };
  for (const [device, seq] of Object.entries(b)) merged[device] = Math.max(merged[device] ?? 0, seq);
  return merged;
}

/**
 * Tracks contiguous holdings per device as events arrive in any order: the
 * vector only advances over gap-free runs, so it never claims an event that
 * was not received.
 */
export class VectorTracker {
  private readonly heads: VersionVector;
  /** Sequences received above a gap, per device. */
  private readonly pending = new Map<string, Set<number>>();

  constructor(initial: VersionVector = {}) {
    this.heads = { ...initial };
  }

  add(deviceId: string, deviceSeq: number): void {
    const head = this.heads[deviceId] ?? 0;
    if (deviceSeq <= head) return;
    if (deviceSeq !== head + 1) {
      let above = this.pending.get(deviceId);
      if (!above) this.pending.set(deviceId, (above = new Set()));
      above.add(deviceSeq);
      return;
    }
    let next = deviceSeq;
    const above = this.pending.get(deviceId);
    while (above?.delete(next + 1)) next++;
    this.heads[deviceId] = next;
  }

  vector(): VersionVector {
    return { ...this.heads };
  }
}
