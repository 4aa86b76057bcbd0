/**
 * Pages the hub sends: one per person, engagement cycle, wave and way of
 * reaching them, each accounted for in the log as `page.sent`. The console
 * reads them beside a person's engagement; the hub reads them so that nothing
 * is sent twice.
 */
import type { EventOf } from './events';
import { byKeys } from './order';
import { nameKey } from './text';

/** The ways the hub reaches a person, in the order they are tried. */
export const PAGE_METHODS = ['push', 'sms', 'email'] as const;
export type PageMethod = (typeof PAGE_METHODS)[number];

export const PAGE_LIMITS = {
  /** The first page, and escalations that page the same person again (repeats of a short policy). */
  waves: 40,
  /** Steps of one escalation plan: up to 7 a round, four rounds. */
  steps: 40,
};

/**
 * A person paged longer ago than this and not yet sent a page is not sent one
 * any more: a console that was cut off for hours does not wake someone up for
 * an incident the room has moved past. The console shows it as not sent.
 */
export const PAGE_FRESH_MS = 60 * 60_000;

/** One `page.delivered`: what the gateway reported of a send. */
export type DeliveryFact = { id: string; person: string; cycle: number; wave: number; method: PageMethod; outcome: 'delivered' | 'undelivered'; detail: string; occurredAt: string };

export function deliveryFactOf(event: EventOf<'page.delivered'>): DeliveryFact {
  const { person, cycle, wave, method, outcome, detail } = event.payload;
  return { id: event.id, person, cycle, wave, method, outcome, detail, occurredAt: event.occurredAt };
}

/** One `page.sent`, as the roster keeps it (by event id). */
export type PageFact = {
  id: string;
  person: string;
  cycle: number;
  wave: number;
  method: PageMethod;
  outcome: 'sent' | 'failed';
  attempts: number;
  detail: string;
  occurredAt: string;
  /** What the gateway reported of it since, if anything: the first report stands. */
  delivery?: { outcome: 'delivered' | 'undelivered'; at: string; detail: string };
};

export function pageFactOf(event: EventOf<'page.sent'>): PageFact {
  const { person, cycle, wave, method, outcome, attempts, detail } = event.payload;
  return { id: event.id, person, cycle, wave, method, outcome, attempts, detail, occurredAt: event.occurredAt };
}

/** The pages sent to a person in one cycle, in the order they were recorded; a repeat record of the same send keeps the first. */
export function pagesOfCycle(facts: Iterable<PageFact>, person: string, cycle: number, deliveries: Iterable<DeliveryFact> = []): PageFact[] {
  const key = nameKey(person);
  /** The person's records of this cycle, the first recorded of each send (wave and way), in time order. */
  const firstOfEachSend = <F extends PageFact | DeliveryFact>(records: Iterable<F>) => {
    const first = new Map<string, F>();
    for (const r of [...records].sort(byKeys((r) => r.occurredAt, (r) => r.id))) {
      const send = `${r.wave}/${r.method}`;
      if (r.cycle === cycle && nameKey(r.person) === key && !first.has(send)) first.set(send, r);
    }
    return first;
  };
  const reported = firstOfEachSend(deliveries);
  return [...firstOfEachSend(facts)].map(([send, f]) => {
    const d = reported.get(send);
    return d ? { ...f, delivery: { outcome: d.outcome, at: d.occurredAt, detail: d.detail } } : f;
  });
}
