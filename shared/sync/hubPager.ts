/**
 * Pages sent by the hub. A console records that someone is paged
 * (`participant.engaged`, step paged); the hub, tailing the log, sends them a
 * page by each way the room's settings say they can be reached, exactly once
 * per engagement cycle, wave and way, whichever consoles recorded it and
 * however many hub processes serve the space: each send is claimed in the
 * delivery ledger first, and its outcome goes in the log as `page.sent`.
 * When nobody answers, the hub follows the roster's escalation: the next step
 * is paged, on the record (`page.escalated`), at its minute after the first page.
 */
import { ORGANISATION_STREAM, isOpenStatus, type DomainEvent, type EventOf } from '../domain/events';
import { EXERCISE_PREFIX } from '../domain/drills';
import { applyIncidentEvent, emptyIncident, summarizeIncident, type IncidentState } from '../domain/incident';
import { DELIVERY_ACTOR } from '../domain/messages';
import { LIMITS, cleanLine } from '../domain/text';
import { contactAddress, contactMethods, contactOf, escalationPlan, onCallAt, type Contact, type Roster } from '../domain/oncall';
import { applyOrganisationEvent, emptyOrganisation, viewOrganisation, type OrganisationState } from '../domain/organisation';
import { PAGE_FRESH_MS, PAGE_LIMITS, type PageMethod } from '../domain/pages';
import { applyRosterEvent, emptyRoster, engagementOf, personKey, type Engagement, type RosterState } from '../domain/roster';
import type { DeliveryLedger } from './hubDelivery';
import { IN_FLIGHT_LEASE_MS } from './hubDelivery';
import type { HubAuthor, HubDraft } from './hubAuthor';
import type { HubStore } from './hubStore';
import { foldLogFrom } from './logTail';
import { pagerClaimId } from './pagerClaims';

/**
 * What a page says: a title for the notification, a short text, the link that acknowledges it (when the hub
 * has one), and the code that acknowledges it when texted back (when the SMS gateway passes replies on).
 */
export type PageMessage = { title: string; text: string; link: string | null; reply?: string };

/** `ref`: the gateway's own name for the message, which its delivery report gives back. */
export type PageOutcome = { status: 'sent'; detail: string; ref?: string } | { status: 'failed'; detail: string; retry: boolean };

/** One way of reaching people, as the hub's operator configured it. */
export type PageTransport = (address: string, message: PageMessage) => Promise<PageOutcome>;

/** What a page is about: the link to acknowledge it names these. */
export type PageTarget = { spaceId: string; incidentId: string; person: string; cycle: number };

export type HubPagerDeps = {
  store: HubStore;
  ledger: DeliveryLedger;
  spaceId: string;
  author: HubAuthor;
  /** The ways this hub can send; a way left out is reported as not configured. */
  transports: Partial<Record<PageMethod, PageTransport>>;
  /** The link that acknowledges a page, or null when the hub has no address people's phones can reach. */
  ackLink: (target: PageTarget) => Promise<string | null>;
  /** The code that acknowledges a page when texted back, or null when replies do not reach the hub. */
  replyCode?: (target: PageTarget) => Promise<string | null>;
  now: () => number;
  advanced?: (spaceId: string, head: number) => void;
  stopped?: () => boolean;
};

/** Where a page stands, as the person it was sent to sees it from its link. */
export type PageStanding =
  | { status: 'waiting'; incident: string; person: string }
  | { status: 'acknowledged'; incident: string; person: string; at: string }
  /** The incident ended, they were released or paged again since: this page is answered by nothing any more. */
  | { status: 'over'; incident: string; person: string }
  | { status: 'unknown' };

const ACK_WAITS = 25;
const ACK_WAIT_MS = 200;

/** At most this many pages to one person by one way in the window: more are held back, on the record. */
export const PAGE_FLOOD = { sends: 5, windowMs: 15 * 60_000 };

/** Tries of one send before it is recorded as failed. */
export const PAGE_ATTEMPTS = 3;
/** The wait before the second try, doubled before each later one. */
export const PAGE_RETRY_MS = 15_000;

const MINUTE = 60_000;

/** The earlier of two wake-up times, either of which may be none. */
const earliest = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

type IncidentPaging = {
  incident: IncidentState;
  roster: RosterState;
  /** `person/cycle/wave/method` of every send recorded. */
  sent: Set<string>;
  /** `origin/cycle/roster/step` of every escalation recorded. */
  escalated: Set<string>;
  /** Waves recorded for `person/cycle`: escalations that paged them again. */
  waves: Map<string, Set<number>>;
};

const sendKey = (person: string, cycle: number, wave: number, method: PageMethod) => `${personKey(person)}/${cycle}/${wave}/${method}`;
const escalationKey = (origin: string, cycle: number, roster: string, step: number) => `${personKey(origin)}/${cycle}/${roster}/${step}`;

export const PAGE_TEXT = {
  title: (incident: string) => `Paged: ${incident}`,
  text: (person: string, incident: string) => `${person}, you are paged for the incident "${incident}".`,
  escalated: (person: string, incident: string, origin: string, minutes: number) =>
    `${person}, you are paged for the incident "${incident}": ${origin} has not acknowledged in ${minutes} min.`,
  notConfigured: (method: PageMethod) =>
    ({
      push: 'Not sent: this hub has no push server configured (--ntfy-url).',
      sms: 'Not sent: this hub has no SMS gateway configured (--sms-url).',
      email: 'Not sent: this hub has no mail relay configured (--smtp-url).',
    })[method],
  uncertain: 'Not known whether it was sent: the hub stopped while sending it. Check with them before paging again.',
  heldBack: (person: string, sends: number) => `Held back: ${person} was sent ${sends} pages this way in the last 15 minutes. Reach them another way.`,
};

export class HubPager {
  private cursor = 0;
  private organisation: OrganisationState = emptyOrganisation();
  private readonly incidents = new Map<string, IncidentPaging>();
  /** When a send waiting to be tried again falls due, by claim id. */
  private readonly retries = new Map<string, number>();
  /** The escalation that paged each person in a cycle, by `incident/person/cycle`: what their page says. */
  private readonly escalations = new Map<string, { origin: string; waited: number }>();
  /** When each person was sent a page by each way (`personKey\nmethod`), within the flood window, by event id. */
  private readonly sends = new Map<string, Map<string, number>>();
  /** The sends gateways named, by `method\nreference`. */
  private readonly refs = new Map<string, { incidentId: string; person: string; cycle: number; wave: number; method: PageMethod }>();
  /** `incident\nsend` of every delivery report recorded. */
  private readonly reported = new Set<string>();
  /** The read of the log in progress, which reads that come meanwhile share. */
  private catching: Promise<void> | null = null;

  constructor(private readonly deps: HubPagerDeps) {}

  /** One round: every page due is sent and every escalation due is made. Resolves with when the next falls due, or null. */
  async runDue(): Promise<number | null> {
    await this.catchUp();
    const now = this.deps.now();
    const stale = new Set(
      (await this.deps.ledger.inFlight(this.deps.spaceId, now - IN_FLIGHT_LEASE_MS)).map((row) => row.messageId).filter((id) => id.startsWith('page:')),
    );
    const { contacts, rosters } = viewOrganisation(this.organisation).settings;
    let wake: number | null = null;
    for (const [incidentId, paging] of this.incidents) {
      if (this.deps.stopped?.()) break;
      const summary = summarizeIncident(paging.incident);
      if (!summary || !isOpenStatus(summary.status)) continue;
      // Escalations first: the people they page are sent their pages in this same round.
      wake = earliest(wake, await this.escalate(incidentId, paging, engagementOf(paging.roster), rosters, now));
      for (const person of engagementOf(paging.roster).values()) {
        if (person.step !== 'paged' || !person.pagedAt) continue;
        // A page from a drill says so in its title, on every way it goes: a person paged in an exercise knows before they run.
        const title = summary.drill ? `${EXERCISE_PREFIX} ${summary.title}` : summary.title;
        wake = earliest(wake, await this.sendPages(incidentId, title, paging, person, contactOf(contacts, person.name), stale, now));
      }
    }
    // Claims left on the wire for pages no longer wanted (the incident ended, they answered): nothing to send.
    for (const id of stale) await this.deps.ledger.finish(this.deps.spaceId, id);
    return wake;
  }

  private async sendPages(
    incidentId: string,
    title: string,
    paging: IncidentPaging,
    person: Engagement,
    contact: Contact | undefined,
    stale: Set<string>,
    now: number,
  ): Promise<number | null> {
    const waves = [0, ...[...(paging.waves.get(`${person.key}/${person.cycle}`) ?? [])].sort((a, b) => a - b)];
    let wake: number | null = null;
    for (const wave of waves) {
      // The first page of a cycle recorded long ago (a console cut off for hours) is not sent late; escalations are the hub's own, sent when made.
      if (wave === 0 && now - Date.parse(person.pagedAt!) > PAGE_FRESH_MS) continue;
      for (const method of contactMethods(contact)) {
        if (this.deps.stopped?.()) return wake;
        if (paging.sent.has(sendKey(person.name, person.cycle, wave, method))) continue;
        const id = pagerClaimId('page:', this.deps.spaceId, incidentId, person.key, person.cycle, wave, method);
        wake = earliest(wake, await this.sendOne(id, { incidentId, title, person, wave, method, address: contactAddress(contact!, method) }, stale.delete(id), now));
      }
    }
    return wake;
  }

  private async sendOne(
    id: string,
    page: { incidentId: string; title: string; person: Engagement; wave: number; method: PageMethod; address: string },
    interrupted: boolean,
    now: number,
  ): Promise<number | null> {
    const { spaceId, ledger } = this.deps;
    const record = async (outcome: 'sent' | 'failed', attempts: number, detail: string, ref?: string) => {
      const { person, wave, method } = page;
      await this.append([
        {
          incidentId: page.incidentId,
          type: 'page.sent',
          actor: DELIVERY_ACTOR,
          occurredAt: this.at(),
          payload: { person: person.name, cycle: person.cycle, wave, method, outcome, attempts, detail, ...(ref ? { ref } : {}) },
        },
      ]);
      await ledger.finish(spaceId, id);
      this.retries.delete(id);
    };
    if (interrupted) {
      await record('failed', 1, PAGE_TEXT.uncertain);
      return null;
    }
    const attempt = await ledger.claim(spaceId, id, 'page', now);
    if (attempt === null) return this.retries.get(id) ?? null;
    const transport = this.deps.transports[page.method];
    if (!transport) {
      await record('failed', 0, PAGE_TEXT.notConfigured(page.method));
      return null;
    }
    // Paged and released over and over (a member's script, a loop of rules): the phone is spared past a point.
    const lately = [...(this.sends.get(`${page.person.key}\n${page.method}`)?.values() ?? [])].filter((at) => now - at < PAGE_FLOOD.windowMs);
    if (lately.length >= PAGE_FLOOD.sends) {
      await record('failed', 0, PAGE_TEXT.heldBack(page.person.name, lately.length));
      return null;
    }
    const outcome = await transport(page.address, await this.messageFor(page));
    if (outcome.status === 'sent') {
      await record('sent', attempt, outcome.detail, outcome.ref);
      return null;
    }
    if (outcome.retry && attempt < PAGE_ATTEMPTS) {
      const nextAt = this.deps.now() + PAGE_RETRY_MS * 2 ** (attempt - 1);
      await ledger.retryAt(spaceId, id, nextAt);
      this.retries.set(id, nextAt);
      return nextAt;
    }
    await record('failed', attempt, outcome.detail);
    return null;
  }

  private async messageFor(page: { incidentId: string; title: string; person: Engagement; wave: number; method: PageMethod }): Promise<PageMessage> {
    const target = { spaceId: this.deps.spaceId, incidentId: page.incidentId, person: page.person.name, cycle: page.person.cycle };
    const link = await this.deps.ackLink(target);
    const reply = page.method === 'sms' ? await this.deps.replyCode?.(target) : null;
    const escalation = this.escalationInto(page.incidentId, page.person);
    const text = escalation
      ? PAGE_TEXT.escalated(page.person.name, page.title, escalation.origin, escalation.waited)
      : PAGE_TEXT.text(page.person.name, page.title);
    return { title: PAGE_TEXT.title(page.title), text, link, ...(reply ? { reply } : {}) };
  }

  /** The escalation that paged the person in their current cycle, if one did. */
  private escalationInto(incidentId: string, person: Engagement): { origin: string; waited: number } | null {
    return this.escalations.get(`${incidentId}/${person.key}/${person.cycle}`) ?? null;
  }

  /**
   * For each person paged and not answered, on each roster whose primary they
   * were when paged: the plan's steps that fell due are paged, in order, until
   * someone in the plan acknowledges or joins.
   */
  private async escalate(incidentId: string, paging: IncidentPaging, engagement: Map<string, Engagement>, rosters: readonly Roster[], now: number): Promise<number | null> {
    let wake: number | null = null;
    for (const origin of engagement.values()) {
      if (origin.step !== 'paged' || !origin.pagedAt) continue;
      const pagedAt = Date.parse(origin.pagedAt);
      for (const roster of rosters) {
        const primary = roster.escalation && onCallAt(roster, 'primary', pagedAt);
        if (!primary || personKey(primary.person) !== origin.key) continue;
        const plan = escalationPlan(roster, pagedAt).slice(0, PAGE_LIMITS.steps + 1);
        const answered = plan.some(({ person }) => {
          const e = engagement.get(personKey(person));
          const at = e?.acknowledgedAt ?? e?.joinedAt;
          return e !== undefined && e.step !== 'released' && e.step !== 'paged' && at !== null && at !== undefined && Date.parse(at) >= pagedAt;
        });
        if (answered) continue;
        for (const [index, step] of plan.entries()) {
          if (index === 0) continue;
          if (paging.escalated.has(escalationKey(origin.name, origin.cycle, roster.id, index))) continue;
          const dueAt = pagedAt + step.atMinute * MINUTE;
          if (dueAt > now) {
            wake = earliest(wake, dueAt);
            break;
          }
          // A step that fell due long ago (the hub was down for hours) is not made late.
          if (now - dueAt > PAGE_FRESH_MS) continue;
          await this.escalateTo(incidentId, paging, engagement, origin, roster, index, step.person, Math.round((now - pagedAt) / MINUTE));
          if (this.deps.stopped?.()) return wake;
        }
      }
    }
    return wake;
  }

  private async escalateTo(
    incidentId: string,
    paging: IncidentPaging,
    engagement: Map<string, Engagement>,
    origin: Engagement,
    roster: Roster,
    step: number,
    to: string,
    waited: number,
  ): Promise<void> {
    const { spaceId, ledger } = this.deps;
    const id = pagerClaimId('escalation:', spaceId, incidentId, origin.key, origin.cycle, roster.id, step);
    if ((await ledger.claim(spaceId, id, 'escalation', this.deps.now())) === null) return;
    const current = engagement.get(personKey(to));
    const drafts: HubDraft[] = [];
    let toCycle: number;
    let wave: number;
    if (current?.step === 'paged') {
      // Paged already and not answering (a repeat of the plan): paged again, in a new wave of the same cycle.
      toCycle = current.cycle;
      wave = Math.max(0, ...(paging.waves.get(`${current.key}/${current.cycle}`) ?? [])) + 1;
    } else if (current && current.step !== 'released') {
      // In the room already: nobody to page.
      await ledger.finish(spaceId, id);
      paging.escalated.add(escalationKey(origin.name, origin.cycle, roster.id, step));
      return;
    } else {
      toCycle = current ? current.cycle + 1 : 1;
      wave = 0;
      drafts.push({ incidentId, type: 'participant.engaged', actor: DELIVERY_ACTOR, occurredAt: this.at(), payload: { person: to, step: 'paged' } });
    }
    if (wave > PAGE_LIMITS.waves) {
      await ledger.finish(spaceId, id);
      return;
    }
    drafts.push({
      incidentId,
      type: 'page.escalated',
      actor: DELIVERY_ACTOR,
      occurredAt: this.at(),
      payload: { origin: origin.name, originCycle: origin.cycle, roster: roster.id, rosterName: roster.name, step, to, toCycle, wave, waited },
    });
    await this.append(drafts);
    await ledger.finish(spaceId, id);
  }

  private at(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /** Where the page to `person` in their engagement cycle `cycle` stands now. */
  async standing(incidentId: string, person: string, cycle: number): Promise<PageStanding> {
    await this.catchUp();
    const paging = this.incidents.get(incidentId);
    const summary = paging && summarizeIncident(paging.incident);
    const current = paging && engagementOf(paging.roster).get(personKey(person));
    if (!paging || !summary || !current) return { status: 'unknown' };
    const about = { incident: summary.title, person: current.name };
    if (current.cycle !== cycle || current.step === 'released') return { status: 'over', ...about };
    if (current.step !== 'paged') return { status: 'acknowledged', ...about, at: (current.acknowledgedAt ?? current.joinedAt)! };
    if (!isOpenStatus(summary.status)) return { status: 'over', ...about };
    return { status: 'waiting', ...about };
  }

  /**
   * The person answered the page from its link: recorded as their
   * acknowledgement, once, however often the link is opened or by how many
   * hub processes at once.
   */
  async acknowledge(incidentId: string, person: string, cycle: number): Promise<PageStanding> {
    const before = await this.standing(incidentId, person, cycle);
    if (before.status !== 'waiting') return before;
    const { spaceId, ledger } = this.deps;
    const id = pagerClaimId('ack:', spaceId, incidentId, personKey(person), cycle);
    if ((await ledger.claim(spaceId, id, 'ack', this.deps.now())) !== null) {
      try {
        await this.append([
          { incidentId, type: 'participant.engaged', actor: before.person, occurredAt: this.at(), payload: { person: before.person, step: 'acknowledged' } },
        ]);
      } catch (error) {
        // Not recorded: the link must work when opened again.
        await ledger.retryAt(spaceId, id, 0).catch(() => undefined);
        throw error;
      }
      await ledger.finish(spaceId, id);
      return this.standing(incidentId, person, cycle);
    }
    // Being recorded by another request this moment: its record is the answer.
    for (let wait = 0; wait < ACK_WAITS; wait++) {
      await new Promise((resolve) => setTimeout(resolve, ACK_WAIT_MS));
      const now = await this.standing(incidentId, person, cycle);
      if (now.status !== 'waiting') return now;
    }
    return this.standing(incidentId, person, cycle);
  }

  /**
   * A text came back from `phone`: each page waiting for an answer from whoever has that number, whose reply
   * code the text holds (as a word of its own), is acknowledged. Resolves with how many were.
   */
  async acknowledgeReply(phone: string, text: string): Promise<number> {
    const replyCode = this.deps.replyCode;
    if (!replyCode) return 0;
    await this.catchUp();
    const words = new Set(text.split(/[^0-9A-Za-z]+/).filter(Boolean));
    const { contacts } = viewOrganisation(this.organisation).settings;
    const callers = new Set(contacts.filter((c) => c.phone && c.phone === phone).map((c) => personKey(c.name)));
    let acknowledged = 0;
    for (const [incidentId, paging] of this.incidents) {
      for (const person of engagementOf(paging.roster).values()) {
        if (person.step !== 'paged' || !callers.has(person.key)) continue;
        const code = await replyCode({ spaceId: this.deps.spaceId, incidentId, person: person.name, cycle: person.cycle });
        if (code && words.has(code) && (await this.acknowledge(incidentId, person.name, person.cycle)).status === 'acknowledged') acknowledged += 1;
      }
    }
    return acknowledged;
  }

  /**
   * A gateway reported what became of a message it took: recorded against
   * the page it names, once (the first report stands). Resolves with whether
   * it named a page of this space not reported yet.
   */
  async receipt(method: PageMethod, ref: string, outcome: 'delivered' | 'undelivered', detail: string): Promise<boolean> {
    await this.catchUp();
    const send = this.refs.get(`${method}\n${ref}`);
    if (!send) return false;
    const key = `${send.incidentId}\n${sendKey(send.person, send.cycle, send.wave, send.method)}`;
    if (this.reported.has(key)) return false;
    const { spaceId, ledger } = this.deps;
    const id = pagerClaimId('receipt:', spaceId, key);
    if ((await ledger.claim(spaceId, id, 'receipt', this.deps.now())) === null) return false;
    const { incidentId, person, cycle, wave } = send;
    await this.append([
      { incidentId, type: 'page.delivered', actor: DELIVERY_ACTOR, occurredAt: this.at(), payload: { person, cycle, wave, method, outcome, detail: cleanLine(detail).slice(0, LIMITS.reason) } },
    ]);
    await ledger.finish(spaceId, id);
    return true;
  }

  /** Folds what the log gained since the last read; reads that come together share one. */
  private catchUp(): Promise<void> {
    return (this.catching ??= this.readOn().finally(() => (this.catching = null)));
  }

  private async readOn(): Promise<void> {
    this.cursor = await foldLogFrom(this.deps.store, this.deps.spaceId, this.cursor, (event) => this.fold(event));
  }

  private fold(event: DomainEvent): void {
    if (event.incidentId === ORGANISATION_STREAM) {
      this.organisation = applyOrganisationEvent(this.organisation, event);
      return;
    }
    let paging = this.incidents.get(event.incidentId);
    if (!paging) {
      paging = { incident: emptyIncident(event.incidentId), roster: emptyRoster(event.incidentId), sent: new Set(), escalated: new Set(), waves: new Map() };
      this.incidents.set(event.incidentId, paging);
    }
    paging.incident = applyIncidentEvent(paging.incident, event);
    paging.roster = applyRosterEvent(paging.roster, event);
    if (event.type === 'page.sent') {
      const p = event.payload;
      paging.sent.add(sendKey(p.person, p.cycle, p.wave, p.method));
      if (p.outcome === 'sent') {
        // By event id: an event folded again (written here, then read back from the log) counts once.
        const key = `${personKey(p.person)}\n${p.method}`;
        const at = Date.parse(event.occurredAt);
        const kept = [...(this.sends.get(key) ?? new Map<string, number>())].filter(([, sentAt]) => at - sentAt < PAGE_FLOOD.windowMs);
        this.sends.set(key, new Map([...kept, [event.id, at]]));
      }
      if (p.ref) this.refs.set(`${p.method}\n${p.ref}`, { incidentId: event.incidentId, person: p.person, cycle: p.cycle, wave: p.wave, method: p.method });
    } else if (event.type === 'page.delivered') {
      const p = event.payload;
      this.reported.add(`${event.incidentId}\n${sendKey(p.person, p.cycle, p.wave, p.method)}`);
    } else if (event.type === 'page.escalated') {
      this.foldEscalation(event.incidentId, paging, event);
    }
  }

  private foldEscalation(incidentId: string, paging: IncidentPaging, event: EventOf<'page.escalated'>): void {
    const p = event.payload;
    paging.escalated.add(escalationKey(p.origin, p.originCycle, p.roster, p.step));
    const key = `${personKey(p.to)}/${p.toCycle}`;
    if (p.wave > 0) paging.waves.set(key, new Set([...(paging.waves.get(key) ?? []), p.wave]));
    this.escalations.set(`${incidentId}/${key}`, { origin: p.origin, waited: p.waited });
  }

  private async append(drafts: HubDraft[]): Promise<void> {
    const { parsed, head } = await this.deps.author.append(this.deps.spaceId, drafts);
    for (const event of parsed) this.fold(event);
    this.deps.advanced?.(this.deps.spaceId, head);
  }
}

