/**
 * Roles and engagement on one incident, folded from its events.
 *
 * Each role is a register (`role.assigned` names the writes it replaces), so
 * two consoles assigning one role at once leave two heads: a conflict a person
 * resolves. Engagement steps are facts, kept by event id and ordered per person
 * by when they happened (then clock): a person is paged, acknowledges, joins and
 * is released, and may be paged again later (a new cycle). Everything here is
 * keyed by event id, so folding in any order, with duplicates, gives one state.
 */
import { COMMANDER_ROLE, type Role, type RoleSeats } from './catalogues';
import { engagementCycles } from './engagement';
import type { DomainEvent, EngagementStep, EventOf } from './events';
import { deliveryFactOf, pageFactOf, pagesOfCycle, type DeliveryFact, type PageFact } from './pages';
import { emptyRegister, readRegister, writeRegister, type Register, type RegisterWrite } from './register';
import { LIMITS, nameKey } from './text';

export type RoleValue = { holders: string[]; roleName: string };

export type EngagementFact = {
  id: string;
  person: string;
  step: EngagementStep;
  reason?: string;
  occurredAt: string;
  hlc: string;
  deviceId: string;
};

export type RosterState = {
  incidentId: string;
  /** By role id. */
  roles: Record<string, Register<RoleValue>>;
  /** By event id. */
  facts: Record<string, EngagementFact>;
  /** The hub's pages (`page.sent`), by event id. Absent in rows stored before pages were sent. */
  pages?: Record<string, PageFact>;
  /** What gateways reported of them (`page.delivered`), by event id. */
  deliveries?: Record<string, DeliveryFact>;
};

export function emptyRoster(incidentId: string): RosterState {
  return { incidentId, roles: {}, facts: {}, pages: {} };
}

export type RosterEvent = EventOf<'role.assigned' | 'participant.engaged' | 'page.sent' | 'page.delivered'>;

export function isRosterEvent(event: DomainEvent): event is RosterEvent {
  return event.type === 'role.assigned' || event.type === 'participant.engaged' || event.type === 'page.sent' || event.type === 'page.delivered';
}

/** People are the same person whatever the case or spacing of their name: see `nameKey`. */
export function personKey(name: string): string {
  return nameKey(name);
}

export function samePerson(a: string, b: string): boolean {
  return personKey(a) === personKey(b);
}

export function applyRosterEvent(state: RosterState, event: DomainEvent): RosterState {
  return applyRosterEvents(state, [event]);
}

/**
 * Applies a batch (the input is not modified). Copies the state once per batch,
 * not once per event: a rebuild folds thousands of events into one row.
 */
export function applyRosterEvents(state: RosterState, events: Iterable<DomainEvent>): RosterState {
  let roles: Record<string, Register<RoleValue>> | null = null;
  let facts: Record<string, EngagementFact> | null = null;
  let pages: Record<string, PageFact> | null = null;
  let deliveries: Record<string, DeliveryFact> | null = null;
  for (const event of events) {
    if (event.incidentId !== state.incidentId) continue;
    if (event.type === 'role.assigned') {
      const { role, roleName, holders, prev } = event.payload;
      const current = (roles ?? state.roles)[role];
      if (current && Object.hasOwn(current.writes, event.id)) continue;
      roles ??= { ...state.roles };
      const write: RegisterWrite<RoleValue> = {
        id: event.id,
        hlc: event.hlc,
        deviceId: event.deviceId,
        value: { holders, roleName },
        prev,
        at: event.occurredAt,
      };
      // The batch's own copy of the register may be written in place; the caller's never is.
      if (current && current !== state.roles[role]) current.writes[event.id] = write;
      else roles[role] = writeRegister(current ?? emptyRegister<RoleValue>(), write);
    } else if (event.type === 'participant.engaged') {
      if (Object.hasOwn(facts ?? state.facts, event.id)) continue;
      facts ??= { ...state.facts };
      const p = event.payload;
      facts[event.id] = {
        id: event.id,
        person: p.person,
        step: p.step,
        ...(p.step === 'released' ? { reason: p.reason } : {}),
        occurredAt: event.occurredAt,
        hlc: event.hlc,
        deviceId: event.deviceId,
      };
    } else if (event.type === 'page.sent') {
      if (Object.hasOwn(pages ?? state.pages ?? {}, event.id)) continue;
      pages ??= { ...state.pages };
      pages[event.id] = pageFactOf(event);
    } else if (event.type === 'page.delivered') {
      if (Object.hasOwn(deliveries ?? state.deliveries ?? {}, event.id)) continue;
      deliveries ??= { ...state.deliveries };
      deliveries[event.id] = deliveryFactOf(event);
    }
  }
  if (!roles && !facts && !pages && !deliveries) return state;
  return {
    incidentId: state.incidentId,
    roles: roles ?? state.roles,
    facts: facts ?? state.facts,
    pages: pages ?? state.pages ?? {},
    deliveries: deliveries ?? state.deliveries ?? {},
  };
}

export function foldRoster(incidentId: string, events: Iterable<DomainEvent>): RosterState {
  return applyRosterEvents(emptyRoster(incidentId), events);
}

// ---- Engagement --------------------------------------------------------------

export type Engagement = {
  /** personKey of the name. */
  key: string;
  /** As last written. */
  name: string;
  /** Where the current cycle stands: the furthest step reached in it. */
  step: EngagementStep;
  /** Times of the current cycle's steps; null when the step was skipped or not reached yet. */
  pagedAt: string | null;
  acknowledgedAt: string | null;
  joinedAt: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  /** When the current step was reached. */
  since: string;
  /** 1 for the first time on the incident, 2 after being paged again following a release, … */
  cycle: number;
};

/** Each person's engagement, by person key: their current cycle (see `engagementCycles`). */
export function engagementOf(state: RosterState): Map<string, Engagement> {
  const out = new Map<string, Engagement>();
  for (const { key, name, cycles } of engagementCycles(Object.values(state.facts), (fact) => fact.occurredAt)) {
    const { pagedAt, acknowledgedAt, joinedAt, releasedAt, releaseReason, step, since } = cycles.at(-1)!;
    out.set(key, { key, name, step, pagedAt, acknowledgedAt, joinedAt, releasedAt, releaseReason, since, cycle: cycles.length });
  }
  return out;
}

export function isEngaged(engagement: Engagement | undefined): boolean {
  return engagement !== undefined && engagement.step !== 'released';
}

// ---- Roles -------------------------------------------------------------------

export type Holder = { name: string; key: string; since: string };

export type RoleView = {
  id: string;
  /** The catalogue's name; for a role no longer in the catalogue, the name recorded when it was assigned. */
  name: string;
  seats: RoleSeats;
  inCatalogue: boolean;
  holders: Holder[];
  /** What a new write of this role must name as replaced. */
  heads: string[];
  /** Every live value, best first, when two consoles assigned the role at once. */
  conflict: { id: string; holders: string[] }[] | null;
};

/**
 * Since when each holder of the shown value has held the role without a break:
 * walks back through the writes it replaced while they kept holding it.
 */
function holdersSince(register: Register<RoleValue>, head: RegisterWrite<RoleValue>): Holder[] {
  return head.value.holders.map((name) => {
    const key = personKey(name);
    let since = head.at ?? '';
    let cursor = head;
    const seen = new Set([head.id]);
    for (;;) {
      const earlier: RegisterWrite<RoleValue> | undefined = cursor.prev
        .map((id) => register.writes[id])
        .find((w): w is RegisterWrite<RoleValue> => !!w && !seen.has(w.id) && w.value.holders.some((h) => personKey(h) === key));
      if (!earlier) break;
      seen.add(earlier.id);
      if (earlier.at && earlier.at < since) since = earlier.at;
      cursor = earlier;
    }
    return { name, key, since };
  });
}

function roleViewOf(id: string, register: Register<RoleValue> | undefined, role: Role | undefined): RoleView | null {
  const read = register ? readRegister(register) : null;
  if (!read && !role) return null;
  const best = read?.heads[0];
  const recordedName = best?.value.roleName ?? id;
  const everMany = register ? Object.values(register.writes).some((w) => w.value.holders.length > 1) : false;
  return {
    id,
    name: role?.name ?? recordedName,
    seats: role?.seats ?? (everMany ? 'many' : 'one'),
    inCatalogue: role !== undefined,
    holders: register && best ? holdersSince(register, best) : [],
    heads: read ? read.heads.map((h) => h.id) : [],
    conflict: read && read.heads.length > 1 ? read.heads.map((h) => ({ id: h.id, holders: h.value.holders })) : null,
  };
}

/** The catalogue's roles in its order, then roles assigned here that have since left the catalogue. */
export function rolesOf(state: RosterState, catalogue: readonly Role[]): RoleView[] {
  const views: RoleView[] = [];
  const listed = new Set<string>();
  for (const role of catalogue) {
    listed.add(role.id);
    const view = roleViewOf(role.id, state.roles[role.id], role);
    if (view) views.push(view);
  }
  for (const id of Object.keys(state.roles).sort()) {
    if (listed.has(id)) continue;
    const view = roleViewOf(id, state.roles[id], undefined);
    // A role that left the catalogue and is vacant here has nothing left to show.
    if (view && (view.holders.length > 0 || view.conflict)) views.push(view);
  }
  return views;
}

/** Everyone a role's live values name: in a conflict, each disputed holder still counts as holding it. */
export function allHolders(view: RoleView): string[] {
  const names = view.conflict ? view.conflict.flatMap((c) => c.holders) : view.holders.map((h) => h.name);
  return uniquePeople(names);
}

export function uniquePeople(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = personKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- The roster as the console shows it -------------------------------------

export type PersonView = Engagement & {
  /** Names of the roles the person holds (or is disputed for). */
  roles: string[];
  holdsCommander: boolean;
  ownsLiveHypothesis: boolean;
  /** Engaged, holds no role and owns no live hypothesis: a candidate for release (mean time to innocence). */
  couldRelease: boolean;
  /** What the hub sent them in the current cycle, by each way of reaching them. */
  pages: PageFact[];
};

export type CommanderView = {
  roleName: string;
  /** Empty: nobody is in command. More than one: two consoles disagree (see conflict). */
  holders: string[];
  conflict: boolean;
};

export type RosterView = {
  roles: RoleView[];
  /** Engaged people, longest on the incident first; then those released, most recent first. */
  people: PersonView[];
  commander: CommanderView;
};

/**
 * Fatigue order: people who have joined, by how long ago (longest first); then
 * those paged or acknowledged but not yet in, by how long they have been waited
 * for; then released people, most recently released first.
 */
export function compareFatigue(a: Engagement, b: Engagement): number {
  const group = (e: Engagement) => (e.step === 'released' ? 2 : e.joinedAt ? 0 : 1);
  const ga = group(a);
  const gb = group(b);
  if (ga !== gb) return ga - gb;
  const at = (e: Engagement) => (ga === 0 ? e.joinedAt! : ga === 1 ? e.pagedAt ?? e.acknowledgedAt ?? e.since : e.releasedAt!);
  const ta = at(a);
  const tb = at(b);
  if (ta !== tb) return ga === 2 ? (ta < tb ? 1 : -1) : ta < tb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function commanderOf(roles: readonly RoleView[], catalogue: readonly Role[]): CommanderView {
  const view = roles.find((r) => r.id === COMMANDER_ROLE);
  const roleName = view?.name ?? catalogue.find((r) => r.id === COMMANDER_ROLE)?.name ?? COMMANDER_ROLE;
  if (!view) return { roleName, holders: [], conflict: false };
  return { roleName, holders: allHolders(view), conflict: view.conflict !== null };
}

/** @param liveOwners lower-cased names of people who own a live hypothesis. */
export function viewRoster(state: RosterState, catalogue: readonly Role[], liveOwners: ReadonlySet<string>): RosterView {
  const roles = rolesOf(state, catalogue);
  const rolesByPerson = new Map<string, string[]>();
  for (const role of roles) {
    for (const name of allHolders(role)) {
      const key = personKey(name);
      rolesByPerson.set(key, [...(rolesByPerson.get(key) ?? []), role.name]);
    }
  }
  const commander = commanderOf(roles, catalogue);
  const commanderKeys = new Set(commander.holders.map(personKey));
  const pages = Object.values(state.pages ?? {});
  const deliveries = Object.values(state.deliveries ?? {});
  const people: PersonView[] = [...engagementOf(state).values()].sort(compareFatigue).map((e) => {
    const held = rolesByPerson.get(e.key) ?? [];
    const ownsLiveHypothesis = liveOwners.has(e.key);
    return {
      ...e,
      roles: held,
      holdsCommander: commanderKeys.has(e.key),
      ownsLiveHypothesis,
      couldRelease: e.step !== 'released' && held.length === 0 && !ownsLiveHypothesis,
      pages: pagesOfCycle(pages, e.name, e.cycle, deliveries),
    };
  });
  return { roles, people, commander };
}

// ---- Rules a change must pass --------------------------------------------------

export type NameProblem = 'nameRequired' | 'nameTooLong';

/** The name as it will be stored is checked: callers clean it first. */
export function nameProblem(name: string): NameProblem | null {
  if (!name) return 'nameRequired';
  if (name.length > LIMITS.personName) return 'nameTooLong';
  return null;
}

export type AssignProblem = NameProblem | 'alreadyHolds' | 'tooManyHolders';

/** Whether `to` may take the role (handed over from whoever holds a one-seat role; added to a many-seat role). */
export function handOverProblem(role: Pick<RoleView, 'seats' | 'holders' | 'conflict'>, to: string): AssignProblem | null {
  const problem = nameProblem(to);
  if (problem) return problem;
  // Naming the holder again is how a conflict is settled; otherwise it changes nothing.
  if (!role.conflict && role.holders.some((h) => samePerson(h.name, to))) return 'alreadyHolds';
  if (role.seats === 'many' && role.holders.length >= LIMITS.holders) return 'tooManyHolders';
  return null;
}

/** Holders after `to` takes the role. A many-seat role in conflict keeps everyone either value named. */
export function holdersAfterAssign(role: RoleView, to: string): string[] {
  if (role.seats === 'one') return [to];
  return uniquePeople([...allHolders(role), to]);
}

/** Holders after `person` leaves the role. */
export function holdersAfterStandDown(role: RoleView, person: string): string[] {
  return allHolders(role).filter((name) => !samePerson(name, person));
}

export type StandDownProblem = 'commanderNeedsSuccessor' | 'notHolder';

/** Whether `person` may leave the role with nobody taking their place. */
export function standDownProblem(role: Pick<RoleView, 'id' | 'holders' | 'conflict'>, person: string): StandDownProblem | null {
  if (role.id === COMMANDER_ROLE) return 'commanderNeedsSuccessor';
  const names = role.conflict ? role.conflict.flatMap((c) => c.holders) : role.holders.map((h) => h.name);
  if (!names.some((name) => samePerson(name, person))) return 'notHolder';
  return null;
}

export type EngagementProblem = NameProblem | 'notPaged' | 'alreadyFurther' | 'notEngaged';

/** Whether `step` can be recorded next for someone whose engagement stands at `current`. */
export function engagementProblem(current: Engagement | undefined, person: string, step: EngagementStep): EngagementProblem | null {
  const problem = nameProblem(person);
  if (problem) return problem;
  const at = current && current.step !== 'released' ? current.step : null;
  switch (step) {
    case 'paged':
      // Paging again while waiting for an answer is a reminder; once they answered there is nobody to page.
      return at === null || at === 'paged' ? null : 'alreadyFurther';
    case 'acknowledged':
      return at === 'paged' ? null : at === null ? 'notPaged' : 'alreadyFurther';
    case 'joined':
      return at === 'joined' ? 'alreadyFurther' : null;
    case 'released':
      return at === null ? 'notEngaged' : null;
  }
}

export type ReleaseProblem =
  | EngagementProblem
  | 'reasonRequired'
  | 'reasonTooLong'
  | 'commanderNeedsSuccessor'
  | 'successorIsReleased'
  | 'successorTooLong';

/**
 * Releasing someone needs a reason; releasing the commander needs someone to
 * take command in the same breath: an incident is never left without one.
 * Text is checked as it will be stored: callers clean it first.
 */
export function releaseProblem(input: {
  engagement: Engagement | undefined;
  person: string;
  reason: string;
  holdsCommander: boolean;
  successor: string;
}): ReleaseProblem | null {
  const problem = engagementProblem(input.engagement, input.person, 'released');
  if (problem) return problem;
  if (!input.reason) return 'reasonRequired';
  if (input.reason.length > LIMITS.reason) return 'reasonTooLong';
  if (input.holdsCommander) {
    if (!input.successor) return 'commanderNeedsSuccessor';
    if (input.successor.length > LIMITS.personName) return 'successorTooLong';
    if (samePerson(input.successor, input.person)) return 'successorIsReleased';
  }
  return null;
}
