/**
 * Events as they leave a console (a push, a bundle): each run of one author's
 * consecutive events names the link before it and is covered by that
 * author's seals. This console seals its own events as they leave (every
 * SEAL_EVERY events and at the end of each run, so any window of events a
 * peer passes on has a seal near its end); another author's run is cut back
 * to the last seal this console holds, and the rest goes with a later batch.
 */
import type { Envelope } from '../domain/events';
import { contentOf, sealLink, type Seal, type Signer, type TravellingEvent } from './chain';

export const SEAL_EVERY = 100;

/** An event as a console holds it: its content, the link after it, and what travels with it. */
export type HeldEvent = Envelope & { link?: string; chain?: string; seal?: Seal };

export type OutgoingDeps = {
  ownDeviceId: string;
  signer: () => Promise<Signer>;
  /** The links held after these events, for the ones held. */
  linksOf(ids: readonly string[]): Promise<Map<string, string>>;
  /** Keeps seals made now, so the same events leave with them again. */
  saveSeals(seals: readonly { id: string; seal: Seal }[]): Promise<void>;
};

export async function sealOutgoing(events: readonly HeldEvent[], deps: OutgoingDeps): Promise<TravellingEvent[]> {
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
    const seals = new Map<string, Seal>();
    if (first.deviceId === deps.ownDeviceId) {
      signer ??= await deps.signer();
      for (let i = 0; i < members.length; i++) {
        const event = members[i]!;
        if (event.seal) seals.set(event.id, event.seal);
        else if (i === members.length - 1 || event.deviceSeq % SEAL_EVERY === 0) {
          const seal = await sealLink(signer, event.deviceSeq, event.link!);
          seals.set(event.id, seal);
          made.push({ id: event.id, seal });
        }
      }
    } else {
      let last = -1;
      members.forEach((event, i) => {
        if (event.seal) {
          seals.set(event.id, event.seal);
          last = i;
        }
      });
      members = members.slice(0, last + 1);
    }
    members.forEach((event, i) => {
      const seal = seals.get(event.id);
      out.push({ ...(contentOf(event) as Envelope), ...(i === 0 && chain !== undefined ? { chain } : {}), ...(seal ? { seal } : {}) });
    });
  }
  if (made.length) await deps.saveSeals(made);
  return out;
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
