/**
 * A simulation schedule: the world (how many consoles, their clocks, the hub's
 * behaviour) and a list of steps, each a plain object that prints as one line.
 * Steps name consoles and queue positions modulo what exists, so every step
 * list is valid and fast-check can shrink freely: a step that finds nothing to
 * act on does nothing.
 */
import fc from 'fast-check';

import { ACTS, type Act } from './consoleModel';

export type SimConfig = {
  /** The temper of the run (which steps come up how often); the simulation itself does not read it. */
  profile?: Profile;
  consoles: number;
  /** Per console: its wall clock minus the true time, at the start. */
  skewsMs: number[];
  /** Per console: how much its clock gains (or loses) per hour. */
  driftsMsPerHour: number[];
  /** Events per push and per page. */
  batch: number;
  /** The hub's store answers when the schedule says (sessions interleave), or at once. */
  gated: boolean;
  /** The hub rate-limits consoles hard (requests get "rateLimited, retry after"). */
  limited: boolean;
};

export type Side = 'hub' | 'console';

export type Step =
  /** A person on console `c` does something (what `n` picks among what the console shows). */
  | { op: 'write'; c: number; act: Act; n: number }
  /** Console `c` opens a new connection (a new SyncConnection), unless it has one or is cut off. */
  | { op: 'connect'; c: number }
  /**
   * The `pick`-th frame in flight towards `to` on console `c`'s connection
   * arrives (0: the next in order). With none there, the oldest frame in
   * flight anywhere does. (Duplicate and drop pick their frame the same way.)
   */
  | { op: 'deliver'; c: number; to: Side; pick: number }
  /** As deliver, but a copy stays in flight and arrives again later. */
  | { op: 'duplicate'; c: number; to: Side; pick: number }
  /** A frame is lost; as over TCP, the connection then breaks `breakAfter` steps later. */
  | { op: 'drop'; c: number; to: Side; pick: number; breakAfter: number }
  /** The hub's store answers the `pick`-th call in flight: 0 the oldest, 1 the next…; -1 the newest, -2 the one before… */
  | { op: 'hub'; pick: number }
  /** Console `c` crashes at its `calls`-th durable store call from now (0: now), before or after it takes effect. */
  | { op: 'crash'; c: number; calls: number; applied: boolean }
  /** The hub process restarts: every connection drops, its store is kept. */
  | { op: 'restartHub' }
  /**
   * The hub is restored from a backup `back` events old: a new epoch, and what
   * came after is gone. The hub restarts with it, unless `live` (the database
   * restored under running hub processes; never generated, see the tests).
   */
  | { op: 'restore'; back: number; live?: boolean }
  /** Console `c` (or every console, c = -1) cannot reach the hub for `steps` steps. */
  | { op: 'partition'; c: number; steps: number }
  /** Console `c` writes a bundle file of all its events. */
  | { op: 'export'; c: number }
  /** Console `c` imports the `pick`-th bundle written so far. */
  | { op: 'import'; c: number; pick: number }
  /** Time passes (timers fire; clocks drift). */
  | { op: 'wait'; ms: number }
  /** A hostile member of the space tries one trick on console `c`'s events (simulation.ts, "the adversary"). */
  | { op: 'attack'; kind: AttackKind; c: number; pick: number };

/**
 * What a hostile member tries: push under console c's next ids (squat), push c's events with other content and
 * their seals (alter), push them without seals (strip), push them again as they are (replay), push events of its
 * own nested past the limits or larger than they allow (nest, bloat), or hand c a bundle of all of that (bundle).
 */
export const ATTACKS = ['squat', 'alter', 'strip', 'replay', 'nest', 'bloat', 'bundle'] as const;
export type AttackKind = (typeof ATTACKS)[number];

export type Schedule = { config: SimConfig; steps: Step[] };

export function describeStep(step: Step): string {
  switch (step.op) {
    case 'write':
      return `c${step.c} write ${step.act}#${step.n}`;
    case 'connect':
      return `c${step.c} connect`;
    case 'deliver':
    case 'duplicate':
      return `c${step.c} ${step.op} ->${step.to}${step.pick ? ` [${step.pick}]` : ''}`;
    case 'drop':
      return `c${step.c} drop ->${step.to}${step.pick ? ` [${step.pick}]` : ''}, break after ${step.breakAfter}`;
    case 'hub':
      return step.pick === 0 ? 'hub answers the oldest call' : step.pick < 0 ? `hub answers the newest call${step.pick < -1 ? ` but ${-step.pick - 1}` : ''}` : `hub answers call [${step.pick}]`;
    case 'crash':
      return step.calls === 0 ? `c${step.c} crash` : `c${step.c} crash at durable call ${step.calls} (${step.applied ? 'after' : 'before'} it takes effect)`;
    case 'restartHub':
      return 'hub restarts';
    case 'restore':
      return `hub restored ${step.back} events back${step.live ? ' under the running hub' : ''}`;
    case 'partition':
      return `${step.c < 0 ? 'all' : `c${step.c}`} cut off for ${step.steps} steps`;
    case 'export':
      return `c${step.c} exports a bundle`;
    case 'import':
      return `c${step.c} imports bundle [${step.pick}]`;
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'attack':
      return `the adversary tries ${step.kind} on c${step.c}'s events${step.pick ? ` [${step.pick}]` : ''}`;
  }
}

export function describeConfig(config: SimConfig): string {
  const clocks = config.skewsMs
    .slice(0, config.consoles)
    .map((skew, i) => `c${i} ${skew >= 0 ? '+' : ''}${Math.round(skew / 1000)}s ${config.driftsMsPerHour[i]! >= 0 ? '+' : ''}${Math.round(config.driftsMsPerHour[i]! / 1000)}s/h`);
  return `${config.profile ?? 'custom'}: ${config.consoles} consoles (${clocks.join(', ')}), batch ${config.batch}${config.gated ? ', gated hub store' : ''}${config.limited ? ', rate-limited' : ''}`;
}

export function describeSchedule(schedule: Schedule): string {
  return [describeConfig(schedule.config), ...schedule.steps.map((s, i) => `  ${i}: ${describeStep(s)}`)].join('\n');
}

/** Makes the schedule print as readable lines in fast-check's counterexample report. */
export function printable(schedule: Schedule): Schedule {
  return Object.defineProperty(schedule, fc.toStringMethod, { value: () => `\n${describeSchedule(schedule)}\n${JSON.stringify(schedule)}`, enumerable: false });
}

const MAX_CONSOLES = 4;

/**
 * How often each kind of step comes up. Runs differ in temper: some are an
 * ordinary mix, some a busy room on a slow hub database (sessions interleave,
 * answers come back out of order), some a storm of faults.
 */
export const PROFILES = {
  mixed: { write: 14, connect: 8, deliver: 30, hub: 10, duplicate: 1, drop: 1, crash: 2, restartHub: 1, restore: 1, partition: 1, export: 1, import: 1, wait: 3, attack: 1 },
  busy: { write: 16, connect: 10, deliver: 30, hub: 24, duplicate: 0, drop: 0, crash: 1, restartHub: 0, restore: 0, partition: 0, export: 1, import: 1, wait: 1, attack: 1 },
  stormy: { write: 12, connect: 10, deliver: 25, hub: 8, duplicate: 3, drop: 3, crash: 5, restartHub: 2, restore: 2, partition: 2, export: 2, import: 2, wait: 3, attack: 3 },
} satisfies Record<string, Record<Step['op'], number>>;
export type Profile = keyof typeof PROFILES;

export type ScheduleOptions = {
  maxSteps?: number;
  /** Odds (0..1) that a run lets clocks be hours off rather than minutes. */
  bigSkewOdds?: number;
};

/** Steps for `consoles` consoles of which the first `writers` are used by people (the others are wall screens). */
export function stepArb(profile: Profile, consoles: number, writers: number): fc.Arbitrary<Step> {
  const c = fc.integer({ min: 0, max: consoles - 1 });
  const to = fc.constantFrom<Side>('hub', 'console');
  const pick = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) });
  const act = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom<Act>('title', 'status', 'entry') },
    { weight: 3, arbitrary: fc.constantFrom<Act>(...ACTS) },
  );
  const arbitraries: { [Op in Step['op']]: fc.Arbitrary<Extract<Step, { op: Op }>> } = {
    write: fc.record({ op: fc.constant('write'), c: fc.integer({ min: 0, max: writers - 1 }), act, n: fc.nat({ max: 99 }) }),
    connect: fc.record({ op: fc.constant('connect'), c }),
    deliver: fc.record({ op: fc.constant('deliver'), c, to, pick }),
    hub: fc.record({ op: fc.constant('hub'), pick: fc.oneof(fc.constant(0), fc.constant(-1), fc.integer({ min: -3, max: 3 })) }),
    duplicate: fc.record({ op: fc.constant('duplicate'), c, to, pick }),
    drop: fc.record({ op: fc.constant('drop'), c, to, pick, breakAfter: fc.integer({ min: 0, max: 8 }) }),
    crash: fc.record({ op: fc.constant('crash'), c, calls: fc.integer({ min: 0, max: 4 }), applied: fc.boolean() }),
    restartHub: fc.constant({ op: 'restartHub' }),
    restore: fc.record({ op: fc.constant('restore'), back: fc.integer({ min: 0, max: 12 }) }),
    partition: fc.record({ op: fc.constant('partition'), c: fc.integer({ min: -1, max: consoles - 1 }), steps: fc.integer({ min: 1, max: 30 }) }),
    export: fc.record({ op: fc.constant('export'), c }),
    import: fc.record({ op: fc.constant('import'), c, pick: fc.nat({ max: 5 }) }),
    wait: fc.record({ op: fc.constant('wait'), ms: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120_000 })) }),
    attack: fc.record({ op: fc.constant('attack'), kind: fc.constantFrom<AttackKind>(...ATTACKS), c, pick: fc.nat({ max: 7 }) }),
  };
  const weighted = (Object.entries(PROFILES[profile]) as [Step['op'], number][])
    .filter(([, weight]) => weight > 0)
    .map(([op, weight]) => ({ weight, arbitrary: arbitraries[op] as fc.Arbitrary<Step> }));
  return fc.oneof(...weighted);
}

export function scheduleArb(options: ScheduleOptions = {}): fc.Arbitrary<Schedule> {
  const maxSteps = options.maxSteps ?? 120;
  const bigSkewOdds = options.bigSkewOdds ?? 0.1;
  const minutes = fc.integer({ min: -240_000, max: 240_000 });
  const hours = fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 });
  const clocks = (each: fc.Arbitrary<number>, n: number) => fc.array(each, { minLength: n, maxLength: n });
  const bigWeight = Math.round(bigSkewOdds * 100);
  const shape = fc
    .record({ profile: fc.constantFrom<Profile>('mixed', 'mixed', 'busy', 'stormy'), consoles: fc.integer({ min: 2, max: MAX_CONSOLES }) })
    .chain(({ profile, consoles }) => fc.record({ profile: fc.constant(profile), consoles: fc.constant(consoles), writers: fc.integer({ min: 1, max: consoles }) }));
  return shape
    .chain(({ profile, consoles, writers }) =>
      fc.record({
        config: fc.record({
          profile: fc.constant(profile),
          consoles: fc.constant(consoles),
          skewsMs:
            bigWeight > 0
              ? fc.oneof({ weight: 100 - bigWeight, arbitrary: clocks(minutes, consoles) }, { weight: bigWeight, arbitrary: clocks(fc.oneof(minutes, hours), consoles) })
              : clocks(minutes, consoles),
          driftsMsPerHour: clocks(fc.integer({ min: -30_000, max: 30_000 }), consoles),
          batch: fc.constantFrom(1000, 3, 1),
          gated: profile === 'busy' ? fc.constant(true) : fc.boolean(),
          limited: profile === 'busy' ? fc.constant(false) : fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        }),
        steps: fc.array(stepArb(profile, consoles, writers), { maxLength: maxSteps, size: 'max' }),
      }),
    )
    .map(printable);
}
