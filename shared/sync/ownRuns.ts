/**
 * Where a console's own pushed events sit in a hub's log, as the hub's
 * acknowledgements place them: runs of consecutive seqs beyond the console's
 * cursor. The console steps its cursor over them instead of pulling back
 * what it already holds; the hub, knowing the same, knows where that cursor
 * will be.
 */
import type { Ack } from './protocol';

/** Seqs `from` to `to` of the hub's log hold the console's own events; `id` is the one at `to`. */
export type OwnRun = { from: number; to: number; id: string };

/** The runs with the places the acknowledgements give the console's own events beyond `after`, joined where they touch. */
export function addOwnRuns(runs: readonly OwnRun[], acks: readonly Ack[], after: number): OwnRun[] {
  const placed = acks
    .flatMap((ack) => ((ack.status === 'accepted' || ack.status === 'duplicate') && ack.seq > after ? [{ from: ack.seq, to: ack.seq, id: ack.id }] : []))
    .concat(runs)
    .sort((a, b) => a.from - b.from);
  const joined: OwnRun[] = [];
  for (const run of placed) {
    const last = joined[joined.length - 1];
    if (last && run.from <= last.to + 1) {
      if (run.to > last.to) joined[joined.length - 1] = { from: last.from, to: run.to, id: run.id };
    } else joined.push(run);
  }
  return joined;
}

/**
 * Where a cursor at `seq` goes over the runs that start at or before its next
 * place (`id`: the event it then names, null when it did not move), and the
 * runs still ahead of it.
 */
export function stepOverOwnRuns(runs: readonly OwnRun[], seq: number): { seq: number; id: string | null; ahead: OwnRun[] } {
  let at = seq;
  let id: string | null = null;
  let skipped = 0;
  for (const run of runs) {
    if (run.from > at + 1) break;
    skipped += 1;
    if (run.to > at) {
      at = run.to;
      id = run.id;
    }
  }
  return { seq: at, id, ahead: runs.slice(skipped) };
}
