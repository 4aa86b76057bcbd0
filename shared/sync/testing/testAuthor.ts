/**
 * A device for tests that hand-write events: a real key pair (from a seed, so
 * ids are stable), its hash chain, and every event it signs sealed on its own,
 * so any subset of them can be sent on its own, in any order.
 */
import { ZERO_LINK, contentHash, deviceIdForKey, nextLink, sealMessage, type TravellingEvent } from '../chain';
import { simCrypto } from './simCrypto';

const crypto = simCrypto();

export class TestAuthor {
  readonly deviceId: string;
  readonly publicKey: string;
  private readonly signWith: (message: Uint8Array) => string;
  /** The link after each sequence number, from the first content signed under it. */
  private readonly links = new Map<number, string>();

  constructor(seed: number) {
    const bytes = new Uint8Array(32);
    bytes[0] = seed;
    bytes[31] = 0x7e;
    const pair = crypto.keyPair(bytes);
    this.publicKey = pair.publicKey;
    this.signWith = pair.sign;
    this.deviceId = deviceIdForKey(pair.publicKey);
  }

  /** The event with the link before it and its author's seal. Sequence numbers before it must have been signed first. */
  sign<T extends object>(event: T & { deviceSeq: number }): T & Pick<TravellingEvent, 'chain' | 'seal'> {
    const seq = event.deviceSeq;
    const before = seq === 1 ? ZERO_LINK : this.links.get(seq - 1);
    if (before === undefined) throw new Error(`Sign ${this.deviceId}:${seq - 1} before ${seq}`);
    const link = nextLink(before, contentHash(event));
    if (!this.links.has(seq)) this.links.set(seq, link);
    return { ...event, chain: before, seal: { key: this.publicKey, sig: this.signWith(sealMessage(this.deviceId, seq, link)) } };
  }
}
