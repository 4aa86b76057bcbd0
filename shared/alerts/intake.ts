/**
 * The hub's front door for alerts. A request names an integration by its key;
 * the integration (an organisation setting, made on a console) says which
 * space and which format. Each notice is placed: a repeat of an alert goes to
 * the alert's group while that group is live, a new alert joins the live
 * group of its service or opens a group of its own, and a resolution of an
 * alert nobody has seen is only counted. Then it is written to the space's log
 * as the hub's own `alert.received`, in the incident's stream where its group
 * is attached to one. The hub folds its log as every console does, so what it
 * decides next depends on nothing but the log.
 *
 * Requests for one space are decided one batch at a time: requests that come
 * in together are placed in the order they came and written together.
 *
 * A notice that only repeats what its alert already is (firing again while it
 * fires, resolved again once resolved) is held for a moment: the repeats that
 * come in meanwhile are written as one event that counts them all, or go with
 * the alert's next change. A monitoring system that repeats hundreds of alerts
 * then costs the log, the hub and every console an event per alert per
 * moment, not one per notification. What is held is written when the hub
 * stops; only a crash loses it, and with it nothing but those repeats' count.
 */
import { SUGGESTED_BY_SEVERITY, alertKey, isLiveGroup, ruleTakes, serviceKey, type AlertGroupState, type AlertNotice, type Integration } from '../domain/alerts';
import { urgencyForServices } from '../domain/catalogues';
import { priorityOf } from '../domain/priority';
import { onCallAt, rostersForService } from '../domain/oncall';
import { LIMITS, cleanLine, nameKey } from '../domain/text';
import { applyAlertEvent, groupIdOf, isAlertEvent, noticeChanges } from '../domain/alertGroups';
import { ORGANISATION_STREAM, parseEvent, type DomainEvent } from '../domain/events';
import { applyOrganisationEvent, emptyOrganisation, viewOrganisation, type OrganisationState } from '../domain/organisation';
import { readNotification } from './formats';
import type { HubAuthor, HubDraft } from '../sync/hubAuthor';
import type { HubStore } from '../sync/hubStore';

/** Who writes alerts into the log, as the timeline shows it. */
export const ALERT_ACTOR = 'Warroom';

/** What became of one notice: the audit outcome every payload gets. */
export type NoticeOutcome =
  /**
   * A new alert: it opened a group, or joined its service's. An opened group may have declared an incident
   * by its integration's rule (`declared`: its id), and may be one the rules say should page someone.
   */
  | { kind: 'new'; dedupKey: string; group: string; declared?: string; page?: true }
  /** The same alert again (a repeat, an acknowledgement or a resolution at its source). */
  | { kind: 'repeat'; dedupKey: string; group: string }
  /** An acknowledgement or resolution of an alert nobody had seen here: nothing to change. */
  | { kind: 'ignored'; dedupKey: string };

export type IntakeAnswer =
  | { status: 'unknownKey' }
  | { status: 'revoked'; integration: Integration }
  | { status: 'refused'; integration: Integration; error: string }
  | { status: 'accepted'; integration: Integration; spaceId: string; outcomes: NoticeOutcome[]; head: number };

export type AlertIntakeDeps = {
  store: HubStore;
  author: HubAuthor;
  now: () => number;
  /** A dedup key for a PagerDuty trigger that brings none. */
  newDedupKey: () => string;
  /** The space's log advanced: poke its consoles. */
  advanced?: (spaceId: string, head: number) => void;
  /** Lets requests that came in meanwhile be read before a batch is decided, so they are written together. */
  yieldToIo?: () => Promise<void>;
  /** A new group the integration's paging rule takes: the hook paging fills in. */
  onPage?: (page: { spaceId: string; integration: Integration; group: string; notice: AlertNotice; paged: string[] }) => void;
  /** How long a repeat is held for the repeats after it (REPEAT_HOLD_MS). */
  repeatHoldMs?: number;
};

const PAGE = 1000;

/** Long enough for a storm's repeats to share an event, short enough that counts in the inbox keep up. */
export const REPEAT_HOLD_MS = 1000;

/** Repeats of one alert not written yet: the latest of them, and how many there were. */
type Held = { integration: Integration; notice: AlertNotice; group: string; repeats: number; at: number };

type Waiting = { keyHash: string; body: unknown; resolve: (answer: IntakeAnswer) => void; reject: (error: unknown) => void };

/** One space as the intake knows it: folded from its log up to `cursor`. */
class SpaceAlerts {
  cursor = 0;
  organisation: OrganisationState = emptyOrganisation();
  readonly groups = new Map<string, AlertGroupState>();
  /** The group each alert was last placed in. */
  readonly groupOfAlert = new Map<string, string>();
  /** The latest group opened for each service. */
  readonly groupOfService = new Map<string, string>();
  /** The integrations as the organisation's settings say now. */
  integrations: Integration[] = [];
  waiting: Waiting[] = [];
  draining = false;
  /** Told when a drain ends. */
  idle: (() => void)[] = [];
  /** Repeats held, by alert key, and whether it is time to write them. */
  readonly held = new Map<string, Held>();
  heldDue = false;
  holdTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly spaceId: string) {}
}

export class AlertIntake {
  private readonly spaces = new Map<string, SpaceAlerts>();
  /** Which space each key opens, as far as the logs were read. */
  private readonly keys = new Map<string, string>();
  private closed = false;

  constructor(private readonly deps: AlertIntakeDeps) {}

  /** Writes every repeat still held, after the requests in progress. Take no requests after it. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.spaces.values()].map(async (space) => {
        if (space.holdTimer) clearTimeout(space.holdTimer);
        space.holdTimer = null;
        if (space.draining) await new Promise<void>((resolve) => space.idle.push(resolve));
        if (space.held.size === 0) return;
        space.heldDue = true;
        await this.drain(space);
      }),
    );
  }

  /** Takes one request: `keyHash` is the SHA-256 of the key in its address, `body` its JSON. */
  async receive(keyHash: string, body: unknown): Promise<IntakeAnswer> {
    let spaceId = this.keys.get(keyHash);
    if (spaceId === undefined) {
      // A key made since the logs were last read: read what every space gained.
      await this.catchUpAll();
      spaceId = this.keys.get(keyHash);
      if (spaceId === undefined) return { status: 'unknownKey' };
    }
    const space = this.space(spaceId);
    return new Promise<IntakeAnswer>((resolve, reject) => {
      space.waiting.push({ keyHash, body, resolve, reject });
      if (!space.draining) void this.drain(space);
    });
  }

  private space(spaceId: string): SpaceAlerts {
    let space = this.spaces.get(spaceId);
    if (!space) this.spaces.set(spaceId, (space = new SpaceAlerts(spaceId)));
    return space;
  }

  private async catchUpAll(): Promise<void> {
    for (const record of await this.deps.store.listSpaces()) await this.catchUp(this.space(record.id));
  }

  /** Folds what the space's log gained: its integrations, and every alert event, the hub's own included. */
  private async catchUp(space: SpaceAlerts): Promise<void> {
    for (;;) {
      const { events } = await this.deps.store.page(space.spaceId, space.cursor, PAGE);
      let integrationsChanged = false;
      for (const { seq, event } of events) {
        space.cursor = seq;
        integrationsChanged = this.fold(space, event) || integrationsChanged;
      }
      if (integrationsChanged) this.indexKeys(space);
      if (events.length < PAGE) return;
    }
  }

  /** Folds one event of the space's log; true when it changed the integrations. */
  private fold(space: SpaceAlerts, event: unknown): boolean {
    const type = (event as { type?: unknown }).type;
    if (typeof type !== 'string' || !(type.startsWith('alert.') || type.startsWith('organisation.'))) return false;
    const parsed = parseEvent(event);
    return parsed.status === 'valid' && this.foldEvent(space, parsed.event);
  }

  private foldEvent(space: SpaceAlerts, e: DomainEvent): boolean {
    if (e.type === 'organisation.calendarFetched') {
      space.organisation = applyOrganisationEvent(space.organisation, e);
      return false;
    }
    if (e.type === 'organisation.settingChanged') {
      space.organisation = applyOrganisationEvent(space.organisation, e);
      if (e.payload.setting !== 'integrations') return false;
      space.integrations = viewOrganisation(space.organisation).settings.integrations;
      return true;
    }
    if (!isAlertEvent(e)) return false;
    const id = groupIdOf(e);
    space.groups.set(id, applyAlertEvent(space.groups.get(id), e));
    if (e.type === 'alert.received') {
      space.groupOfAlert.set(alertKey(e.payload.integration, e.payload.dedupKey), id);
      if (e.payload.group === '' && e.payload.service !== '') space.groupOfService.set(serviceKey(e.payload.service), id);
    }
    return false;
  }

  private indexKeys(space: SpaceAlerts): void {
    for (const [hash, spaceId] of this.keys) if (spaceId === space.spaceId) this.keys.delete(hash);
    // A key hash another space holds already stays that space's: a member cannot take over another space's key.
    for (const integration of space.integrations) if (!this.keys.has(integration.keyHash)) this.keys.set(integration.keyHash, space.spaceId);
  }

  /** Decides and writes every request waiting for the space, a batch at a time. */
  private async drain(space: SpaceAlerts): Promise<void> {
    space.draining = true;
    try {
      while (space.waiting.length || space.heldDue) {
        await this.deps.yieldToIo?.();
        const batch = space.waiting;
        space.waiting = [];
        try {
          // What consoles (or another hub process) wrote since: a head read is cheaper than a page.
          if ((await this.deps.store.head(space.spaceId)) > space.cursor) await this.catchUp(space);
          const answers = await this.decide(space, batch);
          batch.forEach((request, i) => request.resolve(answers[i]!));
        } catch (error) {
          for (const request of batch) request.reject(error);
          // Repeats held stay held, for another try after the hold; a sender told of the failure sends again.
          if (space.held.size) this.holdLater(space);
        }
      }
    } finally {
      space.draining = false;
      for (const tell of space.idle.splice(0)) tell();
    }
  }

  private async decide(space: SpaceAlerts, batch: readonly Waiting[]): Promise<IntakeAnswer[]> {
    const now = this.deps.now();
    const answers: IntakeAnswer[] = [];
    let drafts: HubDraft[] = [];
    /** Answers waiting for the head their events reached. */
    let unwritten: Extract<IntakeAnswer, { status: 'accepted' }>[] = [];
    let head = 0;
    /** Alerts with a change waiting in `drafts`: their state in `space.groups` is not theirs yet. */
    const decided = new Set<string>();
    const flush = async () => {
      if (drafts.length === 0) return;
      const written = await this.deps.author.append(space.spaceId, drafts);
      head = written.head;
      drafts = [];
      // Right after what was read: its own events are folded as written. Otherwise the log is read up to them.
      if (head === space.cursor + written.events.length) {
        for (const event of written.parsed) this.foldEvent(space, event);
        space.cursor = head;
      } else await this.catchUp(space);
      for (const answer of unwritten) answer.head = head;
      unwritten = [];
      decided.clear();
    };
    if (space.heldDue) {
      // Written before this batch's notices, which came in after them; kept if the store fails.
      const released = [...space.held];
      drafts = released.map(([, held]) => this.heldDraft(space, held));
      space.held.clear();
      space.heldDue = false;
      try {
        await flush();
      } catch (error) {
        for (const [key, held] of released) space.held.set(key, held);
        throw error;
      }
    }
    for (const { keyHash, body } of batch) {
      const integration = space.integrations.find((i) => i.keyHash === keyHash);
      if (!integration) {
        answers.push({ status: 'unknownKey' });
        continue;
      }
      if (integration.revoked) {
        answers.push({ status: 'revoked', integration });
        continue;
      }
      const read = readNotification(integration, body, { now, newDedupKey: this.deps.newDedupKey });
      if (!read.ok) {
        answers.push({ status: 'refused', integration, error: read.error });
        continue;
      }
      const answer: Extract<IntakeAnswer, { status: 'accepted' }> = { status: 'accepted', integration, spaceId: space.spaceId, outcomes: [], head };
      answers.push(answer);
      for (const notice of read.notices) {
        const placed = this.place(space, integration, notice, now);
        if (placed.kind === 'ignored') {
          answer.outcomes.push({ kind: 'ignored', dedupKey: notice.dedupKey });
          continue;
        }
        if (placed.kind === 'opens') {
          // Its group is named by its own event's id: written first, so the notices after it can join it.
          await flush();
          drafts.push(this.draft(integration, notice, '', ORGANISATION_STREAM, now, { repeats: 1, changed: true }));
          unwritten.push(answer);
          await flush();
          const group = space.groupOfAlert.get(alertKey(integration.id, notice.dedupKey)) ?? '';
          const outcome: NoticeOutcome = { kind: 'new', dedupKey: notice.dedupKey, group };
          const rules = integration.rules;
          const pages = rules !== undefined && ruleTakes(rules.page, notice.severity, notice.service);
          let paged: string[] = [];
          if (rules && ruleTakes(rules.declare, notice.severity, notice.service)) {
            paged = pages ? this.onCallFor(space, notice, now) : [];
            drafts.push(...this.declaration(space, integration, notice, group, now, paged));
            unwritten.push(answer);
            await flush();
            outcome.declared = space.groups.get(group)?.incident?.id ?? '';
          }
          if (pages) {
            outcome.page = true;
            this.deps.onPage?.({ spaceId: space.spaceId, integration, group, notice, paged });
          }
          answer.outcomes.push(outcome);
          continue;
        }
        const group = space.groups.get(placed.group)!;
        const key = alertKey(integration.id, notice.dedupKey);
        answer.outcomes.push({ kind: placed.kind, dedupKey: notice.dedupKey, group: placed.group });
        let held = space.held.get(key);
        if (held && held.group !== placed.group) {
          drafts.push(this.heldDraft(space, held));
          held = undefined;
        }
        const alert = group.alerts[key];
        // Compared with what is written: a change still in `drafts` makes the same notice after it a change too.
        if (placed.kind === 'repeat' && alert && !noticeChanges(alert, notice) && !decided.has(key)) {
          space.held.set(key, { integration, notice, group: placed.group, repeats: (held?.repeats ?? 0) + 1, at: now });
          this.holdLater(space);
          continue;
        }
        space.held.delete(key);
        decided.add(key);
        drafts.push(this.draft(integration, notice, placed.group, group.incident?.id ?? ORGANISATION_STREAM, now, { repeats: (held?.repeats ?? 0) + 1, changed: true }));
        unwritten.push(answer);
        // Later notices in this batch see this one as placed: a second new alert for the same key repeats it.
        if (placed.kind === 'new') space.groupOfAlert.set(key, placed.group);
      }
    }
    await flush();
    if (head > 0) this.deps.advanced?.(space.spaceId, head);
    return answers;
  }

  private place(space: SpaceAlerts, integration: Integration, notice: AlertNotice, now: number): { kind: 'new' | 'repeat'; group: string } | { kind: 'opens' } | { kind: 'ignored' } {
    const known = space.groupOfAlert.get(alertKey(integration.id, notice.dedupKey));
    const knownGroup = known === undefined ? undefined : space.groups.get(known);
    if (knownGroup && isLiveGroup(knownGroup, now)) return { kind: 'repeat', group: knownGroup.id };
    if (notice.action !== 'trigger') return { kind: 'ignored' };
    const byService = notice.service === '' ? undefined : space.groupOfService.get(serviceKey(notice.service));
    const serviceGroup = byService === undefined ? undefined : space.groups.get(byService);
    if (serviceGroup && isLiveGroup(serviceGroup, now)) return { kind: 'new', group: serviceGroup.id };
    return { kind: 'opens' };
  }

  /** Whoever is on call now as the primary of a roster answering for the notice's service. */
  private onCallFor(space: SpaceAlerts, notice: AlertNotice, now: number): string[] {
    const { rosters } = viewOrganisation(space.organisation).settings;
    const people = new Map<string, string>();
    for (const roster of notice.service ? rostersForService(rosters, notice.service) : []) {
      const person = onCallAt(roster, 'primary', now)?.person;
      if (person && !people.has(nameKey(person))) people.set(nameKey(person), person);
    }
    return [...people.values()];
  }

  /**
   * An incident declared by the integration's rule for a group just opened, and the group attached to it:
   * declared by the hub, saying which rule did it, with `paged` (whoever is on call for the service, when its
   * paging rule takes the group too) paged in it: the hub sends the pages, and escalates, as for any page.
   */
  private declaration(space: SpaceAlerts, integration: Integration, notice: AlertNotice, group: string, now: number, paged: readonly string[]): HubDraft[] {
    const { settings } = viewOrganisation(space.organisation);
    const suggested = SUGGESTED_BY_SEVERITY[notice.severity];
    const services = notice.service ? [notice.service] : [];
    const urgency = urgencyForServices(services, settings.services) ?? suggested.urgency;
    const declaredBy = cleanLine(`${ALERT_ACTOR} (alert rule of ${integration.name})`).slice(0, LIMITS.personName);
    const at = new Date(now).toISOString();
    const title = cleanLine(notice.service ? `${notice.service}: ${notice.title}` : notice.title).slice(0, LIMITS.title);
    const self = { ofDraft: 0 };
    return [
      {
        incidentId: self,
        type: 'incident.declared',
        actor: declaredBy,
        occurredAt: at,
        payload: {
          title,
          kind: 'service',
          services,
          impact: suggested.impact,
          urgency,
          priority: priorityOf(suggested.impact, urgency, settings.priorityMatrix),
          tier: 'normal',
          declaredBy,
          drill: false,
        },
      },
      {
        incidentId: self,
        type: 'alert.groupAttached',
        actor: declaredBy,
        occurredAt: at,
        payload: { group, about: notice.title, service: notice.service, severity: notice.severity, alerts: 1, firstAt: notice.startedAt || at },
      },
      ...paged.map(
        (person): HubDraft => ({ incidentId: self, type: 'participant.engaged', actor: declaredBy, occurredAt: at, payload: { person, step: 'paged' } }),
      ),
    ];
  }

  /** Writes the space's held repeats once the hold is over: one timer for all of them. */
  private holdLater(space: SpaceAlerts): void {
    if (space.holdTimer || this.closed) return;
    space.holdTimer = setTimeout(() => {
      space.holdTimer = null;
      space.heldDue = true;
      if (!space.draining) void this.drain(space);
    }, this.deps.repeatHoldMs ?? REPEAT_HOLD_MS);
  }

  /** Held repeats as one event: in the stream their group is in now, at the time of the latest. */
  private heldDraft(space: SpaceAlerts, held: Held): HubDraft {
    const stream = space.groups.get(held.group)?.incident?.id ?? ORGANISATION_STREAM;
    return this.draft(held.integration, held.notice, held.group, stream, held.at, { repeats: held.repeats, changed: false });
  }

  private draft(integration: Integration, notice: AlertNotice, group: string, stream: string, at: number, count: { repeats: number; changed: boolean }): HubDraft {
    return {
      incidentId: stream,
      type: 'alert.received',
      actor: ALERT_ACTOR,
      occurredAt: new Date(at).toISOString(),
      payload: {
        integration: integration.id,
        integrationName: integration.name,
        format: integration.format,
        action: notice.action,
        dedupKey: notice.dedupKey,
        title: notice.title,
        severity: notice.severity,
        service: notice.service,
        labels: notice.labels,
        links: notice.links,
        startedAt: notice.startedAt,
        group,
        ...count,
      },
    };
  }
}
