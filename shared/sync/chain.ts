/**
 * Authorship of events: every device keeps a hash chain of its own events and
 * signs points on it, so any receiver can tell that an event is its author's
 * and that an id names one content forever (DESIGN.md, "Trust").
 *
 *   content(e)   SHA-256 of the event's canonical JSON, without the fields below
 *   link(k)      SHA-256(link(k-1) ‖ content(e_k)), link(0) = 32 zero bytes
 *   seal         the author's Ed25519 signature over (device, k, link(k))
 *
 * A device id is derived from its public key, so a seal proves who wrote the
 * chain without any registry of keys: nobody can write under another's id.
 * Events travel with fields outside their content: `chain`, the link before
 * them (on the first event of each run a receiver gets), and `seal` on the
 * last event of each run. A run cut out of a longer chain (an incident file
 * holds one incident's events, not the ones between) may end with a
 * `witness` instead: the content hashes of the author's next events up to one
 * it sealed, and that seal. A receiver checks one hash per event and one
 * signature per run.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

import { WITNESS_MAX_HASHES, type Envelope } from '../domain/events';

export const ZERO_LINK = '0'.repeat(64);
const HEX_64 = /^[0-9a-f]{64}$/;
const HEX_128 = /^[0-9a-f]{128}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
/** 26 base-32 characters: 130 bits of the key's hash, far beyond any search for a second key with the same id. */
const DEVICE_ID_CHARS = 26;

export type Seal = { key: string; sig: string };
/** The content hashes of the author's events after this one, up to the one its seal covers. */
export type Witness = { hashes: string[]; seal: Seal };

/** An event as it travels between peers: its content plus the authorship fields. */
export type TravellingEvent = Envelope & { chain?: string; seal?: Seal; witness?: Witness };

// Every runtime the console and the hub run on has TextEncoder and WebCrypto; shared code is compiled without DOM or Node types.
type Encoder = { encode(text: string): Uint8Array };
const encoder = new (globalThis as unknown as { TextEncoder: new () => Encoder }).TextEncoder();
type Subtle = {
  importKey(format: 'raw', key: Uint8Array, algorithm: { name: 'Ed25519' }, extractable: boolean, usages: string[]): Promise<unknown>;
  verify(algorithm: 'Ed25519', key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  sign(algorithm: 'Ed25519', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
};
const subtle = (): Subtle => (globalThis as unknown as { crypto: { subtle: Subtle } }).crypto.subtle;

/**
 * SHA-256, synchronous: Node's own where there is one (the hub checks every
 * event it takes in, and the native hash is several times faster), else the
 * audited pure-JavaScript one (a console in the browser).
 */
type Hasher = { update(data: string | Uint8Array, encoding?: 'utf8' | 'hex'): Hasher; digest(encoding: 'hex'): string };
type NodeHashing = {
  createHash(algorithm: 'sha256'): Hasher;
  /** One-shot hashing (Node 20.12 and later): no hash object a call, three times faster on an event's few hundred bytes. */
  hash?(algorithm: 'sha256', data: string | Uint8Array, encoding: 'hex'): string;
};
type NodeBuffers = { Buffer: { from(text: string, encoding: 'hex'): Uint8Array } };
const native = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as NodeHashing | undefined;
const nativeBuffers = native ? ((globalThis as unknown as { process: { getBuiltinModule(name: string): unknown } }).process.getBuiltinModule('node:buffer') as NodeBuffers) : undefined;
const oneShot = native?.hash?.bind(native);

function sha256OfText(text: string): string {
  if (oneShot) return oneShot('sha256', text, 'hex');
  return native ? native.createHash('sha256').update(text, 'utf8').digest('hex') : bytesToHex(sha256(encoder.encode(text)));
}

/** Fields that travel beside an event's content or that a database derives for itself (see contentOf). */
const NOT_CONTENT: ReadonlySet<string> = new Set(['chain', 'seal', 'witness', 'link', 'tl', 'unknown']);

/**
 * JSON with every object's keys in code-point order: the same event hashes
 * the same wherever it has been. `skip`: keys of the outermost object left out.
 */
export function canonicalJson(value: unknown, skip?: ReadonlySet<string>): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops and string appends: the hub runs this on every event it takes in.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || skip?.has(key)) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
    first = false;
  }
  return `${out}}`;
}

/** The event without what travels beside its content (authorship) or what a database derives for itself. */
export function contentOf(event: object): Record<string, unknown> {
  // The keys of NOT_CONTENT, left out without `delete` (which slows every later read of the object).
  const { chain: _chain, seal: _seal, witness: _witness, link: _link, tl: _tl, unknown: _unknown, ...content } = event as Record<string, unknown>;
  return content;
}

/** SHA-256 of the event's content, hex. Two events with one id and different hashes are two contents under one name. */
export function contentHash(event: object): string {
  return sha256OfText(canonicalJson(event, NOT_CONTENT));
}

export function nextLink(previous: string, content: string): string {
  if (oneShot) return oneShot('sha256', nativeBuffers!.Buffer.from(previous + content, 'hex'), 'hex');
  if (native) return native.createHash('sha256').update(previous, 'hex').update(content, 'hex').digest('hex');
  const bytes = new Uint8Array(64);
  bytes.set(hexToBytes(previous), 0);
  bytes.set(hexToBytes(content), 32);
  return bytesToHex(sha256(bytes));
}

export function sealMessage(deviceId: string, seq: number, link: string): Uint8Array {
  return encoder.encode(`warroom-seal-v1:${deviceId}:${seq}:${link}`);
}

/** The device id a public key (raw Ed25519, hex) speaks for. */
export function deviceIdForKey(publicKeyHex: string): string {
  const digest = sha256(hexToBytes(publicKeyHex));
  let id = '';
  let bits = 0;
  let value = 0;
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < DEVICE_ID_CHARS) {
      id += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return id;
}

export function isSeal(value: unknown): value is Seal {
  const seal = value as Seal | null;
  return typeof seal === 'object' && seal !== null && typeof seal.key === 'string' && HEX_64.test(seal.key) && typeof seal.sig === 'string' && HEX_128.test(seal.sig);
}

export function isLink(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

export function isWitness(value: unknown): value is Witness {
  const witness = value as Witness | null;
  return (
    typeof witness === 'object' &&
    witness !== null &&
    Array.isArray(witness.hashes) &&
    witness.hashes.length > 0 &&
    witness.hashes.length <= WITNESS_MAX_HASHES &&
    witness.hashes.every(isLink) &&
    isSeal(witness.seal)
  );
}

/** Whether the event carries its author's signature over its own link or, by a witness, over a later one. */
export function isSealed(event: Pick<TravellingEvent, 'seal' | 'witness'>): boolean {
  return isSeal(event.seal) || isWitness(event.witness);
}

/** Signs with a key that never leaves its holder (a console's non-extractable WebCrypto key). */
export type Signer = { deviceId: string; publicKey: string; sign(message: Uint8Array): Promise<string> };

export async function sealLink(signer: Signer, seq: number, link: string): Promise<Seal> {
  return { key: signer.publicKey, sig: await signer.sign(sealMessage(signer.deviceId, seq, link)) };
}

/** A signer from a WebCrypto Ed25519 key pair. */
export function webCryptoSigner(publicKeyHex: string, privateKey: unknown): Signer {
  return {
    deviceId: deviceIdForKey(publicKeyHex),
    publicKey: publicKeyHex,
    async sign(message) {
      return bytesToHex(new Uint8Array(await subtle().sign('Ed25519', privateKey, message)));
    },
  };
}

/** Checks seals, remembering imported keys: a receiver sees the same few authors again and again. */
export class SealVerifier {
  private readonly keys = new Map<string, Promise<unknown>>();

  /** `check` replaces WebCrypto where a caller needs answers without waiting on another thread (the simulation). */
  constructor(private readonly check?: (publicKey: string, sig: string, message: Uint8Array) => boolean) {}

  async verify(deviceId: string, seq: number, link: string, seal: Seal): Promise<boolean> {
    if (deviceIdForKey(seal.key) !== deviceId) return false;
    if (this.check) return this.check(seal.key, seal.sig, sealMessage(deviceId, seq, link));
    let key = this.keys.get(seal.key);
    if (!key) {
      key = subtle().importKey('raw', hexToBytes(seal.key), { name: 'Ed25519' }, false, ['verify']);
      this.keys.set(seal.key, key);
    }
    try {
      return await subtle().verify('Ed25519', await key, hexToBytes(seal.sig), sealMessage(deviceId, seq, link));
    } catch {
      return false;
    }
  }
}

/** What a receiver already holds of a device's chain: the link after each event it has, by event id. */
export type HeldLinks = ReadonlyMap<string, string>;

export type ChainVerdict =
  /** Covered by its author's seal: store it with its link (and the seal, when it carried the one that was checked). */
  | { index: number; status: 'verified'; event: TravellingEvent; link: string; chain: string; seal?: Seal; witness?: Witness }
  /** Held already with this very content. */
  | { index: number; status: 'held' }
  /** Held already with other content, or not linking to what is held: never stored, shown for what it is. */
  | { index: number; status: 'conflict'; reason: string }
  | { index: number; status: 'refused'; reason: string }
  /** Not covered by a seal in this batch: neither forged nor refused for good; it may come again with one. */
  | { index: number; status: 'uncovered'; reason: string };

/**
 * Ids whose links a receiver must look up before judging these events: the
 * event before each run that starts outside the batch (a few a batch, not one
 * an event). An event already held is found when it is stored, where the
 * same content is a duplicate and other content a conflict.
 */
export function idsToLookUp(events: readonly Envelope[]): string[] {
  const inBatch = new Set(events.map((event) => event.id));
  const ids = new Set<string>();
  for (const event of events) {
    const before = `${event.deviceId}:${event.deviceSeq - 1}`;
    if (event.deviceSeq > 1 && !inBatch.has(before)) ids.add(before);
  }
  return [...ids];
}

/**
 * Judges events (already valid envelopes) by their authorship: each device's
 * events are taken in sequence order as runs of consecutive numbers; every run
 * must start from a link the receiver holds (or name one, when the receiver
 * holds nothing before it) and end with its author's seal over the link it
 * reaches. An event whose run has no seal after it is refused until it comes
 * again with one; an event whose content differs from what is held under its
 * id is a conflict.
 */
export async function judgeChains(
  events: readonly TravellingEvent[],
  held: HeldLinks,
  verifier: SealVerifier,
  /** Each event's safeContentHash, where it was worked out already (on another thread). */
  hashes?: readonly (string | null)[],
): Promise<ChainVerdict[]> {
  const hashOf = (index: number) => (hashes ? (hashes[index] ?? null) : safeContentHash(events[index]!));
  const verdicts: ChainVerdict[] = new Array(events.length);
  const byDevice = new Map<string, number[]>();
  events.forEach((event, index) => {
    const list = byDevice.get(event.deviceId);
    if (list) list.push(index);
    else byDevice.set(event.deviceId, [index]);
  });
  const seals: Promise<void>[] = [];
  for (const [deviceId, indexes] of byDevice) {
    indexes.sort((a, b) => events[a]!.deviceSeq - events[b]!.deviceSeq);
    let run: { index: number; link: string; chain: string }[] = [];
    let previousSeq = -1;
    let previousLink: string | null = null;
    const closeRun = () => {
      if (run.length === 0) return;
      const members = run;
      run = [];
      // Every seal is checked (they are one per many events); a seal that does not verify is dropped, and the
      // events are covered up to the last one that does. What follows it waits for a later seal.
      const sealed = members.filter((member) => isSealed(events[member.index]!));
      seals.push(
        Promise.all(sealed.map((member) => verifySealed(verifier, deviceId, events[member.index]!, member.link))).then((results) => {
          const valid = new Set(sealed.filter((_, i) => results[i]));
          const anyInvalid = results.some((ok) => !ok);
          let lastValid = -1;
          members.forEach((member, i) => {
            if (valid.has(member)) lastValid = i;
          });
          members.forEach((member, i) => {
            const event = events[member.index]!;
            verdicts[member.index] =
              i <= lastValid
                ? { index: member.index, status: 'verified', event, link: member.link, chain: member.chain, ...(valid.has(member) ? authorshipOf(event) : {}) }
                : anyInvalid
                  ? { index: member.index, status: 'refused', reason: 'its author’s signature does not match: forged or damaged' }
                  : { index: member.index, status: 'uncovered', reason: 'not covered by its author’s signature; send it again with a later signed event' };
          });
        }),
      );
    };
    for (const index of indexes) {
      const event = events[index]!;
      const content = hashOf(index);
      if (content === null) {
        verdicts[index] = { index, status: 'refused', reason: 'too deeply nested to be read' };
        closeRun();
        previousSeq = event.deviceSeq;
        previousLink = null;
        continue;
      }
      const heldLink = held.get(event.id);
      if (event.deviceSeq === previousSeq) {
        // The same id twice in one batch: the first one stands; different content is a conflict.
        const first = run.find((member) => events[member.index]!.id === event.id);
        const same = first ? hashOf(first.index) === content : heldLink !== undefined;
        verdicts[index] = same ? { index, status: 'held' } : { index, status: 'conflict', reason: 'another event with this id and different content came in the same batch' };
        continue;
      }
      // An event that names a link other than the one its predecessor here reaches says that predecessor is not what
      // its author wrote (damaged on the way): it is judged from the link it names, and the predecessor by its own seal.
      const continues = event.deviceSeq === previousSeq + 1 && previousLink !== null && (event.chain === undefined || event.chain === previousLink);
      if (!continues) closeRun();
      const before = continues ? previousLink! : (held.get(`${deviceId}:${event.deviceSeq - 1}`) ?? (event.deviceSeq === 1 ? ZERO_LINK : event.chain));
      // Only a link the event names itself needs checking: the others were worked out here.
      if (before === undefined || (before === event.chain && !isLink(before))) {
        verdicts[index] = { index, status: 'refused', reason: 'does not say which event of its author comes before it' };
        previousSeq = event.deviceSeq;
        previousLink = null;
        continue;
      }
      if (!continues && event.chain !== undefined && event.chain !== before) {
        verdicts[index] = { index, status: 'conflict', reason: 'its author’s history differs from the one held here (a restored or forged console)' };
        previousSeq = event.deviceSeq;
        previousLink = null;
        continue;
      }
      const link = nextLink(before, content);
      previousSeq = event.deviceSeq;
      previousLink = link;
      if (heldLink !== undefined) {
        // Held already: the same content is a duplicate, other content a conflict; neither is stored again.
        closeRun();
        verdicts[index] = heldLink === link ? { index, status: 'held' } : { index, status: 'conflict', reason: 'an event with this id and different content is already held' };
        continue;
      }
      run.push({ index, link, chain: before });
    }
    closeRun();
  }
  await Promise.all(seals);
  return verdicts;
}

/** The seal that covers the event: its own, or the witness's after the hashes of the events between. */
function verifySealed(verifier: SealVerifier, deviceId: string, event: TravellingEvent, link: string): Promise<boolean> {
  if (isSeal(event.seal)) return verifier.verify(deviceId, event.deviceSeq, link, event.seal);
  const witness = event.witness!;
  let reached = link;
  for (const hash of witness.hashes) reached = nextLink(reached, hash);
  return verifier.verify(deviceId, event.deviceSeq + witness.hashes.length, reached, witness.seal);
}

/** What is kept with a verified event so it can be passed on covered: its seal, or else its witness. */
function authorshipOf(event: TravellingEvent): { seal: Seal } | { witness: Witness } {
  return isSeal(event.seal) ? { seal: event.seal } : { witness: event.witness! };
}

/** The content hash, or null for an event too deeply nested for this runtime to walk (never stored by anyone). */
export function safeContentHash(event: object): string | null {
  try {
    return contentHash(event);
  } catch {
    return null;
  }
}

/**
 * How many of these events (in a log's order) end with every author in them
 * at a seal: where a page may end, and where a log can have been cut by a
 * backup (every push is stored whole, and ends at its seals).
 */
export function sealedPrefix(events: readonly Pick<TravellingEvent, 'deviceId' | 'seal' | 'witness'>[]): number {
  const open = new Set<string>();
  let end = 0;
  events.forEach((event, i) => {
    if (event.seal || event.witness) open.delete(event.deviceId);
    else open.add(event.deviceId);
    if (open.size === 0) end = i + 1;
  });
  return end;
}
