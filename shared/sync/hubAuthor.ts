/**
 * The hub as an author. The events a hub writes itself (a delivery's outcome,
 * an alert from monitoring) are chained and sealed like any console's, so a
 * console checks them as it checks every other author and a page can end on
 * them. Each hub process writes under a key of its own, made when it starts:
 * two processes sharing a store never write under the same numbers, and no
 * chain has to be read back from the log after a restart.
 */
import { bytesToHex } from '@noble/hashes/utils.js';

import { CURRENT_VERSION, parseEvent, type DomainEvent, type Envelope, type EventType } from '../domain/events';
import { tickHlc, type Hlc } from '../domain/hlc';
import { ZERO_LINK, contentHash, nextLink, sealLink, webCryptoSigner, type Signer, type TravellingEvent } from './chain';
import type { HubStore } from './hubStore';

/**
 * What the hub says: the rest (id, number, clock, authorship) the author fills in. `incidentId` may name a
 * draft of the same append (`{ ofDraft: i }`, its own index for an incident's declaration): an incident declared
 * and written to in one go.
 */
export type HubDraft = { incidentId: string | { ofDraft: number }; type: EventType; actor: string; occurredAt: string; payload: unknown };


type KeyPair = { publicKey: unknown; privateKey: unknown };
type Subtle = {
  generateKey(algorithm: { name: 'Ed25519' }, extractable: boolean, usages: string[]): Promise<KeyPair>;
  exportKey(format: 'raw', key: unknown): Promise<ArrayBuffer>;
};
const subtle = (): Subtle => (globalThis as unknown as { crypto: { subtle: Subtle } }).crypto.subtle;

/** A key pair for this process: the private half cannot be exported, and dies with the process. */
export async function newHubSigner(): Promise<Signer> {
  const pair = await subtle().generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  const publicKey = bytesToHex(new Uint8Array(await subtle().exportKey('raw', pair.publicKey)));
  return webCryptoSigner(publicKey, pair.privateKey);
}

type Chain = { seq: number; link: string; hlc: Hlc | null };

/** The events as stored (with their authorship), the same as checked domain events, and the log's new head. */
export type Written = { events: TravellingEvent[]; parsed: DomainEvent[]; head: number };

/** One process's authorship, in every space it writes to: a chain a space. */
export class HubAuthor {
  private readonly chains = new Map<string, Chain>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: HubStore,
    private readonly signer: Signer,
    private readonly now: () => number,
  ) {}

  get deviceId(): string {
    return this.signer.deviceId;
  }

  /**
   * Appends the drafts to the space's log as one sealed run, after whatever
   * this author wrote there before (one write at a time a space). Resolves
   * with the events as stored and the log's new head.
   */
  append(spaceId: string, drafts: readonly HubDraft[]): Promise<Written> {
    const previous = this.queues.get(spaceId) ?? Promise.resolve();
    const write = previous.then(() => this.write(spaceId, drafts));
    const settled = write.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(spaceId, settled);
    void settled.then(() => {
      if (this.queues.get(spaceId) === settled) this.queues.delete(spaceId);
    });
    return write;
  }

  private async write(spaceId: string, drafts: readonly HubDraft[]): Promise<Written> {
    const chain = this.chains.get(spaceId) ?? { seq: 0, link: ZERO_LINK, hlc: null };
    if (drafts.length === 0) return { events: [], parsed: [], head: await this.store.head(spaceId) };
    const now = this.now();
    let { seq, link, hlc } = chain;
    const events: TravellingEvent[] = [];
    const parsedEvents: DomainEvent[] = [];
    for (const draft of drafts) {
      seq += 1;
      const own = `${this.deviceId}:${seq}`;
      // An incident's declaration names itself: its own index.
      const incidentId = typeof draft.incidentId === 'string' ? draft.incidentId : draft.incidentId.ofDraft === events.length ? own : events[draft.incidentId.ofDraft]?.id;
      if (incidentId === undefined) throw new Error(`A draft names draft ${(draft.incidentId as { ofDraft: number }).ofDraft}, which does not come before it`);
      hlc = tickHlc(hlc, now);
      const event: Envelope = {
        id: own,
        incidentId,
        type: draft.type,
        v: CURRENT_VERSION[draft.type],
        hlc,
        deviceId: this.deviceId,
        deviceSeq: seq,
        actor: draft.actor,
        occurredAt: draft.occurredAt,
        payload: draft.payload,
      };
      const parsed = parseEvent(event);
      if (parsed.status !== 'valid') throw new Error(`The hub built an invalid ${draft.type}: ${parsed.status === 'invalid' ? parsed.error : 'unknown type'}`);
      parsedEvents.push(parsed.event);
      // Every stored event names the link before it, as the hub keeps pushed ones, so any page may start with it.
      events.push({ ...event, chain: link });
      link = nextLink(link, contentHash(event));
    }
    events[events.length - 1]!.seal = await sealLink(this.signer, seq, link);
    const { acks, head } = await this.store.append(spaceId, events);
    if (acks.some((ack) => ack.status !== 'accepted')) throw new Error(`The hub's own event numbers were taken in space ${spaceId}: its author key is not its own`);
    this.chains.set(spaceId, { seq, link, hlc });
    return { events, parsed: parsedEvents, head };
  }
}
