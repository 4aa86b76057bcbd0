import { describe, expect, it } from 'vitest';

import { DEFAULT_SCENARIOS } from '../runbooks/defaultScenarios';
import { DEFAULT_AUDIENCES } from './comms';
import { dueInjects, exerciseMessage, injectAt, nextInjectAt, scenarioProblems, scenarioSchema, scenariosSchema, type Scenario } from './drills';

const scenario: Scenario = {
  id: 'dns',
  title: 'DNS gone',
  briefing: '',
  incident: { title: 'DNS (exercise)', kind: 'service', services: [], impact: 'department', urgency: 'supporting' },
  injects: [
    { id: 'a', offsetSeconds: 0, kind: 'alert', title: 'Resolver timeouts', service: '', severity: 'error' },
    { id: 'b', offsetSeconds: 30, kind: 'entry', from: 'NOC', text: 'Half the sites cannot resolve' },
    { id: 'c', offsetSeconds: 30, kind: 'serviceDown', service: 'Mail' },
  ],
  version: 1,
};

describe('drill scenarios', () => {
  it('take the default scenario, which names nothing a new organisation lacks', () => {
    expect(scenariosSchema.safeParse(DEFAULT_SCENARIOS).success).toBe(true);
    expect(scenarioProblems(DEFAULT_SCENARIOS[0]!, { services: [], audiences: DEFAULT_AUDIENCES })).toEqual([]);
  });

  it('refuse injects listed out of the order they play, or twice, with the reason', () => {
    const outOfOrder = scenarioSchema.safeParse({ ...scenario, injects: [scenario.injects[1], scenario.injects[0]] });
    expect(outOfOrder.success).toBe(false);
    expect(JSON.stringify(outOfOrder.error?.issues)).toContain('inject a plays before b, listed above it: list injects in the order they play');
    const twice = scenarioSchema.safeParse({ ...scenario, injects: [scenario.injects[0], scenario.injects[0]] });
    expect(JSON.stringify(twice.error?.issues)).toContain('inject a is listed twice');
  });

  it('refuse hostile or malformed injects', () => {
    const bad = [
      { ...scenario.injects[1], text: 'x'.repeat(4_001) },
      { ...scenario.injects[1], from: 'NOC\u202e' },
      { ...scenario.injects[0], severity: 'apocalyptic' },
      { ...scenario.injects[0], offsetSeconds: -1 },
      { ...scenario.injects[0], offsetSeconds: 1.5 },
      { ...scenario.injects[0], kind: 'launchMissiles' },
      { ...scenario.injects[0], extra: true },
    ];
    for (const inject of bad) expect(scenarioSchema.safeParse({ ...scenario, injects: [inject] }).success, JSON.stringify(inject).slice(0, 60)).toBe(false);
  });

  it('name the services and audiences the settings do not hold', () => {
    expect(scenarioProblems({ ...scenario, incident: { ...scenario.incident, services: ['dns'] } }, { services: [{ name: 'DNS' }], audiences: [] })).toEqual([
      { kind: 'unknownService', inject: 'c', service: 'Mail' },
    ]);
  });

  it('play each inject once, at the start plus its offset', () => {
    const drill = { startedAt: '2026-12-07T12:00:00.000Z', injects: scenario.injects };
    expect(injectAt(drill.startedAt, scenario.injects[2]!)).toBe('2026-12-07T12:00:30.000Z');
    const at = (s: number) => Date.parse(drill.startedAt) + s * 1000;
    expect(dueInjects(drill, new Set(), at(29.999)).map((i) => i.id)).toEqual(['a']);
    expect(dueInjects(drill, new Set(['a']), at(30)).map((i) => i.id)).toEqual(['b', 'c']);
    expect(nextInjectAt(drill, new Set(['a']))).toBe(at(30));
    expect(nextInjectAt(drill, new Set(['a', 'b', 'c']))).toBeNull();
  });

  it('mark exercise messages once, on what is read first', () => {
    expect(exerciseMessage({ subject: 'Checkout', text: 'It is down' })).toEqual({ subject: '[EXERCISE] Checkout', text: 'It is down' });
    expect(exerciseMessage({ subject: '', text: 'It is down' })).toEqual({ subject: '', text: '[EXERCISE] It is down' });
    expect(exerciseMessage({ subject: '', text: ' [exercise] already said' })).toEqual({ subject: '', text: ' [exercise] already said' });
    expect(exerciseMessage({ subject: '[Exercise] Checkout', text: 'x' })).toEqual({ subject: '[Exercise] Checkout', text: 'x' });
  });
});

describe('a drill as it runs', () => {
  it('counts an inject played once, whatever it is called and however many times it was recorded', async () => {
    const { foldDrillRun, playedSet } = await import('./drillRun');
    const { encodeHlc } = await import('./hlc');
    const { parseEvent } = await import('./events');
    const injected = (seq: number, device: string) => {
      const parsed = parseEvent({
        id: `${device}:${seq}`,
        incidentId: 'aaaaaaaa01:1',
        type: 'drill.injected',
        v: 1,
        hlc: encodeHlc({ ms: Date.UTC(2026, 11, 7) + seq, counter: 0 }),
        deviceId: device,
        deviceSeq: seq,
        actor: 'Ana',
        occurredAt: '2026-12-07T00:00:00.000Z',
        payload: { inject: { id: 'constructor', offsetSeconds: 0, kind: 'entry', from: 'NOC', text: 'x' } },
      });
      if (parsed.status !== 'valid') throw new Error('refused');
      return parsed.event;
    };
    const events = [injected(10, 'zzzzzzzz99'), injected(9, 'zzzzzzzz99'), injected(2, 'aaaaaaaa01')];
    for (const order of [events, [...events].reverse()]) {
      const run = foldDrillRun('aaaaaaaa01:1', order);
      expect(playedSet(run)).toEqual(new Set(['constructor']));
      expect(run.played['constructor' as string]!.eventId).toBe('aaaaaaaa01:2');
    }
  });
});
