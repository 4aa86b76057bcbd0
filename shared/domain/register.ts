/**
 * A multi-value register for mutable fields. Each write names the writes it
 * replaces (`prev`). The live values ("heads") are the writes nobody replaced;
 * among them the highest (hlc, deviceId) is shown, and more than one head is a
 * conflict for a person to resolve. A write therefore never loses to a value it
 * replaced, whatever the clocks say. Writes are keyed by event id, so applying
 * one twice, or in any order, gives the same register.
 */

export type RegisterWrite<V> = {
  id: string;
  hlc: string;
  deviceId: string;
  value: V;
  prev: readonly string[];
  /** When the write says it happened (its event's occurredAt), for clocks that start at a change. */
  at?: string;
};

export type Register<V> = { writes: Record<string, RegisterWrite<V>> };

export function emptyRegister<V>(): Register<V> {
  return { writes: {} };
}

/** Returns a register with the write added (the input is not modified). */
export function writeRegister<V>(register: Register<V>, write: RegisterWrite<V>): Register<V> {
  if (Object.hasOwn(register.writes, write.id)) return register;
  return { writes: { ...register.writes, [write.id]: write } };
}

/** Live writes, best first. */
export function registerHeads<V>(register: Register<V>): RegisterWrite<V>[] {
  const replaced = new Set<string>();
  const writes = Object.values(register.writes);
  for (const w of writes) for (const p of w.prev) replaced.add(p);
  const heads = writes.filter((w) => !replaced.has(w.id));
  // Writes that replace each other in a cycle can only come from a forged log; show them all rather than nothing.
  return (heads.length > 0 ? heads : writes).sort(compareWritesDescending);
}

export type RegisterValue<V> = {
  value: V;
  /** Id of the shown write: name it as `prev` when writing over it. */
  headId: string;
  /** Every live write, best first. More than one = a conflict. */
  heads: RegisterWrite<V>[];
};

export function readRegister<V>(register: Register<V>): RegisterValue<V> | null {
  const heads = registerHeads(register);
  const best = heads[0];
  if (!best) return null;
  return { value: best.value, headId: best.id, heads };
}

function compareWritesDescending<V>(a: RegisterWrite<V>, b: RegisterWrite<V>): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? 1 : -1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The write an event makes to a register: its id, clock and device, the value, what it replaces, and when it happened. */
export function writeOf<V>(event: Pick<RegisterWrite<V>, 'id' | 'hlc' | 'deviceId'> & { occurredAt: string }, value: V, prev: readonly string[]): RegisterWrite<V> {
  return { id: event.id, hlc: event.hlc, deviceId: event.deviceId, value, prev, at: event.occurredAt };
}

/** A record of fields, each a register of its own. */
export type Registers<T> = { [K in keyof T]: Register<T[K]> };

/**
 * `fields` with `write` added to `field`'s register; the same object when the
 * write was already there. A field missing from a state stored before it
 * existed starts empty.
 */
export function writeField<T, F extends keyof T>(fields: Registers<T>, field: F, write: RegisterWrite<T[F]>): Registers<T> {
  const current: Register<T[F]> = fields[field] ?? emptyRegister<T[F]>();
  const next = writeRegister(current, write);
  return next === current ? fields : { ...fields, [field]: next };
}
