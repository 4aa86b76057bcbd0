import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE, DEFAULT_ROLES } from './catalogues';
import { CURRENT_VERSION, ENGAGEMENT_STEPS, parseEvent, type DomainEvent, type EngagementStep } from './events';
import { encodeHlc, receiveHlc, tickHlc } from './hlc';
import { nameKey } from './text';
import {
  applyRosterEvent,
  compareFatigue,
  engagementOf,
  engagementProblem,
  foldRoster,
  handOverProblem,
  holdersAfterAssign,
  releaseProblem,
  personKey,
  rolesOf,
  samePerson,
  standDownProblem,
  viewRoster,
  type Engagement,
  type RoleView,
} from './roster';

const DEVICES = ['aaaaaaaa01', 'bbbbbbbb02', 'cccccccc03'];
const INCIDENT = `${DEVICES[0]}:1`;
const BASE = Date.UTC(2026, 10, 21, 12, 0, 0);
const PEOPLE = ['Ana', 'ana', 'Bo', 'Cy', 'Dee'];
const ROLES = DEFAULT_ROLES.filter((r) => ['commander', 'scribe', 'expert'].includes(r.id));

type Step =
  | { op: 'assign'; device: number; role: number; person: number }
  | { op: 'step'; device: number; person: number; step: number; backdateMs: number }
  | { op: 'sync'; device: number; from: number }
  | { op: 'wait'; ms: number };

const device = fc.integer({ min: 0, max: DEVICES.length - 1 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('assign' as const), device, role: fc.nat({ max: ROLES.length - 1 }), person: fc.nat({ max: PEOPLE.length - 1 }) }),
  fc.record({
    op: fc.constant('step' as const),
    device,
    person: fc.nat({ max: PEOPLE.length - 1 }),
    step: fc.nat({ max: ENGAGEMENT_STEPS.length - 1 }),
    // Equal times matter: they are ordered by the clock.
    backdateMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600_000 })),
  }),
  fc.record({ op: fc.constant('sync' as const), device, from: device }),
  fc.record({ op: fc.constant('wait' as const), ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 })) }),
);

/** Several consoles with skewed clocks, each writing on what it has seen (so `prev` is real), syncing now and then. */
function run(skews: readonly number[], steps: readonly Step[]): DomainEvent[] {
  let wall = BASE;
  const seqs = DEVICES.map(() => 0);
  const clocks: (string | null)[] = DEVICES.map(() => null);
  const known: Map<string, DomainEvent>[] = DEVICES.map(() => new Map());
  const all: DomainEvent[] = [];
  const emit = (d: number, type: DomainEvent['type'], payload: unknown, occurredMs?: number) => {
    const deviceId = DEVICES[d]!;
    clocks[d] = tickHlc(clocks[d]!, wall + skews[d]!);
    seqs[d]! += 1;
    const parsed = parseEvent({
      id: `${deviceId}:${seqs[d]}`,
      incidentId: INCIDENT,
      type,
      v: CURRENT_VERSION[type],
      hlc: clocks[d]!,
      deviceId,
      deviceSeq: seqs[d]!,
      actor: `person ${d}`,
      occurredAt: new Date(occurredMs ?? wall + skews[d]!).toISOString(),
      payload,
    });
    if (parsed.status !== 'valid') throw new Error(JSON.stringify(parsed));
    known[d]!.set(parsed.event.id, parsed.event);
    all.push(parsed.event);
  };
  for (const step of steps) {
    if (step.op === 'wait') {
      wall += step.ms;
      continue;
    }
    const d = step.device;
    if (step.op === 'sync') {
      for (const event of known[step.from]!.values()) {
        if (known[d]!.has(event.id)) continue;
        known[d]!.set(event.id, event);
        clocks[d] = receiveHlc(clocks[d]!, event.hlc, wall + skews[d]!).hlc;
      }
      continue;
    }
    const person = PEOPLE[step.person]!;
    if (step.op === 'step') {
      const s = ENGAGEMENT_STEPS[step.step]!;
      emit(d, 'participant.engaged', s === 'released' ? { person, step: s, reason: 'not needed' } : { person, step: s }, wall + skews[d]! - step.backdateMs);
      continue;
    }
    const role = rolesOf(foldRoster(INCIDENT, known[d]!.values()), ROLES).find((r) => r.id === ROLES[step.role]!.id)!;
    emit(d, 'role.assigned', {
      role: role.id,
      roleName: role.name,
      holders: holdersAfterAssign(role, person),
      previousHolders: role.holders.map((h) => h.name),
      prev: role.heads,
    });
  }
  return all;
}

const historyArb = fc
  .tuple(fc.tuple(fc.integer({ min: -3_600_000, max: 3_600_000 }), fc.integer({ min: -120_000, max: 120_000 }), fc.integer({ min: -3_600_000, max: 3_600_000 })), fc.array(stepArb, { minLength: 1, maxLength: 50 }))
  .map(([skews, steps]) => run(skews, steps));

const shuffled = <T,>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });
const view = (events: Iterable<DomainEvent>) => viewRoster(foldRoster(INCIDENT, events), ROLES, new Set(['dee']));

describe('roster fold', () => {
  it('folds shuffled and duplicated event sets to the same state and view', () => {
    fc.assert(
      fc.property(
        historyArb.chain((events) => fc.tuple(fc.constant(events), shuffled(events), fc.subarray(events))),
        ([events, order, dups]) => {
          const expected = foldRoster(INCIDENT, events);
          expect(foldRoster(INCIDENT, [...order, ...dups])).toEqual(expected);
          expect(view([...dups, ...order])).toEqual(view(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applying events one at a time, in any order, equals folding the batch', () => {
    fc.assert(
      fc.property(
        historyArb.chain((events) => fc.tuple(fc.constant(events), shuffled(events))),
        ([events, order]) => {
          let state = foldRoster(INCIDENT, []);
          for (const event of order) state = applyRosterEvent(state, event);
          expect(state).toEqual(foldRoster(INCIDENT, events));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a one-seat role never shows more than one holder unless consoles disagree, and nothing concurrent is dropped', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const { roles } = view(events);
        const replaced = new Set(events.flatMap((e) => (e.type === 'role.assigned' ? e.payload.prev : [])));
        for (const role of roles) {
          if (role.seats === 'one') expect(role.holders.length).toBeLessThanOrEqual(1);
          // Every write nobody replaced is a live head: a conflict lists them all.
          const live = events.filter((e) => e.type === 'role.assigned' && e.payload.role === role.id && !replaced.has(e.id)).map((e) => e.id);
          expect([...role.heads].sort()).toEqual(live.sort());
          expect(role.conflict?.length ?? 1).toBe(Math.max(1, live.length));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never advises releasing someone who holds a role, owns a live hypothesis or is already released', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        for (const p of view(events).people) {
          if (p.couldRelease) {
            expect(p.roles).toEqual([]);
            expect(p.key).not.toBe('dee');
            expect(p.step).not.toBe('released');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

// ---- Worked examples ------------------------------------------------------------

let seq = 0;
function ev(type: DomainEvent['type'], payload: unknown, at: string, device = DEVICES[0]!): DomainEvent {
  seq += 1;
  const parsed = parseEvent({
    id: `${device}:${seq}`,
    incidentId: INCIDENT,
    type,
    v: 1,
    hlc: encodeHlc({ ms: Date.parse(at), counter: seq }),
    deviceId: device,
    deviceSeq: seq,
    actor: 'Ada',
    occurredAt: at,
    payload,
  });
  if (parsed.status !== 'valid') throw new Error(JSON.stringify(parsed));
  return parsed.event;
}
const step = (person: string, s: EngagementStep, at: string, reason?: string) =>
  ev('participant.engaged', s === 'released' ? { person, step: s, reason } : { person, step: s }, at);
const T = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

describe('engagement', () => {
  it('walks paged → acknowledged → joined → released, keeping each step’s time, and starts a new cycle when paged again', () => {
    const events = [step('Cy', 'paged', T(0)), step('Cy', 'acknowledged', T(2)), step('cy', 'joined', T(5)), step('Cy', 'released', T(30), 'not DNS')];
    let cy = engagementOf(foldRoster(INCIDENT, events)).get('cy')!;
    expect(cy).toMatchObject({ step: 'released', pagedAt: T(0), acknowledgedAt: T(2), joinedAt: T(5), releasedAt: T(30), releaseReason: 'not DNS', cycle: 1 });
    cy = engagementOf(foldRoster(INCIDENT, [...events, step('Cy', 'paged', T(90))])).get('cy')!;
    expect(cy).toMatchObject({ step: 'paged', pagedAt: T(90), acknowledgedAt: null, joinedAt: null, releasedAt: null, cycle: 2, since: T(90) });
  });

  it('orders steps by when they happened, not by when they were written', () => {
    // Written: joined first, then a backdated page.
    const events = [step('Bo', 'joined', T(10)), step('Bo', 'paged', T(1))];
    expect(engagementOf(foldRoster(INCIDENT, events)).get('bo')).toMatchObject({ step: 'joined', pagedAt: T(1), joinedAt: T(10), cycle: 1 });
  });

  it('an acknowledgement recorded after joining does not move the person back', () => {
    const events = [step('Bo', 'paged', T(0)), step('Bo', 'joined', T(3)), step('Bo', 'acknowledged', T(4))];
    expect(engagementOf(foldRoster(INCIDENT, events)).get('bo')).toMatchObject({ step: 'joined', since: T(3), acknowledgedAt: T(4) });
  });

  it('orders by fatigue: joined longest first, then those still awaited, then the released', () => {
    const e = (key: string, fields: Partial<Engagement>): Engagement => ({
      key, name: key, step: 'joined', pagedAt: null, acknowledgedAt: null, joinedAt: null, releasedAt: null, releaseReason: null, since: T(0), cycle: 1, ...fields,
    });
    const people = [
      e('late', { joinedAt: T(50) }),
      e('gone-early', { step: 'released', releasedAt: T(10) }),
      e('awaited', { step: 'paged', pagedAt: T(1) }),
      e('first', { joinedAt: T(5) }),
      e('gone-late', { step: 'released', releasedAt: T(40) }),
    ];
    expect(people.sort(compareFatigue).map((p) => p.key)).toEqual(['first', 'late', 'awaited', 'gone-late', 'gone-early']);
  });
});

describe('rules', () => {
  const role = (fields: Partial<RoleView>): RoleView => ({
    id: 'scribe', name: 'Scribe', seats: 'one', inCatalogue: true, holders: [], heads: [], conflict: null, ...fields,
  });
  const held = (...names: string[]) => names.map((name) => ({ name, key: name.toLowerCase(), since: T(0) }));

  it('refuses a hand-over to nobody, to an over-long name, or to the holder', () => {
    expect(handOverProblem(role({}), '')).toBe('nameRequired');
    expect(handOverProblem(role({}), 'x'.repeat(101))).toBe('nameTooLong');
    expect(handOverProblem(role({ holders: held('Ana') }), 'ANA')).toBe('alreadyHolds');
    expect(handOverProblem(role({ holders: held('Ana') }), 'Bo')).toBeNull();
    expect(handOverProblem(role({ seats: 'many', holders: held(...Array.from({ length: 50 }, (_, i) => `p${i}`)) }), 'Bo')).toBe('tooManyHolders');
  });

  it('hands a one-seat role over and adds to a many-seat one', () => {
    expect(holdersAfterAssign(role({ holders: held('Ana') }), 'Bo')).toEqual(['Bo']);
    expect(holdersAfterAssign(role({ seats: 'many', holders: held('Ana') }), 'Bo')).toEqual(['Ana', 'Bo']);
    expect(holdersAfterAssign(role({ seats: 'many', holders: held('Ana') }), 'ana')).toEqual(['Ana']);
  });

  it('never leaves command empty: standing down or releasing the commander needs a successor', () => {
    expect(standDownProblem(role({ id: COMMANDER_ROLE, holders: held('Ana') }), 'Ana')).toBe('commanderNeedsSuccessor');
    expect(standDownProblem(role({ holders: held('Ana') }), 'Bo')).toBe('notHolder');
    const ana = engagementOf(foldRoster(INCIDENT, [step('Ana', 'joined', T(0))])).get('ana');
    const base = { engagement: ana, person: 'Ana', reason: 'handing off', holdsCommander: true, successor: '' };
    expect(releaseProblem(base)).toBe('commanderNeedsSuccessor');
    expect(releaseProblem({ ...base, successor: 'ana' })).toBe('successorIsReleased');
    expect(releaseProblem({ ...base, successor: 'Bo' })).toBeNull();
    expect(releaseProblem({ ...base, holdsCommander: false, reason: '' })).toBe('reasonRequired');
    expect(releaseProblem({ ...base, holdsCommander: false, reason: 'x'.repeat(1001) })).toBe('reasonTooLong');
    expect(releaseProblem({ ...base, engagement: undefined })).toBe('notEngaged');
  });

  it('knows a person by the name key, whatever the spacing, case or composition of the name', () => {
    expect(samePerson('José  Martí', 'jose\u0301 MARTI\u0301')).toBe(true);
    expect(personKey('Ada\tLovelace')).toBe(nameKey('ada lovelace'));
    const joined = engagementOf(foldRoster(INCIDENT, [step('Jose\u0301', 'joined', T(0))]));
    expect(joined.get(personKey('José'))).toBeDefined();
  });

  it('allows only the next steps of engagement', () => {
    const at = (...events: DomainEvent[]) => engagementOf(foldRoster(INCIDENT, events)).get('cy');
    expect(engagementProblem(undefined, 'Cy', 'acknowledged')).toBe('notPaged');
    expect(engagementProblem(undefined, 'Cy', 'released')).toBe('notEngaged');
    expect(engagementProblem(undefined, 'Cy', 'joined')).toBeNull();
    expect(engagementProblem(at(step('Cy', 'paged', T(0))), 'Cy', 'paged')).toBeNull();
    expect(engagementProblem(at(step('Cy', 'joined', T(0))), 'Cy', 'acknowledged')).toBe('alreadyFurther');
    expect(engagementProblem(at(step('Cy', 'joined', T(0))), 'Cy', 'paged')).toBe('alreadyFurther');
    expect(engagementProblem(at(step('Cy', 'joined', T(0)), step('Cy', 'released', T(1), 'done')), 'Cy', 'paged')).toBeNull();
    expect(engagementProblem(undefined, '', 'paged')).toBe('nameRequired');
  });
});

describe('roles', () => {
  const assign = (role: string, roleName: string, holders: string[], previousHolders: string[], prev: string[], at: string, device?: string) =>
    ev('role.assigned', { role, roleName, holders, previousHolders, prev }, at, device);

  it('keeps showing a role that left the catalogue, under the name recorded when it was assigned', () => {
    const state = foldRoster(INCIDENT, [assign('liaison-emea', 'EMEA liaison', ['Eve'], [], [], T(0))]);
    const shown = rolesOf(state, DEFAULT_ROLES).find((r) => r.id === 'liaison-emea');
    expect(shown).toMatchObject({ name: 'EMEA liaison', inCatalogue: false, holders: [{ name: 'Eve' }] });
  });

  it('counts time held from when the holder first took the role, across additions by others', () => {
    const a = assign('expert', 'Subject-matter expert', ['Ana'], [], [], T(0));
    const b = assign('expert', 'Subject-matter expert', ['Ana', 'Bo'], ['Ana'], [a.id], T(20));
    const expert = rolesOf(foldRoster(INCIDENT, [b, a]), DEFAULT_ROLES).find((r) => r.id === 'expert')!;
    expect(expert.holders).toEqual([
      { name: 'Ana', key: 'ana', since: T(0) },
      { name: 'Bo', key: 'bo', since: T(20) },
    ]);
  });

  it('shows two consoles assigning the commander at once as a conflict, with no commander silently chosen', () => {
    const mine = assign(COMMANDER_ROLE, 'Incident commander', ['Ana'], [], [], T(0), DEVICES[0]);
    const theirs = assign(COMMANDER_ROLE, 'Incident commander', ['Bo'], [], [], T(0), DEVICES[1]);
    const roster = view([mine, theirs]);
    expect(roster.commander).toMatchObject({ holders: expect.arrayContaining(['Ana', 'Bo']), conflict: true });
    expect(roster.roles.find((r) => r.id === COMMANDER_ROLE)!.conflict).toHaveLength(2);
  });
});
