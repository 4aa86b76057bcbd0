/**
 * Events as they leave a console (a push, a bundle): each run of one author's
 * consecutive events names the link before it and is covered by that
 * author's seals. This console seals its own events as they leave (every
 * SEAL_EVERY events and at the end of each run, so any window of events a
 * peer passes on has a seal near its end). Another author's run ends at a
 * seal this console holds or, when this console holds that author's events
 * up to a later seal, with a witness of them (an incident file carries one
 * incident's events, not the ones between); what no seal covers is cut and
 * goes with a later batch.
 */
import { WITNESS_MAX_HASHES, type Envelope } from '../domain/events';
import { contentHash, contentOf, sealLink, type Seal, type Signer, type TravellingEvent, type Witness } from './chain';

export const SEAL_EVERY = 100;

/** An event as a console holds it: its content, the link after it, and what travels with it. */
export type HeldEvent = Envelope & { link?: string; chain?: string; seal?: Seal; witness?: Witness };

export type OutgoingDeps = {
  ownDeviceId: string;
  signer: () => Promise<Signer>;
  /** The links held after these events, for the ones held. */
  linksOf(ids: readonly string[]): Promise<Map<string, string>>;
  /** Keeps seals made now, so the same events leave with them again. */
  saveSeals(seals: readonly { id: string; seal: Seal }[]): Promise<void>;
  /** The author's events held after this one, in order, as far as `limit` of them (fewer where one is missing). */
  eventsAfter?(event: HeldEvent, limit: number): Promise<HeldEvent[]>;
};

type Authorship = { seal: Seal } | { witness: Witness };

/**
 * `eachOwn`: every one of this console's own events is sealed, and every
 * event names the link before it, so one damaged event in a file costs only
 * itself (an incident file is small; a push or a bundle is sealed per run).
 */
export async function sealOutgoing(events: readonly HeldEvent[], deps: OutgoingDeps, { eachOwn = false } = {}): Promise<TravellingEvent[]> {
  const runs = runsOf(events);
  const needLinks = runs.filter((run) => run[0]!.chain === undefined && run[0]!.deviceSeq > 1).map((run) => `${run[0]!.deviceId}:${run[0]!.deviceSeq - 1}`);
  const before = needLinks.length ? await deps.linksOf(needLinks) : new Map<string, string>();
  let signer: Signer | null = null;
  const made: { id: string; seal: Seal }[] = [];
  const out: TravellingEvent[] = [];
  for (const run of runs) {
    const first = run[0]!;
    const chain = first.chain ?? (first.deviceSeq === 1 ? undefined : before.get(`${first.deviceId}:${first.deviceSeq - 1}`));
    if (first.deviceSeq > 1 && chain === undefined) continue;
    let members = run.filter((event) => event.link !== undefined);
    if (members.length !== run.length) members = run.slice(0, run.findIndex((event) => event.link === undefined));
    if (members.length === 0) continue;
    const seals = new Map<string, Authorship>();
    if (first.deviceId === deps.ownDeviceId) {
      signer ??= await deps.signer();
      for (let i = 0; i < members.length; i++) {
        const event = members[i]!;
        if (event.seal) seals.set(event.id, { seal: event.seal });
        else if (eachOwn || i === members.length - 1 || event.deviceSeq % SEAL_EVERY === 0) {
          const seal = await sealLink(signer, event.deviceSeq, event.link!);
          seals.set(event.id, { seal });
          // Seals made for every event of a file are not kept: later pushes and bundles need only a run's last.
          if (!eachOwn) made.push({ id: event.id, seal });
        }
      }
    } else {
      let last = -1;
      members.forEach((event, i) => {
        const held = event.seal ? { seal: event.seal } : event.witness ? { witness: event.witness } : null;
        if (held) {
          seals.set(event.id, held);
          last = i;
        }
      });
      const tail = members[members.length - 1]!;
      const witness = last < members.length - 1 && deps.eventsAfter ? witnessOf(tail, await deps.eventsAfter(tail, WITNESS_MAX_HASHES)) : null;
      if (witness) seals.set(tail.id, { witness });
      else members = members.slice(0, last + 1);
    }
    members.forEach((event, i) => {
      const before = i === 0 ? chain : eachOwn ? members[i - 1]!.link : undefined;
      out.push({ ...(contentOf(event) as Envelope), ...(before !== undefined ? { chain: before } : {}), ...seals.get(event.id) });
    });
  }
  if (made.length) await deps.saveSeals(made);
  return out;
}

/** A witness from an author's events that follow one: their hashes up to the first that is sealed (or witnessed). */
export function witnessOf(from: HeldEvent, after: readonly HeldEvent[]): Witness | null {
  const hashes: string[] = [];
  for (const event of after) {
    if (event.deviceId !== from.deviceId || event.deviceSeq !== from.deviceSeq + hashes.length + 1) return null;
    hashes.push(contentHash(event));
    if (event.seal) return { hashes, seal: event.seal };
    if (event.witness) {
      const all = [...hashes, ...event.witness.hashes];
      return all.length <= WITNESS_MAX_HASHES ? { hashes: all, seal: event.witness.seal } : null;
    }
  }
  return null;
}

/** Each author's events, in sequence order, split where a number is missing. */
function runsOf(events: readonly HeldEvent[]): HeldEvent[][] {
  const byDevice = new Map<string, HeldEvent[]>();
  for (const event of events) {
    const list = byDevice.get(event.deviceId);
    if (list) list.push(event);
    else byDevice.set(event.deviceId, [event]);
  }
  const runs: HeldEvent[][] = [];
  for (const list of byDevice.values()) {
    list.sort((a, b) => a.deviceSeq - b.deviceSeq);
    let run: HeldEvent[] = [];
    for (const event of list) {
      const last = run[run.length - 1];
      if (last && event.deviceSeq === last.deviceSeq) continue;
      if (last && event.deviceSeq !== last.deviceSeq + 1) {
        runs.push(run);
        run = [];
      }
      run.push(event);
    }
    if (run.length) runs.push(run);
  }
  return runs;
}
