/**
 * The proof of convergence: thousands of random schedules of consoles, a hub
 * and bundle files, with lost, repeated and reordered frames, crashes at every
 * durable step, hub restarts and restores from backup, partitions and skewed
 * clocks. After each, the world is healed and must agree on everything.
 *
 *   SIM_RUNS=20000 SIM_SEED=7 npx vitest run shared/sync/simulation.test.ts
 *
 * On failure fast-check prints the shrunk schedule, one step a line, and the
 * error carries the tail of the simulation's trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { PLANTED_BUGS, type PlantedBug } from './testing/consoleModel';
import { describeSchedule, printable, scheduleArb, type Schedule, type Step } from './testing/schedule';
import { SimulationFailure, simulate, type SimStats } from './testing/simulation';

const log = (globalThis as unknown as { console: { info: (...args: unknown[]) => void } }).console;
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = Number(env.SIM_RUNS ?? 2000);
const SEED = Number(env.SIM_SEED ?? 20260301);

describe('sync simulation', () => {
  it(`converges after ${RUNS} random schedules (seed ${SEED})`, async () => {
    const totals: Partial<Record<keyof SimStats, number>> = {};
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(scheduleArb(), async (schedule) => {
        const stats = await simulate(schedule);
        for (const [key, value] of Object.entries(stats) as [keyof SimStats, number][]) totals[key] = (totals[key] ?? 0) + value;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    // What the schedules exercised, so a change that makes them toothless shows.
    log.info(`simulation: ${RUNS} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`, totals);
    expect(totals.crashes).toBeGreaterThan(0);
    expect(totals.restores).toBeGreaterThan(0);
    expect(totals.rejected).toBeGreaterThan(0);
    expect(totals.attacks).toBeGreaterThan(0);
    expect(totals.hostileRefused).toBeGreaterThan(totals.attacks ?? 0);
  }, 600_000);
});

/** Runs the property with one bug planted: how many runs and seconds until it failed, and (if shrinking) the smallest schedule. */
async function hunt(bug: PlantedBug, numRuns: number, shrink: boolean) {
  const started = Date.now();
  const details = await fc.check(
    fc.asyncProperty(scheduleArb(), async (schedule: Schedule) => {
      await simulate(schedule, { bugs: [bug] });
    }),
    { numRuns, seed: SEED, endOnFailure: !shrink },
  );
  return { details, seconds: (Date.now() - started) / 1000 };
}

/** Poking before the welcome was a bug while SyncConnection dropped early pokes; it keeps their head now, so it is harmless. */
const CATCHABLE = PLANTED_BUGS.filter((bug) => bug !== 'hubPokesBeforeWelcome');

describe('the harness catches planted bugs', () => {
  // Runs until the first failure, without shrinking; SIM_HUNT=1 below gives the figures and the shrunk schedules.
  it.each<PlantedBug>(CATCHABLE)('%s', async (bug) => {
    const { details } = await hunt(bug, 1000, false);
    expect(details.failed).toBe(true);
    expect(details.errorInstance).toBeInstanceOf(SimulationFailure);
  }, 120_000);
});

/**
 * Known bug in SyncConnection: a poke that reaches the console before its
 * welcome is dropped. The hub (server.ts, and this simulation's hub) sends a
 * catch-up poke right after a welcome whose head is already behind (a push
 * landed while the hello was being answered); if that poke overtakes the
 * welcome, the console settles as "synced" behind the hub and nothing wakes
 * it until someone else pushes. Over one WebSocket frames cannot overtake
 * each other, but the simulation reorders them anyway: SyncConnection keeps
 * the head of a poke that arrives before the welcome.
 */
describe('a poke that overtakes the welcome', () => {
  const schedule: Schedule = printable({
    config: { consoles: 2, skewsMs: [0, 0], driftsMsPerHour: [0, 0], batch: 1000, gated: true, limited: false },
    steps: [
      { op: 'connect', c: 1 },
      { op: 'deliver', c: 1, to: 'hub', pick: 0 }, // c1's hello
      { op: 'hub', pick: 0 }, // c1's space is found; its head (0) and vector are read, answers held
      { op: 'write', c: 0, act: 'title', n: 1 },
      { op: 'connect', c: 0 },
      { op: 'deliver', c: 0, to: 'hub', pick: 0 },
      { op: 'hub', pick: -1 },
      { op: 'hub', pick: -1 },
      { op: 'hub', pick: -1 }, // c0 welcomed
      { op: 'deliver', c: 0, to: 'console', pick: 0 },
      { op: 'deliver', c: 0, to: 'hub', pick: 0 }, // c0 pushes c0:1 and c0:2
      { op: 'hub', pick: -1 }, // stored: head 2, poked 2
      { op: 'hub', pick: 0 },
      { op: 'hub', pick: 0 }, // c1's welcome says head 0; the hub follows it with a catch-up poke 2
      { op: 'deliver', c: 1, to: 'console', pick: 1 }, // the poke overtakes the welcome
      { op: 'deliver', c: 1, to: 'console', pick: 0 },
    ],
  });

  it('is caught up when frames arrive in order', async () => {
    await simulate(schedule);
  });

  it('is caught up when the poke overtakes the welcome: the console keeps its head for the welcome', async () => {
    await simulate(schedule, { welcomeFirst: false });
  });
});

/**
 * SIM_HUNT=1: for every planted bug, how many runs and seconds until the
 * simulation caught it, and the shrunk schedule that shows it.
 */
describe.skipIf(!env.SIM_HUNT)('hunting planted bugs (SIM_HUNT=1)', () => {
  it.each<PlantedBug>(CATCHABLE)('%s', async (bug) => {
    const found = await hunt(bug, RUNS, false);
    const shrunk = found.details.failed ? await hunt(bug, RUNS, true) : null;
    const counterexample = shrunk?.details.counterexample?.[0] as Schedule | undefined;
    log.info(
      [
        `=== ${bug}: ${found.details.failed ? `caught at run ${found.details.numRuns} after ${found.seconds.toFixed(1)} s` : `NOT caught in ${RUNS} runs (${found.seconds.toFixed(1)} s)`}`,
        ...(shrunk && counterexample
          ? [
              `shrunk ${shrunk.details.numShrinks} times in ${(shrunk.seconds - found.seconds).toFixed(1)} s to ${counterexample.steps.length} steps:`,
              describeSchedule(counterexample),
              String((shrunk.details.errorInstance as Error | null)?.message ?? '').split('\n--- trace')[0],
            ]
          : []),
      ].join('\n'),
    );
  }, 3_600_000);
});


/**
 * Known limitation: a restore from backup under running hub processes (the
 * PostgreSQL database restored while stateless hubs keep their connections).
 * HubSession keeps the epoch it said hello with, so pages of the new log go
 * out labelled with the old epoch; connected consoles keep their old cursor,
 * never offer again what the hub lost (that happens at a welcome), and the
 * hub's "highest head poked" keeps new pushes quiet. All stays "synced" until
 * the consoles reconnect. The simulation restarts the hub with every restore;
 * this schedule shows what happens without. Turn `it.fails` into `it` once
 * sessions notice a replaced log (and the random schedules may then use `live`).
 */
describe('a restore under a running hub', () => {
  const deliverAll = Array.from({ length: 16 }, (): Step => ({ op: 'deliver', c: 0, to: 'hub', pick: 0 }));
  const schedule = (live: boolean): Schedule =>
    printable({
      config: { consoles: 2, skewsMs: [0, 0], driftsMsPerHour: [0, 0], batch: 1000, gated: false, limited: false },
      steps: [
        { op: 'write', c: 0, act: 'title', n: 1 },
        { op: 'write', c: 0, act: 'entry', n: 1 },
        { op: 'connect', c: 0 },
        { op: 'connect', c: 1 },
        ...deliverAll, // both synced at 3
        { op: 'restore', back: 2, live },
        { op: 'write', c: 0, act: 'status', n: 1 },
        { op: 'connect', c: 0 },
        { op: 'connect', c: 1 },
        ...deliverAll,
      ],
    });

  it('is caught up when the hub restarts with it', async () => {
    await simulate(schedule(false));
  });

  it.fails('leaves connected consoles behind when it does not (known HubSession limitation)', async () => {
    const outcome = await simulate(schedule(true)).then(
      () => 'converged',
      (error: Error) => error.message,
    );
    expect(outcome).not.toMatch(/^after healing:\nc0 holds events the hub neither holds nor refused: [a-z2-7]+:2 [a-z2-7]+:3/);
  });
});

